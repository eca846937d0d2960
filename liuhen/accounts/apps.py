from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "liuhen.accounts"
    verbose_name = "账号与角色"
