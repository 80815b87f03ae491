"""The registry itself: every rule described, tested and listed; every finding carries its rule."""

from __future__ import annotations

import importlib
import pkgutil
import re

from typer.testing import CliRunner

import tests.ssda903.rules as rule_tests
from homeward.ssda903 import Severity, load
from homeward.ssda903.cli import app
from homeward.ssda903.rules import RULES, markdown
from homeward.ssda903.tables import COLUMNS
from tests.ssda903.helpers import FAKE_DATA, REPO

DFE_CODE = re.compile(r"\d{3,4}[A-Z]?")
HOMEWARD_CODE = re.compile(r"HW-\d\d")


def _test_names() -> set[str]:
    names: set[str] = set()
    for info in pkgutil.iter_modules(rule_tests.__path__):
        module = importlib.import_module(f"{rule_tests.__name__}.{info.name}")
        names |= {n for n in dir(module) if n.startswith("test_")}
    return names


def test_every_rule_has_its_own_test() -> None:
    """A test named after the rule: test_144_…, test_hw_02_… (a new rule fails here until it has one)."""
    names = _test_names()
    untested = [
        code
        for code in RULES
        if not any(n.startswith(f"test_{code.lower().replace('-', '_')}_") for n in names)
    ]
    assert untested == []


def test_every_rule_is_described() -> None:
    columns = set(COLUMNS["Header"]) | set(COLUMNS["Episodes"])
    for code, rule in RULES.items():
        assert rule.code == code
        assert DFE_CODE.fullmatch(code) or HOMEWARD_CODE.fullmatch(code), code
        assert rule.from_dfe == bool(DFE_CODE.fullmatch(code))
        assert rule.message.endswith(".") and rule.message[0].isupper(), code
        assert rule.fields and set(rule.fields) <= columns, code
        assert rule.severity in (Severity.ERROR, Severity.WARNING) and rule.kind, code


def test_homeward_codes_are_numbered_in_the_order_the_rules_run() -> None:
    ours = [code for code in RULES if code.startswith("HW-")]
    assert ours == [f"HW-{n:02d}" for n in range(1, len(ours) + 1)]


def test_every_finding_carries_the_rule_that_found_it() -> None:
    dataset = load([FAKE_DATA, REPO / "tests" / "data" / "ssda903-golden"])
    by_rule = [i for i in dataset.issues if i.code is not None]
    assert len({i.code for i in by_rule}) > 15
    for issue in by_rule:
        rule = RULES[issue.code or ""]
        assert (issue.kind, issue.severity) == (rule.kind, rule.severity), issue
        assert issue.column in rule.fields, issue
        assert issue.as_dict()["code"] == rule.code
    # Problems with a file as a whole are found on reading, before any rule runs.
    rule_kinds = {r.kind for r in RULES.values()}
    assert all(i.kind not in rule_kinds for i in dataset.issues if i.code is None)


def test_the_rules_document_is_the_registry() -> None:
    document = (REPO / "docs" / "ssda903-rules.md").read_text()
    assert document.endswith(markdown()), "run: homeward 903 rules --markdown, and paste it in"
    listed = re.findall(r"^\| ([0-9A-Z-]+) \|", document, re.M)
    assert listed == list(RULES)


def test_the_rules_command_lists_every_rule() -> None:
    shown = CliRunner().invoke(app, ["rules"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0
    for code, rule in RULES.items():
        assert re.search(rf"│ {re.escape(code)} +│ {rule.severity.value}", shown.output), code
    as_markdown = CliRunner().invoke(app, ["rules", "--markdown"])
    assert as_markdown.output == markdown()
