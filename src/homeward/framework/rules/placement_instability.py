"""placement-instability (caution): the child has had several placements in the current period of care.

"Several placements" is one of the framework's research-based cautions (Wilkins & Farmer 2015), and
re-entry varies with care history (Goldacre et al. 2022). The threshold is
`placements.instability_threshold` in the configuration. Applies at every gate.
"""

from __future__ import annotations

from homeward.framework.model import ALL_GATES, GOLDACRE_2022, WILKINS_FARMER_2015, Context, Hit, Rule


def check(ctx: Context) -> Hit | None:
    n = ctx.snapshot.care_history.placements_in_current_period
    if n < ctx.config.placement_instability_threshold:
        return None
    child = ctx.snapshot.child.name
    return Hit(
        message=(
            f"{child} has had {n} placements in the current period of care. Placement instability is "
            "associated with less successful returns; consider what it means for the child's needs."
        ),
        people=(child,),
    )


RULE = Rule(
    id="placement-instability",
    kind="caution",
    title="Several placements",
    gates=ALL_GATES,
    source=f"{WILKINS_FARMER_2015}; {GOLDACRE_2022}",
    check=check,
    why_these_gates="Care history informs every decision.",
    doc=__doc__ or "",
)
