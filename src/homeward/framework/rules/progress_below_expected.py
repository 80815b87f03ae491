"""progress-below-expected (caution): a carer's goals, scored on real evidence, are below the expected
level.

Goal Attainment Scaling sets, for each goal, the level of change expected by the review (score 0);
a score below it (−1, less than expected; −2, much less) says the change has not happened
(Kiresuk & Sherman 1968). The framework asks for evidence of change per parent before a return
(Wilkins & Farmer 2015), and SDM reassessment lets the carer making least progress govern. Fires when,
for any carer, the latest review of a goal that rests on real evidence (it cites at least one evidence
item that exists and is not attendance: `homeward.framework.gas.counts_as_evidence`) scored below
`gas.green_at_least`; it names the carer and each such goal. A later review that cites nothing or only
attendance does not clear it, whatever its score: it is not evidence that the picture has changed.
Each carer is judged on their own goals, so another carer's high scores cannot average it away.

A caution, not a gap: the evidence the framework expects is there, and it shows the change needed has
not (yet) been made, a risk a plan and support would have to address. Applies from D2: goals are set
after D1 (stage 2), so they cannot yet have been reviewed at D1.
"""

from __future__ import annotations

from homeward.framework.gas import counts_as_evidence
from homeward.framework.model import (
    FROM_D2,
    KIRESUK_SHERMAN_1968,
    SDM_GUIDANCE,
    WILKINS_FARMER_2015,
    Context,
    Hit,
    Rule,
    join_words,
)
from homeward.framework.snapshot import GoalReview, format_date

_BELOW = {-1: "less than expected", -2: "much less than expected"}


def check(ctx: Context) -> Hit | None:
    green = ctx.config.gas_green_at_least
    lines: list[str] = []
    people: list[str] = []
    items: list[str] = []
    goals = ctx.snapshot.goals
    for parent in dict.fromkeys(g.parent for g in goals):
        below: list[str] = []
        for goal in (g for g in goals if g.parent == parent):
            evidenced = [
                r for r in goal.reviews if r.reviewed_on <= ctx.as_of and counts_as_evidence(ctx.snapshot, r)
            ]
            if not evidenced:
                continue
            latest: GoalReview = max(enumerate(evidenced), key=lambda ir: (ir[1].reviewed_on, ir[0]))[1]
            if latest.score < green:
                what = _BELOW.get(latest.score, "below the expected level")
                on = format_date(latest.reviewed_on)
                below.append(f"'{goal.description}' scored {latest.score:+d} ({what}) on {on}")
                items.append(goal.id)
        if below:
            listed = join_words(below)
            lines.append(f"{parent}'s latest evidenced goal reviews are below the expected level: {listed}.")
            people.append(parent)
    if not lines:
        return None
    return Hit(
        message=" ".join(lines)
        + " The change these goals ask for has not been shown yet; the plan and support should address it "
        "before a return.",
        people=tuple(people),
        items=tuple(items),
    )


RULE = Rule(
    id="progress-below-expected",
    kind="caution",
    title="Progress below the expected level",
    gates=FROM_D2,
    source=f"{KIRESUK_SHERMAN_1968}; {WILKINS_FARMER_2015}; {SDM_GUIDANCE}",
    check=check,
    why_these_gates="Goals are set after D1, so reviews can only be expected from D2.",
    doc=__doc__ or "",
)
