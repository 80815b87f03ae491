"""child-wishes-pressure-not-considered (gap): the child's wishes are recorded but whether a parent
pressured the child was not considered.

Case reviews found children's wishes to go home were taken at face value (NSPCC 2016). Applies at
every gate.
"""

from __future__ import annotations

from homeward.framework.model import ALL_GATES, NSPCC_2016, Context, Hit, Rule, join_words
from homeward.framework.snapshot import format_date
from homeward.framework.text import says_something


def check(ctx: Context) -> Hit | None:
    w = ctx.snapshot.child_wishes
    # Wishes that say nothing are child-wishes-not-recorded's finding, not this one.
    if w is None or not says_something(w.in_own_words) or w.parental_pressure_considered:
        return None
    child = ctx.snapshot.child.name
    when = f" on {format_date(w.recorded_on)}" if w.recorded_on else ""
    present = f" with {join_words(list(w.present))} present" if w.present else ""
    return Hit(
        message=(
            f"{child}'s wishes were recorded{when}{present}, but whether a parent pressured {child} was not "
            "considered. A wish to go home should not be taken at face value."
        ),
        people=(child, *w.present),
    )


RULE = Rule(
    id="child-wishes-pressure-not-considered",
    kind="gap",
    title="Parental pressure on the child not considered",
    gates=ALL_GATES,
    source=NSPCC_2016,
    check=check,
    why_these_gates="The child's wishes are part of every decision.",
    doc=__doc__ or "",
)
