"""Schemathesis over the whole /api/v1 schema, against the Django WSGI application: generated requests
(valid and not) to every operation, with a token of a social worker who can see demo children (for the
sync, the data officer's, so its files are really read and refused or loaded); every
response must not be a server error and must match the schema (status, content type, headers, body).

The schema is taken from the API object (no request needed to collect the tests); the examples per
operation are bounded so the run stays well under a minute.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from homeward.api.v1 import api
from tests.api.helpers import token_for

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
schema.app = get_wsgi_application()

EXAMPLES = 8


@pytest.fixture
def tokens(demo: Any) -> Iterator[dict[str, str]]:
    # Django closes the database connection at the end of each request, which would end the test's
    # transaction; its own test client stops that for the same reason, and so does this.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield {
            "worker": token_for(demo.staff["worker"], ("read", "write")),
            "dataofficer": token_for(demo.staff["dataofficer"], ("sync",)),
        }
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_conforms_to_its_schema(case: Any, tokens: dict[str, str]) -> None:
    # A request can match the schema and still break a rule of the record (a re-entry needs its 903
    # codes; a move must follow the child's episodes): refused 422 with the field at fault, as the page
    # does, so "schema-valid data is accepted" is not asked; every other check is.
    token = tokens["dataofficer" if case.path.endswith("/sync") else "worker"]
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        excluded_checks=[schemathesis.checks.positive_data_acceptance],
    )
