"""risk-classification-missing: no classification by D1; none after the goals were reviewed (RC2) by D2."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.framework.rules.helpers import find

from homeward.framework import CaseSnapshot
from homeward.framework.snapshot import RiskClassification

RULE = "risk-classification-missing"


def test_fires_at_d1_without_any_classification(clean: CaseSnapshot) -> None:
    f = find(replace(clean, risk_classifications=()), RULE, "D1")
    assert f is not None and f.kind == "gap"
    assert "has not classified the risk (RC1, after the assessment)" in f.message


def test_rc1_is_enough_at_d1_but_not_at_d2(clean: CaseSnapshot) -> None:
    rc1_only = replace(clean, risk_classifications=clean.risk_classifications[:1])
    assert find(rc1_only, RULE, "D1") is None
    f = find(rc1_only, RULE, "D2")
    assert f is not None and "after the goals were reviewed (RC2)" in f.message
    assert find(clean, RULE, "D2") is None


def test_a_classification_dated_after_the_decision_does_not_count(clean: CaseSnapshot) -> None:
    future = (
        clean.risk_classifications[0],
        RiskClassification(point="RC2", level="low", classified_on=date(2026, 6, 2)),
    )
    assert find(replace(clean, risk_classifications=future), RULE, "D3") is not None
    only_future = (RiskClassification(point="RC1", level="low", classified_on=date(2026, 6, 2)),)
    assert find(replace(clean, risk_classifications=only_future), RULE, "D1") is not None
    on_the_day = (replace(future[1], classified_on=clean.as_of),)
    assert find(replace(clean, risk_classifications=on_the_day), RULE, "D2") is None
