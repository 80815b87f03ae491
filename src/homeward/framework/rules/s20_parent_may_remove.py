"""s20-parent-may-remove (caution): the child is accommodated under s20 (903 LS V2).

A parent with parental responsibility may remove the child at any time (Children Act 1989 s20(8)).
Case reviews found professionals wrongly believed they could do nothing when a parent did so, and a
return under s20 must get the same assessment as any other (NSPCC 2016). Applies at every gate.
"""

from __future__ import annotations

from homeward.framework.model import ALL_GATES, CHILDREN_ACT_S20, NSPCC_2016, Context, Hit, Rule, join_words


def check(ctx: Context) -> Hit | None:
    if ctx.snapshot.legal_status != "V2":
        return None
    child = ctx.snapshot.child.name
    holders = [m.name for m in ctx.snapshot.household_members if m.parental_responsibility]
    who = join_words(holders) if holders else "A parent with parental responsibility"
    return Hit(
        message=(
            f"{child} is accommodated under section 20 (903 V2): {who} may remove {child} at any time. "
            "A return under s20 needs the same assessment as any other, and if a parent removes the child "
            "against advice, safeguarding action is still available."
        ),
        people=(child, *holders),
    )


RULE = Rule(
    id="s20-parent-may-remove",
    kind="caution",
    title="Section 20: a parent may remove the child",
    gates=ALL_GATES,
    source=f"{NSPCC_2016}; {CHILDREN_ACT_S20}",
    check=check,
    why_these_gates="Legal status matters at every decision.",
    doc=__doc__ or "",
)
