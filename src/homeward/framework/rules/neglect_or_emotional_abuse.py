"""neglect-or-emotional-abuse (caution): the concerns include neglect or emotional abuse.

Case reviews found little sign of improvement before return, especially with neglect (NSPCC 2016);
neglect and emotional abuse are among the framework's research-based cautions (Wilkins & Farmer 2015).
Applies at every gate.
"""

from __future__ import annotations

from homeward.framework.model import (
    ALL_GATES,
    NSPCC_2016,
    WILKINS_FARMER_2015,
    Context,
    Hit,
    Rule,
    join_words,
)
from homeward.framework.snapshot import NEED_LABELS


def check(ctx: Context) -> Hit | None:
    found = [n for n in ctx.snapshot.needs if n.type in ("neglect", "emotional_abuse")]
    if not found:
        return None
    kinds = join_words(list(dict.fromkeys(NEED_LABELS[n.type] for n in found)))
    named = list(dict.fromkeys(n.person for n in found if n.person))
    by = f" (concerning {join_words(named)})" if named else ""
    return Hit(
        message=(
            f"The concerns include {kinds}{by}. Returns after neglect or emotional abuse need clear evidence "
            "of sustained change, not only engagement with services."
        ),
        people=tuple(named),
    )


RULE = Rule(
    id="neglect-or-emotional-abuse",
    kind="caution",
    title="Neglect or emotional abuse",
    gates=ALL_GATES,
    source=f"{NSPCC_2016}; {WILKINS_FARMER_2015}",
    check=check,
    why_these_gates="A research-based risk indicator, relevant at every decision.",
    doc=__doc__ or "",
)
