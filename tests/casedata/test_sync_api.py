"""POST /api/v1/sync: the data officer's sync through the API, the same service as the command and the
page: a dry run, a real one, a bad file (422 naming file, row and column, nothing changed), the route's
own body limit (413 before reading), and who may call it."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from homeward.access.models import AuditAction, AuditEvent
from homeward.children.models import Child, Episode
from homeward.organisation.models import Role, StaffProfile, Team
from tests.api.helpers import bearer, token_for
from tests.casedata.test_sync import CARE, CHILDREN, EPISODES, HEADER
from tests.twofactor import sign_in_verified

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"
URL = "/api/v1/sync"


def person(username: str, role: str) -> Any:
    user = get_user_model().objects.create(username=username, email=f"{username}@example.org")
    StaffProfile.objects.create(user=user, role=role)
    return user


@pytest.fixture
def officer() -> Any:
    Team.objects.create(name="Children in Care (North)")
    return person("nadia.khan", Role.DATA_OFFICER)


def extract(children: list[str] = CHILDREN, episodes: list[str] = CARE) -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile("header_2024.csv", (HEADER + "".join(f"{r}\n" for r in children)).encode()),
        SimpleUploadedFile("episodes_2024.csv", (EPISODES + "".join(f"{r}\n" for r in episodes)).encode()),
    ]


def post(secret: str, files: list[SimpleUploadedFile], **fields: str) -> Any:
    data: dict[str, Any] = {"files": files, "team": "Children in Care (North)", **fields}
    return bearer(secret).post(URL, data=data)


def test_the_route_is_the_one_named_in_the_url_configuration() -> None:
    assert reverse("api_v1:sync") == URL


def test_a_dry_run_answers_the_summary_and_changes_nothing(officer: Any) -> None:
    response = post(token_for(officer, ("sync",)), extract(), dry_run="true")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["dry_run"] is True
    assert (body["children_added"], body["children_updated"], body["children_unchanged"]) == (2, 0, 0)
    assert (body["episodes_added"], body["episodes_removed"]) == (3, 0)
    assert "Dry run: nothing was changed." in body["summary"]
    assert "CHILD 900002: added from the case system; episodes added (starting 15/03/2023)" in body["changes"]
    assert not Child.objects.exists()
    event = AuditEvent.objects.filter(username="nadia.khan", action=AuditAction.VIEW).get()
    assert event.what.startswith("Case data sync (dry run)") and event.path == URL


def test_a_sync_changes_what_the_extract_says_audited_against_each_child(officer: Any) -> None:
    secret = token_for(officer, ("sync",))
    response = post(secret, extract())
    assert response.status_code == 200, response.content
    assert response.json()["children_added"] == 2 and response.json()["dry_run"] is False
    child = Child.objects.get(la_child_id="900001")
    assert Episode.objects.filter(child=child).count() == 2
    created = AuditEvent.objects.get(child_id=child.pk, action=AuditAction.CREATE)
    assert created.username == "nadia.khan" and "added from the case system" in created.what
    # The second sync has one child fewer: they are listed, never deleted.
    again = post(secret, extract(CHILDREN[:1], CARE[:2])).json()
    assert again["children_unchanged"] == 1 and again["missing_from_extract"] == ["900002"]
    assert Child.objects.filter(la_child_id="900002").exists()


def test_a_bad_file_is_422_naming_file_row_and_column_and_changes_nothing(officer: Any) -> None:
    bad = [CARE[0], "900001,01/06/2024,P,ZZ,N1,U1,PR1,,,,,,", CARE[2]]
    response = post(token_for(officer, ("sync",)), extract(episodes=bad))
    assert response.status_code == 422 and response["Content-Type"] == PROBLEM
    body = response.json()
    assert "nothing was changed" in body["detail"]
    error = next(e for e in body["errors"] if e.get("column") == "LS")
    assert (error["file"], error["row"], error["field"]) == ("episodes_2024.csv", 3, "body.files")
    assert not Child.objects.exists()


def test_the_sync_has_its_own_body_limit_checked_before_reading(officer: Any, settings: Any) -> None:
    secret = token_for(officer, ("sync",))
    # The API's usual limit does not apply to the sync's files...
    settings.API_MAX_BODY_BYTES = 500
    assert post(secret, extract(), dry_run="true").status_code == 200
    # ...its own does, from the size a request declares, before Django reads the body.
    settings.HOMEWARD_903_MAX_IMPORT_MB = 0  # the limit: 1 MB of multipart framing
    large = SimpleUploadedFile("episodes.csv", EPISODES.encode() + b"x" * (1024 * 1024 + 1))
    response = post(secret, [*extract(), large])
    assert response.status_code == 413 and response["Content-Type"] == PROBLEM
    assert "the most this API accepts is 1048576" in response.json()["detail"]
    assert not Child.objects.exists()


def test_a_file_over_the_per_file_limit_or_compressed_is_refused_unread(officer: Any, settings: Any) -> None:
    secret = token_for(officer, ("sync",))
    gzipped = SimpleUploadedFile("episodes.csv.gz", b"\x1f\x8b\x08\x00" + b"\x00" * 40)
    refused = post(secret, [*extract(), gzipped])
    assert refused.status_code == 422
    assert "compressed (gzip) file" in refused.json()["errors"][0]["message"]
    settings.HOMEWARD_903_MAX_FILE_MB = 0
    too_big = post(secret, extract())
    assert too_big.status_code == 413
    assert "larger than the 0 MB limit for one file" in too_big.json()["errors"][0]["message"]
    assert not Child.objects.exists()


def test_only_the_data_officer_with_a_sync_token(officer: Any) -> None:
    read_only = post(token_for(officer, ("read", "write")), extract())
    assert read_only.status_code == 403 and "sync scope" in read_only.json()["detail"]
    worker = person("sam.worker", Role.SOCIAL_WORKER)
    refused = post(token_for(worker, ("sync",)), extract())
    assert refused.status_code == 403 and refused["Content-Type"] == PROBLEM
    assert AuditEvent.objects.filter(username="sam.worker", action=AuditAction.DENIED).exists()
    assert not Child.objects.exists()


def test_the_schema_and_the_docs_page_describe_the_sync(officer: Any) -> None:
    worker = person("sam.worker", Role.SOCIAL_WORKER)
    schema = bearer(token_for(worker, ("read",))).get("/api/v1/openapi.json")
    body = schema.json()["paths"][URL]["post"]
    assert set(body["requestBody"]["content"]["multipart/form-data"]["schema"]["properties"]) == {
        "files",
        "allocation",
        "dry_run",
        "team",
    }
    assert {"200", "403", "413", "422"} <= set(body["responses"])
    client = Client()
    sign_in_verified(client, officer)  # the data officer, who calls it, reads its documentation
    page = client.get(reverse("api_v1:docs"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "/api/v1/sync" in html and "Multipart form: files, allocation, dry_run, team" in html
    assert "Files larger than 200 MB together, or 50 MB each" in html


def test_an_allocation_file_and_the_extracts_columns_through_the_api(officer: Any) -> None:
    worker = person("sam.worker", Role.SOCIAL_WORKER)
    header = HEADER.rstrip("\n") + ",worker\n" + f"{CHILDREN[0]},nobody@example.org\n{CHILDREN[1]},\n"
    files = [
        SimpleUploadedFile("header.csv", header.encode()),
        SimpleUploadedFile("episodes.csv", (EPISODES + "".join(f"{r}\n" for r in CARE)).encode()),
    ]
    allocation = SimpleUploadedFile("allocation.csv", b"CHILD,worker\n900002,sam.worker@example.org\n")
    response = bearer(token_for(officer, ("sync",))).post(
        URL, data={"files": files, "allocation": allocation, "team": "Children in Care (North)"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["allocations_not_matched"] == [
        "Worker ‘nobody@example.org’: no one has this username or email in Homeward (CHILD 900001); "
        "left as it was"
    ]
    assert Child.objects.get(la_child_id="900002").allocated_worker == worker
    assert Child.objects.get(la_child_id="900001").allocated_worker is None
