"""Evidence of change, goals and their reviews, risk classifications and the times the child went
missing: the child's, up to `as_of`."""

from __future__ import annotations

from datetime import date

from homeward.assessments.models import Evidence, Goal, MissingEpisode, RiskClassification
from homeward.assessments.selectors import agency_type
from homeward.children.models import Child
from homeward.framework import snapshot as fw


def evidence(child: Child, as_of: date) -> tuple[fw.EvidenceItem, ...]:
    return tuple(
        fw.EvidenceItem(
            id=f"ev-{e.pk}",
            description=e.description,
            source=e.source,
            kind=e.kind,  # type: ignore[arg-type]
            seen_on=e.seen_on,
            written_up_on=e.written_up_on if e.written_up_on <= as_of else None,
            agency=agency_type(e.agency.agency_type) if e.agency else None,  # type: ignore[arg-type]
            shows_continuing=e.shows_continuing,
        )
        for e in Evidence.objects.filter(child=child, seen_on__lte=as_of).select_related("agency")
    )


def goals(child: Child, as_of: date) -> tuple[fw.Goal, ...]:
    return tuple(
        fw.Goal(
            id=f"goal-{g.pk}",
            parent=g.parent.full_name,
            description=g.description,
            weight=float(g.weight),
            set_on=g.set_on,
            reviews=tuple(
                fw.GoalReview(
                    reviewed_on=r.reviewed_on,
                    score=r.score,
                    evidence_ids=tuple(f"ev-{e.pk}" for e in r.evidence.all()),
                    note=r.note,
                )
                for r in g.reviews.all()
                if r.reviewed_on <= as_of
            ),
        )
        for g in Goal.objects.filter(child=child)
        .select_related("parent")
        .prefetch_related("reviews__evidence")
    )


def risk_classifications(child: Child, as_of: date) -> tuple[fw.RiskClassification, ...]:
    return tuple(
        fw.RiskClassification(
            point=r.point,  # type: ignore[arg-type]
            level=r.level,  # type: ignore[arg-type]
            classified_on=r.classified_on,
            reasons=r.reasons,
        )
        for r in RiskClassification.objects.filter(child=child, classified_on__lte=as_of)
    )


def missing_episodes(child: Child, as_of: date) -> tuple[fw.MissingEpisode, ...]:
    """The times the child went missing by `as_of`; one that ended after `as_of` was still open then."""
    return tuple(
        fw.MissingEpisode(
            started_on=m.started_on,
            ended_on=m.ended_on if m.ended_on is not None and m.ended_on <= as_of else None,
            ran_home=m.ran_home,
            note=m.note,
        )
        for m in MissingEpisode.objects.filter(child=child, started_on__lte=as_of).order_by(
            "started_on", "id"
        )
    )
