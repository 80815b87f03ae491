"""agreement-missing-consequences (gap): the written agreement does not say what happens if it is not
kept.

Case reviews found agreements without consequences (NSPCC 2016). Applies at D2 and D3, with
agreement-missing.
"""

from __future__ import annotations

from homeward.framework.model import FROM_D2, NSPCC_2016, Context, Hit, Rule
from homeward.framework.snapshot import format_date


def check(ctx: Context) -> Hit | None:
    a = ctx.snapshot.agreement
    if a is None or not a.exists or a.has_consequences:
        return None
    dated = f" (agreed on {format_date(a.agreed_on)})" if a.agreed_on else ""
    return Hit(
        message=(
            f"The written agreement{dated} does not say what will happen if it is not kept. Parents need "
            "to know the consequences in words they can read."
        ),
        items=("written agreement",),
    )


RULE = Rule(
    id="agreement-missing-consequences",
    kind="gap",
    title="Agreement has no consequences",
    gates=FROM_D2,
    source=NSPCC_2016,
    check=check,
    why_these_gates="The agreement is made in stage 2, after D1.",
    doc=__doc__ or "",
)
