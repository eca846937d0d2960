from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "liuhen.agencies"
    verbose_name = "执法主体与人员"
