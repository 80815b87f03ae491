"""Every API route × every role × their child, another child and an absent one, called with an API token
(the session matrix is tests/access/test_policy_matrix.py, with tests/api/access_expectations.py).

The routes are read from the URL configuration, so a new endpoint is walked without being listed here;
it needs its expectations (the same as with a session: a token acts as its owner) and a guard in
`homeward.api.urls` (without one, start-up fails). A child id that does not exist is refused like a
child that is not the caller's (403), so no answer reveals which ids exist.
"""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, reverse

from homeward.access.decorators import POLICY_ATTR
from homeward.api.urls import urlpatterns
from tests.api.access_expectations import EXPECTATIONS
from tests.api.helpers import bearer, token_for

LOGINS = ("worker", "worker2", "manager", "iro", "health", "analyst", "admin", "dataofficer")
ABSENT_CHILD = 987_654_321
# The docs page is a page for people (signed in), not an operation.
ROUTES = [p for p in urlpatterns if isinstance(p, URLPattern) and p.name not in ("docs", "not_found")]


def test_every_api_route_is_guarded_and_expected() -> None:
    names = {f"api_v1:{p.name}" for p in ROUTES}
    assert {"api_v1:children", "api_v1:record_move", "api_v1:evaluation", "api_v1:sync"} <= names
    assert not [n for n in names if n not in EXPECTATIONS], "API routes without expectations"
    assert all(getattr(p.callback, POLICY_ATTR, None) for p in ROUTES), "API routes without a policy"


def test_token_matrix(demo: Any) -> None:
    secrets = {who: token_for(demo.staff[who], ("read", "write", "sync")) for who in LOGINS}
    failures = []

    def check(who: str, url: str, expected: int, label: str) -> None:
        response = bearer(secrets[who]).get(url)
        if response.status_code != expected:
            failures.append(
                f"  {who:<8} {label:<14} GET {url}: expected {expected}, got {response.status_code}"
            )
        elif response.status_code >= 400 and response["Content-Type"] != "application/problem+json":
            failures.append(
                f"  {who:<8} {label:<14} GET {url}: {response.status_code} is not a problem detail"
            )

    for pattern in ROUTES:
        name = f"api_v1:{pattern.name}"
        by_login = EXPECTATIONS[name]
        has_child = "child_id" in pattern.pattern.regex.groupindex
        for who in LOGINS:
            # The data officer's expectations are the analyst's unless stated (as in the session matrix).
            expected = by_login.get(who, by_login["analyst"])
            if not has_child:
                check(who, reverse(name), int(expected), "")  # type: ignore[arg-type]
                continue
            own, other = expected if isinstance(expected, tuple) else (expected, expected)
            if demo.own_child[who] is not None:
                check(who, reverse(name, args=[demo.own_child[who].pk]), own, "their child")
            check(who, reverse(name, args=[demo.other_child[who].pk]), other, "another child")
            # An absent child: refused by the policy before anything else (a GET of a POST-only route
            # included), as a child that is not theirs.
            check(who, reverse(name, args=[ABSENT_CHILD]), 403, "absent child")
    assert not failures, "\n".join(failures)
