"""After the return: the monitoring period, visits, engagement with support, alerts and closure."""

from __future__ import annotations
