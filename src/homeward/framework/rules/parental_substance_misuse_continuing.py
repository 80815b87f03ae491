"""parental-substance-misuse-continuing (caution): a parent's alcohol or drug misuse is continuing.

Continuing parental alcohol or drug misuse was associated with maltreatment after return (Farmer 2014).
Fires for a substance-misuse need recorded as continuing, and for one recorded as *not* continuing while
the substance-misuse service's latest written evidence that speaks to it (an evidence item from that
agency with `shows_continuing` set) says use is continuing: the record contradicts the service, and the
service's written word is not cleared by a box ticked "no". Applies at every gate.
"""

from __future__ import annotations

from homeward.framework.model import ALL_GATES, FARMER_2014, Context, Hit, Rule, join_words
from homeward.framework.snapshot import format_date


def check(ctx: Context) -> Hit | None:
    needs = [n for n in ctx.snapshot.needs if n.type == "substance_misuse"]
    continuing = [n for n in needs if n.continuing]
    contradicted = [(n, e) for n in needs if (e := ctx.service_says_continuing(n)) is not None]
    if not continuing and not contradicted:
        return None
    named = [n.person for n in (*continuing, *(n for n, _e in contradicted)) if n.person]
    people = tuple(dict.fromkeys(named))
    parts = []
    if continuing:
        on_record = [n.person for n in continuing if n.person]
        who = join_words(list(dict.fromkeys(on_record))) if on_record else "a parent"
        parts.append(f"Substance misuse by {who} is continuing.")
    for need, item in contradicted:
        who = need.person or "a parent"
        parts.append(
            f"Substance misuse by {who} is recorded as not continuing, but the latest written evidence "
            f"from the substance-misuse service ({item.source or 'the service'}, "
            f"{format_date(item.seen_on)}: “{item.description}”) says use is continuing."
        )
    return Hit(
        message=(
            " ".join(parts) + " Continuing parental alcohol or drug misuse was associated with children "
            "being maltreated after returning home."
        ),
        people=people,
        items=tuple(e.id for _n, e in contradicted),
    )


RULE = Rule(
    id="parental-substance-misuse-continuing",
    kind="caution",
    title="Continuing parental substance misuse",
    gates=ALL_GATES,
    source=FARMER_2014,
    check=check,
    why_these_gates="A research-based risk indicator, relevant at every decision.",
    doc=__doc__ or "",
)
