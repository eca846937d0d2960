from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    name = "liuhen.workbench"
    verbose_name = "工作台"
