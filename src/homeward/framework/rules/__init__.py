"""The registry of rules: one module per rule, each with its id, kind, gates, source and docstring.

Like the DfE 903 validator's one-module-per-rule layout: a rule lives in `rules/<id with underscores>.py`
and defines `RULE`. `RULES` lists them in a stable order (gaps, then cautions, each alphabetical);
`RULES_BY_ID` finds one by id. Adding a rule: write its module, add it here, add its test module
tests/framework/rules/test_<id with underscores>.py (fires, silent, gaming cases).
"""

from __future__ import annotations

from types import MappingProxyType

from homeward.framework.model import Rule
from homeward.framework.rules import (
    adolescent_repeated_returns,
    agreement_incomplete,
    agreement_missing,
    agreement_missing_consequences,
    assessment_missing,
    assessment_stale,
    carer_capacity_not_assessed_separately,
    child_not_seen_alone,
    child_wishes_not_recorded,
    child_wishes_pressure_not_considered,
    household_member_not_assessed,
    insufficient_sustained_change,
    key_agency_absent,
    missing_from_care,
    neglect_or_emotional_abuse,
    new_household_member_since_assessment,
    no_contingency_plan,
    no_evidence_of_change,
    no_support_plan_after_return,
    parental_substance_misuse_continuing,
    placement_instability,
    previous_failed_return,
    progress_below_expected,
    return_plan_not_staged,
    risk_classification_missing,
    risky_parent_removed_only,
    s20_parent_may_remove,
    substance_misuse_stopped_unevidenced,
    timing_pressure,
    unplanned_previous_return,
    verbal_report_only,
    written_record_delayed,
)

GAP_RULES: tuple[Rule, ...] = (
    agreement_incomplete.RULE,
    agreement_missing.RULE,
    agreement_missing_consequences.RULE,
    assessment_missing.RULE,
    assessment_stale.RULE,
    carer_capacity_not_assessed_separately.RULE,
    child_not_seen_alone.RULE,
    child_wishes_not_recorded.RULE,
    child_wishes_pressure_not_considered.RULE,
    household_member_not_assessed.RULE,
    insufficient_sustained_change.RULE,
    key_agency_absent.RULE,
    no_contingency_plan.RULE,
    no_evidence_of_change.RULE,
    no_support_plan_after_return.RULE,
    return_plan_not_staged.RULE,
    risk_classification_missing.RULE,
    timing_pressure.RULE,
    verbal_report_only.RULE,
    written_record_delayed.RULE,
)
CAUTION_RULES: tuple[Rule, ...] = (
    adolescent_repeated_returns.RULE,
    missing_from_care.RULE,
    neglect_or_emotional_abuse.RULE,
    new_household_member_since_assessment.RULE,
    parental_substance_misuse_continuing.RULE,
    placement_instability.RULE,
    previous_failed_return.RULE,
    progress_below_expected.RULE,
    risky_parent_removed_only.RULE,
    s20_parent_may_remove.RULE,
    substance_misuse_stopped_unevidenced.RULE,
    unplanned_previous_return.RULE,
)
RULES: tuple[Rule, ...] = GAP_RULES + CAUTION_RULES
RULES_BY_ID = MappingProxyType({rule.id: rule for rule in RULES})

__all__ = ["CAUTION_RULES", "GAP_RULES", "RULES", "RULES_BY_ID"]
