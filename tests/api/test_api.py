"""The framework's evaluation over HTTP: session-authenticated, policy-checked and audited like a page."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.urls import reverse

from homeward import framework
from homeward.access.models import AuditAction, AuditEvent
from tests.assessments.helpers import partner_of


def test_check_evaluates_a_posted_snapshot(demo: Any, client_for: Callable[[str | None], Any]) -> None:
    snapshot = framework.example_snapshot("dean-smith")
    response = client_for("worker").post(
        reverse("api:framework_check") + "?gate=D2",
        data=json.dumps(snapshot.to_dict()),
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body == framework.evaluate(snapshot, "D2").to_dict()
    assert "household-member-not-assessed" in {g["id"] for g in body["gaps"]}


def test_check_names_each_offending_field(demo: Any, client_for: Callable[[str | None], Any]) -> None:
    data = framework.example_snapshot("dean-smith").to_dict()
    data["legal_status"] = "ZZ"
    del data["child"]["date_of_birth"]
    response = client_for("worker").post(
        reverse("api:framework_check"), data=json.dumps(data), content_type="application/json"
    )
    assert response.status_code == 422
    errors = " ".join(response.json()["errors"])
    assert "legal_status" in errors and "date_of_birth" in errors


def test_check_refuses_a_body_that_is_not_json_or_an_unknown_gate(
    demo: Any, client_for: Callable[[str | None], Any]
) -> None:
    client = client_for("worker")
    url = reverse("api:framework_check")
    assert client.post(url, data="{not json", content_type="application/json").status_code == 400
    body = json.dumps(framework.example_snapshot("dean-smith").to_dict())
    response = client.post(url + "?gate=D9", data=body, content_type="application/json")
    assert response.status_code == 400 and "D9" in response.json()["errors"][0]


def test_child_evaluation_is_built_from_the_record_and_audited(
    demo: Any, client_for: Callable[[str | None], Any]
) -> None:
    child = demo.showcase
    url = reverse("api:child_evaluation", kwargs={"child_id": child.pk}) + "?gate=D2"
    response = client_for("iro").get(url)
    assert response.status_code == 200
    body = response.json()
    gap = next(g for g in body["gaps"] if g["id"] == "household-member-not-assessed")
    assert gap["people"] == [partner_of(child).full_name]
    assert body["snapshot"]["child"]["name"] == child.full_name
    event = AuditEvent.objects.filter(child_id=child.pk).first()
    assert event is not None and (event.username, event.action) == ("iro", AuditAction.VIEW)


def test_partner_agencies_and_other_teams_are_refused(
    demo: Any, client_for: Callable[[str | None], Any]
) -> None:
    child = demo.showcase
    url = reverse("api:child_evaluation", kwargs={"child_id": child.pk})
    assert client_for("health").get(url).status_code == 403
    assert client_for("worker2").get(url).status_code == 403
    event = AuditEvent.objects.filter(child_id=child.pk).first()
    assert event is not None and (event.username, event.action) == ("worker2", AuditAction.DENIED)
    assert client_for(None).get(url).status_code == 302  # to the login page


def test_the_schema_describes_both_routes(demo: Any, client_for: Callable[[str | None], Any]) -> None:
    response = client_for("worker").get(reverse("api:openapi-json"))
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/framework/check", "/api/children/{child_id}/evaluation"} <= set(paths)
