"""How often a child in a monitoring period is visited, and when the next visit is due.

Plain functions over plain values (no database), so the rule can be read and tested on its own. The
rules and their sources, shown on the monitoring page beside the cadence chosen:

- A child placed with parents while looked after (903 PLACE P1): the Care Planning, Placement and Case
  Review (England) Regulations 2010, reg 28 — visits at least once a week until the first review of the
  child's case, then at intervals of not more than six weeks; every four weeks while the child is
  under an interim care order (903 LS C1).
- After a return home the child is a child in need (Children Act 1989 s17) and no regulation sets the
  frequency of visits: the authority's local default (every 4 weeks unless set otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

REG_28 = (
    "Care Planning, Placement and Case Review (England) Regulations 2010, reg 28: a child placed with "
    "parents is visited weekly until the first review, then at least every six weeks"
)
REG_28_ICO = (
    "Care Planning, Placement and Case Review (England) Regulations 2010, reg 28: at least every four "
    "weeks while the child is under an interim care order"
)
LOCAL_DEFAULT = (
    "A local default set by the authority: no regulation sets how often a child in need is visited "
    "after a return home (Children Act 1989 s17)"
)
# The first review of a looked-after child's case is due within 20 working days of the placement
# (reg 33(1)(a) of the same regulations): four weeks, unless the review date is known.
FIRST_REVIEW_DAYS = 28
INTERIM_CARE_ORDER = "C1"


@dataclass(frozen=True)
class Cadence:
    days_before_review: int
    days_after_review: int
    words: str
    source: str
    local_default: bool = False


def cadence_for(kind: str, legal_status: str | None, *, local_weeks_after_return: int) -> Cadence:
    """The visit cadence for a period of `kind` ("return_home" or "placed_with_parents") for a child
    whose 903 legal status is `legal_status` when it starts."""
    if kind == "placed_with_parents":
        if legal_status == INTERIM_CARE_ORDER:
            return Cadence(28, 28, "Every 4 weeks (interim care order)", REG_28_ICO)
        return Cadence(7, 42, "Weekly until the first review, then at least every 6 weeks", REG_28)
    days = local_weeks_after_return * 7
    plural = "week" if local_weeks_after_return == 1 else f"{local_weeks_after_return} weeks"
    return Cadence(days, days, f"Every {plural} (a local default)", LOCAL_DEFAULT, local_default=True)


def next_visit_due(
    *,
    started_on: date,
    first_review_on: date | None,
    days_before_review: int,
    days_after_review: int,
    last_visit_on: date | None,
) -> date:
    """When the next visit is due: the interval in force on the day of the last visit (or the start),
    counted from it. A first review not yet reached keeps the shorter interval."""
    since = last_visit_on or started_on
    before_review = first_review_on is not None and since < first_review_on
    due = since + timedelta(days=days_before_review if before_review else days_after_review)
    if before_review and first_review_on is not None and days_after_review < days_before_review:
        due = min(due, first_review_on + timedelta(days=days_after_review))
    return due
