"""After the return: the monitoring period, visits, engagement with support, alerts and closure."""

from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "homeward.monitoring"
    label = "monitoring"
    verbose_name = "Monitoring after a return"

    def ready(self) -> None:
        from homeward.children import flags, panels
        from homeward.monitoring import (
            alerts,  # noqa: F401 (registers the alert rules)
            stages,
        )
        from homeward.monitoring.panels import alert_flags, monitoring_panel

        stages.register()
        panels.register(monitoring_panel, order=15)
        flags.register(alert_flags, order=20)
