"""The T-score chart's figures: each review date's summary T-score and its RAG status.

A review date that scored only some of the goals set by then is partial: its T-score speaks only for
the goals it scored, so it is never shown green ("partial" instead); red and amber stand, marked partial.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from homeward import framework
from homeward.children.models import Child
from homeward.snapshot.case import build_snapshot


@dataclass(frozen=True)
class ChartPoint:
    reviewed_on: date
    t_score: float
    status: str  # red / amber / green of the review as a whole, or "partial" in place of green
    goals: int
    goals_due: int = 0
    partial: bool = False


def t_score_series(child: Child, as_of: date) -> list[ChartPoint]:
    """The summary T-score of each review date, with its RAG status, from the framework's own GAS."""
    config = framework.load_config()
    points = []
    for summary in framework.evaluate(build_snapshot(child, as_of), framework.Gate.D2, config).reviews:
        # The review as a whole: red below the framework's concern level, amber below the expected 50.
        t = summary.t_score
        status = "red" if t < config.t_score_concern_below else ("amber" if t < 50 else "green")
        if summary.partial and status == "green":
            status = "partial"
        points.append(
            ChartPoint(
                summary.reviewed_on,
                round(summary.t_score, 1),
                status,
                summary.goals_scored,
                goals_due=summary.goals_due,
                partial=summary.partial,
            )
        )
    return points
