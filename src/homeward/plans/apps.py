from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "homeward.plans"
    label = "plans"
    verbose_name = "Written agreements and return plans"

    def ready(self) -> None:
        from homeward.children.views import RECORD_PANELS
        from homeward.plans.panels import plans_panel

        if plans_panel not in RECORD_PANELS:
            RECORD_PANELS.append(plans_panel)
