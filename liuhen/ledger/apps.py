from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "liuhen.ledger"
    verbose_name = "全过程留痕账本"
