"""The rulebook in words: every rule for the practitioners' rules page, and the authority's reunification
protocol, both assembled from the rules (`RULES`) and the configuration (`Config`), never typed twice.

A rule's words come from its docstring (its single source): the first paragraph, after "id (kind):", is
what it looks for (`rule_summary`); the paragraphs after it say why and how (`rule_detail`). The settings
a rule uses are the configuration keys its docstring names in backticks (`assessment.max_age_days`), each
described once in `SETTINGS` and shown with its value and the `source` of its section in config.toml.

The protocol (`protocol(config, after_return=...)`) is the policy an authority can adopt: the three
decisions and their questions, what must be in place at each (the gaps that apply there) and what to weigh
(the cautions), every threshold with its source, the risk classifications, and what happens after the
return. The months of monitoring, the visits and the alerts after a return are the monitoring app's
settings, not the rulebook's: the caller reads them and passes them in (`AfterReturn`), so this module
stays plain Python.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from homeward.framework.config import Config
from homeward.framework.model import CORE_QUESTION, Gate, Rule, plural
from homeward.framework.rules import RULES
from homeward.framework.snapshot import AGENCY_LABELS, NEED_LABELS, RISK_LEVEL_ORDER, format_date

KIND_WORDS: dict[str, str] = {
    "gap": "Gaps: evidence the framework expects is missing",
    "caution": "Cautions: research-based risk indicators",
}


@dataclass(frozen=True, kw_only=True)
class Setting:
    """One configured threshold, in words: what it sets, its value, and where its default comes from."""

    key: str  # the dotted key in config.toml, e.g. "assessment.max_age_days"
    label: str
    value: str
    source: str
    items: tuple[str, ...] = ()  # a list value, one line each (the school calendar, the agencies)


@dataclass(frozen=True, kw_only=True)
class SettingGroup:
    title: str
    source: str
    settings: tuple[Setting, ...]


@dataclass(frozen=True, kw_only=True)
class RuleText:
    """A rule as the rules page shows it."""

    id: str
    kind: str
    title: str
    summary: str
    detail: tuple[str, ...]
    gates: tuple[Gate, ...]
    why_these_gates: str
    source: str
    settings: tuple[Setting, ...]

    @property
    def anchor(self) -> str:
        return f"rule-{self.id}"


@dataclass(frozen=True, kw_only=True)
class GateSection:
    gate: Gate
    question: str
    gaps: tuple[RuleText, ...]
    cautions: tuple[RuleText, ...]


@dataclass(frozen=True, kw_only=True)
class RiskBandText:
    label: str
    description: str


@dataclass(frozen=True, kw_only=True)
class Point:
    """One line of the protocol after the return: what is done, and the source it rests on."""

    text: str
    source: str = ""


@dataclass(frozen=True, kw_only=True)
class AfterReturn:
    """What happens after the return, in words, from the monitoring, moves and notifications settings
    (read by the caller: they are Django settings, not the rulebook's)."""

    months: int
    months_source: str
    before_the_move: tuple[Point, ...] = ()
    visits: tuple[Point, ...] = ()
    monitoring: tuple[Point, ...] = ()
    alerts: tuple[Point, ...] = ()
    closing: tuple[Point, ...] = ()
    notifications: tuple[Point, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Protocol:
    config_version: str
    core_question: str
    gates: tuple[GateSection, ...]
    risk_bands: tuple[RiskBandText, ...]
    sustained_change: str
    settings: tuple[SettingGroup, ...]
    after_return: AfterReturn | None = field(default=None)


# --- A rule's words, from its docstring ----------------------------------------------------------------


def _paragraphs(doc: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", doc.strip()) if p.strip()]


def rule_summary(rule: Rule) -> str:
    """What the rule looks for, in plain words: its docstring's first paragraph, without "id (kind):"."""
    paragraphs = _paragraphs(rule.doc)
    if not paragraphs:
        return rule.title + "."
    first = re.sub(rf"^{re.escape(rule.id)}\s*\({rule.kind}\)\s*:\s*", "", paragraphs[0])
    return first[:1].upper() + first[1:]


def rule_detail(rule: Rule) -> tuple[str, ...]:
    """The rest of the docstring: why the rule exists and how it reads the record."""
    return tuple(p.replace("`", "") for p in _paragraphs(rule.doc)[1:])


def setting_keys(rule: Rule) -> tuple[str, ...]:
    """The configuration keys (or sections) the rule's docstring names in backticks, in order."""
    named = re.findall(r"`([a-z_]+(?:\.[a-z_]+)?)`", rule.doc)
    known = {s.split(".")[0] for s in SETTINGS}
    return tuple(dict.fromkeys(k for k in named if k in SETTINGS or k in known))


# --- The settings, each described once ----------------------------------------------------------------


def _days(n: int) -> str:
    return plural(n, "day")


def _months(n: int) -> str:
    return plural(n, "month")


def _score(n: int) -> str:
    """A Goal Attainment Scaling score as written: −2, −1, 0, +1, +2."""
    return f"−{-n}" if n < 0 else (f"+{n}" if n > 0 else "0")


def _levels(config: Config, levels: frozenset[str]) -> str:
    ordered = sorted(levels, key=lambda lv: RISK_LEVEL_ORDER[lv])
    return _either([config.risk_label(lv) for lv in ordered])


def _either(words: list[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def _reason_words(slug: str, labels: Mapping[str, str]) -> str:
    return labels.get(slug, slug.replace("_", " "))


Describe = Callable[[Config, Mapping[str, str]], tuple[str, str, tuple[str, ...]]]

# Each setting: (what it sets, in words) and how its value is written. Keyed by the dotted key in
# config.toml; a rule's docstring names these keys, and the tests keep the two in step.
SETTINGS: dict[str, Describe] = {
    "sustained_change.months": lambda c, _: (
        "How long improvement must last before a return",
        _months(c.sustained_change_months),
        (),
    ),
    "sustained_change.triggered_by": lambda c, _: (
        "Classifications after which improvement must be sustained",
        _levels(c, c.sustained_change_triggered_by),
        (),
    ),
    "sustained_change.sustained_levels": lambda c, _: (
        "Classifications that count as improvement",
        _levels(c, c.sustained_change_levels),
        (),
    ),
    "assessment.max_age_days": lambda c, _: (
        "The oldest an assessment (or a carer's capacity assessment) may be at a decision",
        _days(c.assessment_max_age_days),
        (),
    ),
    "evidence.max_write_up_days": lambda c, _: (
        "The longest time between seeing evidence and writing it up",
        _days(c.max_write_up_days),
        (),
    ),
    "support.months_after_return": lambda c, _: (
        "The shortest support plan after a return",
        _months(c.support_months_after_return),
        (),
    ),
    "child.adolescent_age": lambda c, _: (
        "The age from which a child counts as an adolescent",
        f"{c.adolescent_age} years",
        (),
    ),
    "child.repeated_returns": lambda c, _: (
        "Previous returns home that count as repeated returns",
        f"{c.repeated_returns} or more",
        (),
    ),
    "placements.instability_threshold": lambda c, _: (
        "Placements in the current period of care that count as several",
        f"{c.placement_instability_threshold} or more",
        (),
    ),
    "timing.time_driven_reasons": lambda c, labels: (
        "Reasons for the timing of a return that follow the calendar, not the family's progress",
        f"{len(c.time_driven_reasons)} reasons",
        tuple(sorted(_reason_words(r, labels) for r in c.time_driven_reasons)),
    ),
    "timing.window_days": lambda c, _: (
        "How close to a day in the calendar (or the child's birthday) a return counts as timed by it",
        f"{_days(c.timing_window_days)} either side",
        (),
    ),
    "timing.fixed_days": lambda c, _: (
        "Days of every year",
        f"{len(c.timing_fixed_days)} days",
        tuple(f"{name} ({day} {calendar.month_name[month]})" for name, month, day in c.timing_fixed_days),
    ),
    "timing.calendar": lambda c, _: (
        "The school calendar",
        f"{len(c.timing_calendar)} dates",
        tuple(f"{name}: {format_date(on)}" for name, on in c.timing_calendar),
    ),
    "timing.words": lambda c, _: (
        "Words in the reason given for the timing that name the calendar",
        f"{len(c.timing_words)} words",
        (", ".join(f"‘{w}’" for w in c.timing_words),) if c.timing_words else (),
    ),
    "gas.red_at_most": lambda c, _: (
        "A goal score shown red (Goal Attainment Scaling, −2 to +2)",
        f"{_score(c.gas_red_at_most)} or below",
        (),
    ),
    "gas.green_at_least": lambda c, _: (
        "A goal score shown green (the expected level is 0)",
        f"{_score(c.gas_green_at_least)} or above",
        (),
    ),
    "gas.t_score_concern_below": lambda c, _: (
        "A goal review's summary T-score below which the framework suggests ‘no’ at D2 and D3 (50 is the "
        "expected level)",
        f"below {c.t_score_concern_below:g}",
        (),
    ),
    "gas.rho": lambda c, _: (
        "How closely goals are assumed to move together, in the T-score (ρ)",
        f"{c.gas_rho:g}",
        (),
    ),
    "child_seen.family_words": lambda c, _: (
        "Words that, among those present when the child was seen, name a parent, carer or relative (with "
        "any of them listed, the child was not seen alone)",
        f"{len(c.family_words)} words",
        (", ".join(f"‘{w}’" for w in c.family_words),) if c.family_words else (),
    ),
    "returns.breakdown_window_days": lambda c, _: (
        "A return recorded as held counts as broken down if the child came back into care within",
        _days(c.breakdown_window_days),
        (),
    ),
    "missing.within_days": lambda c, _: (
        "A child missing from care, or running home, within this long before a decision is a caution",
        _days(c.missing_within_days),
        (),
    ),
    "agencies.needs": lambda c, _: (
        "For each need, the agencies that hold the evidence: at least one must have been consulted",
        f"{sum(1 for a in c.agencies_for_need.values() if a)} needs",
        tuple(
            f"{NEED_LABELS.get(need, need)}: {_either([AGENCY_LABELS.get(a, a) for a in agencies])}"
            for need, agencies in c.agencies_for_need.items()
            if agencies
        ),
    ),
}

# The sections of config.toml, in the order the protocol lists them.
SECTION_TITLES: dict[str, str] = {
    "sustained_change": "Sustained improvement",
    "assessment": "The assessment",
    "evidence": "Written evidence",
    "support": "Support after the return",
    "child": "Adolescents and repeated returns",
    "placements": "Placements",
    "child_seen": "Seeing the child alone",
    "returns": "Previous returns home",
    "missing": "Missing from care and running home",
    "timing": "The timing of a return",
    "gas": "Evidence of change: Goal Attainment Scaling",
    "agencies": "Key agencies",
}


def setting(config: Config, key: str, labels: Mapping[str, str] | None = None) -> Setting:
    label, value, items = SETTINGS[key](config, labels or {})
    return Setting(
        key=key,
        label=label,
        value=value,
        source=config.sources.get(key.split(".")[0], ""),
        items=items,
    )


def settings_for(
    config: Config, keys: tuple[str, ...], labels: Mapping[str, str] | None = None
) -> tuple[Setting, ...]:
    """The settings named by `keys` (a key, or a section for every key in it), each once."""
    chosen: list[str] = []
    for key in keys:
        chosen += [k for k in SETTINGS if k == key or k.startswith(key + ".")]
    return tuple(setting(config, k, labels) for k in dict.fromkeys(chosen))


def rule_text(rule: Rule, config: Config, labels: Mapping[str, str] | None = None) -> RuleText:
    return RuleText(
        id=rule.id,
        kind=rule.kind,
        title=rule.title,
        summary=rule_summary(rule),
        detail=rule_detail(rule),
        gates=tuple(g for g in Gate if g in rule.gates),
        why_these_gates=rule.why_these_gates,
        source=rule.source,
        settings=settings_for(config, setting_keys(rule), labels),
    )


def rules_text(config: Config, labels: Mapping[str, str] | None = None) -> dict[str, tuple[RuleText, ...]]:
    """Every rule in words, by kind ("gap", "caution"), in the registry's order."""
    texts = [rule_text(r, config, labels) for r in RULES]
    return {kind: tuple(t for t in texts if t.kind == kind) for kind in KIND_WORDS}


def sustained_change_words(config: Config) -> str:
    return (
        f"A case once classified {_levels(config, config.sustained_change_triggered_by)} needs "
        f"{_months(config.sustained_change_months)} of classifications at "
        f"{_levels(config, config.sustained_change_levels)} before a return home."
    )


def protocol(
    config: Config,
    *,
    after_return: AfterReturn | None = None,
    labels: Mapping[str, str] | None = None,
) -> Protocol:
    """The authority's reunification protocol from `config` and the rules (`labels`: the words for the
    reasons for a return's timing, by slug, as the forms show them)."""
    texts = [rule_text(r, config, labels) for r in RULES]
    gates = tuple(
        GateSection(
            gate=g,
            question=g.question,
            gaps=tuple(t for t in texts if g in t.gates and t.kind == "gap"),
            cautions=tuple(t for t in texts if g in t.gates and t.kind == "caution"),
        )
        for g in Gate
    )
    groups = tuple(
        SettingGroup(
            title=title,
            source=config.sources.get(section, ""),
            settings=settings_for(config, (section,), labels),
        )
        for section, title in SECTION_TITLES.items()
    )
    bands = tuple(
        RiskBandText(label=band.label, description=band.description)
        for _level, band in sorted(config.risk_bands.items(), key=lambda kv: RISK_LEVEL_ORDER[kv[0]])
    )
    return Protocol(
        config_version=config.version,
        core_question=CORE_QUESTION,
        gates=gates,
        risk_bands=bands,
        sustained_change=sustained_change_words(config),
        settings=groups,
        after_return=after_return,
    )
