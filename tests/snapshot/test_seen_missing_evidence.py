"""The times the child was seen, the times they went missing, the evidence a need rests on and what the
evidence says, as the snapshot reads them; and the framework's findings on the record they come from."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from homeward import framework
from homeward.assessments import services
from homeward.organisation.models import Agency, AgencyType
from homeward.snapshot import build_snapshot, evaluate_child
from tests.assessments.helpers import clear_reunification, fill_assessment, mother_of


def _ids(evaluation: framework.Evaluation) -> set[str]:
    return {f.id for f in evaluation.findings}


def _service(child: Any) -> Agency:
    service = Agency.objects.filter(agency_type=AgencyType.SUBSTANCE_MISUSE).order_by("pk").first()
    if service is None:
        service = Agency.objects.create(name="Forward Leeds", agency_type=AgencyType.SUBSTANCE_MISUSE)
    return service


def test_occasions_are_the_assessments_up_to_as_of(demo: Any) -> None:
    child = demo.showcase
    worker = demo.staff["worker"]
    assessment = fill_assessment(child, worker)
    today = timezone.localdate()
    mum = f"{mother_of(child).full_name} (mother)"
    services.record_child_seen(
        assessment,
        worker,
        seen_on=today - timedelta(days=4),
        present=f"Sam Okafor, social worker\n{mum}",
        seen_alone=True,
        note="At contact",
    )
    snapshot = build_snapshot(child, today)
    (seen,) = snapshot.child_seen
    assert (
        seen.present == ("Sam Okafor, social worker", mum) and seen.seen_alone and seen.note == "At contact"
    )
    assert build_snapshot(child, today - timedelta(days=5)).child_seen == ()
    assert framework.snapshot_from_dict(snapshot.to_dict()) == snapshot
    # The wishes (seen alone, the worker only) still count; with them not alone, the occasion is
    # contradicted by the mother being listed.
    assert "child-not-seen-alone" not in _ids(evaluate_child(child, "D1", today))
    services.update_section(assessment, "child", wishes_seen_alone=False)
    finding = next(f for f in evaluate_child(child, "D1", today).findings if f.id == "child-not-seen-alone")
    assert f"'{mum}'" in finding.message and "does not count" in finding.message


def test_a_need_not_continuing_against_the_services_latest_letter(demo: Any) -> None:
    child = demo.showcase
    worker = demo.staff["worker"]
    assessment = fill_assessment(child, worker)
    today = timezone.localdate()
    service = _service(child)
    stopped = services.add_evidence(
        child,
        worker,
        description="Forward Leeds: negative tests for three months",
        source="Forward Leeds",
        kind="written",
        agency=service,
        seen_on=today - timedelta(days=20),
        written_up_on=today - timedelta(days=19),
        shows_continuing=False,
    )
    services.add_need(
        assessment,
        need_type="substance_misuse",
        person=mother_of(child),
        continuing=False,
        evidence=[stopped],
    )
    snapshot = build_snapshot(child, today)
    need = next(n for n in snapshot.needs if n.type == "substance_misuse")
    assert need.evidence_ids == (f"ev-{stopped.pk}",)
    item = next(e for e in snapshot.evidence if e.id == f"ev-{stopped.pk}")
    assert item.shows_continuing is False and item.agency == "substance_misuse"
    findings = _ids(evaluate_child(child, "D1", today))
    assert not {"parental-substance-misuse-continuing", "substance-misuse-stopped-unevidenced"} & findings
    services.add_evidence(
        child,
        worker,
        description="Forward Leeds: positive test for cocaine last week",
        source="Forward Leeds",
        kind="written",
        agency=service,
        seen_on=today - timedelta(days=2),
        written_up_on=today - timedelta(days=1),
        shows_continuing=True,
    )
    evaluation = evaluate_child(child, "D1", today)
    finding = next(f for f in evaluation.findings if f.id == "parental-substance-misuse-continuing")
    assert "recorded as not continuing" in finding.message and "positive test for cocaine" in finding.message
    assert mother_of(child).full_name in finding.people
    # Before the new letter, the record stood.
    assert "parental-substance-misuse-continuing" not in _ids(
        evaluate_child(child, "D1", today - timedelta(days=3))
    )


def test_a_missing_episode_is_read_as_it_stood_on_as_of(demo: Any) -> None:
    child = clear_reunification(demo.showcase)
    worker = demo.staff["worker"]
    today = timezone.localdate()
    services.record_missing_episode(
        child,
        worker,
        started_on=today - timedelta(days=10),
        ended_on=today - timedelta(days=8),
        ran_home=True,
        note="Found at the family home",
    )
    (episode,) = build_snapshot(child, today).missing_episodes
    assert episode.ran_home and episode.ended_on == today - timedelta(days=8)
    (still_out,) = build_snapshot(child, today - timedelta(days=9)).missing_episodes
    assert still_out.ended_on is None
    assert build_snapshot(child, today - timedelta(days=11)).missing_episodes == ()
    assert "missing-from-care" in _ids(evaluate_child(child, "D1", today))
