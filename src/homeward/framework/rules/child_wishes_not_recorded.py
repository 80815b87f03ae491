"""child-wishes-not-recorded (gap): the child's wishes and feelings are not recorded in their own words.

Case reviews found a child's wish to go home taken at face value or not explored (NSPCC 2016); the
framework's assessment includes the child's needs and wishes (Wilkins & Farmer 2015). For a very young
child, record observations of the child with each parent. Wishes that say nothing ("n/a", "TBC") or
are dated after `as_of` are not recorded yet. Applies at every gate.
"""

from __future__ import annotations

from homeward.framework.model import ALL_GATES, NSPCC_2016, Context, Hit, Rule
from homeward.framework.snapshot import format_date
from homeward.framework.text import quoted, says_something


def check(ctx: Context) -> Hit | None:
    w = ctx.snapshot.child_wishes
    child = ctx.snapshot.child.name
    if w is not None and w.recorded_on is not None and w.recorded_on > ctx.as_of:
        return Hit(
            message=f"{child}'s wishes and feelings are dated {format_date(w.recorded_on)}, after this "
            f"decision: they have not been recorded in {child}'s own words yet.",
            people=(child,),
        )
    if w is not None and says_something(w.in_own_words):
        return None
    written = (
        f" (what is recorded {quoted(w.in_own_words)})" if w is not None and w.in_own_words.strip() else ""
    )
    return Hit(
        message=(
            f"{child}'s wishes and feelings have not been recorded in their own words{written}. Record what "
            f"{child} said, who was present and whether parental pressure was considered"
            + (
                " (for a young child, observations of the child with each parent)."
                if ctx.snapshot.child_age < 5
                else "."
            )
        ),
        people=(child,),
    )


RULE = Rule(
    id="child-wishes-not-recorded",
    kind="gap",
    title="Child's wishes not recorded",
    gates=ALL_GATES,
    source=NSPCC_2016,
    check=check,
    why_these_gates="The child's wishes are part of every decision.",
    doc=__doc__ or "",
)
