"""Evaluate a case snapshot at a decision gate: gaps, cautions and a suggested answer with reasons.

The suggested answer to the core question (will this child be safe and nurtured at home?) is
structured professional judgement made visible, not a points score (Wilkins & Farmer 2015):

- **no** when the latest risk classification is Very high; or High at D3; or, at D2/D3, the lowest
  of the carers' latest goal review T-scores is below `gas.t_score_concern_below` (that carer's goals
  on average well below expected). Each carer's T-score is their own goals' (a family average would let
  one parent's +1s hide the other's −2s); the carer making least progress governs, as in SDM
  reassessment;
- otherwise **maybe** when the latest classification is High (D1/D2) or Medium, or none is recorded;
  when that lowest latest T-score is below 50; when a carer's latest review scored only some of their
  goals (partial) or scores any goal on no evidence beyond attendance (it cannot lift the answer);
  when any gap is open (evidence the framework expects is missing); or when any caution is present
  (a return would need a plan and support addressing it);
- otherwise **yes**.

Every step that lowered the answer is given as a reason, in plain words.
"""

from __future__ import annotations

from collections.abc import Callable

from homeward.framework.config import Config, load_config
from homeward.framework.model import Answer, Context, Evaluation, Finding, Gate, join_words
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

    if ctx.gate in (Gate.D2, Gate.D3):
        _judge_reviews(ctx, lower, reasons)

    # Named by their titles, in words: the reasons are read on practice pages (no rule ids there).
    if gaps:
        named = "; ".join(f.title.lower() for f in gaps)
        lower(
            "maybe",
            f"{len(gaps)} gap{'s' if len(gaps) != 1 else ''} open: evidence the framework expects is missing "
            f"({named}).",
        )
    if cautions:
        named = "; ".join(f.title.lower() for f in cautions)
        lower(
            "maybe",
            f"{len(cautions)} caution{'s' if len(cautions) != 1 else ''} present: research-based risk "
            f"indicators a plan and support would need to address ({named}).",
        )
    if answer == "yes":
        reasons.append("No gaps or cautions were found at this gate.")
    return answer, reasons


def _judge_reviews(ctx: Context, lower: Callable[[Answer, str], None], reasons: list[str]) -> None:
    """Each carer on their own goals; the carer whose latest review has the lowest T-score governs.

    A carer's latest review lifts nothing when it scored only some of their goals (partial) or when any
    score in it cites no real evidence (`gas.counts_as_evidence`): the answer is held at maybe, saying
    why. (Otherwise un-ticking the evidence behind a low score would quietly drop it from the picture.)
    """
    cfg = ctx.config
    latest = {
        parent: reviews[-1]
        for parent in dict.fromkeys(g.parent for g in ctx.snapshot.goals)
        if (reviews := ctx.reviews_for(parent))
    }
    if not latest:
        return
    parent, governing = min(latest.items(), key=lambda item: item[1].t_score)
    t = round(governing.t_score, 1)
    where = f"{parent}'s latest goal review ({format_date(governing.reviewed_on)}) has a T-score of {t}"
    if governing.t_score < cfg.t_score_concern_below:
        lower(
            "no",
            where + f", below {cfg.t_score_concern_below:g}: on average {parent}'s goals are well below the "
            "expected level.",
        )
    elif governing.t_score < 50:
        lower("maybe", where + f": on average {parent}'s goals are below the expected level (50).")
    else:
        reasons.append(where + f": on average {parent}'s goals are at or above the expected level (50).")
    for name, review in latest.items():
        when = f"{name}'s latest goal review ({format_date(review.reviewed_on)})"
        if review.partial:
            left_out = join_words([f"'{g.description}'" for g in review.not_scored])
            lower(
                "maybe",
                f"{when} scored only {review.goals_scored} of {review.goals_due} goals (not scored: "
                f"{left_out}), so it cannot show that {name}'s goals are on track.",
            )
        bare = [f"'{g.description}'" for g in review.goals if not g.counts_as_evidence]
        if len(bare) == len(review.goals):
            lower(
                "maybe",
                f"{when} cites no evidence, or only attendance, so its scores are not evidence of change.",
            )
        elif bare:
            lower(
                "maybe",
                f"{when} scores {join_words(bare)} on no evidence, or only attendance, so it cannot show "
                f"that {name}'s goals are on track.",
            )
