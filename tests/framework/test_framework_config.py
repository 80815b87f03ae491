"""The versioned configuration: defaults, sources, overrides, and clear errors."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from homeward.framework import CaseSnapshot, ConfigError, evaluate, load_config
from homeward.framework.config import DEFAULT_CONFIG_PATH
from homeward.framework.snapshot import CareHistory, SupportPlan

SHIPPED = Path(__file__).resolve().parents[2] / "src" / "homeward" / "framework" / DEFAULT_CONFIG_PATH


def test_defaults_and_their_sources() -> None:
    c = load_config()
    assert c.version == "2026.1"
    assert c.sustained_change_months == 6
    assert c.support_months_after_return == 12
    assert c.gas_rho == 0.3
    assert c.agencies_for_need["parental_mental_health"] == ("adult_mental_health",)
    assert c.agencies_for_need["domestic_abuse"] == ("police", "domestic_abuse_service")
    assert "christmas" in c.time_driven_reasons and "goals_met" not in c.time_driven_reasons
    assert c.risk_label("very_high") == "Very high"
    for section in (
        "sustained_change",
        "assessment",
        "evidence",
        "support",
        "child",
        "placements",
        "timing",
        "gas",
        "agencies",
        "risk_bands",
    ):
        assert c.sources[section], section


def _write(tmp_path: Path, old: str, new: str) -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "config.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_an_authority_can_tune_support_length_and_version(tmp_path: Path, clean: CaseSnapshot) -> None:
    path = _write(tmp_path, "months_after_return = 12", "months_after_return = 18")
    path.write_text(path.read_text().replace('version = "2026.1"', 'version = "leeds-3"'))
    cfg = load_config(path)
    s = replace(clean, support_plan=SupportPlan(months=12, summary="Family support worker twice a week"))
    assert evaluate(s, "D3").gaps == ()
    result = evaluate(s, "D3", cfg)
    assert [f.id for f in result.gaps] == ["no-support-plan-after-return"]
    assert "at least 18 months" in result.gaps[0].message
    assert result.config_version == "leeds-3"


def test_placement_threshold_is_configurable(tmp_path: Path, clean: CaseSnapshot) -> None:
    cfg = load_config(_write(tmp_path, "instability_threshold = 3", "instability_threshold = 2"))
    s = replace(clean, care_history=CareHistory(placements_in_current_period=2))
    assert "placement-instability" in {f.id for f in evaluate(s, "D1", cfg).cautions}
    assert "placement-instability" not in {f.id for f in evaluate(s, "D1").cautions}


def test_risk_band_labels_are_configurable(tmp_path: Path, clean: CaseSnapshot) -> None:
    cfg = load_config(_write(tmp_path, 'label = "Low"', 'label = "Green"'))
    assert any("classification is Green" in r for r in evaluate(clean, "D1", cfg).reasons)


def test_bad_values_are_each_named(tmp_path: Path) -> None:
    path = _write(tmp_path, "rho = 0.3", 'rho = "high"')
    path.write_text(path.read_text().replace('"christmas"', '"xmas"'))
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert any(m.startswith("gas.rho:") for m in info.value.messages)
    assert any(m.startswith("timing.time_driven_reasons: 'xmas'") for m in info.value.messages)


def test_missing_key_and_bad_toml(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="max_age_days: is required"):
        load_config(_write(tmp_path, "max_age_days = 270", ""))
    broken = tmp_path / "broken.toml"
    broken.write_text("version = ")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(broken)
    with pytest.raises(ConfigError, match="cannot be read"):
        load_config(tmp_path / "missing.toml")


def test_assessment_age_is_configurable(tmp_path: Path, clean: CaseSnapshot) -> None:
    path = _write(tmp_path, "max_age_days = 270", "max_age_days = 60")
    path.write_text(path.read_text().replace("months = 6\n", "months = 1\n", 1))
    cfg = load_config(path)
    # clean assessment completed 1 April 2026: 61 days before as_of
    assert clean.assessment is not None and clean.assessment.completed_on == date(2026, 4, 1)
    assert "assessment-stale" in {f.id for f in evaluate(clean, "D1", cfg).gaps}


def test_an_age_limit_within_the_months_of_sustained_change_is_refused(tmp_path: Path) -> None:
    # Six months of sustained change are part of the framework: an assessment may not go out of date
    # only because they passed.
    with pytest.raises(ConfigError) as info:
        load_config(_write(tmp_path, "max_age_days = 270", "max_age_days = 180"))
    assert any(m.startswith("assessment.max_age_days: 180 should be longer") for m in info.value.messages)
