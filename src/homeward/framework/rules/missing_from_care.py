"""missing-from-care (caution): the child went missing from care, or ran home, shortly before the decision.

Research-informed, not a measured threshold: reviews of returns home (Farmer 2018; Wade, Biehal,
Farrelly & Sinclair 2011) describe children who go home on their own terms, and the NSPCC framework
(Wilkins & Farmer 2015) treats a child running home as a sign to assess — what the child is telling
the professionals, and what a return would mean if it happened before the plan is ready. Fires when a
missing episode (`missing_episodes`) was under way within `missing.within_days` before `as_of` (it
started, ended, or is still open in that period). Phrased as something to consider, never a verdict:
running home can mean the child wants to be home, and it can mean the child is not safe where they are.
Applies at every gate.
"""

from __future__ import annotations

from datetime import timedelta

from homeward.framework.model import ALL_GATES, MISSING_RESEARCH, Context, Hit, Rule, plural
from homeward.framework.snapshot import format_date


def check(ctx: Context) -> Hit | None:
    since = ctx.as_of - timedelta(days=ctx.config.missing_within_days)
    recent = sorted(
        (
            m
            for m in ctx.snapshot.missing_episodes
            if m.started_on <= ctx.as_of and (m.ended_on is None or m.ended_on >= since)
        ),
        key=lambda m: m.started_on,
    )
    if not recent:
        return None
    child = ctx.snapshot.child.name
    home = [m for m in recent if m.ran_home]
    last = recent[-1]
    until = (
        f"until {format_date(last.ended_on)}" if last.ended_on is not None else "(not yet recorded as back)"
    )
    went = "went to the family home" if last.ran_home else "went missing"
    ran = f", {plural(len(home), 'time')} to the family home" if home and len(recent) > 1 else ""
    return Hit(
        message=(
            f"{child} has gone missing from care {plural(len(recent), 'time')} since {format_date(since)}"
            f"{ran}; most recently {child} {went} on {format_date(last.started_on)} {until}. Consider "
            f"what this says about what {child} wants and how safe they feel where they are, and whether a "
            "return could happen before the plan is ready."
        ),
        people=(child,),
    )


RULE = Rule(
    id="missing-from-care",
    kind="caution",
    title="Missing from care or ran home recently",
    gates=ALL_GATES,
    source=MISSING_RESEARCH,
    check=check,
    why_these_gates="What the child does now informs every decision.",
    doc=__doc__ or "",
)
