"""assessment-stale (gap): the assessment, or a carer's capacity assessment, has not been brought up to
date since things changed, or is older than allowed.

Case reviews found returns decided on assessments that no longer described the family: a new partner
had moved in, a concern had come to light, the child had moved, the risk had risen (NSPCC 2016). An
assessment is out of date when, after it was completed (its last signed version), a household member
joined or left, a new need or concern was recorded, the child moved placement or came (back) into
care, new written evidence contradicts it (the substance misuse service says use continues where the
assessment records it as stopped), or a risk classification rose above the level it was assessed at;
or when it is older than `assessment.max_age_days`, counted from its last update. Each carer's
capacity assessment is judged on its own date the same way (a carer assessed again after the change
is up to date). A person who joined and was assessed on or after joining is a change the household
part already records. The age limit is longer than the framework's own months of sustained change
(the configuration refuses a shorter one), so a case that follows the framework is never out of date
only because those months passed. Applies at every gate, for the same reason as assessment-missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from homeward.framework.model import ALL_GATES, NSPCC_2016, Context, Hit, Rule, days_between, plural
from homeward.framework.snapshot import RISK_LEVEL_ORDER, format_date


@dataclass(frozen=True)
class _Change:
    on: date
    words: str
    household: bool  # a change in who lives in the home: every carer's assessment must account for it


def _changes(ctx: Context) -> list[_Change]:
    """What happened to the family and the child, dated, up to `as_of`."""
    as_of = ctx.as_of
    changes: list[_Change] = []
    for m in ctx.snapshot.household_members:
        joined = m.in_household_since
        if joined is not None and joined <= as_of and (m.assessed_on is None or m.assessed_on < joined):
            changes.append(_Change(joined, f"{m.name} ({m.relationship}) joined the household", True))
        if m.left_household_on is not None and m.left_household_on <= as_of:
            changes.append(
                _Change(m.left_household_on, f"{m.name} ({m.relationship}) left the household", True)
            )
    for n in ctx.snapshot.needs:
        if n.identified_on is not None and n.identified_on <= as_of:
            whose = f" ({n.person})" if n.person else ""
            changes.append(
                _Change(n.identified_on, f"a new need was recorded: {n.type.replace('_', ' ')}{whose}", False)
            )
    # New written evidence that contradicts the assessment: the service says use continues where the
    # assessment records it as stopped (the one reading of that, `Context.service_says_continuing`).
    for n in ctx.snapshot.needs:
        said = ctx.service_says_continuing(n)
        if said is not None:
            whose = f" of {n.person}" if n.person else ""
            changes.append(
                _Change(
                    said.seen_on,
                    f"{said.source or 'the substance misuse service'} wrote that the substance misuse{whose} "
                    "is continuing, where the assessment records it as stopped",
                    False,
                )
            )
    care = ctx.snapshot.care_history
    starts = {p.started_on for p in care.periods_of_care if p.started_on <= as_of}
    changes += [_Change(day, "the child came into care", False) for day in starts]
    moved = care.placement_started_on
    if moved is not None and moved <= as_of and moved not in starts:
        changes.append(_Change(moved, "the child moved to a new placement", False))
    return changes


def _risk_rose_after(ctx: Context, completed: date) -> _Change | None:
    """The first classification above the level the assessment was made at: the latest classification
    on or before `completed`, else the first one after it (RC1 is usually made from the assessment)."""
    dated = sorted(
        (r for r in ctx.snapshot.risk_classifications if r.classified_on <= ctx.as_of),
        key=lambda r: r.classified_on,
    )
    before = [r for r in dated if r.classified_on <= completed]
    base = before[-1] if before else (dated[0] if dated else None)
    if base is None:
        return None
    level = RISK_LEVEL_ORDER[base.level]
    for r in dated:
        if r.classified_on > max(completed, base.classified_on) and RISK_LEVEL_ORDER[r.level] > level:
            label = ctx.config.risk_label(r.level)
            return _Change(r.classified_on, f"the risk was classified higher ({label})", False)
    return None


def _since(changes: list[_Change], done: date) -> list[str]:
    return [f"{c.words} on {format_date(c.on)}" for c in sorted(changes, key=lambda c: c.on) if c.on > done]


def check(ctx: Context) -> Hit | None:
    limit = ctx.config.assessment_max_age_days
    changes = _changes(ctx)
    lines: list[str] = []
    people: list[str] = []
    items: list[str] = []
    a = ctx.snapshot.assessment
    if a is not None and a.completed_on is not None and a.completed_on <= ctx.as_of:
        done = a.completed_on
        risen = _risk_rose_after(ctx, done)
        since = _since([*changes, *([risen] if risen else [])], done)
        age = days_between(done, ctx.as_of)
        if since:
            lines.append(
                f"The reunification assessment was completed on {format_date(done)}; since then "
                + "; ".join(since)
                + "."
            )
        elif age > limit:
            ago = plural(age, "day")
            lines.append(f"The reunification assessment was completed on {format_date(done)}, {ago} ago.")
        if since or age > limit:
            items.append("reunification assessment")
    for c in ctx.snapshot.carer_assessments:
        if c.assessed_on is None or c.assessed_on > ctx.as_of:
            continue
        who = f"{c.carer} ({c.relationship})" if c.relationship else c.carer
        since = _since([ch for ch in changes if ch.household], c.assessed_on)
        age = days_between(c.assessed_on, ctx.as_of)
        if since:
            lines.append(
                f"{who}'s parenting capacity assessment is dated {format_date(c.assessed_on)}; since then "
                + "; ".join(since)
                + "."
            )
        elif age > limit:
            lines.append(
                f"{who}'s parenting capacity assessment is dated {format_date(c.assessed_on)}, "
                f"{plural(age, 'day')} ago."
            )
        else:
            continue
        people.append(c.carer)
        items.append(f"capacity assessment of {c.carer}")
    if not lines:
        return None
    return Hit(
        message=" ".join(lines)
        + f" An assessment should be brought up to date when things change, and at least every "
        f"{plural(limit, 'day')}, before a decision.",
        people=tuple(people),
        items=tuple(items),
    )


RULE = Rule(
    id="assessment-stale",
    kind="gap",
    title="Assessment out of date",
    gates=ALL_GATES,
    source=NSPCC_2016,
    check=check,
    why_these_gates="Every gate's decision rests on an assessment that describes the family as it is now.",
    doc=__doc__ or "",
)
