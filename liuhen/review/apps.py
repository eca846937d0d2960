from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "liuhen.review"
    label = "review"
    verbose_name = "法制审核"
