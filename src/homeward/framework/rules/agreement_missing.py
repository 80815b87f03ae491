"""agreement-missing (gap): there is no written agreement with the parents.

The framework's stage 2 agrees a written agreement with the parents: strengths and concerns, goals
per parent, support, review date and what happens if it is not kept (Wilkins & Farmer 2015; Leeds
2016 template). Applies at D2 and D3: the agreement is made after D1, and a reunification plan should
not proceed without one. An agreement dated after `as_of` has not been made yet, and does not count.
"""

from __future__ import annotations

from homeward.framework.model import FROM_D2, LEEDS_2016, WILKINS_FARMER_2015, Context, Hit, Rule


def check(ctx: Context) -> Hit | None:
    a = ctx.snapshot.agreement
    if a is not None and a.exists and (a.agreed_on is None or a.agreed_on <= ctx.as_of):
        return None
    parents = [m.name for m in ctx.current_household if m.parental_responsibility]
    with_whom = f" with {', '.join(parents)}" if parents else " with the parents"
    return Hit(
        message=(
            f"There is no written agreement{with_whom}. It should set out the conditions (goals per parent), "
            "the support offered, a review date and what happens if the agreement is not kept."
        ),
        people=tuple(parents),
    )


RULE = Rule(
    id="agreement-missing",
    kind="gap",
    title="No written agreement",
    gates=FROM_D2,
    source=f"{WILKINS_FARMER_2015}; {LEEDS_2016}",
    check=check,
    why_these_gates="The agreement is made in stage 2, after D1.",
    doc=__doc__ or "",
)
