"""parental-substance-misuse-continuing (caution): a parent's alcohol or drug misuse is continuing.

Continuing parental alcohol or drug misuse was associated with maltreatment after return (Farmer 2014).
Applies at every gate.
"""

from __future__ import annotations

from homeward.framework.model import ALL_GATES, FARMER_2014, Context, Hit, Rule, join_words


def check(ctx: Context) -> Hit | None:
    continuing = [n for n in ctx.snapshot.needs if n.type == "substance_misuse" and n.continuing]
    if not continuing:
        return None
    named = [n.person for n in continuing if n.person]
    who = join_words(list(dict.fromkeys(named))) if named else "a parent"
    return Hit(
        message=(
            f"Substance misuse by {who} is continuing. Continuing parental alcohol or drug misuse was "
            "associated with children being maltreated after returning home."
        ),
        people=tuple(dict.fromkeys(named)),
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
