"""A synthetic 903 history for the demo, imported like an analyst's upload (never real data)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model

from homeward.outcomes.models import Import903
from homeward.outcomes.services import import_paths

DEMO_MARK = "(synthetic demo)"


def load_demo_903(
    children: int = 3000, years: int = 6, seed: int = 1, username: str = "analyst"
) -> Import903:
    """Generate `years` yearly returns with the package's synth and import them as `username`, replacing
    any earlier demo import (real imports are left alone)."""
    from homeward.ssda903.synth import write_years

    Import903.objects.filter(imported_by_name__endswith=DEMO_MARK).delete()
    user = get_user_model().objects.filter(username=username).first()
    with tempfile.TemporaryDirectory(prefix="homeward-903-demo-") as tmp:
        summary = write_years(tmp, children=children, years=years, seed=seed)
        return import_paths([Path(f) for f in summary.files], user, who=f"{username} {DEMO_MARK}")
