"""agreement-incomplete (gap): the written agreement does not state the conditions, or the support.

The agreement should state the conditions (goals per parent, with steps and time frame) and the
support the family will receive (NSPCC 2016 case-review learning; Leeds 2016 template). The missing
consequences have their own rule. Applies at D2 and D3, with agreement-missing.
"""

from __future__ import annotations

from homeward.framework.model import FROM_D2, LEEDS_2016, NSPCC_2016, Context, Hit, Rule, join_words


def check(ctx: Context) -> Hit | None:
    a = ctx.snapshot.agreement
    if a is None or not a.exists:
        return None
    lacking = [
        what
        for what, present in (
            ("the conditions the parents must meet", a.has_conditions),
            ("the support the family will receive", a.has_support),
        )
        if not present
    ]
    if not lacking:
        return None
    return Hit(
        message=f"The written agreement does not state {join_words(lacking)}.",
        items=("written agreement",),
    )


RULE = Rule(
    id="agreement-incomplete",
    kind="gap",
    title="Agreement incomplete",
    gates=FROM_D2,
    source=f"{NSPCC_2016}; {LEEDS_2016}",
    check=check,
    why_these_gates="The agreement is made in stage 2, after D1.",
    doc=__doc__ or "",
)
