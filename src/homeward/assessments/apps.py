"""The reunification assessment: household, carers' capacity, risk and protective factors, the child's
wishes, support needs, agencies consulted; evidence, goals and reviews (GAS), risk classifications."""

from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "homeward.assessments"
    label = "assessments"
    verbose_name = "Reunification assessments"
