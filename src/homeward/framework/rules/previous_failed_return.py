"""previous-failed-return (caution): an earlier return home broke down.

About half of returns break down (NSPCC 2012; Farmer 2014), and re-entry varies with care history
(Goldacre et al. 2022); a previous failed return is one of the framework's research-based cautions
(Wilkins & Farmer 2015). A return recorded as held (`broke_down` false) still counts as broken down when
the dates say otherwise: the child came back into care (`came_back_on`, or a later period of care
starting) within `returns.breakdown_window_days` of going home. The finding says so, with the date and
the number of days, so the record can be put right. Applies at every gate.
"""

from __future__ import annotations

from datetime import date

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
from homeward.framework.snapshot import PreviousReturn, format_date


def back_in_care_soon_after(ctx: Context, r: PreviousReturn) -> date | None:
    """When a return recorded as held was followed by the child coming back into care within the
    configured window (`came_back_on`, or the first later period of care, by `as_of`), that date."""
    window = ctx.config.breakdown_window_days
    later = [p.started_on for p in ctx.snapshot.care_history.periods_of_care if p.started_on > r.returned_on]
    if r.came_back_on is not None and r.came_back_on > r.returned_on:
        later.append(r.came_back_on)
    soon = [d for d in later if d <= ctx.as_of and (d - r.returned_on).days <= window]
    return min(soon) if soon else None


def check(ctx: Context) -> Hit | None:
    child = ctx.snapshot.child.name
    failed: list[tuple[PreviousReturn, str]] = []
    for r in sorted(ctx.snapshot.care_history.previous_returns, key=lambda r: r.returned_on):
        if r.returned_on > ctx.as_of:
            continue
        if r.broke_down:
            back = f" (back in care {format_date(r.came_back_on)})" if r.came_back_on else ""
            failed.append((r, format_date(r.returned_on) + back))
            continue
        came_back = back_in_care_soon_after(ctx, r)
        if came_back is not None:
            days = plural((came_back - r.returned_on).days, "day")
            failed.append(
                (
                    r,
                    f"{format_date(r.returned_on)} (recorded as held, but {child} came back into care on "
                    f"{format_date(came_back)}, {days} later)",
                )
            )
    if not failed:
        return None
    dates = ", ".join(text for _r, text in failed)
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
