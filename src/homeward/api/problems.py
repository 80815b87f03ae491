"""Every error the API answers is an RFC 9457 problem detail (`application/problem+json`): `type`,
`title`, `status`, `detail`, and for invalid input the fields at fault (`errors`, each with `field`).

The body is checked before anything parses it: over `API_MAX_BODY_BYTES` it is refused (413), and JSON
nested deeper than `MAX_JSON_DEPTH` (which would exhaust Python's stack in the parser) is refused (400).
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import Schema

CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "https://homeward.example/problems/"  # a stable identifier; RFC 9457 needs no page behind it
MAX_JSON_DEPTH = 64  # a case snapshot is five levels deep
_TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request body too large",
    422: "Invalid input",
    500: "Server error",
}
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


class FieldError(Schema):
    field: str
    message: str
    # A fault in an uploaded file (the sync): which file, and where in it when known.
    file: str | None = None
    row: int | None = None
    column: str | None = None


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None


def problem(
    status: int,
    detail: str,
    *,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    title = _TITLES.get(status, "Error")
    body: dict[str, Any] = {
        "type": TYPE_BASE + title.lower().replace(" ", "-"),
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    response = HttpResponse(json.dumps(body), status=status, content_type=CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def max_body_bytes() -> int:
    return int(settings.API_MAX_BODY_BYTES)


def json_depth(body: bytes) -> int:
    """How deeply `body`'s arrays and objects nest (brackets inside strings not counted)."""
    brackets = _STRINGS.sub(b'""', body).translate(None, _NOT_BRACKETS)
    depth = deepest = 0
    for byte in brackets:
        depth += 1 if byte in b"[{" else -1
        deepest = max(deepest, depth)
    return deepest


def refuse_body(request: HttpRequest, limit: int | None = None) -> HttpResponse | None:
    """A problem response for a body that must not be parsed, else None. A route with its own `limit`
    (the sync's files) is judged by the length it declares only: its body is files, streamed to disk
    by Django's upload handlers, never read whole here."""
    own_limit = limit is not None
    limit = max_body_bytes() if limit is None else limit
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return problem(400, "The Content-Length header is not a number.")
    if declared > limit:
        return problem(413, f"The request body is {declared} bytes; the most this API accepts is {limit}.")
    if own_limit:
        return None
    try:
        body = request.body
    except RequestDataTooBig:
        return problem(413, f"The request body is larger than this API accepts ({limit} bytes).")
    if len(body) > limit:
        return problem(413, f"The request body is {len(body)} bytes; the most this API accepts is {limit}.")
    if body and json_depth(body) > MAX_JSON_DEPTH:
        return problem(400, f"The JSON body is nested more than {MAX_JSON_DEPTH} levels deep.")
    return None


def field_errors(details: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Ninja's (pydantic's) validation errors as fields at fault: `body.moved_on`, `query.gate`."""
    return [
        {"field": ".".join(str(part) for part in d.get("loc", ())), "message": str(d.get("msg", "invalid"))}
        for d in details
    ]
