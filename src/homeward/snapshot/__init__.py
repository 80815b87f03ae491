"""The one mapping from Homeward's record to the framework's snapshot.

`build_snapshot(child, as_of)` is the only place that turns Homeward's models into a
`homeward.framework.CaseSnapshot`; the pages, the decisions and the API all evaluate through it, so
what a worker sees beside the decision form is exactly what the decision records. Each part of the
snapshot is read in its own module, which says how:

- `care`: the care history and legal status, from the one 903 definition (`homeward.ssda903`);
- `assessment`: the assessment, the proposed household, carers, agencies consulted, needs, the child's
  wishes;
- `agencies`: the agencies involved now;
- `progress`: evidence of change, goals and their reviews, risk classifications;
- `plans`: the written agreement, the return, support and contingency plans;
- `series`: the T-score series drawn from the evaluation of the progress (for the chart).
"""

from __future__ import annotations

from homeward.snapshot.case import build_snapshot, evaluate_child

__all__ = ["build_snapshot", "evaluate_child"]
