"""Every role against every page, generated from the URL configuration.

The test walks the whole URLconf (`get_resolver()`, recursively; Django's admin is not served unless
HOMEWARD_ADMIN_SITE is set, see tests/site/test_admin_site.py). For every named URL it

1. requires the view to carry the `homeward_policy` attribute that the access decorators set
   (`@child_record`, `@requires`, `@public` in `homeward.access.decorators`) — a page added without
   deciding its access rule fails here;
2. requires an expectation for that URL name — a page added without saying who may see it fails here;
3. requests the page (GET) as every demo login and anonymously, and compares the status code.

Expectations
------------
Each app states its pages' expectations in a module named `access_expectations.py` anywhere under
`tests/` (e.g. `tests/children/access_expectations.py`), holding a dict `EXPECTATIONS`:

    EXPECTATIONS = {
        "children:record": {            # the URL name, with its namespace
            "anonymous": 302,           # optional; the default is a redirect (302) to the login page
            "worker": (200, 403),       # (a child that is theirs, a child that is not)
            "health": (200, 403),
            "analyst": 403,             # a single status: the same whichever child
            ...                         # every demo login must be listed: worker, worker2, manager,
        },                              # iro, health, analyst, admin (dataofficer: see SAME_AS)
        "children:caseload": {"worker": 200, ...},   # a page without a child: a single status
    }

For a URL with `<child_id>`, "their child" and "another child" are picked from the demo's facts, not from
the policy under test (see `DemoWorld` in `tests/conftest.py`): for worker the showcase child (allocated
to them) and a South-team child; for worker2 the reverse; for manager a child of the team they manage
and one of the other team; for iro a child they review and one without an IRO; for health a child the
health agency is involved with now and one it is not. Analyst, admin and dataofficer have no child of
their own, so their expectation must be a single status.

Other URL parameters are filled by functions in a dict `URL_KWARGS` in the same kind of module:
`URL_KWARGS = {"member_id": lambda child: child.family.first().pk}` — each is given the child the URL
is being built for (None for a URL without `child_id`) and returns the value. A parameter nobody fills
fails the suite, naming it.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from homeward.access.decorators import POLICY_ATTR

TESTS_DIR = Path(__file__).resolve().parents[1]
LOGINS = ("worker", "worker2", "manager", "iro", "health", "analyst", "admin", "dataofficer")
# The data officer has the analyst's pages and the case-data sync's: a module may leave the data
# officer out of a page's expectations, which are then the analyst's (still requested and checked).
SAME_AS = {"dataofficer": "analyst"}
ANONYMOUS = "anonymous"

Expectation = int | tuple[int, int]


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    route: str  # the pattern, for messages
    callback: Callable[..., Any]
    params: tuple[str, ...]


def _walk(patterns: list[Any], prefix: str = "", namespace: str | None = None) -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else (entry.name or "")
            params = tuple(entry.pattern.regex.groupindex)
            yield Route(name, prefix + str(entry.pattern), entry.callback, params)


def all_routes() -> list[Route]:
    # Django's admin is not served unless switched on (tests/site/test_admin_site.py checks it then).
    return list(_walk(get_resolver().url_patterns))


def _load(path: Path) -> ModuleType:
    module_name = "access_expectations_" + "_".join(path.relative_to(TESTS_DIR).parent.parts)
    spec = importlib.util.spec_from_file_location(module_name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _modules() -> list[tuple[Path, ModuleType]]:
    return [(p, _load(p)) for p in sorted(TESTS_DIR.rglob("access_expectations.py"))]


def collect_expectations() -> tuple[dict[str, dict[str, Expectation]], dict[str, Callable[[Any], Any]]]:
    expectations: dict[str, dict[str, Expectation]] = {}
    url_kwargs: dict[str, Callable[[Any], Any]] = {}
    seen_in: dict[str, Path] = {}
    for path, module in _modules():
        for name, by_login in getattr(module, "EXPECTATIONS", {}).items():
            if name in expectations:
                raise AssertionError(f"{name} has expectations in both {seen_in[name]} and {path}")
            expectations[name] = {**{k: by_login[v] for k, v in SAME_AS.items() if v in by_login}, **by_login}
            seen_in[name] = path
        for param, fill in getattr(module, "URL_KWARGS", {}).items():
            if param in url_kwargs:
                raise AssertionError(f"URL parameter {param} is filled by two access_expectations modules")
            url_kwargs[param] = fill
    return expectations, url_kwargs


ROUTES = all_routes()
EXPECTATIONS, URL_KWARGS = collect_expectations()


# --- Static checks: every page decided, every page expected ----------------------------------------


def test_the_walk_finds_the_known_pages() -> None:
    names = {r.name for r in ROUTES}
    assert {"login", "children:caseload", "children:record", "children:audit"} <= names
    assert not any(name.startswith("admin:") for name in names)


def test_every_url_has_a_name() -> None:
    unnamed = [r.route for r in ROUTES if not r.name or r.name.endswith(":")]
    assert not unnamed, f"URL patterns without a name (the matrix keys on names): {unnamed}"


def test_every_view_declares_its_access_rule() -> None:
    undecided = [f"{r.name} ({r.route})" for r in ROUTES if getattr(r.callback, POLICY_ATTR, None) is None]
    assert not undecided, (
        "Views without an access rule; wrap each in @child_record, @requires or @public "
        f"(homeward.access.decorators): {undecided}"
    )


def test_child_record_views_take_child_id() -> None:
    wrong = [
        r.name
        for r in ROUTES
        if (getattr(r.callback, POLICY_ATTR, None) or ("",))[0] == "record" and "child_id" not in r.params
    ]
    assert not wrong, f"@child_record views whose URL has no <child_id>: {wrong}"


def test_every_url_has_expectations() -> None:
    missing = sorted(r.name for r in ROUTES if r.name not in EXPECTATIONS)
    assert not missing, (
        "Pages with no access expectations; add them to EXPECTATIONS in your "
        f"tests/<app>/access_expectations.py (format: see this module's docstring): {missing}"
    )


def test_no_expectations_for_pages_that_do_not_exist() -> None:
    stale = sorted(set(EXPECTATIONS) - {r.name for r in ROUTES})
    assert not stale, f"Expectations for URL names that no longer exist: {stale}"


def test_expectations_are_complete_and_well_formed() -> None:
    problems = []
    by_name = {r.name: r for r in ROUTES}
    for name, by_login in EXPECTATIONS.items():
        unknown = set(by_login) - {*LOGINS, ANONYMOUS}
        if unknown:
            problems.append(f"{name}: unknown logins {sorted(unknown)}")
        missing = [login for login in LOGINS if login not in by_login]
        if missing:
            problems.append(f"{name}: no expectation for {missing}")
        route = by_name.get(name)
        for login, expected in by_login.items():
            if isinstance(expected, tuple):
                if route is not None and "child_id" not in route.params:
                    problems.append(
                        f"{name}: {login} has a (their child, another child) pair but no child_id"
                    )
                if login in ("analyst", "admin", "dataofficer", ANONYMOUS):
                    problems.append(f"{name}: {login} has no child of their own; give one status")
    assert not problems, "\n".join(problems)


def test_every_url_parameter_can_be_filled() -> None:
    unfilled = sorted({p for r in ROUTES for p in r.params if p != "child_id" and p not in URL_KWARGS})
    assert not unfilled, f"URL parameters no access_expectations module fills (URL_KWARGS): {unfilled}"


# --- The matrix: request every page as every login -------------------------------------------------


def _url(route: Route, child: Any) -> str:
    kwargs: dict[str, Any] = {}
    for param in route.params:
        kwargs[param] = child.pk if param == "child_id" else URL_KWARGS[param](child)
    return reverse(route.name, kwargs=kwargs)


CHECKED = [
    r for r in ROUTES if r.name in EXPECTATIONS and all(p == "child_id" or p in URL_KWARGS for p in r.params)
]


@pytest.mark.parametrize("route", CHECKED, ids=[r.name for r in CHECKED])
def test_role_page_matrix(route: Route, demo: Any, client_for: Callable[[str | None], Any]) -> None:
    from django.conf import settings

    login_url = reverse(settings.LOGIN_URL)
    by_login = EXPECTATIONS[route.name]
    has_child = "child_id" in route.params
    failures = []

    def check(who: str, url: str, expected: int, label: str) -> None:
        response = client_for(None if who == ANONYMOUS else who).get(url)
        if response.status_code != expected:
            failures.append(
                f"  {who:<9} {label:<14} GET {url}: expected {expected}, got {response.status_code}"
            )
        elif who == ANONYMOUS and ANONYMOUS not in by_login:
            location = response.headers.get("Location", "")
            if not location.startswith(login_url):
                failures.append(f"  anonymous GET {url}: redirected to {location!r}, not the login page")

    anonymous_url = _url(route, demo.showcase if has_child else None)
    check(ANONYMOUS, anonymous_url, int(by_login.get(ANONYMOUS, 302)), "")  # type: ignore[arg-type]
    for who in LOGINS:
        expected = by_login[who]
        if not has_child:
            check(who, _url(route, None), int(expected), "")  # type: ignore[arg-type]
            continue
        own, other = expected if isinstance(expected, tuple) else (expected, expected)
        if demo.own_child[who] is not None:
            check(who, _url(route, demo.own_child[who]), own, "their child")
        check(who, _url(route, demo.other_child[who]), other, "another child")
    assert not failures, f"{route.name} ({route.route}):\n" + "\n".join(failures)
