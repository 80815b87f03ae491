"""After the return: the monitoring period, visits, engagement with support, alerts and closure."""

from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "homeward.monitoring"
    label = "monitoring"
    verbose_name = "Monitoring after a return"
