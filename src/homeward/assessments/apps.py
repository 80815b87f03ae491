"""The reunification assessment: household, carers' capacity, risk and protective factors, the child's
wishes, support needs, agencies consulted; evidence, goals and reviews (GAS), risk classifications."""

from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "homeward.assessments"
    label = "assessments"
    verbose_name = "Reunification assessments"

    def ready(self) -> None:
        from homeward.assessments.panels import reunification_panel
        from homeward.children.views import RECORD_PANELS

        if reunification_panel not in RECORD_PANELS:
            RECORD_PANELS.append(reunification_panel)
