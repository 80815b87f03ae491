"""The reunification demo added on top of the synthetic demo."""

from __future__ import annotations

from typing import Any

from homeward.assessments.models import Assessment
from homeward.decisions.models import Decision, Status


def test_the_demo_has_signed_assessments_and_a_signed_d1(demo: Any) -> None:
    signed = Assessment.objects.filter(signed_at__isnull=False).exclude(child=demo.showcase)
    assert signed.count() == 2
    d1 = Decision.objects.get(gate="D1")
    assert d1.status == Status.SIGNED_OFF and d1.responses.count() == len(d1.gaps) + len(d1.cautions)
    # The showcase's assessment is in progress, for the user to finish.
    assert not Assessment.objects.get(child=demo.showcase).is_signed
