"""insufficient-sustained-change (gap): a case once classified High has not been Medium or Low for long
enough.

The framework asks that a case once classified High (or Very high) shows sustained improvement,
Medium or Low for 6 months, before a return (Wilkins & Farmer 2015; the months and levels are
`sustained_change` in the configuration). Fires when, after the last High classification, the case
has not been classified at a sustained level continuously for that long by `as_of`. Applies at D2
(so the plan's timing can allow for it) and D3.
"""

from __future__ import annotations

import calendar
from datetime import date

from homeward.framework.model import FROM_D2, WILKINS_FARMER_2015, Context, Hit, Rule, plural
from homeward.framework.snapshot import format_date


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def check(ctx: Context) -> Hit | None:
    cfg = ctx.config
    history = sorted(
        (r for r in ctx.snapshot.risk_classifications if r.classified_on <= ctx.as_of),
        key=lambda r: r.classified_on,
    )
    high = [r for r in history if r.level in cfg.sustained_change_triggered_by]
    if not high:
        return None
    last_high = max(r.classified_on for r in high)
    after = [r for r in history if r.classified_on > last_high]
    months = plural(cfg.sustained_change_months, "month")
    label = cfg.risk_label(next(r.level for r in reversed(high) if r.classified_on == last_high))
    base = f"The case was classified {label} on {format_date(last_high)}."
    if not after or any(r.level not in cfg.sustained_change_levels for r in after):
        return Hit(
            message=base
            + " It has not since been classified at a lower level throughout; sustained improvement "
            f"({months} at a lower level) is needed before a return."
        )
    improved_on = after[0].classified_on
    due = add_months(improved_on, cfg.sustained_change_months)
    if due <= ctx.as_of:
        return None
    return Hit(
        message=base
        + f" It has been classified {cfg.risk_label(after[-1].level)} since {format_date(improved_on)}; "
        f"{months} of sustained improvement would be reached on {format_date(due)}."
    )


RULE = Rule(
    id="insufficient-sustained-change",
    kind="gap",
    title="Improvement not yet sustained",
    gates=FROM_D2,
    source=WILKINS_FARMER_2015,
    check=check,
    why_these_gates="Needed before a return (D3); shown at D2 so the plan can allow for it.",
    doc=__doc__ or "",
)
