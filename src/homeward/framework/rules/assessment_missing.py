"""assessment-missing (gap): no completed, written reunification assessment.

Case reviews found children returned home without a thorough, timely assessment (NSPCC 2016). A
decision at any gate rests on the stage-1 assessment of risk and protective factors, parental capacity
and capacity to change, support needs and the child's needs and wishes (Wilkins & Farmer 2015), so
this applies at D1, D2 and D3.
"""

from __future__ import annotations

from homeward.framework.model import ALL_GATES, NSPCC_2016, Context, Hit, Rule
from homeward.framework.snapshot import format_date


def check(ctx: Context) -> Hit | None:
    a = ctx.snapshot.assessment
    child = ctx.snapshot.child.name
    if a is not None and a.completed_on is not None and a.completed_on <= ctx.as_of:
        return None
    if a is not None and a.started_on is not None:
        state = f"was started on {format_date(a.started_on)} but has not been completed"
    else:
        state = "has not been started"
    return Hit(
        message=(
            f"The reunification assessment for {child} {state}. A decision should rest on a completed, "
            "written assessment of risk and protective factors, each carer's capacity and capacity to "
            "change, support needs and the child's needs and wishes."
        ),
        people=(child,),
    )


RULE = Rule(
    id="assessment-missing",
    kind="gap",
    title="No completed assessment",
    gates=ALL_GATES,
    source=NSPCC_2016,
    check=check,
    why_these_gates="Every gate's decision rests on the stage-1 assessment.",
    doc=__doc__ or "",
)
