"""The framework's configuration: one versioned TOML file of everything an authority may tune.

The defaults ship in `config.toml` beside this module, each section with its source. `load_config()`
reads it (or another file) into a typed, immutable `Config`; a malformed file raises `ConfigError`
naming each problem. Every evaluation records `Config.version`.
"""

from __future__ import annotations

import functools
import tomllib
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from homeward.framework.snapshot import AgencyType, NeedType, RiskLevel, TimingReason

_RISK_LEVELS = typing.get_args(RiskLevel)
_AGENCIES = typing.get_args(AgencyType)
_NEEDS = typing.get_args(NeedType)
_TIMING = typing.get_args(TimingReason)


class ConfigError(ValueError):
    """A malformed configuration file; `messages` lists every problem."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = list(messages)
        super().__init__(
            "The framework configuration is not valid:\n" + "\n".join(f"- {m}" for m in messages)
        )


@dataclass(frozen=True, kw_only=True)
class RiskBand:
    label: str
    description: str


@dataclass(frozen=True, kw_only=True)
class Config:
    """Every tunable setting of the rulebook (see config.toml for the meaning and source of each)."""

    version: str
    risk_bands: Mapping[str, RiskBand]
    sustained_change_months: int
    sustained_change_triggered_by: frozenset[str]
    sustained_change_levels: frozenset[str]
    assessment_max_age_days: int
    max_write_up_days: int
    support_months_after_return: int
    adolescent_age: int
    repeated_returns: int
    placement_instability_threshold: int
    time_driven_reasons: frozenset[str]
    timing_window_days: int
    timing_words: tuple[str, ...]
    timing_fixed_days: tuple[tuple[str, int, int], ...]  # (name, month, day)
    timing_calendar: tuple[tuple[str, date], ...]  # (name, date)
    gas_rho: float
    gas_red_at_most: int
    gas_green_at_least: int
    t_score_concern_below: float
    agencies_for_need: Mapping[str, tuple[str, ...]]
    sources: Mapping[str, str]

    def risk_label(self, level: str) -> str:
        band = self.risk_bands.get(level)
        return band.label if band else level


DEFAULT_CONFIG_PATH = "config.toml"


class _Reader:
    """Reads typed values out of the parsed TOML, collecting every problem instead of stopping."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.messages: list[str] = []

    def get(self, dotted: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                self.messages.append(f"{dotted}: is required")
                return default
            node = node[part]
        if not isinstance(node, kind) or (isinstance(node, bool) and kind in (int, float, (int, float))):
            self.messages.append(f"{dotted}: {node!r} should be {getattr(kind, '__name__', kind)}")
            return default
        return node

    def strings(self, dotted: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        values = self.get(dotted, list, [])
        out: list[str] = []
        for v in values:
            if v not in allowed:
                self.messages.append(f"{dotted}: {v!r} is not one of {', '.join(allowed)}")
            else:
                out.append(v)
        return tuple(out)


def _fixed_days(r: _Reader) -> tuple[tuple[str, int, int], ...]:
    out = []
    for i, entry in enumerate(r.get("timing.fixed_days", list, [])):
        try:
            name, month, day = str(entry["name"]), int(entry["month"]), int(entry["day"])
            date(2024, month, day)  # a real day of the year (2024: a leap year)
        except (KeyError, TypeError, ValueError):
            r.messages.append(f"timing.fixed_days[{i}]: needs a name, a month and a day of that month")
            continue
        out.append((name, month, day))
    return tuple(out)


def _calendar(r: _Reader) -> tuple[tuple[str, date], ...]:
    out = []
    for i, entry in enumerate(r.get("timing.calendar", list, [])):
        when = entry.get("date") if isinstance(entry, dict) else None
        if not isinstance(when, date) or not isinstance(entry.get("name"), str):
            r.messages.append(f"timing.calendar[{i}]: needs a name and a date (e.g. 2026-09-03)")
            continue
        out.append((entry["name"], when))
    return tuple(out)


def _parse(data: dict[str, Any]) -> Config:
    r = _Reader(data)
    bands: dict[str, RiskBand] = {}
    for level in _RISK_LEVELS:
        bands[level] = RiskBand(
            label=r.get(f"risk_bands.{level}.label", str, level),
            description=r.get(f"risk_bands.{level}.description", str, ""),
        )
    needs_table = r.get("agencies.needs", dict, {})
    agencies_for_need: dict[str, tuple[str, ...]] = {}
    for need in needs_table:
        if need not in _NEEDS:
            r.messages.append(f"agencies.needs.{need}: is not a known need ({', '.join(_NEEDS)})")
            continue
        agencies_for_need[need] = r.strings(f"agencies.needs.{need}", _AGENCIES)
    sources = {
        key: value["source"]
        for key, value in data.items()
        if isinstance(value, dict) and isinstance(value.get("source"), str)
    }
    config = Config(
        version=r.get("version", str, ""),
        risk_bands=MappingProxyType(bands),
        sustained_change_months=r.get("sustained_change.months", int, 6),
        sustained_change_triggered_by=frozenset(r.strings("sustained_change.triggered_by", _RISK_LEVELS)),
        sustained_change_levels=frozenset(r.strings("sustained_change.sustained_levels", _RISK_LEVELS)),
        assessment_max_age_days=r.get("assessment.max_age_days", int, 270),
        max_write_up_days=r.get("evidence.max_write_up_days", int, 7),
        support_months_after_return=r.get("support.months_after_return", int, 12),
        adolescent_age=r.get("child.adolescent_age", int, 11),
        repeated_returns=r.get("child.repeated_returns", int, 1),
        placement_instability_threshold=r.get("placements.instability_threshold", int, 3),
        time_driven_reasons=frozenset(r.strings("timing.time_driven_reasons", _TIMING)),
        timing_window_days=r.get("timing.window_days", int, 7),
        timing_words=tuple(str(w).lower() for w in r.get("timing.words", list, [])),
        timing_fixed_days=_fixed_days(r),
        timing_calendar=_calendar(r),
        gas_rho=float(r.get("gas.rho", (int, float), 0.3)),
        gas_red_at_most=r.get("gas.red_at_most", int, -2),
        gas_green_at_least=r.get("gas.green_at_least", int, 0),
        t_score_concern_below=float(r.get("gas.t_score_concern_below", (int, float), 40.0)),
        agencies_for_need=MappingProxyType(agencies_for_need),
        sources=MappingProxyType(sources),
    )
    if not config.version:
        r.messages.append("version: must be a non-empty string")
    if not 0 <= config.gas_rho < 1:
        r.messages.append(f"gas.rho: {config.gas_rho} should be at least 0 and below 1")
    if config.assessment_max_age_days <= config.sustained_change_months * 31:
        r.messages.append(
            f"assessment.max_age_days: {config.assessment_max_age_days} should be longer than "
            f"sustained_change.months ({config.sustained_change_months} months), or a case that follows "
            "the framework would be out of date only because its months of sustained change passed"
        )
    if config.gas_red_at_most >= config.gas_green_at_least:
        r.messages.append("gas.red_at_most: should be below gas.green_at_least")
    for name in (
        "sustained_change_months",
        "assessment_max_age_days",
        "max_write_up_days",
        "support_months_after_return",
        "adolescent_age",
        "repeated_returns",
        "placement_instability_threshold",
    ):
        if getattr(config, name) < 0:
            r.messages.append(f"{name}: should not be negative")
    if r.messages:
        raise ConfigError(r.messages)
    return config


@functools.cache
def _default_config() -> Config:
    text = resources.files("homeward.framework").joinpath(DEFAULT_CONFIG_PATH).read_text(encoding="utf-8")
    return _parse(tomllib.loads(text))


def load_config(path: str | Path | None = None) -> Config:
    """The shipped defaults (`path=None`), or the configuration in the TOML file at `path`."""
    if path is None:
        return _default_config()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{path}: not valid TOML ({exc})"]) from None
    except OSError as exc:
        raise ConfigError([f"{path}: cannot be read ({exc.strerror})"]) from None
    return _parse(data)
