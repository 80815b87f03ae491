"""The times the child was seen, the times the child went missing, the evidence a need rests on and
what evidence says about a need continuing: services, pages and the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from homeward.access.models import AuditAction, AuditEvent
from homeward.assessments import services
from homeward.assessments.models import ChildSeen, Evidence, MissingEpisode, Need, SignedRecordError
from tests.assessments.helpers import clear_reunification, fill_assessment, mother_of

Client = Callable[[str | None], Any]


def _date(name: str, day: date) -> dict[str, int]:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def _letter(child: Any, worker: Any, *, continuing: bool | None) -> Evidence:
    today = timezone.localdate()
    return services.add_evidence(
        child,
        worker,
        description="Letter from the substance-misuse service",
        source="Forward Leeds",
        kind="written",
        seen_on=today - timedelta(days=3),
        written_up_on=today - timedelta(days=2),
        shows_continuing=continuing,
    )


# --- services -----------------------------------------------------------------------------------


def test_an_occasion_needs_a_date_in_the_assessment_who_was_there_and_an_answer(demo: Any) -> None:
    worker = demo.staff["worker"]
    assessment = fill_assessment(demo.showcase, worker)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        services.record_child_seen(
            assessment, worker, seen_on=today + timedelta(days=1), present="", seen_alone=None
        )
    assert set(refused.value.error_dict) == {"seen_on", "present", "seen_alone"}
    with pytest.raises(ValidationError) as early:
        services.record_child_seen(
            assessment,
            worker,
            seen_on=assessment.started_on - timedelta(days=1),
            present="n/a",
            seen_alone=True,
        )
    assert "during the assessment" in early.value.error_dict["seen_on"][0].message
    assert "says only 'n/a'" in early.value.error_dict["present"][0].message
    seen = services.record_child_seen(
        assessment,
        worker,
        seen_on=today,
        present="  Sam Okafor, social worker \n\n Ms Ahmed, teacher ",
        seen_alone=True,
        note="At school",
    )
    assert seen.present_list == ["Sam Okafor, social worker", "Ms Ahmed, teacher"] and seen.seen_alone


def test_occasions_and_a_needs_evidence_are_kept_with_the_signed_version_and_copied(demo: Any) -> None:
    worker = demo.staff["worker"]
    child = demo.showcase
    assessment = fill_assessment(child, worker)
    today = timezone.localdate()
    services.record_child_seen(
        assessment, worker, seen_on=today, present="Sam Okafor, social worker", seen_alone=True
    )
    letter = _letter(child, worker, continuing=False)
    need = services.add_need(
        assessment,
        need_type="substance_misuse",
        person=mother_of(child),
        continuing=False,
        evidence=[letter],
    )
    assert list(need.evidence.all()) == [letter]
    services.sign_assessment(assessment, worker, today)
    with pytest.raises(SignedRecordError):
        services.record_child_seen(
            assessment, worker, seen_on=today, present="Sam Okafor, social worker", seen_alone=False
        )
    assert [c.seen_on for c in assessment.document.child_seen] == [today]
    assert "Letter from the substance-misuse service" in assessment.document.needs[-1].evidence[0]
    copy = services.new_version(assessment, worker, "A new partner has moved in")
    assert ChildSeen.objects.filter(assessment=copy).count() == 1
    assert ChildSeen.objects.filter(assessment=assessment).count() == 1
    copied = Need.objects.get(assessment=copy, need_type="substance_misuse")
    assert list(copied.evidence.all()) == [letter]


def test_a_need_cannot_rest_on_another_childs_evidence(demo: Any) -> None:
    worker = demo.staff["worker"]
    assessment = fill_assessment(demo.showcase, worker)
    other = Evidence.objects.exclude(child=demo.showcase).first()
    if other is None:
        other = _letter(demo.other_child["worker"], worker, continuing=None)
    with pytest.raises(ValidationError, match="another child's record"):
        services.add_need(
            assessment, need_type="substance_misuse", person=None, continuing=False, evidence=[other]
        )


def test_a_missing_episode_is_dated_in_order_and_says_whether_the_child_ran_home(demo: Any) -> None:
    child = clear_reunification(demo.showcase)
    worker = demo.staff["worker"]
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        services.record_missing_episode(
            child, worker, started_on=today, ended_on=today - timedelta(days=1), ran_home=None
        )
    assert set(refused.value.error_dict) == {"ended_on", "ran_home"}
    episode = services.record_missing_episode(
        child, worker, started_on=today - timedelta(days=2), ended_on=None, ran_home=True, note=" At home "
    )
    assert episode.ended_on is None and episode.ran_home and episode.note == "At home"


# --- pages --------------------------------------------------------------------------------------


def test_the_child_seen_page_asks_without_a_preselected_answer_and_is_audited(
    demo: Any, client_for: Client
) -> None:
    child = demo.showcase
    assessment = fill_assessment(child, demo.staff["worker"])
    # The wishes were recorded with the mother there: the occasion below is the only one "alone".
    services.update_section(
        assessment, "child", wishes_seen_alone=False, wishes_present="Sam Okafor, social worker\nMum"
    )
    client = client_for("worker")
    url = reverse("assessments:child_seen_add", args=[child.pk])
    form = client.get(url).content.decode()
    assert 'name="seen_alone"' in form and "checked" not in form
    refused = client.post(url, {**_date("seen_on", timezone.localdate()), "present": "Sam Okafor"})
    assert refused.status_code == 400 and "Select yes if the child was seen alone" in refused.content.decode()
    saved = client.post(
        url,
        {
            **_date("seen_on", timezone.localdate()),
            "present": f"Sam Okafor, social worker\n{mother_of(child).full_name} (mother)",
            "seen_alone": "yes",
        },
    )
    assert saved.status_code == 302
    assert ChildSeen.objects.filter(assessment=assessment, seen_alone=True).count() == 1
    assert AuditEvent.objects.filter(
        child_id=child.pk, action=AuditAction.CREATE, what__contains="the child seen"
    ).exists()
    overview = client.get(reverse("assessments:overview", args=[child.pk]) + "?gate=D1").content.decode()
    assert 'data-testid="child-seen"' in overview and "Sam Okafor, social worker" in overview
    # Seen alone with the mother listed: the finding says so, naming her.
    assert "does not count as seeing" in overview and mother_of(child).full_name in overview


def test_the_missing_pages_list_and_record_an_episode(demo: Any, client_for: Client) -> None:
    child = clear_reunification(demo.showcase)
    client = client_for("worker")
    url = reverse("assessments:missing_add", args=[child.pk])
    form = client.get(url).content.decode()
    assert 'name="ran_home"' in form and "checked" not in form
    today = timezone.localdate()
    saved = client.post(
        url,
        {
            **_date("started_on", today - timedelta(days=9)),
            **_date("ended_on", today - timedelta(days=8)),
            "ran_home": "yes",
            "note": "Found at the family home",
        },
    )
    assert saved.status_code == 302 and saved["Location"] == reverse("assessments:missing", args=[child.pk])
    assert MissingEpisode.objects.get(child=child).ran_home is True
    assert AuditEvent.objects.filter(
        child_id=child.pk, action=AuditAction.CREATE, what__contains="missing from care"
    ).exists()
    listing = client_for("iro").get(reverse("assessments:missing", args=[child.pk])).content.decode()
    assert "Found at the family home" in listing and 'data-testid="missing-episodes"' in listing
    assert reverse("assessments:missing_add", args=[child.pk]) not in listing  # the IRO reads only


def test_the_need_form_offers_the_childs_evidence_and_evidence_says_if_continuing(
    demo: Any, client_for: Client
) -> None:
    child = demo.showcase
    worker = demo.staff["worker"]
    assessment = fill_assessment(child, worker)
    client = client_for("worker")
    evidence_form = client.get(reverse("assessments:evidence_add", args=[child.pk])).content.decode()
    assert 'name="shows_continuing"' in evidence_form and "checked" not in evidence_form
    today = timezone.localdate()
    posted = client.post(
        reverse("assessments:evidence_add", args=[child.pk]),
        {
            "description": "Forward Leeds: test results show continuing use",
            "source": "Forward Leeds",
            "kind": "written",
            **_date("seen_on", today - timedelta(days=2)),
            **_date("written_up_on", today),
            "shows_continuing": "yes",
        },
    )
    assert posted.status_code == 302
    letter = Evidence.objects.get(description="Forward Leeds: test results show continuing use")
    assert letter.shows_continuing is True
    unsaid = _letter(child, worker, continuing=None)
    assert unsaid.shows_continuing is None
    need_form = client.get(reverse("assessments:need_add", args=[child.pk])).content.decode()
    assert f'value="{letter.pk}"' in need_form and 'name="evidence"' in need_form
    added = client.post(
        reverse("assessments:need_add", args=[child.pk]),
        {
            "need_type": "substance_misuse",
            "person": mother_of(child).pk,
            "continuing": "no",
            "evidence": [letter.pk],
        },
    )
    assert added.status_code == 302
    need = Need.objects.get(assessment=assessment, need_type="substance_misuse")
    assert list(need.evidence.all()) == [letter]
