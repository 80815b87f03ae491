"""The demo's synthetic 903 history is imported like an analyst's upload."""

from __future__ import annotations

import pytest

from homeward.outcomes.demo import load_demo_903
from homeward.outcomes.models import Import903
from homeward.outcomes.services import imported_dataset
from homeward.ssda903 import analyse

pytestmark = pytest.mark.django_db


def test_demo_import_gives_the_dashboard_something_to_show() -> None:
    imported = load_demo_903(children=400, years=3, seed=3)
    assert Import903.objects.get() == imported
    assert imported.files.count() == 6  # a Header and an Episodes file per year
    assert all(len(f.sha256) == 64 for f in imported.files.all())
    result = analyse(imported_dataset(imported))
    assert result.returns_home.planned > 0 and result.re_entry.re_entries > 0
    # Loading the demo again replaces the demo import rather than piling up copies.
    again = load_demo_903(children=400, years=3, seed=3)
    assert list(Import903.objects.all()) == [again]
