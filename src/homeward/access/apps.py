from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "homeward.access"
    label = "access"
    verbose_name = "Access and audit"
