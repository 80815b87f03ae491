from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "homeward.site"
    label = "site"
    verbose_name = "Homeward site"
