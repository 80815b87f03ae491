"""child-not-seen-alone (gap): no occasion during the assessment saw the child alone.

Case reviews found children's wishes taken at face value (NSPCC 2016); the framework asks that the
child is seen alone (Wilkins & Farmer 2015). The rule reads every occasion the child was seen
(`child_seen`) from the start of the assessment to `as_of`, and the record of the child's wishes (part
of the assessment). An occasion counts only if it is recorded as "seen alone" *and* nobody it lists as
present is a parent, carer or relative (a household member's or carer's name, or one of
`child_seen.family_words` in the configuration): a record that says "seen alone" while listing the
mother as present contradicts itself, and the finding says so, quoting who was listed. Fires when the
child's wishes are recorded or any occasion is (otherwise child-wishes-not-recorded says so). Applies at
every gate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from homeward.framework.model import ALL_GATES, NSPCC_2016, Context, Hit, Rule, join_words
from homeward.framework.snapshot import format_date
from homeward.framework.text import says_something


@dataclass(frozen=True)
class _Occasion:
    seen_on: date | None
    present: tuple[str, ...]
    seen_alone: bool
    what: str  # "when their wishes were recorded" / "on 3 March 2026"


def _occasions(ctx: Context) -> list[_Occasion]:
    s = ctx.snapshot
    started = s.assessment.started_on if s.assessment else None
    out = []
    w = s.child_wishes
    if w is not None and says_something(w.in_own_words):
        out.append(_Occasion(w.recorded_on, w.present, w.seen_alone, "when their wishes were recorded"))
    for seen in sorted(s.child_seen, key=lambda c: c.seen_on):
        if seen.seen_on > ctx.as_of or (started is not None and seen.seen_on < started):
            continue
        out.append(_Occasion(seen.seen_on, seen.present, seen.seen_alone, f"on {format_date(seen.seen_on)}"))
    return out


def check(ctx: Context) -> Hit | None:
    s = ctx.snapshot
    occasions = _occasions(ctx)
    if not occasions and not any(c.seen_on <= ctx.as_of for c in s.child_seen):
        return None
    child = s.child.name
    contradicted: list[str] = []
    people: list[str] = []
    for o in occasions:
        if not o.seen_alone:
            continue
        family = ctx.family_listed(o.present)
        quoted_family = join_words([f"'{p}'" for p in family])
        if not family:
            return None  # seen alone, and nobody listed contradicts it
        contradicted.append(
            f"{child} is recorded as seen alone {o.what}, but the same record lists "
            f"{quoted_family} as present, so that does not count as seeing "
            f"{child} alone"
        )
        people.extend(family)
    if not occasions:
        assert s.assessment is not None and s.assessment.started_on is not None
        summary = (
            f"{child} has not been seen alone since the assessment started on "
            f"{format_date(s.assessment.started_on)} (no occasion recorded since then)"
        )
    elif contradicted:
        summary = ". ".join(contradicted)
    else:
        present = sorted({p for o in occasions for p in o.present})
        listed = f" ({join_words(present)} present)" if present else ""
        if len(occasions) == 1:
            summary = f"{child} was not seen alone {occasions[0].what}{listed}"
        else:
            summary = f"{child} was not seen alone on any of the {len(occasions)} occasions recorded{listed}"
        people.extend(present)
    return Hit(
        message=f"{summary}. See {child} alone, away from the parents, so they can speak freely.",
        people=tuple(dict.fromkeys((child, *people))),
    )


RULE = Rule(
    id="child-not-seen-alone",
    kind="gap",
    title="Child not seen alone",
    gates=ALL_GATES,
    source=f"{NSPCC_2016}; Wilkins & Farmer (2015)",
    check=check,
    why_these_gates="The child's wishes are part of every decision.",
    doc=__doc__ or "",
)
