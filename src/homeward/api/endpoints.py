"""The framework's evaluation over HTTP, for integration with case-management systems (django-ninja).

- `POST /api/framework/check?gate=D2`: evaluate a snapshot sent in the body (the framework's JSON
  schema, `GET /api/openapi.json`); a malformed snapshot is answered 422 naming each offending field.
- `GET /api/children/{child_id}/evaluation?gate=D2`: the evaluation of a child's record today, with the
  snapshot it was made from (the same mapping the pages use, `homeward.snapshot.build_snapshot`).

Access and audit are not done here: `homeward.api.urls` wraps each route in the same decorators as the
pages (`@child_record` for a child's record, `@requires` otherwise), so the policy is asked and the
audit written before a request reaches these functions. Ninja's session authentication adds the CSRF
check for POST.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import NinjaAPI, Status
from ninja.security import django_auth

from homeward import framework
from homeward.children.models import Child
from homeward.snapshot import build_snapshot

api = NinjaAPI(
    title="Homeward API",
    version="1",
    description="The reunification framework's evaluation (gaps, cautions, suggested answer).",
    urls_namespace="api",
    auth=django_auth,
    docs_url=None,  # the interactive docs load scripts from a CDN; the schema is at openapi.json
)

GATES = "D1, D2 or D3"


def _gate(gate: str) -> framework.Gate | None:
    try:
        return framework.Gate(gate.upper())
    except ValueError:
        return None


@api.post(
    "/framework/check",
    url_name="framework_check",
    response={200: dict[str, Any], 400: dict[str, Any], 422: dict[str, Any]},
    summary="Evaluate a case snapshot at a decision gate",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": framework.snapshot_json_schema()}},
        }
    },
)
def framework_check(request: HttpRequest, gate: str = "D2") -> Status[dict[str, Any]]:
    gate_ = _gate(gate)
    if gate_ is None:
        return Status(400, {"errors": [f"gate: {gate!r} is not a decision gate; use {GATES}"]})
    try:
        data = json.loads(request.body or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return Status(400, {"errors": [f"The body is not valid JSON: {error}"]})
    try:
        snapshot = framework.snapshot_from_dict(data)
    except framework.SnapshotError as error:
        return Status(422, {"errors": list(error.messages)})
    return Status(200, framework.evaluate(snapshot, gate_).to_dict())


@api.get(
    "/children/{int:child_id}/evaluation",
    url_name="child_evaluation",
    response={200: dict[str, Any], 400: dict[str, Any]},
    summary="Evaluate a child's record today at a decision gate",
)
def child_evaluation(request: HttpRequest, child_id: int, gate: str = "D2") -> Status[dict[str, Any]]:
    gate_ = _gate(gate)
    if gate_ is None:
        return Status(400, {"errors": [f"gate: {gate!r} is not a decision gate; use {GATES}"]})
    child = get_object_or_404(Child, pk=child_id)
    snapshot = build_snapshot(child, timezone.localdate())
    return Status(200, {**framework.evaluate(snapshot, gate_).to_dict(), "snapshot": snapshot.to_dict()})
