"""carer-capacity-not-assessed-separately (gap): a carer's own parenting capacity (and capacity to
change) has not been assessed in their own right.

Case reviews found the "safe" parent was assumed safe once the risky parent left (NSPCC 2016); each
carer's own capacity must be assessed separately. Carers are everyone with a capacity-assessment
entry, plus every current household member with parental responsibility. Applies at every gate.
"""

from __future__ import annotations

from homeward.framework.model import ALL_GATES, NSPCC_2016, Context, Hit, Rule


def check(ctx: Context) -> Hit | None:
    lines: list[str] = []
    people: list[str] = []
    recorded = {c.carer for c in ctx.snapshot.carer_assessments}
    for c in ctx.snapshot.carer_assessments:
        who = f"{c.carer} ({c.relationship})" if c.relationship else c.carer
        if c.assessed_on is None or c.assessed_on > ctx.as_of:
            lines.append(f"{who} has no parenting capacity assessment.")
        elif not c.assessed_separately:
            lines.append(f"{who}'s parenting capacity was not assessed separately from the other carer.")
        else:
            continue
        people.append(c.carer)
    for m in ctx.current_household:
        if m.parental_responsibility and m.name not in recorded:
            lines.append(
                f"{m.name} ({m.relationship}) holds parental responsibility but has no parenting "
                "capacity assessment."
            )
            people.append(m.name)
    if not lines:
        return None
    return Hit(
        message=" ".join(lines)
        + " Each carer's own parenting capacity and capacity to change should be assessed in their own "
        "right.",
        people=tuple(people),
    )


RULE = Rule(
    id="carer-capacity-not-assessed-separately",
    kind="gap",
    title="Carer's own capacity not assessed",
    gates=ALL_GATES,
    source=NSPCC_2016,
    check=check,
    why_these_gates="Each carer's capacity is part of the assessment behind every decision.",
    doc=__doc__ or "",
)
