"""The API's human documentation: a GOV.UK page listing each operation, generated from the OpenAPI
schema. (Ninja's interactive docs load their scripts from a CDN, which the site's
Content-Security-Policy forbids; this page needs no script at all.)"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from homeward.access.tokens import MAX_DAYS
from homeward.api.v1 import api
from homeward.base.uploads import upload_limits_mb

METHODS = ("get", "post", "put", "patch", "delete")


def _body_kind(operation: dict[str, Any]) -> str:
    """What the operation's body is, in words: "" for none."""
    content = operation.get("requestBody", {}).get("content", {})
    if "multipart/form-data" in content:
        fields = content["multipart/form-data"].get("schema", {}).get("properties", {})
        return "Multipart form: " + ", ".join(fields) if fields else "Multipart form"
    return "JSON body" if content else ""


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for route, by_method in schema["paths"].items():
        for method in METHODS:
            operation = by_method.get(method)
            if operation is None:
                continue
            rows.append(
                {
                    "method": method.upper(),
                    "path": route,
                    "summary": operation.get("summary", ""),
                    "parameters": [
                        {"name": p["name"], "where": p["in"], "required": p.get("required", False)}
                        for p in operation.get("parameters", [])
                    ],
                    "body": _body_kind(operation),
                    "responses": sorted(operation.get("responses", {})),
                }
            )
    return rows


def docs_page(request: HttpRequest) -> HttpResponse:
    schema = api.get_openapi_schema(path_prefix=reverse("api_v1:api-root"))
    return render(
        request,
        "api/docs.html",
        {
            "schema": schema,
            "operations": operations(schema),
            "schema_url": reverse("api_v1:openapi-json"),
            "base_url": request.build_absolute_uri(reverse("api_v1:api-root")),
            "max_days": MAX_DAYS,
            "sync_limits": upload_limits_mb(),
        },
    )
