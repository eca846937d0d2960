from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "liuhen.api"
    label = "api"
    verbose_name = "接口"
