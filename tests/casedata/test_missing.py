"""Children in Homeward whom the case system's extract no longer holds: never deleted, kept on a list
for the data officer (by CHILD id) and managers (their teams' children, by name) to decide on, the
decision recorded and audited; a child back in a later extract leaves the list."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from homeward.access.models import AuditAction, AuditEvent, AuditListing
from homeward.casedata.models import MissingDecision, MissingFromExtract
from homeward.children.models import Child
from homeward.organisation.models import Role, StaffProfile, Team
from tests.casedata.test_sync import CARE, CHILDREN, run, write
from tests.twofactor import sign_in_verified

pytestmark = pytest.mark.django_db


def person(username: str, role: str, team: Team | None = None) -> Client:
    user = get_user_model().objects.create(username=username, first_name=username.title())
    StaffProfile.objects.create(user=user, role=role, team=team)
    client = Client()
    sign_in_verified(client, user)
    return client


@pytest.fixture
def team() -> Team:
    return Team.objects.create(name="Children in Care (North)")


@pytest.fixture
def one_missing(team: Team, tmp_path: Path) -> MissingFromExtract:
    run(write(tmp_path / "one", CHILDREN, CARE))
    run(write(tmp_path / "two", CHILDREN[:1], CARE[:2]), dry_run=True)
    assert not MissingFromExtract.objects.exists()  # a dry run notes nothing
    run(write(tmp_path / "two", CHILDREN[:1], CARE[:2]))
    return MissingFromExtract.objects.get()


def test_a_child_missing_from_a_sync_is_listed_until_back_in_an_extract(
    one_missing: MissingFromExtract, tmp_path: Path
) -> None:
    assert one_missing.child.la_child_id == "900002" and one_missing.decision == ""
    first = one_missing.first_missing_at
    run(write(tmp_path / "three", CHILDREN[:1], CARE[:2]))  # still missing: the same entry
    one_missing.refresh_from_db()
    assert one_missing.first_missing_at == first and one_missing.last_missing_at > first
    MissingFromExtract.objects.update(decision=MissingDecision.KEEP, reason="Left care at 18")
    run(write(tmp_path / "four", CHILDREN, CARE))  # back in the extract
    one_missing.refresh_from_db()
    assert one_missing.back_in_extract_at is not None
    run(write(tmp_path / "five", CHILDREN[:1], CARE[:2]))  # missing again: a new question
    one_missing.refresh_from_db()
    assert one_missing.back_in_extract_at is None and one_missing.decision == ""
    assert one_missing.first_missing_at > first
    assert Child.objects.filter(la_child_id="900002").exists()


def test_the_data_officer_sees_child_ids_only_and_a_manager_their_teams_children_by_name(
    one_missing: MissingFromExtract, team: Team
) -> None:
    one_missing.child.first_name, one_missing.child.last_name = "Ada", "Example"
    one_missing.child.save()
    url = reverse("casedata:missing")
    page = person("nadia", Role.DATA_OFFICER).get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "900002" in html and "Ada Example" not in html and "Not decided" in html
    event = AuditEvent.objects.get(username="nadia", action=AuditAction.LIST)
    assert list(AuditListing.objects.filter(event=event).values_list("child_id", flat=True)) == [
        one_missing.child_id
    ]
    ours = person("mo", Role.TEAM_MANAGER, team).get(url).content.decode()
    assert "Ada Example" in ours and reverse("children:record", args=[one_missing.child_id]) in ours
    south = Team.objects.create(name="Children in Care (South)")
    theirs = person("jo", Role.TEAM_MANAGER, south)
    assert "900002" not in theirs.get(url).content.decode()
    assert theirs.get(reverse("casedata:decide", args=[one_missing.pk])).status_code == 404
    assert person("sam", Role.SOCIAL_WORKER, team).get(url).status_code == 403


def test_a_decision_is_recorded_audited_and_a_stale_one_refused(
    one_missing: MissingFromExtract, team: Team
) -> None:
    url = reverse("casedata:decide", args=[one_missing.pk])
    officer = person("nadia", Role.DATA_OFFICER)
    form = officer.get(url)
    assert form.status_code == 200 and " checked" not in form.content.decode()  # nothing preselected
    missing_reason = officer.post(url, {"decision": "keep", "reason": "", "edit_version": "1"})
    assert missing_reason.status_code == 400 and "Say why" in missing_reason.content.decode()
    placeholder = officer.post(url, {"decision": "keep", "reason": "n/a", "edit_version": "1"})
    assert placeholder.status_code == 400 and "the reason says only" in placeholder.content.decode()
    one_missing.refresh_from_db()
    assert one_missing.decision == ""
    saved = officer.post(url, {"decision": "keep", "reason": "Turned 18, left care", "edit_version": "1"})
    assert saved.status_code == 302
    one_missing.refresh_from_db()
    assert (one_missing.decision, one_missing.reason, one_missing.decided_by_name) == (
        MissingDecision.KEEP,
        "Turned 18, left care",
        "Nadia",
    )
    event = AuditEvent.objects.get(child_id=one_missing.child_id, action=AuditAction.CHANGE, username="nadia")
    assert "Left the case system on purpose" in event.what
    stale = person("mo", Role.TEAM_MANAGER, team).post(
        url, {"decision": "correct_extract", "reason": "Still in care", "edit_version": "1"}
    )
    assert stale.status_code == 409
    one_missing.refresh_from_db()
    assert one_missing.decision == MissingDecision.KEEP
    assert Child.objects.filter(pk=one_missing.child_id).exists()
