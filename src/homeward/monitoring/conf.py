"""The authority's monitoring settings: each is a Django setting, with the default used when unset."""

from __future__ import annotations

from django.conf import settings

from homeward import framework


def months(config: framework.Config | None = None) -> int:
    """How long a monitoring period lasts. Unset, the framework's months of support after a return
    (12: Wilkins & Farmer 2015) in `config` (the shipped one unless given), so the support plan and the
    monitoring period agree."""
    value = getattr(settings, "MONITORING_MONTHS", None)
    if value is not None:
        return int(value)
    return (config or framework.load_config()).support_months_after_return


def weeks_between_visits_after_return() -> int:
    """The local default cadence of visits after a return home (no regulation sets one)."""
    return int(getattr(settings, "MONITORING_VISIT_WEEKS_AFTER_RETURN", 4))


def seen_alone_visits() -> int:
    """The child not seen alone in this many visits in a row raises an alert."""
    return int(getattr(settings, "MONITORING_SEEN_ALONE_VISITS", 2))


def missed_appointments() -> tuple[int, int]:
    """(missed, out of): this many missed appointments among a service's last few raises an alert."""
    return (
        int(getattr(settings, "MONITORING_MISSED_APPOINTMENTS", 2)),
        int(getattr(settings, "MONITORING_MISSED_OUT_OF", 3)),
    )


def six_month_review_months() -> int:
    """When the outcome review is due after the period starts (the framework's 6 months)."""
    return int(getattr(settings, "MONITORING_REVIEW_MONTHS", 6))


def days_to_acknowledge() -> int:
    """Days a notification may wait for its acknowledgement before the worker is alerted (a local choice)."""
    return int(getattr(settings, "MONITORING_ACKNOWLEDGE_DAYS", 5))
