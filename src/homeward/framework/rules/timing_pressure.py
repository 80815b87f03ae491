"""timing-pressure (gap): the return is timed by the calendar, or the reason for its timing is not
recorded.

Case reviews found returns timed by the calendar (school year, Christmas) rather than by the family's
progress (NSPCC 2016). The reasons counted as time-driven are `timing.time_driven_reasons` in the
configuration; whatever reason was chosen, a date within `timing.window_days` of a day in the calendar
(`timing.fixed_days`, the school calendar `timing.calendar`, the child's birthday) or a reason in words
that names one (`timing.words`) is timed by the calendar too. Applies at D2 (if a date is already
proposed) and D3.
"""

from __future__ import annotations

import re
from datetime import date

from homeward.framework.config import Config
from homeward.framework.model import FROM_D2, NSPCC_2016, Context, Hit, Rule, join_words, plural
from homeward.framework.snapshot import Child, format_date
from homeward.framework.text import quoted, says_something


def calendar_pressure(
    config: Config, *, proposed: date, child: Child, note: str
) -> tuple[list[str], list[str]]:
    """What ties a proposed return date to the calendar rather than the family's progress: the days in
    the calendar (every year's fixed days, the school calendar, the child's birthday) within the window
    of the date, in words; and the calendar words the reason given uses. The plans pages ask this too."""
    window = config.timing_window_days
    years = (proposed.year - 1, proposed.year, proposed.year + 1)
    days: list[tuple[str, date]] = [
        (f"{name} ({format_date(on)})", on)
        for name, month, day in config.timing_fixed_days
        for on in (_on(year, month, day) for year in years)
        if on is not None
    ]
    days += [(f"{name} ({format_date(on)})", on) for name, on in config.timing_calendar]
    born = child.date_of_birth
    for year in years:
        birthday = _on(year, born.month, born.day) or _on(year, 3, 1)  # 29 February: 1 March
        if birthday is not None:
            days.append((f"{child.name}'s birthday ({format_date(birthday)})", birthday))
    near = [name for name, on in days if abs((on - proposed).days) <= window]
    text = f" {' '.join(note.lower().split())} "
    named = [w for w in config.timing_words if re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", text)]
    return near, named


def _on(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def check(ctx: Context) -> Hit | None:
    plan = ctx.snapshot.return_plan
    if plan is None or plan.proposed_date is None:
        return None
    when = format_date(plan.proposed_date)
    note = f" ('{plan.timing_note}')" if plan.timing_note else ""
    near, named = calendar_pressure(
        ctx.config, proposed=plan.proposed_date, child=ctx.snapshot.child, note=plan.timing_note
    )
    if plan.timing_reason is None and not near and not named:
        if says_something(plan.timing_note):
            return None
        said = f" (the reason given {quoted(plan.timing_note)})" if plan.timing_note.strip() else ""
        return Hit(
            message=f"The return is proposed for {when}, but the reason for that timing is not recorded"
            f"{said}.",
            items=("return plan",),
        )
    reasons: list[str] = []
    if plan.timing_reason is None and not says_something(plan.timing_note):
        reasons.append("but the reason for that timing is not recorded,")
    if plan.timing_reason in ctx.config.time_driven_reasons:
        reasons.append(f"for a reason driven by the calendar: {plan.timing_reason.replace('_', ' ')}{note}")
    if near:
        days = plural(ctx.config.timing_window_days, "day")
        reasons.append(f"within {days} of {join_words(near)}")
    if named:
        reasons.append(f"and the reason given names {join_words([repr(w) for w in named])}")
    if not reasons:
        return None
    return Hit(
        message=(
            f"The return is proposed for {when} {', '.join(reasons).replace(',,', ',')}. "
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
