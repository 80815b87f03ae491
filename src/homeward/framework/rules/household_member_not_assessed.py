"""household-member-not-assessed (gap): someone living in the household was neither assessed nor
explicitly excluded with a reason.

Case reviews found new partners, siblings and other household members were not assessed (NSPCC 2016).
Everyone in the household the child would return to must be assessed or excluded with a recorded
reason. Applies at every gate: the household is part of the assessment behind each decision.
"""

from __future__ import annotations

from homeward.framework.model import ALL_GATES, NSPCC_2016, Context, Hit, Rule, describe_member
from homeward.framework.text import quoted, says_something


def check(ctx: Context) -> Hit | None:
    missing = [
        m
        for m in ctx.current_household
        if (m.assessed_on is None or m.assessed_on > ctx.as_of) and not says_something(m.excluded_reason)
    ]
    if not missing:
        return None
    lines = [
        f"{describe_member(m)} has not been assessed"
        + (
            f", and the reason for leaving them out {quoted(m.excluded_reason)}."
            if m.excluded_reason
            else "."
        )
        for m in missing
    ]
    return Hit(
        message=" ".join(lines)
        + " Everyone in the household the child would return to should be assessed, or explicitly "
        "excluded with a recorded reason.",
        people=tuple(m.name for m in missing),
    )


RULE = Rule(
    id="household-member-not-assessed",
    kind="gap",
    title="Household member not assessed",
    gates=ALL_GATES,
    source=NSPCC_2016,
    check=check,
    why_these_gates="The household is part of the assessment behind every decision.",
    doc=__doc__ or "",
)
