"""The registry: every required id present, one module per rule, sources, gates, no Django."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import homeward.framework.rules as rules_pkg
from homeward.framework import RULES, RULES_BY_ID, Gate

REQUIRED_GAPS = {
    "assessment-missing",
    "assessment-stale",
    "household-member-not-assessed",
    "carer-capacity-not-assessed-separately",
    "written-record-delayed",
    "verbal-report-only",
    "key-agency-absent",
    "no-evidence-of-change",
    "insufficient-sustained-change",
    "child-wishes-not-recorded",
    "child-wishes-pressure-not-considered",
    "child-not-seen-alone",
    "agreement-missing",
    "agreement-missing-consequences",
    "return-plan-not-staged",
    "timing-pressure",
    "no-support-plan-after-return",
    "no-contingency-plan",
}
REQUIRED_CAUTIONS = {
    "previous-failed-return",
    "parental-substance-misuse-continuing",
    "neglect-or-emotional-abuse",
    "unplanned-previous-return",
    "placement-instability",
    "s20-parent-may-remove",
    "adolescent-repeated-returns",
    "risky-parent-removed-only",
    "new-household-member-since-assessment",
}
FRAMEWORK = Path(rules_pkg.__file__).resolve().parent.parent


def test_every_required_rule_is_registered_with_its_kind() -> None:
    assert {r.id for r in RULES if r.kind == "gap"} >= REQUIRED_GAPS
    assert {r.id for r in RULES if r.kind == "caution"} >= REQUIRED_CAUTIONS
    assert len(RULES_BY_ID) == len(RULES)


def test_one_module_per_rule_named_after_its_id() -> None:
    modules = {m.name for m in pkgutil.iter_modules(rules_pkg.__path__)}
    assert modules == {r.id.replace("-", "_") for r in RULES}
    for rule in RULES:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.id)
        assert rule.doc.startswith(f"{rule.id} ({rule.kind})"), rule.id
        assert re.search(r"(19|20)\d\d", rule.source), rule.id  # document and year
        assert rule.gates and rule.why_these_gates and rule.title


def test_gates_chosen_for_the_practice_stages() -> None:
    assert RULES_BY_ID["assessment-missing"].gates == set(Gate)
    assert RULES_BY_ID["agreement-missing"].gates == {Gate.D2, Gate.D3}
    for rule_id in ("return-plan-not-staged", "no-support-plan-after-return", "no-contingency-plan"):
        assert RULES_BY_ID[rule_id].gates == {Gate.D3}
    assert all(RULES_BY_ID[c].gates == set(Gate) for c in REQUIRED_CAUTIONS)


def test_no_django_anywhere_in_the_framework() -> None:
    for path in FRAMEWORK.rglob("*.py"):
        assert not re.search(r"^\s*(from|import)\s+django", path.read_text(), re.M), path
    code = "import sys, homeward.framework, homeward.framework.cli; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False, timeout=60).returncode == 0


def test_rules_never_read_the_clock() -> None:
    for path in (FRAMEWORK / "rules").glob("*.py"):
        text = path.read_text()
        assert "date.today" not in text and "datetime.now" not in text and "time.time" not in text, path


def test_readme_rule_table_is_current() -> None:
    from homeward.framework.docs import rules_markdown

    readme = (FRAMEWORK / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- rules:start -->\n", 1)[1].split("<!-- rules:end -->", 1)[0]
    assert table == rules_markdown()


def test_legal_status_codes_match_the_903_code_list() -> None:
    from homeward.framework.snapshot import LEGAL_STATUS_CODES, REASON_CEASED_CODES
    from homeward.ssda903.codes import LEGAL_STATUS, REASON_EPISODE_CEASED

    assert set(LEGAL_STATUS_CODES) == set(LEGAL_STATUS)
    assert set(REASON_CEASED_CODES) == set(REASON_EPISODE_CEASED)


def test_every_rule_has_its_own_test_module() -> None:
    """A new rule without tests/framework/rules/test_<id>.py (fires, silent, gaming cases) fails here."""
    tests = Path(__file__).resolve().parent / "rules"
    missing = [r.id for r in RULES if not (tests / f"test_{r.id.replace('-', '_')}.py").is_file()]
    assert missing == []
    for rule in RULES:
        text = (tests / f"test_{rule.id.replace('-', '_')}.py").read_text(encoding="utf-8")
        assert f'RULE = "{rule.id}"' in text, rule.id
