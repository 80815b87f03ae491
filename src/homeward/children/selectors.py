"""Reads of children's records, shaped for the pages. Access is decided by the caller's decorator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Page, Paginator
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from homeward.access import policy
from homeward.access.policy import ALL_SECTIONS, Section
from homeward.base.people import name_of
from homeward.base.words import days_in_words
from homeward.children import stages
from homeward.children.models import (
    AgencyInvolvement,
    Child,
    Episode,
    FamilyMember,
    Household,
    HouseholdMembership,
)
from homeward.children.panels import Glance
from homeward.ssda903 import codes
from homeward.ssda903.history import CareHistory, care_history


@dataclass(frozen=True)
class CaseloadRow:
    child: Child
    age: int
    legal_status: str | None
    placement: str | None
    days_in_care: int | None
    return_home_considered: bool
    failed_returns: int
    mine: bool
    # What the later parts of the practice flag for this child (`homeward.children.flags`), for this viewer.
    flags: tuple[Any, ...] = ()

    @property
    def legal_status_words(self) -> str:
        return codes.describe("LS", self.legal_status) if self.legal_status else "Not looked after"

    @property
    def placement_words(self) -> str:
        return codes.PLACEMENT.get(self.placement, self.placement) if self.placement else "At home"


def history_of(child: Child, episodes: list[Episode], today: date) -> CareHistory:
    """The child's care history on `today`, by the one definition (`homeward.ssda903.history`)."""
    return care_history([e.as_903(child.la_child_id) for e in episodes], today, child.details_903())


def visible_children(user: AbstractBaseUser | AnonymousUser, today: date | None = None) -> QuerySet[Child]:
    """Every child whose record this user may open (the access policy, over every child)."""
    return policy.visible_children(user, Child.objects.all(), today)


PAGE_SIZE = 50
SORTS = {
    "considered": "Return home being considered first",
    "name": "Name",
    "age": "Age (youngest first)",
    "time_in_care": "Time in care (longest first)",
}
NOT_LOOKED_AFTER = "none"


@dataclass(frozen=True)
class CaseloadQuery:
    """What a caseload page asks for: a search (a name, a CHILD id or a date of birth), filters, an
    order and a page. Empty values mean "any"."""

    search: str = ""
    team: int | None = None
    worker: int | None = None
    legal_status: str = ""  # a 903 LS code, or NOT_LOOKED_AFTER
    stage: str = ""  # a stage of a return (`homeward.children.stages`)
    sort: str = "considered"
    page: int = 1


@dataclass(frozen=True)
class CaseloadPage:
    rows: list[CaseloadRow]
    page: Page  # type: ignore[type-arg]
    matching: int  # children matching the search and filters
    visible: int  # every child on this user's caseload


def _date_searched(text: str) -> date | None:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _searched(children: QuerySet[Child], text: str) -> QuerySet[Child]:
    text = " ".join(text.split())
    if not text:
        return children
    born = _date_searched(text)
    if born is not None:
        return children.filter(date_of_birth=born)
    by_name = Q()
    for word in text.split(" "):
        by_name &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    return children.filter(by_name | Q(la_child_id__iexact=text))


def _ordered(
    children: QuerySet[Child], sort: str, user: AbstractBaseUser | AnonymousUser, considered_shown: bool
) -> QuerySet[Child]:
    """Children in the order asked for. Whether a return home is being considered is a reunification
    fact: for a viewer not shown that section it never orders the list (the order would tell it)."""
    names = ("last_name", "first_name", "pk")
    if sort == "name":
        return children.order_by(*names)
    if sort == "age":
        return children.order_by("-date_of_birth", *names)
    if sort == "time_in_care":
        return children.order_by(F("care_summary__in_care_since").asc(nulls_last=True), *names)
    if not considered_shown:
        return children.annotate(
            _mine=Case(When(allocated_worker_id=user.pk, then=Value(0)), default=Value(1)),
        ).order_by("_mine", *names)
    return children.annotate(
        _mine=Case(When(allocated_worker_id=user.pk, then=Value(0)), default=Value(1)),
        _considered=Case(When(return_home_considered_since__isnull=False, then=Value(0)), default=Value(1)),
    ).order_by("_mine", "_considered", *names)


def caseload(
    user: AbstractBaseUser | AnonymousUser,
    today: date,
    query: CaseloadQuery | None = None,
    sections: frozenset[Section] = ALL_SECTIONS,
) -> CaseloadPage:
    """One page of the caseload: one query for the page's children (with their care summaries, kept by
    `services.refresh_care_summaries`), one to count them, whatever the size of the caseload."""
    query = query or CaseloadQuery()
    visible = visible_children(user, today)
    children = _searched(visible, query.search)
    if query.team is not None:
        children = children.filter(team_id=query.team)
    if query.worker is not None:
        children = children.filter(allocated_worker_id=query.worker)
    if query.legal_status == NOT_LOOKED_AFTER:
        children = children.filter(Q(care_summary__legal_status="") | Q(care_summary__isnull=True))
    elif query.legal_status:
        children = children.filter(care_summary__legal_status=query.legal_status)
    if query.stage:
        children = stages.at_stage(children, query.stage, sections)
    considered_shown = Section.REUNIFICATION in sections
    sort = query.sort if query.sort in SORTS else "considered"
    ordered = _ordered(children, sort, user, considered_shown).select_related(
        "allocated_worker", "team", "care_summary"
    )
    page = Paginator(ordered, PAGE_SIZE).get_page(query.page)
    rows = []
    for child in page.object_list:
        summary = getattr(child, "care_summary", None)
        since = summary.in_care_since if summary else None
        rows.append(
            CaseloadRow(
                child=child,
                age=child.age_on(today),
                legal_status=(summary.legal_status or None) if summary else None,
                placement=(summary.placement or None) if summary else None,
                days_in_care=(today - since).days if since else None,
                return_home_considered=considered_shown and child.return_home_considered_since is not None,
                failed_returns=summary.failed_returns if summary else 0,
                mine=child.allocated_worker_id == user.pk,
            )
        )
    return CaseloadPage(rows=rows, page=page, matching=page.paginator.count, visible=visible.count())


@dataclass(frozen=True)
class CaseloadChoices:
    teams: list[tuple[int, str]]
    workers: list[tuple[int, str]]
    legal_statuses: list[tuple[str, str]]


def caseload_choices(user: AbstractBaseUser | AnonymousUser, today: date) -> CaseloadChoices:
    """The teams, workers and legal statuses found on this user's caseload, for its filters."""
    # Distinct in the database: a team's caseload is thousands of rows for a handful of choices.
    visible = visible_children(user, today).order_by()
    teams = sorted(visible.values_list("team_id", "team__name").distinct(), key=lambda t: t[1])
    allocated = get_user_model().objects.filter(pk__in=visible.values("allocated_worker_id"))
    workers = sorted(((u.pk, name_of(u)) for u in allocated), key=lambda w: w[1])
    codes_found = set(visible.values_list("care_summary__legal_status", flat=True).distinct())
    statuses = [(code, codes.describe("LS", code)) for code in sorted(c for c in codes_found if c)]
    if "" in codes_found or None in codes_found:
        statuses.append((NOT_LOOKED_AFTER, "Not looked after"))
    return CaseloadChoices(teams=teams, workers=workers, legal_statuses=statuses)


@dataclass(frozen=True)
class MemberRow:
    member: FamilyMember
    memberships: list  # HouseholdMembership, newest first
    in_household_now: bool


@dataclass(frozen=True)
class HouseholdRow:
    household: Household
    living_there_now: list[HouseholdMembership]  # who lives there today, earliest arrival first


@dataclass(frozen=True)
class ChildRecord:
    child: Child
    age: int
    history: CareHistory  # its timeline lists the episodes as recorded; current_episode is the open one
    households: list[HouseholdRow]
    members: list[MemberRow]
    agencies_current: list[AgencyInvolvement]
    agencies_past: list[AgencyInvolvement]


def child_record(child: Child, today: date) -> ChildRecord:
    history = history_of(child, list(child.episodes.order_by("decom", "id")), today)
    members = []
    for member in child.family.prefetch_related("memberships__household").order_by("full_name"):
        memberships = sorted(member.memberships.all(), key=lambda m: m.started, reverse=True)
        members.append(MemberRow(member, memberships, any(m.is_current(today) for m in memberships)))
    involvements = list(child.agency_involvements.select_related("agency"))
    return ChildRecord(
        child=child,
        age=child.age_on(today),
        history=history,
        households=[
            HouseholdRow(
                h, sorted((m for m in h.memberships.all() if m.is_current(today)), key=lambda m: m.started)
            )
            for h in child.households.prefetch_related("memberships__member")
        ],
        members=members,
        agencies_current=[a for a in involvements if a.is_current(today)],
        agencies_past=[a for a in involvements if not a.is_current(today)],
    )


def at_a_glance(record: ChildRecord, sections: frozenset[Section], lines: list[Glance]) -> list[Glance]:
    """What matters now, for the top of the record: where the child lives, their legal status, the stage
    of any return home, open findings, alerts and earlier returns that broke down. `lines` are the
    panels' own (`panels.GLANCE`); only what this viewer is shown of the record is summed up."""
    history, child = record.history, record.child
    now = history.current_episode
    glance = []
    if Section.EPISODES in sections:
        if now is not None:
            lives = f"{now.place_words} (since {now.decom:%-d %B %Y})"
        elif history.returns_home and history.returns_home[-1].re_entry is None:
            lives = f"At home: returned on {history.returns_home[-1].returned_on:%-d %B %Y}"
        else:
            lives = "Not looked after now"
        glance.append(Glance("Where the child lives now", lives, testid="glance-lives"))
    if Section.LEGAL_STATUS in sections:
        if now is None:
            glance.append(Glance("Legal status", "Not looked after now", testid="glance-legal-status"))
        else:
            spell = history.legal_status_history[-1] if history.legal_status_history else None
            since = f" (since {spell.start:%-d %B %Y})" if spell and spell.code == now.ls else ""
            # s20: case reviews found workers wrongly believed they could do nothing when a parent did so.
            removable = ". A parent with parental responsibility may remove the child at any time"
            glance.append(
                Glance(
                    "Legal status",
                    now.ls_words + since + (removable if now.is_voluntary else ""),
                    tag="Voluntary" if now.is_voluntary else "",
                    colour="yellow",
                    testid="glance-legal-status",
                )
            )
    if Section.REUNIFICATION in sections:
        glance.append(_return_home_line(child, sections))
    # The panels' lines: open findings, then alerts (an IRO challenge waiting, an alert after a return),
    # worked out with their panels; the panels are shown only to those shown that part of the record.
    glance.extend(line for line in lines if line.key != "Alert")
    alerts = [line for line in lines if line.key == "Alert"]
    glance.extend(alerts)
    if not alerts and Section.REUNIFICATION in sections:
        glance.append(Glance("Alerts", "None open", testid="glance-alert"))
    if Section.CARE_HISTORY in sections:
        failed = history.failed_returns
        if failed:
            last, n = failed[-1], len(failed)
            text = (
                f"{n} previous return{'s' if n != 1 else ''} home broke down; the last on "
                f"{last.returned_on:%-d %B %Y}, back in care {days_in_words(last.days_to_re_entry)} later"
            )
            glance.append(
                Glance(
                    "Failed returns",
                    text,
                    tag="Broke down",
                    colour="red",
                    href="#care-history",
                    testid="glance-failed",
                )
            )
        else:
            glance.append(Glance("Failed returns", "None recorded", testid="glance-failed"))
    return glance


def _return_home_line(child: Child, sections: frozenset[Section]) -> Glance:
    stage = stages.stage_of(child, sections)
    since = child.return_home_considered_since
    if stage is None and since is None:
        return Glance("Return home", "Not being considered", testid="glance-stage")
    if stage is not None and stage.key == "monitored":
        return Glance("Return home", stage.label, tag="Home", colour="green", testid="glance-stage")
    text = f"since {since:%-d %B %Y}" if since else ""
    if stage is not None and stage.key != "considered":
        text = f"{text}: {stage.label}" if text else stage.label
    elif since:
        text += ", no decision signed off yet"
    return Glance("Return home", text, tag="Being considered", colour="blue", testid="glance-stage")


# One record of the child's by its id (or 404: an id that is not this child's is not found, never shown).


def family_member(child: Child, member_id: int) -> FamilyMember:
    return get_object_or_404(FamilyMember, pk=member_id, child=child)


def membership(child: Child, membership_id: int) -> HouseholdMembership:
    return get_object_or_404(
        HouseholdMembership.objects.select_related("member", "household"),
        pk=membership_id,
        member__child=child,
    )


def involvement(child: Child, involvement_id: int) -> AgencyInvolvement:
    return get_object_or_404(
        AgencyInvolvement.objects.select_related("agency"), pk=involvement_id, child=child
    )
