"""previous-failed-return (caution): an earlier return home broke down.

About half of returns break down (NSPCC 2012; Farmer 2014), and re-entry varies with care history
(Goldacre et al. 2022); a previous failed return is one of the framework's research-based cautions
(Wilkins & Farmer 2015). Applies at every gate.
"""

from __future__ import annotations

from homeward.framework.model import (
    ALL_GATES,
    FARMER_2014,
    RETURNS_HOME,
    WILKINS_FARMER_2015,
    Context,
    Hit,
    Rule,
    plural,
)
from homeward.framework.snapshot import format_date


def check(ctx: Context) -> Hit | None:
    failed = [
        r for r in ctx.snapshot.care_history.previous_returns if r.broke_down and r.returned_on <= ctx.as_of
    ]
    if not failed:
        return None
    child = ctx.snapshot.child.name
    dates = ", ".join(
        format_date(r.returned_on)
        + (f" (back in care {format_date(r.came_back_on)})" if r.came_back_on else "")
        for r in sorted(failed, key=lambda r: r.returned_on)
    )
    times = plural(len(failed), "previous return home", RETURNS_HOME)
    return Hit(
        message=(
            f"{child} has {times} that broke down: {dates}. Understand "
            "why, and what is different now, before deciding."
        ),
        people=(child,),
    )


RULE = Rule(
    id="previous-failed-return",
    kind="caution",
    title="Previous return broke down",
    gates=ALL_GATES,
    source=f"{FARMER_2014}; {WILKINS_FARMER_2015}",
    check=check,
    why_these_gates="Care history informs every decision.",
    doc=__doc__ or "",
)
