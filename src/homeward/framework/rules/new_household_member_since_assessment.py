"""new-household-member-since-assessment (caution): someone joined the household after the assessment
was completed.

Case reviews found new partners and other household members were not assessed (NSPCC 2016). A
household that changed after the assessment means the assessment no longer describes the home the child
would return to. Applies at every gate.
"""

from __future__ import annotations

from homeward.framework.model import ALL_GATES, NSPCC_2016, Context, Hit, Rule, describe_member
from homeward.framework.snapshot import format_date
from homeward.framework.text import says_something


def check(ctx: Context) -> Hit | None:
    a = ctx.snapshot.assessment
    if a is None or a.completed_on is None or a.completed_on > ctx.as_of:
        return None
    done = a.completed_on
    newcomers = [
        m for m in ctx.current_household if m.in_household_since is not None and m.in_household_since > done
    ]
    # Someone with no move-in date may have joined after the assessment: never silence, ask.
    unknown = [
        m
        for m in ctx.current_household
        if m.in_household_since is None and m.assessed_on is None and not says_something(m.excluded_reason)
    ]
    if not newcomers and not unknown:
        return None
    lines = []
    for m in newcomers:
        own = (
            f", assessed on {format_date(m.assessed_on)}"
            if m.assessed_on is not None
            else ", not yet assessed"
        )
        lines.append(f"{describe_member(m)}{own}")
    lines += [
        f"{m.name}: when they moved in is not known, check whether it was after the assessment"
        for m in unknown
    ]
    newcomers = [*newcomers, *unknown]
    return Hit(
        message=(
            f"The household has changed since the assessment was completed on {format_date(done)}: "
            + "; ".join(lines)
            + ". Update the assessment so it describes the home the child would return to."
        ),
        people=tuple(m.name for m in newcomers),
    )


RULE = Rule(
    id="new-household-member-since-assessment",
    kind="caution",
    title="New household member since the assessment",
    gates=ALL_GATES,
    source=NSPCC_2016,
    check=check,
    why_these_gates="The household is part of the assessment behind every decision.",
    doc=__doc__ or "",
)
