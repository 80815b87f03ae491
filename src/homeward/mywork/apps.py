"""My work: each person's start page, with what is waiting for them across their children's records."""

from django.apps import AppConfig


class MyworkConfig(AppConfig):
    name = "homeward.mywork"
    label = "mywork"
    verbose_name = "My work"
