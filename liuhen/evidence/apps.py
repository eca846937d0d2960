from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "liuhen.evidence"
    verbose_name = "证据存储"
