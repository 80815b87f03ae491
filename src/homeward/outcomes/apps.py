from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "homeward.outcomes"
    label = "outcomes"
