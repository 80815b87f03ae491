from django.apps import AppConfig


class BaseConfig(AppConfig):
    name = "homeward.base"
    label = "base"
    verbose_name = "Homeward building blocks"
