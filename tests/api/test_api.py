"""The API (/api/v1/): token and session authentication, the pages' policy and audit, problem details,
body limits, and the first version's paths redirecting."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from homeward import framework
from homeward.access.models import ApiToken, AuditAction, AuditEvent, AuditListing
from homeward.moves.models import Move
from tests.api.helpers import bearer, token_for
from tests.assessments.helpers import partner_of

PROBLEM = "application/problem+json"


def _problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"] and body["type"]
    return dict(body)


def test_check_evaluates_a_posted_snapshot(demo: Any) -> None:
    snapshot = framework.example_snapshot("dean-smith")
    response = bearer(token_for(demo.staff["worker"])).post(
        reverse("api_v1:framework_check") + "?gate=D2",
        data=json.dumps(snapshot.to_dict()),
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body == framework.evaluate(snapshot, "D2").to_dict()
    assert "household-member-not-assessed" in {g["id"] for g in body["gaps"]}


def test_check_names_each_offending_field(demo: Any) -> None:
    data = framework.example_snapshot("dean-smith").to_dict()
    data["legal_status"] = "ZZ"
    del data["child"]["date_of_birth"]
    response = bearer(token_for(demo.staff["worker"])).post(
        reverse("api_v1:framework_check"), data=json.dumps(data), content_type="application/json"
    )
    fields = {e["field"] for e in _problem(response, 422)["errors"]}
    assert "body.legal_status" in fields and any("date_of_birth" in f for f in fields)


def test_bad_json_an_unknown_gate_deep_nesting_and_a_large_body_are_problems_not_500(
    demo: Any, settings: Any
) -> None:
    client = bearer(token_for(demo.staff["worker"]))
    url = reverse("api_v1:framework_check")
    _problem(client.post(url, data="{not json", content_type="application/json"), 400)
    body = json.dumps(framework.example_snapshot("dean-smith").to_dict())
    unknown_gate = _problem(client.post(url + "?gate=D9", data=body, content_type="application/json"), 422)
    assert [e["field"] for e in unknown_gate["errors"]] == ["query.gate"]
    for nested in ("[" * 10_000 + "]" * 10_000, '{"a":' * 10_000 + "1" + "}" * 10_000, "[" * 100_000):
        assert (
            "nested"
            in _problem(client.post(url, data=nested, content_type="application/json"), 400)["detail"]
        )
    # Brackets inside strings are text, not nesting.
    assert json.loads(body)  # sanity: the example is JSON
    text = json.dumps({"note": "[" * 1000})
    assert client.post(url, data=text, content_type="application/json").status_code == 422
    settings.API_MAX_BODY_BYTES = 1000
    _problem(client.post(url, data="[" + "1," * 600 + "1]", content_type="application/json"), 413)


def test_a_child_evaluation_is_built_from_the_record_and_audited(demo: Any) -> None:
    child = demo.showcase
    url = reverse("api_v1:evaluation", kwargs={"child_id": child.pk}) + "?gate=D2"
    response = bearer(token_for(demo.staff["iro"], ("read",))).get(url)
    assert response.status_code == 200
    body = response.json()
    gap = next(g for g in body["gaps"] if g["id"] == "household-member-not-assessed")
    assert gap["people"] == [partner_of(child).full_name]
    assert body["snapshot"]["child"]["name"] == child.full_name
    event = AuditEvent.objects.filter(child_id=child.pk).first()
    assert event is not None and (event.username, event.action) == ("iro", AuditAction.VIEW)
    assert event.what == "API: framework evaluation"


def test_refusals_are_audited_problems(demo: Any, client_for: Callable[[str | None], Any]) -> None:
    child = demo.showcase
    url = reverse("api_v1:evaluation", kwargs={"child_id": child.pk})
    _problem(bearer(token_for(demo.staff["health"], ("read",))).get(url), 403)
    _problem(bearer(token_for(demo.staff["worker2"], ("read",))).get(url), 403)
    event = AuditEvent.objects.filter(child_id=child.pk).first()
    assert event is not None and (event.username, event.action) == ("worker2", AuditAction.DENIED)
    _problem(client_for(None).get(url), 401)
    event = AuditEvent.objects.filter(child_id=child.pk).first()
    assert event is not None and (event.username, event.action) == ("(anonymous)", AuditAction.DENIED)


def test_the_children_list_searches_pages_and_names_every_child_it_listed(demo: Any) -> None:
    client = bearer(token_for(demo.staff["worker"], ("read",)))
    listed = client.get(reverse("api_v1:children"))
    assert listed.status_code == 200
    body = listed.json()
    ids = {c["id"] for c in body["children"]}
    assert demo.showcase.pk in ids and demo.other_child["worker"].pk not in ids
    event = AuditEvent.objects.filter(action=AuditAction.LIST, username="worker").first()
    assert event is not None
    assert set(AuditListing.objects.filter(event=event).values_list("child_id", flat=True)) == ids
    found = client.get(reverse("api_v1:children"), {"search": demo.showcase.la_child_id}).json()
    assert [c["child_id"] for c in found["children"]] == [demo.showcase.la_child_id]
    beyond = client.get(reverse("api_v1:children"), {"page": 99}).json()
    assert beyond["page"] == beyond["pages"]  # Django's paginator gives the last page
    _problem(client.get(reverse("api_v1:children"), {"page": 0}), 422)


def test_a_partner_is_shown_only_the_shared_sections(demo: Any) -> None:
    client = bearer(token_for(demo.staff["health"], ("read",)))
    listed = client.get(reverse("api_v1:children")).json()["children"]
    shown = next(c for c in listed if c["id"] == demo.showcase.pk)
    assert shown["return_home_considered"] is None and shown["legal_status"] is not None
    network = client.get(reverse("api_v1:network", kwargs={"child_id": demo.showcase.pk}))
    assert network.status_code == 200 and network.json()["members"]
    for name in ("episodes", "assessment", "decisions", "plans", "monitoring"):
        _problem(client.get(reverse(f"api_v1:{name}", kwargs={"child_id": demo.showcase.pk})), 403)


def test_tokens_are_refused_when_unknown_revoked_expired_or_without_the_scope(demo: Any) -> None:
    worker = demo.staff["worker"]
    url = reverse("api_v1:episodes", kwargs={"child_id": demo.showcase.pk})
    secret = token_for(worker, ("read",))
    assert bearer(secret).get(url).status_code == 200
    token = ApiToken.objects.get(prefix=secret.split("_")[0] + "_" + secret.split("_")[1])
    assert token.last_used_at is not None and secret not in token.secret_hash
    assert "not recognised" in _problem(bearer(secret + "x").get(url), 401)["detail"]
    assert "not recognised" in _problem(bearer("nonsense").get(url), 401)["detail"]
    _problem(bearer("").get(url), 401)
    # Writing needs the write scope: a read token may not record a move.
    move_url = reverse("api_v1:record_move", kwargs={"child_id": demo.showcase.pk})
    refused = bearer(secret).post(move_url, data="{}", content_type="application/json")
    assert "write scope" in _problem(refused, 403)["detail"]
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert "expired" in _problem(bearer(secret).get(url), 401)["detail"]
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() + timedelta(days=1), revoked_at=timezone.now()
    )
    assert "revoked" in _problem(bearer(secret).get(url), 401)["detail"]
    assert (
        AuditEvent.objects.filter(action=AuditAction.DENIED, what__startswith="API token refused").count()
        >= 5
    )


def test_a_move_is_recorded_through_the_pages_checks_and_audited(demo: Any) -> None:
    child = demo.showcase
    client = bearer(token_for(demo.staff["worker"], ("write",)))
    url = reverse("api_v1:record_move", kwargs={"child_id": child.pk})
    before = Move.objects.filter(child=child).count()
    invalid = client.post(
        url,
        data=json.dumps({"kind": "placement_change", "moved_on": "2025-06-01"}),
        content_type="application/json",
    )
    fields = {e["field"] for e in _problem(invalid, 422)["errors"]}
    assert {"body.place", "body.place_provider", "body.reason_place_change"} <= fields
    _problem(
        client.post(
            url,
            data=json.dumps({"kind": "teleport", "moved_on": "2025-06-01"}),
            content_type="application/json",
        ),
        422,
    )
    move = {
        "kind": "placement_change",
        "moved_on": str(timezone.localdate()),
        "place": "U1",
        "place_provider": "PR1",
        "reason_place_change": "CARPL",
    }
    saved = client.post(url, data=json.dumps(move), content_type="application/json")
    assert saved.status_code == 201, saved.content
    assert Move.objects.filter(child=child).count() == before + 1
    event = AuditEvent.objects.filter(child_id=child.pk).first()
    assert event is not None and (event.action, event.what) == (AuditAction.CHANGE, "API: record a move")


def test_the_schema_and_the_docs_page(demo: Any, client_for: Callable[[str | None], Any]) -> None:
    schema = bearer(token_for(demo.staff["worker"], ("read",))).get(reverse("api_v1:openapi-json")).json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/children", "/api/v1/children/{child_id}/evaluation", "/api/v1/framework/check"} <= set(
        schema["paths"]
    )
    errors = schema["paths"]["/api/v1/children"]["get"]["responses"]["403"]["content"]
    assert list(errors) == [PROBLEM]
    page = client_for("worker").get(reverse("api_v1:docs"))
    assert page.status_code == 200
    for route in schema["paths"]:
        assert route in page.content.decode()


def test_the_first_versions_paths_redirect_keeping_the_method(demo: Any) -> None:
    client = bearer(token_for(demo.staff["worker"], ("read",)))
    moved = client.post("/api/framework/check?gate=D1", data="{}", content_type="application/json")
    assert moved.status_code == 308 and moved["Location"] == "/api/v1/framework/check?gate=D1"
