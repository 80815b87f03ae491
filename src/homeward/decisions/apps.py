from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "homeward.decisions"
    label = "decisions"
