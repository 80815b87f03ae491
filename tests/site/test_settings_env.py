"""Monitoring settings come from the environment, as the README says."""

from __future__ import annotations

import os
import subprocess
import sys


def test_monitoring_settings_are_read_from_the_environment() -> None:
    env = {**os.environ, "MONITORING_MONTHS": "9", "MONITORING_ACKNOWLEDGE_DAYS": "3"}
    env["DJANGO_SETTINGS_MODULE"] = "homeward.site.settings"
    code = (
        "import django; django.setup();"
        "from homeward.monitoring import conf; print(conf.months(), conf.days_to_acknowledge())"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["9", "3"]
