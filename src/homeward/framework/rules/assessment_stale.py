"""assessment-stale (gap): the assessment, or a carer's capacity assessment, is older than allowed.

Case reviews found returns decided on assessments that were no longer timely (NSPCC 2016). The
maximum age is `assessment.max_age_days` in the configuration. Applies at every gate, for the same
reason as assessment-missing.
"""

from __future__ import annotations

from homeward.framework.model import ALL_GATES, NSPCC_2016, Context, Hit, Rule, days_between, plural
from homeward.framework.snapshot import format_date


def check(ctx: Context) -> Hit | None:
    limit = ctx.config.assessment_max_age_days
    lines: list[str] = []
    people: list[str] = []
    items: list[str] = []
    a = ctx.snapshot.assessment
    if a is not None and a.completed_on is not None and a.completed_on <= ctx.as_of:
        age = days_between(a.completed_on, ctx.as_of)
        if age > limit:
            lines.append(
                f"The reunification assessment was completed on {format_date(a.completed_on)}, "
                f"{plural(age, 'day')} ago."
            )
            items.append("reunification assessment")
    for c in ctx.snapshot.carer_assessments:
        if c.assessed_on is not None and c.assessed_on <= ctx.as_of:
            age = days_between(c.assessed_on, ctx.as_of)
            if age > limit:
                who = f"{c.carer} ({c.relationship})" if c.relationship else c.carer
                lines.append(
                    f"{who}'s parenting capacity assessment is dated {format_date(c.assessed_on)}, "
                    f"{plural(age, 'day')} ago."
                )
                people.append(c.carer)
                items.append(f"capacity assessment of {c.carer}")
    if not lines:
        return None
    return Hit(
        message=" ".join(lines)
        + f" Assessments older than {plural(limit, 'day')} should be updated before a decision.",
        people=tuple(people),
        items=tuple(items),
    )


RULE = Rule(
    id="assessment-stale",
    kind="gap",
    title="Assessment out of date",
    gates=ALL_GATES,
    source=NSPCC_2016,
    check=check,
    why_these_gates="Every gate's decision rests on a timely assessment.",
    doc=__doc__ or "",
)
