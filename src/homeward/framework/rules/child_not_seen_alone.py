"""child-not-seen-alone (gap): the child was not seen alone when their wishes were recorded.

Case reviews found children's wishes taken at face value (NSPCC 2016); the framework asks that the
child is seen alone (Wilkins & Farmer 2015). Fires only when wishes are recorded (otherwise
child-wishes-not-recorded says so). Applies at every gate.
"""

from __future__ import annotations

from homeward.framework.model import ALL_GATES, NSPCC_2016, Context, Hit, Rule, join_words
from homeward.framework.text import says_something


def check(ctx: Context) -> Hit | None:
    w = ctx.snapshot.child_wishes
    if w is None or not says_something(w.in_own_words) or w.seen_alone:
        return None
    child = ctx.snapshot.child.name
    present = f" ({join_words(list(w.present))} present)" if w.present else ""
    return Hit(
        message=(
            f"{child} was not seen alone when their wishes were recorded{present}. See {child} alone, "
            "away from the parents, so they can speak freely."
        ),
        people=(child, *w.present),
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
