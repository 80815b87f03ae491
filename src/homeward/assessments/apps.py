from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "homeward.assessments"
    label = "assessments"
