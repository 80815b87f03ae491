"""timing-pressure (gap): the return is timed by the calendar, or the reason for its timing is not
recorded.

Case reviews found returns timed by the calendar (school year, Christmas) rather than by the family's
progress (NSPCC 2016). The reasons counted as time-driven are `timing.time_driven_reasons` in the
configuration. Applies at D2 (if a date is already proposed) and D3.
"""

from __future__ import annotations

from homeward.framework.model import FROM_D2, NSPCC_2016, Context, Hit, Rule
from homeward.framework.snapshot import format_date
from homeward.framework.text import quoted, says_something


def check(ctx: Context) -> Hit | None:
    plan = ctx.snapshot.return_plan
    if plan is None or plan.proposed_date is None:
        return None
    when = format_date(plan.proposed_date)
    note = f" ('{plan.timing_note}')" if plan.timing_note else ""
    if plan.timing_reason is None:
        if says_something(plan.timing_note):
            return None
        said = f" (the reason given {quoted(plan.timing_note)})" if plan.timing_note.strip() else ""
        return Hit(
            message=f"The return is proposed for {when}, but the reason for that timing is not recorded"
            f"{said}.",
            items=("return plan",),
        )
    if plan.timing_reason not in ctx.config.time_driven_reasons:
        return None
    reason = plan.timing_reason.replace("_", " ")
    return Hit(
        message=(
            f"The return is proposed for {when} for a reason driven by the calendar: {reason}{note}. "
            "The timing should follow the family's progress, not the calendar."
        ),
        items=("return plan",),
    )


RULE = Rule(
    id="timing-pressure",
    kind="gap",
    title="Return timed by the calendar",
    gates=FROM_D2,
    source=NSPCC_2016,
    check=check,
    why_these_gates="A return date is proposed from D2 on.",
    doc=__doc__ or "",
)
