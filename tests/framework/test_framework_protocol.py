"""The rulebook in words: each rule's plain-words summary from its docstring, the settings it names, and
the authority's reunification protocol assembled from the configuration (a changed value changes it)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from homeward.framework import RULES, RULES_BY_ID, Config, Gate, load_config
from homeward.framework.config import DEFAULT_CONFIG_PATH
from homeward.framework.protocol import (
    SECTION_TITLES,
    SETTINGS,
    AfterReturn,
    Point,
    Protocol,
    protocol,
    rule_detail,
    rule_summary,
    rule_text,
    rules_text,
    setting_keys,
)

SHIPPED = Path(__file__).resolve().parents[2] / "src" / "homeward" / "framework" / DEFAULT_CONFIG_PATH


def _config_with(tmp_path: Path, old: str, new: str) -> Config:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "config.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_config(path)


def test_a_rules_summary_is_its_docstrings_first_paragraph_in_plain_words() -> None:
    rule = RULES_BY_ID["assessment-stale"]
    assert rule_summary(rule).startswith("The assessment, or a carer's capacity assessment, ")
    # A summary that runs over two lines of the docstring is one sentence.
    assert rule_summary(RULES_BY_ID["agreement-missing-consequences"]) == (
        "The written agreement does not say what happens if it is not kept."
    )
    for r in RULES:
        summary = rule_summary(r)
        assert not summary.startswith(r.id), r.id
        assert summary[:1].isupper() and "\n" not in summary, r.id
        assert "`" not in " ".join(rule_detail(r)), r.id


def test_the_settings_a_rule_uses_come_from_its_docstring_with_their_values_and_sources() -> None:
    config = load_config()
    stale = rule_text(RULES_BY_ID["assessment-stale"], config)
    days = f"{config.assessment_max_age_days} days"
    assert [(s.key, s.value) for s in stale.settings] == [("assessment.max_age_days", days)]
    assert stale.settings[0].source == config.sources["assessment"]
    # A section named in the docstring brings every setting in it.
    sustained = rule_text(RULES_BY_ID["insufficient-sustained-change"], config)
    assert {s.key for s in sustained.settings} == {k for k in SETTINGS if k.startswith("sustained_change.")}
    timing = rule_text(RULES_BY_ID["timing-pressure"], config)
    assert "timing.window_days" in {s.key for s in timing.settings}
    assert rule_text(RULES_BY_ID["s20-parent-may-remove"], config).settings == ()


def test_every_setting_a_rule_names_is_described() -> None:
    # A rule's docstring names its settings in backticks; each must be one the protocol can show.
    sections = {k.split(".")[0] for k in SETTINGS}
    for rule in RULES:
        for name in re.findall(r"`([a-z_]+\.[a-z_]+)`", rule.doc):
            assert name in SETTINGS, f"{rule.id} names `{name}`: describe it in protocol.SETTINGS"
        assert set(setting_keys(rule)) <= set(SETTINGS) | sections


def test_every_section_of_the_configuration_is_in_the_protocol() -> None:
    data = tomllib.loads(SHIPPED.read_text(encoding="utf-8"))
    sections = {k for k, v in data.items() if isinstance(v, dict)} - {"risk_bands"}
    assert sections == set(SECTION_TITLES), "add the new section to protocol.SECTION_TITLES"
    for key in SETTINGS:
        section, name = key.split(".")
        assert name in data[section], key


def test_rules_by_kind_hold_every_rule_once() -> None:
    by_kind = rules_text(load_config())
    assert [t.id for t in by_kind["gap"] + by_kind["caution"]] == [r.id for r in RULES]
    assert all(t.kind == "gap" for t in by_kind["gap"])
    assert by_kind["gap"][0].anchor == f"rule-{by_kind['gap'][0].id}"


def test_the_protocol_lists_at_each_gate_the_rules_that_apply_there() -> None:
    p = protocol(load_config())
    assert [s.gate for s in p.gates] == list(Gate)
    assert p.gates[0].question == "Should a return home be considered?"
    for section in p.gates:
        expected = [r.id for r in RULES if section.gate in r.gates]
        assert [t.id for t in section.gaps + section.cautions] == expected
    d1 = {t.id for t in p.gates[0].gaps}
    d3 = {t.id for t in p.gates[2].gaps}
    assert "no-contingency-plan" in d3 and "no-contingency-plan" not in d1
    assert p.config_version == "2026.1"
    assert [b.label for b in p.risk_bands] == ["Low", "Medium", "High", "Very high"]
    assert p.sustained_change == (
        "A case once classified High or Very high needs 6 months of classifications at Low or Medium "
        "before a return home."
    )


def _value(p: Protocol, key: str) -> str:
    return next(s.value for g in p.settings for s in g.settings if s.key == key)


def test_the_protocols_thresholds_are_the_configured_ones() -> None:
    config = load_config()
    p = protocol(config, labels={"christmas": "Christmas"})
    assert _value(p, "assessment.max_age_days") == f"{config.assessment_max_age_days} days"
    assert _value(p, "timing.window_days") == f"{config.timing_window_days} days either side"
    assert _value(p, "child.repeated_returns") == f"{config.repeated_returns} or more"
    assert _value(p, "gas.red_at_most") == "−2 or below"  # written with a minus sign, as a score
    assert _value(p, "gas.t_score_concern_below") == f"below {config.t_score_concern_below:g}"
    reasons = next(s for g in p.settings for s in g.settings if s.key == "timing.time_driven_reasons")
    assert "Christmas" in reasons.items and "christmas" not in reasons.items  # the form's words
    agencies = next(s for g in p.settings for s in g.settings if s.key == "agencies.needs")
    assert "domestic abuse: the police or a domestic abuse service" in agencies.items
    assert all(g.source for g in p.settings)


@pytest.mark.parametrize(
    ("old", "new", "key", "value"),
    [
        ("max_age_days = 270", "max_age_days = 400", "assessment.max_age_days", "400 days"),
        ("months = 6", "months = 7", "sustained_change.months", "7 months"),
        ("window_days = 7", "window_days = 14", "timing.window_days", "14 days either side"),
        ("repeated_returns = 2", "repeated_returns = 3", "child.repeated_returns", "3 or more"),
        ("max_write_up_days = 7", "max_write_up_days = 3", "evidence.max_write_up_days", "3 days"),
        (
            "t_score_concern_below = 40.0",
            "t_score_concern_below = 42.5",
            "gas.t_score_concern_below",
            "below 42.5",
        ),
    ],
)
def test_a_changed_configuration_changes_the_protocol(
    tmp_path: Path, old: str, new: str, key: str, value: str
) -> None:
    config = _config_with(tmp_path, old, new)
    assert _value(protocol(config), key) == value
    assert _value(protocol(load_config()), key) != value


def test_a_new_version_and_calendar_show_in_the_protocol(tmp_path: Path) -> None:
    config = _config_with(
        tmp_path,
        '{ name = "the October half term", date = 2026-10-26 }',
        '{ name = "the Northshire festival week", date = 2026-10-19 }',
    )
    calendar = next(s for g in protocol(config).settings for s in g.settings if s.key == "timing.calendar")
    assert "the Northshire festival week: 19 October 2026" in calendar.items
    assert (
        protocol(_config_with(tmp_path, 'version = "2026.1"', 'version = "2027.2"')).config_version
        == "2027.2"
    )


def test_what_happens_after_the_return_is_carried_as_given() -> None:
    after = AfterReturn(months=12, months_source="a source", visits=(Point(text="Every 4 weeks."),))
    p = protocol(load_config(), after_return=after)
    assert p.after_return is after
    assert protocol(load_config()).after_return is None
