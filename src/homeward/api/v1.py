"""Homeward's open API, version 1 (django-ninja, OpenAPI 3 at /api/v1/openapi.json).

Reads of a child's record (the children, their episodes, family and household network, agencies, the
assessment as the framework's snapshot, decisions, the framework's evaluation, plans, monitoring and its
alerts), the framework's stateless check, and two writes: recording a move, through the same form checks
and service as the page, and the case-data sync, through the same service as the command and the page.

Access and audit are not done here: `homeward.api.urls` wraps each route in the pages' decorators
(`@child_record` with the section the route shows, `@requires` otherwise) after authenticating the
request (a bearer token, `homeward.access.tokens`, or the browser's session), so the policy is asked
and the audit written before a request reaches these functions. The one exception is the children list,
which writes its own listing event, naming every child it returned, as the caseload page does.
"""

from __future__ import annotations

import json
import logging
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, File, Form, NinjaAPI, Query, Schema, Status, UploadedFile
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, django_auth

from homeward import framework
from homeward.access import audit, tokens
from homeward.access.models import ApiScope, ApiToken, AuditAction
from homeward.access.policy import Section, sections_for
from homeward.api.problems import CONTENT_TYPE, Problem, field_errors, problem
from homeward.base.uploads import UploadRefused
from homeward.casedata import services as casedata
from homeward.children import selectors as children
from homeward.children.models import Child
from homeward.decisions.selectors import decisions_for
from homeward.monitoring import selectors as monitoring
from homeward.monitoring.alerts import alerts_for
from homeward.moves import forms as move_forms
from homeward.moves import services as moves
from homeward.moves.models import MoveKind
from homeward.snapshot import build_snapshot

SCOPE_ATTR = "homeward_api_scope"
TOKEN_ATTR = "homeward_api_token"


class BearerToken(HttpBearer):
    """`Authorization: Bearer hw_…`: the person's API token, with the scope the route needs (set on the
    request by `homeward.api.urls`, which calls this before the access policy is asked)."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        known: ApiToken | None = getattr(request, TOKEN_ATTR, None)
        if known is not None:
            return known
        found = tokens.authenticate(token, getattr(request, SCOPE_ATTR, ApiScope.WRITE))
        setattr(request, TOKEN_ATTR, found)
        request.user = found.user
        return found


bearer = BearerToken()


class HomewardAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        """Ninja's schema, with every error declared as the problem detail it is."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        response["content"] = {CONTENT_TYPE: content["application/json"]}
        return schema


api = HomewardAPI(
    title="Homeward API",
    version="1",
    description=(
        "Homeward's records of children returning home from care, for the authority's case-management "
        "system and reports. Authenticate with `Authorization: Bearer <token>` (make a token on the "
        "API tokens page); a token sees exactly what its owner sees on the pages, and every call is "
        "audited. Errors are RFC 9457 problem details."
    ),
    urls_namespace="api_v1",
    auth=[bearer, django_auth],
    docs_url=None,  # ninja's docs load from a CDN, which the CSP forbids: see homeward.api.docs
)

ERRORS: dict[int, type[Problem]] = {code: Problem for code in (400, 401, 403, 404, 413, 422)}


# --- Problem details for every error ninja raises ----------------------------------------------------


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return problem(422, "The request has invalid values.", errors=field_errors(list(exc.errors)))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return problem(401, "Send an API token: Authorization: Bearer <token>.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem(exc.status_code, str(exc))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem(404, str(exc) or "Not found.")


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Logged as Django logs a server error (with the traceback), answered as a problem detail.
    logging.getLogger("django.request").error("API server error: %s", request.path, exc_info=exc)
    return problem(500, "Something went wrong in Homeward; it has been logged.")


@api.exception_handler(tokens.TokenRefused)
def _token_refused(request: HttpRequest, exc: tokens.TokenRefused) -> HttpResponse:
    return problem(exc.status, exc.reason)


# --- Schemas -------------------------------------------------------------------------------------------


class ChildOut(Schema):
    id: int = Field(description="Homeward's id, used in the other paths")
    child_id: str = Field(description="The 903 CHILD identifier")
    name: str
    date_of_birth: date
    legal_status: str | None = Field(None, description="903 LS code now; null when not looked after")
    return_home_considered: bool | None = Field(
        None, description="Null for a caller not shown the reunification part of the record"
    )


class ChildrenPage(Schema):
    count: int
    page: int
    pages: int
    children: list[ChildOut]


class EpisodeOut(Schema):
    decom: date
    rne: str
    ls: str
    cin: str
    place: str
    place_provider: str
    dec: date | None
    rec: str
    reason_place_change: str


class MembershipOut(Schema):
    household: str
    moved_in: date
    moved_out: date | None


class MemberOut(Schema):
    id: int
    full_name: str
    relationship: str
    date_of_birth: date | None
    parental_responsibility: bool
    lives_in_household_now: bool
    memberships: list[MembershipOut]


class HouseholdOut(Schema):
    name: str
    proposed_return_home: bool
    living_there_now: list[str]


class NetworkOut(Schema):
    members: list[MemberOut]
    households: list[HouseholdOut]


class AgencyOut(Schema):
    agency: str
    agency_type: str
    contact_name: str
    reason: str
    started: date
    ended: date | None
    current: bool


class DecisionOut(Schema):
    id: int
    gate: str
    answer: str
    suggested_answer: str
    status: str
    rationale: str
    as_of: date
    proposed_by: str
    proposed_at: datetime
    reviewed_by: str
    reviewed_at: datetime | None


class PeriodOut(Schema):
    kind: str
    started_on: date
    ends_on: date
    closed_on: date | None
    closure: str
    stage: str
    next_visit_due: date
    visit_overdue: bool


class AlertOut(Schema):
    code: str
    title: str
    detail: str
    why: str
    source: str


class MonitoringOut(Schema):
    periods: list[PeriodOut]
    alerts: list[AlertOut]


class MoveIn(Schema):
    kind: MoveKind
    moved_on: date
    planned: bool | None = None
    unplanned_reason: str = ""
    ls: str = ""
    cin: str = ""
    place: str = ""
    place_provider: str = ""
    reason_place_change: str = ""
    notes: str = Field("", max_length=10_000)


class MoveOut(Schema):
    id: int
    kind: str
    moved_on: date
    description: str


# --- Endpoints -----------------------------------------------------------------------------------------


def _child(child_id: int) -> Child:
    return get_object_or_404(Child, pk=child_id)


@api.get("/children", url_name="children", response={200: ChildrenPage, **ERRORS}, summary="Search children")
def children_list(
    request: HttpRequest,
    search: str = Query("", max_length=200, description="A name, a CHILD id or a date of birth"),
    page: int = Query(1, ge=1, le=100_000),
) -> ChildrenPage:
    today = timezone.localdate()
    sections = sections_for(request.user)
    found = children.caseload(
        request.user, today, children.CaseloadQuery(search=search, sort="name", page=page), sections
    )
    audit.record(request, AuditAction.LIST, "API: children", children_shown=[r.child.pk for r in found.rows])
    return ChildrenPage(
        count=found.matching,
        page=found.page.number,
        pages=found.page.paginator.num_pages,
        children=[
            ChildOut(
                id=r.child.pk,
                child_id=r.child.la_child_id,
                name=r.child.full_name,
                date_of_birth=r.child.date_of_birth,
                legal_status=r.legal_status if Section.LEGAL_STATUS in sections else None,
                return_home_considered=r.return_home_considered
                if Section.REUNIFICATION in sections
                else None,
            )
            for r in found.rows
        ],
    )


@api.get(
    "/children/{int:child_id}/episodes",
    url_name="episodes",
    response={200: list[EpisodeOut], **ERRORS},
    summary="A child's episodes of care (903)",
)
def episodes(request: HttpRequest, child_id: int) -> list[EpisodeOut]:
    return [EpisodeOut.from_orm(e) for e in _child(child_id).episodes.order_by("decom", "id")]


@api.get(
    "/children/{int:child_id}/network",
    url_name="network",
    response={200: NetworkOut, **ERRORS},
    summary="A child's family and household network",
)
def network(request: HttpRequest, child_id: int) -> NetworkOut:
    record = children.child_record(_child(child_id), timezone.localdate())
    return NetworkOut(
        members=[
            MemberOut(
                id=row.member.pk,
                full_name=row.member.full_name,
                relationship=row.member.relationship,
                date_of_birth=row.member.date_of_birth,
                parental_responsibility=row.member.parental_responsibility,
                lives_in_household_now=row.in_household_now,
                memberships=[
                    MembershipOut(household=m.household.name, moved_in=m.started, moved_out=m.ended)
                    for m in row.memberships
                ],
            )
            for row in record.members
        ],
        households=[
            HouseholdOut(
                name=h.household.name,
                proposed_return_home=h.household.is_proposed_return_home,
                living_there_now=[m.member.full_name for m in h.living_there_now],
            )
            for h in record.households
        ],
    )


@api.get(
    "/children/{int:child_id}/agencies",
    url_name="agencies",
    response={200: list[AgencyOut], **ERRORS},
    summary="The agencies involved with a child, now and before",
)
def agencies(request: HttpRequest, child_id: int) -> list[AgencyOut]:
    record = children.child_record(_child(child_id), timezone.localdate())
    current = {a.pk for a in record.agencies_current}
    return [
        AgencyOut(
            agency=a.agency.name,
            agency_type=a.agency.agency_type,
            contact_name=a.contact_name,
            reason=a.reason,
            started=a.started,
            ended=a.ended,
            current=a.pk in current,
        )
        for a in [*record.agencies_current, *record.agencies_past]
    ]


@api.get(
    "/children/{int:child_id}/assessment",
    url_name="assessment",
    response={200: dict[str, Any], **ERRORS},
    summary="A child's reunification assessment, as the framework's case snapshot",
)
def assessment(request: HttpRequest, child_id: int) -> dict[str, Any]:
    return build_snapshot(_child(child_id), timezone.localdate()).to_dict()


@api.get(
    "/children/{int:child_id}/decisions",
    url_name="decisions",
    response={200: list[DecisionOut], **ERRORS},
    summary="A child's reunification decisions (D1–D3)",
)
def decisions(request: HttpRequest, child_id: int) -> list[DecisionOut]:
    return [
        DecisionOut(
            id=d.pk,
            gate=d.gate,
            answer=d.answer,
            suggested_answer=d.suggested_answer,
            status=d.status,
            rationale=d.rationale,
            as_of=d.as_of,
            proposed_by=d.proposed_by_name,
            proposed_at=d.proposed_at,
            reviewed_by=d.reviewed_by_name,
            reviewed_at=d.reviewed_at,
        )
        for d in decisions_for(_child(child_id))
    ]


@api.get(
    "/children/{int:child_id}/evaluation",
    url_name="evaluation",
    response={200: dict[str, Any], **ERRORS},
    summary="The framework's evaluation of a child's record today at a decision gate",
)
def evaluation(
    request: HttpRequest, child_id: int, gate: framework.Gate = framework.Gate.D2
) -> dict[str, Any]:
    snapshot = build_snapshot(_child(child_id), timezone.localdate())
    return {**framework.evaluate(snapshot, gate).to_dict(), "snapshot": snapshot.to_dict()}


PLAN_PARTS = ("agreement", "return_plan", "support_plan", "contingency_plan")


@api.get(
    "/children/{int:child_id}/plans",
    url_name="plans",
    response={200: dict[str, Any], **ERRORS},
    summary="A child's written agreement, return, support and contingency plans (snapshot form)",
)
def plans(request: HttpRequest, child_id: int) -> dict[str, Any]:
    snapshot = build_snapshot(_child(child_id), timezone.localdate()).to_dict()
    return {part: snapshot[part] for part in PLAN_PARTS}


@api.get(
    "/children/{int:child_id}/monitoring",
    url_name="monitoring",
    response={200: MonitoringOut, **ERRORS},
    summary="A child's monitoring after a return home, and its alerts today",
)
def monitoring_status(request: HttpRequest, child_id: int) -> MonitoringOut:
    child = _child(child_id)
    today = timezone.localdate()
    periods = []
    for period in monitoring.periods(child):
        progress = monitoring.progress(period, today)
        periods.append(
            PeriodOut(
                kind=period.kind,
                started_on=period.started_on,
                ends_on=period.ends_on,
                closed_on=period.closed_on,
                closure=period.closure,
                stage=progress.stage,
                next_visit_due=progress.next_visit_due,
                visit_overdue=progress.visit_overdue,
            )
        )
    found = alerts_for([child.pk], today).get(child.pk, [])
    return MonitoringOut(
        periods=periods,
        alerts=[
            AlertOut(code=a.code, title=a.title, detail=a.detail, why=a.why, source=a.source) for a in found
        ],
    )


def _form_data(move: MoveIn) -> dict[str, Any]:
    """The move as the page's form receives it (its GOV.UK date is three boxes; yes/no are words)."""
    data: dict[str, Any] = {k: v for k, v in move.dict().items() if k not in ("kind", "moved_on", "planned")}
    day = move.moved_on
    data.update({"moved_on_0": day.day, "moved_on_1": day.month, "moved_on_2": day.year})
    if move.planned is not None:
        data["planned"] = "yes" if move.planned else "no"
    return data


@api.post(
    "/children/{int:child_id}/moves",
    url_name="record_move",
    response={201: MoveOut, **ERRORS},
    summary="Record a move (the same checks and consequences as the page)",
)
def record_move(request: HttpRequest, child_id: int, move: MoveIn) -> Status[MoveOut]:
    child = _child(child_id)
    form = move_forms.FORM_OF_KIND[move.kind](_form_data(move))
    if not form.is_valid():
        errors = [
            {"field": f"body.{name.removesuffix('_0')}", "message": str(message)}
            for name, messages in form.errors.items()
            for message in messages
        ]
        raise _Refused(errors)
    try:
        saved = moves.record_move(
            child,
            moves.MoveDetails.of(move.kind, dict(form.cleaned_data)),
            user=request.user,  # type: ignore[arg-type]
        )
    except DjangoValidationError as error:
        raise _Refused(
            [
                {"field": f"body.{name}" if name != "__all__" else "body", "message": str(m)}
                for name, messages in error.message_dict.items()
                for m in messages
            ]
            if hasattr(error, "error_dict")
            else [{"field": "body", "message": str(m)} for m in error.messages]
        ) from error
    return Status(
        201, MoveOut(id=saved.pk, kind=saved.kind, moved_on=saved.moved_on, description=moves.describe(saved))
    )


class _Refused(Exception):
    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__("; ".join(e["message"] for e in errors))
        self.errors = errors


@api.exception_handler(_Refused)
def _refused(request: HttpRequest, exc: _Refused) -> HttpResponse:
    return problem(422, "The move was not recorded.", errors=exc.errors)


@api.post(
    "/framework/check",
    url_name="framework_check",
    response={200: dict[str, Any], **ERRORS},
    summary="Evaluate a case snapshot at a decision gate",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": framework.snapshot_json_schema()}},
        }
    },
)
def framework_check(request: HttpRequest, gate: framework.Gate = framework.Gate.D2) -> dict[str, Any]:
    try:
        data = json.loads(request.body or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as error:
        raise HttpError(400, f"The body is not valid JSON: {error}") from error
    try:
        snapshot = framework.snapshot_from_dict(data)
    except framework.SnapshotError as error:
        raise _Refused([_snapshot_error(m) for m in error.messages]) from error
    return framework.evaluate(snapshot, gate).to_dict()


def _snapshot_error(message: str) -> dict[str, str]:
    # The framework names the field first ("child.date_of_birth: …").
    field, _, rest = message.partition(": ")
    return (
        {"field": f"body.{field}", "message": rest or message}
        if rest
        else {"field": "body", "message": message}
    )


WARNINGS_SHOWN = 50  # as the case-data page; `homeward 903 validate` lists them all


class SyncOut(Schema):
    dry_run: bool = Field(description="True: what would change; nothing was changed")
    summary: list[str] = Field(description="The report in sentences, as the case-data page shows it")
    children_added: int
    children_updated: int
    children_unchanged: int
    episodes_added: int
    episodes_removed: int
    episodes_changed: int
    kept_moves: list[str] = Field(description="Moves recorded in Homeward, not yet in the case system (kept)")
    conflicts: list[str] = Field(description="Disagreements between Homeward and the case system, in words")
    missing_from_extract: list[str] = Field(
        description="CHILD ids in Homeward but not in the extract: never deleted, for a person to decide"
    )
    allocations_not_matched: list[str] = Field(
        description="Workers, teams and IROs the extract names who match no one in Homeward (left as is)"
    )
    changes: list[str] = Field(description="What changes (or would) for each child, by CHILD id")
    warnings: list[str] = Field(description=f"The first {WARNINGS_SHOWN} warnings, by file, row and column")
    warnings_total: int


def _sync_out(report: casedata.SyncReport) -> SyncOut:
    return SyncOut(
        dry_run=report.dry_run,
        summary=report.summary(),
        children_added=report.added,
        children_updated=report.updated,
        children_unchanged=report.unchanged,
        episodes_added=report.episodes_added,
        episodes_removed=report.episodes_removed,
        episodes_changed=report.episodes_changed,
        kept_moves=report.kept_moves,
        conflicts=report.conflicts,
        missing_from_extract=report.missing_from_extract,
        allocations_not_matched=report.allocations_not_matched,
        changes=[c.in_words() for c in report.children if c.changed],
        warnings=[str(w) for w in report.warnings[:WARNINGS_SHOWN]],
        warnings_total=len(report.warnings),
    )


TEAM = Form("", max_length=200, description="The team (its name) of children new to Homeward")


@api.post(
    "/sync",
    url_name="sync",
    response={200: SyncOut, **ERRORS},
    summary="Load children and episodes from the case system's 903 extracts (the sync; multipart)",
)
def sync(
    request: HttpRequest,
    files: File[list[UploadedFile]],
    dry_run: Form[bool] = False,
    team: str = TEAM,
    allocation: File[UploadedFile | None] = None,
) -> SyncOut:
    """The files are the Header and Episodes CSV files of one year or several, or EXPSSDA903 XML; an
    optional allocation CSV names each child's worker, team and IRO. Any error changes nothing (422)."""
    try:
        report = casedata.sync_uploads(
            files, source=request, dry_run=dry_run, default_team=team or None, allocation=allocation
        )
    except UploadRefused as refused:
        raise _UploadRefused(refused) from refused
    if not report.ok:
        raise _FilesRefused(report)
    return _sync_out(report)


class _UploadRefused(Exception):
    def __init__(self, refused: UploadRefused) -> None:
        super().__init__(str(refused))
        self.refused = refused


@api.exception_handler(_UploadRefused)
def _upload_refused(request: HttpRequest, exc: _UploadRefused) -> HttpResponse:
    return problem(
        413 if exc.refused.too_large else 422,
        "The files were refused unread: nothing was changed.",
        errors=[{"field": "body.files", "message": m} for m in exc.refused.problems],
    )


class _FilesRefused(Exception):
    def __init__(self, report: casedata.SyncReport) -> None:
        super().__init__(report.summary()[0])
        self.report = report


@api.exception_handler(_FilesRefused)
def _files_refused(request: HttpRequest, exc: _FilesRefused) -> HttpResponse:
    errors = []
    for p in exc.report.errors:
        error: dict[str, Any] = {"field": "body.files", "message": str(p), "file": p.file}
        error.update({k: v for k, v in (("row", p.row), ("column", p.column)) if v is not None})
        errors.append(error)
    return problem(422, " ".join(exc.report.summary()), errors=errors)
