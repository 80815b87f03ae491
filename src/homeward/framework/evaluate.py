"""Evaluate a case snapshot at a decision gate: gaps, cautions and a suggested answer with reasons.

The suggested answer to the core question (will this child be safe and nurtured at home?) is
structured professional judgement made visible, not a points score (Wilkins & Farmer 2015):

- **no** when the latest risk classification is Very high; or High at D3; or, at D2/D3, the latest
  goal review's T-score is below `gas.t_score_concern_below` (goals on average well below expected);
- otherwise **maybe** when the latest classification is High (D1/D2) or Medium, or none is recorded;
  when the latest T-score is below 50; when any gap is open (evidence the framework expects is
  missing); or when any caution is present (a return would need a plan and support addressing it);
- otherwise **yes**.

Every step that lowered the answer is given as a reason, in plain words.
"""

from __future__ import annotations

from homeward.framework.config import Config, load_config
from homeward.framework.model import Answer, Context, Evaluation, Finding, Gate
from homeward.framework.rules import RULES
from homeward.framework.snapshot import CaseSnapshot, format_date

_RANK: dict[Answer, int] = {"no": 0, "maybe": 1, "yes": 2}


def _as_gate(gate: Gate | str) -> Gate:
    try:
        return Gate(str(gate).upper())
    except ValueError:
        raise ValueError(f"unknown gate {gate!r}: use D1, D2 or D3") from None


def evaluate(snapshot: CaseSnapshot, gate: Gate | str, config: Config | None = None) -> Evaluation:
    """Run every rule that applies at `gate` and suggest an answer. Deterministic; no clock, no I/O
    (other than reading the shipped configuration once when `config` is None)."""
    gate = _as_gate(gate)
    cfg = config if config is not None else load_config()
    ctx = Context(snapshot, cfg, gate)
    applicable = [rule for rule in RULES if rule.applies_at(gate)]
    findings = [f for f in (rule.run(ctx) for rule in applicable) if f is not None]
    gaps = tuple(f for f in findings if f.kind == "gap")
    cautions = tuple(f for f in findings if f.kind == "caution")
    answer, reasons = _suggest(ctx, gaps, cautions)
    return Evaluation(
        gate=gate,
        as_of=snapshot.as_of,
        child=snapshot.child.name,
        config_version=cfg.version,
        gaps=gaps,
        cautions=cautions,
        suggested_answer=answer,
        reasons=tuple(reasons),
        rules_checked=tuple(rule.id for rule in applicable),
        reviews=ctx.reviews,
    )


def _suggest(
    ctx: Context, gaps: tuple[Finding, ...], cautions: tuple[Finding, ...]
) -> tuple[Answer, list[str]]:
    cfg = ctx.config
    answer: Answer = "yes"
    reasons: list[str] = []

    def lower(to: Answer, reason: str) -> None:
        nonlocal answer
        if _RANK[to] < _RANK[answer]:
            answer = to
        reasons.append(reason)

    risk = ctx.latest_risk
    if risk is None:
        lower("maybe", "No risk classification has been recorded, so the level of risk is not yet known.")
    else:
        level, day = risk
        band = cfg.risk_bands.get(level)
        label = cfg.risk_label(level)
        what = f"The latest risk classification is {label} ({format_date(day)})"
        description = f": {band.description}" if band and band.description else "."
        if level == "very_high":
            lower("no", what + description)
        elif level == "high":
            lower("no" if ctx.gate is Gate.D3 else "maybe", what + description)
        elif level == "medium":
            lower("maybe", what + description)
        else:
            reasons.append(what + description)

    if ctx.gate in (Gate.D2, Gate.D3) and ctx.reviews:
        latest = ctx.reviews[-1]
        t = round(latest.t_score, 1)
        where = f"The latest goal review ({format_date(latest.reviewed_on)}) has a T-score of {t}"
        if latest.t_score < cfg.t_score_concern_below:
            lower(
                "no",
                where + f", below {cfg.t_score_concern_below:g}: on average the goals are well below the "
                "expected level.",
            )
        elif latest.t_score < 50:
            lower("maybe", where + ": on average the goals are below the expected level (50).")
        else:
            reasons.append(where + ": on average the goals are at or above the expected level (50).")

    if gaps:
        lower(
            "maybe",
            f"{len(gaps)} gap{'s' if len(gaps) != 1 else ''} open: evidence the framework expects is missing "
            f"({', '.join(f.id for f in gaps)}).",
        )
    if cautions:
        lower(
            "maybe",
            f"{len(cautions)} caution{'s' if len(cautions) != 1 else ''} present: research-based risk "
            f"indicators a plan and support would need to address ({', '.join(f.id for f in cautions)}).",
        )
    if answer == "yes":
        reasons.append("No gaps or cautions were found at this gate.")
    return answer, reasons
