"""risk-classification-missing (gap): the case team has not classified the risk at the expected point.

The framework classifies risk after the assessment (RC1) and after goals are reviewed (RC2), each
Low / Medium / High / Very high with reasons (Wilkins & Farmer 2015). At D1 any classification is
expected; at D2 and D3 one made after goals were reviewed (RC2) is expected.
"""

from __future__ import annotations

from homeward.framework.model import ALL_GATES, WILKINS_FARMER_2015, Context, Gate, Hit, Rule


def check(ctx: Context) -> Hit | None:
    made = [r for r in ctx.snapshot.risk_classifications if r.classified_on <= ctx.as_of]
    if ctx.gate is Gate.D1:
        if made:
            return None
        return Hit(
            message="The case team has not classified the risk (RC1, after the assessment), with reasons."
        )
    if any(r.point in ("RC2", "RC3") for r in made):
        return None
    return Hit(
        message="The case team has not classified the risk after the goals were reviewed (RC2), with reasons."
    )


RULE = Rule(
    id="risk-classification-missing",
    kind="gap",
    title="Risk not classified",
    gates=ALL_GATES,
    source=WILKINS_FARMER_2015,
    check=check,
    why_these_gates="RC1 is expected by D1 and RC2 by D2 and D3.",
    doc=__doc__ or "",
)
