from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "liuhen.cases"
    verbose_name = "案件"
