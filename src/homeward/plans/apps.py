"""The written agreement, the return plan and the support plan."""

from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "homeward.plans"
    label = "plans"
    verbose_name = "Written agreements and return plans"

    def ready(self) -> None:
        from homeward.children import panels
        from homeward.plans.panels import plans_panel

        panels.register(plans_panel, order=20)
