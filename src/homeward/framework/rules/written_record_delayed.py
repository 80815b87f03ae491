"""written-record-delayed (gap): evidence was written up late, or has still not been written up.

Case reviews found decisions made on verbal reports with the write-up delayed (NSPCC 2016). The
allowed delay is `evidence.max_write_up_days` in the configuration. Applies at every gate.
"""

from __future__ import annotations

from homeward.framework.model import ALL_GATES, NSPCC_2016, Context, Hit, Rule, days_between, plural
from homeward.framework.snapshot import format_date


def check(ctx: Context) -> Hit | None:
    limit = ctx.config.max_write_up_days
    lines: list[str] = []
    items: list[str] = []
    people: list[str] = []
    for e in ctx.snapshot.evidence:
        if e.seen_on > ctx.as_of:
            continue
        who = f" from {e.source}" if e.source else ""
        if e.written_up_on is not None and e.written_up_on <= ctx.as_of:
            delay = days_between(e.seen_on, e.written_up_on)
            if delay <= limit:
                continue
            lines.append(
                f"'{e.description}'{who}, seen on {format_date(e.seen_on)}, was written up "
                f"{plural(delay, 'day')} later."
            )
        else:
            waiting = days_between(e.seen_on, ctx.as_of)
            if waiting <= limit:
                continue
            lines.append(
                f"'{e.description}'{who}, seen on {format_date(e.seen_on)}, has not been written up "
                f"after {plural(waiting, 'day')}."
            )
        items.append(e.id)
        if e.source:
            people.append(e.source)
    if not lines:
        return None
    return Hit(
        message=" ".join(lines)
        + f" Evidence should be written up within {plural(limit, 'day')} of being seen.",
        people=tuple(dict.fromkeys(people)),
        items=tuple(items),
    )


RULE = Rule(
    id="written-record-delayed",
    kind="gap",
    title="Evidence written up late",
    gates=ALL_GATES,
    source=NSPCC_2016,
    check=check,
    why_these_gates="Every decision should rest on written, timely records.",
    doc=__doc__ or "",
)
