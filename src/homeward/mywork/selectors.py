"""What is waiting for one person, across every child whose record they may open.

Each list is read for all of their children at once (a fixed number of queries however many children),
so My work stays fast for a manager of a large team. Nothing here is stored: it is read from the records
each time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from homeward.access.policy import profile_of
from homeward.base import tags
from homeward.children.models import Child, Episode
from homeward.children.selectors import visible_children
from homeward.decisions import selectors as decisions
from homeward.decisions.models import Answer, Decision, GateChoice
from homeward.meetings import selectors as meeting_selectors
from homeward.monitoring import alerts as monitoring_alerts
from homeward.monitoring import selectors as monitoring
from homeward.moves.models import ReturnApproval
from homeward.moves.selectors import needs_nominated_officer
from homeward.notifications import selectors as notification_selectors
from homeward.organisation.models import Role
from homeward.plans.models import Agreement, ReturnPlan
from homeward.plans.services import missing_for_signature

RECENT_DAYS = 28  # "recent" decisions an IRO is shown to read


@dataclass(frozen=True)
class Item:
    """One thing waiting for someone: about which child, what, by when, and where to do it."""

    child: Child
    what: str
    link: str
    due: date | None = None
    tag: str = ""
    colour: str = "grey"
    why: str = ""


@dataclass
class Section:
    key: str
    heading: str
    empty: str
    items: list[Item] = field(default_factory=list)


class Visible(dict[int, Child]):
    """The children a person may see, by id, and the query that finds them. Filters use the query
    (`ids`, read by the database as a subquery), not the ids: a team of thousands would otherwise be
    written into every statement as thousands of parameters."""

    def __init__(self, ids: QuerySet[Any], children: Iterable[Child]) -> None:
        super().__init__((c.pk, c) for c in children)
        self.ids = ids

    @classmethod
    def of(cls, query: QuerySet[Child]) -> Visible:
        return cls(query.values("pk"), query)

    def narrowed(self, query: QuerySet[Child], keep: Callable[[Child], bool]) -> Visible:
        """Some of these children: found by `query` in the database, picked out by `keep` here."""
        return Visible(query.values("pk"), (c for c in self.values() if keep(c)))


def decisions_to_sign(user: AbstractBaseUser, children: Visible) -> list[Item]:
    """Decisions proposed for these children and waiting for a manager (not the person who proposed them)."""
    rows = (
        Decision.objects.filter(child_id__in=children.ids, signed_at__isnull=True, returned_at__isnull=True)
        .exclude(proposed_by_id=user.pk)
        .order_by("proposed_at", "id")
    )
    return [
        Item(
            children[d.child_id],
            f"{d.gate} decision (version {d.version}) proposed by {d.proposed_by_name}: “{d.answer}”",
            reverse("decisions:review", args=[d.child_id, d.pk]),
            due=None,
            tag="Waiting for sign-off",
            colour="blue",
        )
        for d in rows
    ]


def decisions_returned(user: AbstractBaseUser, children: Visible) -> list[Item]:
    """Decisions the manager returned to this worker, not yet revised (no newer version at the gate)."""
    newer = Decision.objects.filter(
        child_id=OuterRef("child_id"), gate=OuterRef("gate"), version__gt=OuterRef("version")
    )
    rows = (
        Decision.objects.filter(child_id__in=children.ids, returned_at__isnull=False, proposed_by_id=user.pk)
        .annotate(revised=Exists(newer))
        .filter(revised=False)
        .order_by("returned_at", "id")
    )
    return [
        Item(
            children[d.child_id],
            f"{d.gate} decision returned by {d.returned_by_name}: {d.manager_reasons[:120]}",
            reverse("decisions:detail", args=[d.child_id, d.pk]),
            tag="Returned to you",
            colour=tags.AMBER,
        )
        for d in rows
    ]


def challenges_to_answer(user: AbstractBaseUser, children: Visible) -> list[Item]:
    """IRO challenges still open that this person (the worker or the manager) has not yet answered."""
    profile = profile_of(user)
    role = profile.role if profile else None
    items = []
    for child_id, found in decisions.open_challenges_by_child(children.ids).items():
        for c in found:
            if role not in decisions.ANSWERED_BY or c.answers.filter(role=role).exists():
                continue
            items.append(
                Item(
                    children[child_id],
                    f"{c.raised_by_name} challenged the {c.decision.gate} decision: “{c.text[:120]}”",
                    reverse("decisions:challenge_answer", args=[child_id, c.pk]),
                    tag="IRO challenge open",
                    colour="red",
                )
            )
    return items


def agreements_to_sign(children: Visible) -> list[Item]:
    """Written agreements complete and waiting for a manager's signature (the latest version, unsigned)."""
    newer = Agreement.objects.filter(child_id=OuterRef("child_id"), version__gt=OuterRef("version"))
    rows = (
        Agreement.objects.filter(child_id__in=children.ids, signed_at__isnull=True)
        .annotate(superseded=Exists(newer))
        .filter(superseded=False)
    )
    return [
        Item(
            children[a.child_id],
            f"Written agreement version {a.version} is complete and waiting for your signature",
            reverse("plans:agreement_sign", args=[a.child_id]),
            tag="Ready to sign",
            colour="blue",
        )
        for a in rows
        if not missing_for_signature(a)
    ]


def returns_to_approve(user: AbstractBaseUser, children: Visible, today: date) -> list[Item]:
    """For a nominated officer: children with a signed-off D3 "yes", looked after 20 working days or
    more, whose return has not been approved (reg 39)."""
    profile = profile_of(user)
    if profile is None or not profile.nominated_officer:
        return []
    rows = [d for d in _agreed_returns(children) if not d.approved]  # type: ignore[attr-defined]
    return [
        Item(
            children[d.child_id],
            "D3 signed off “yes”: the return home needs your approval as nominated officer",
            reverse("moves:approve", args=[d.child_id]),
            tag="Approval needed",
            colour="blue",
        )
        for d in rows
        if needs_nominated_officer(children[d.child_id], today)
    ]


def _agreed_returns(children: Visible) -> list[Decision]:
    """The standing signed-off D3 "yes" decisions of children still looked after (one query)."""
    newer = Decision.objects.filter(
        child_id=OuterRef("child_id"), gate=GateChoice.D3, version__gt=OuterRef("version")
    )
    looked_after = Episode.objects.filter(child_id=OuterRef("child_id"), dec__isnull=True)
    approved = ReturnApproval.objects.filter(decision_id=OuterRef("pk"))
    return list(
        Decision.objects.filter(
            child_id__in=children.ids, gate=GateChoice.D3, answer=Answer.YES, signed_at__isnull=False
        )
        .annotate(superseded=Exists(newer), looked_after=Exists(looked_after), approved=Exists(approved))
        .filter(superseded=False, looked_after=True)
        .order_by("child_id")
    )


def plans_drifted(children: Visible, today: date) -> list[Item]:
    """Plans that have drifted: a proposed return date passed with the child still looked after, and
    agreements past the date they were to be looked at again."""
    looked_after = Episode.objects.filter(child_id=OuterRef("child_id"), dec__isnull=True)
    items = [
        Item(
            children[p.child_id],
            f"The return was proposed for {p.proposed_on:%-d %B %Y} and the child is still looked after",
            reverse("plans:plans", args=[p.child_id]),
            due=p.proposed_on,
            tag="Drifted",
            colour=tags.AMBER,
            why="Drift in plans for a return was found in case reviews (NSPCC 2016).",
        )
        for p in ReturnPlan.objects.filter(child_id__in=children.ids, proposed_on__lt=today)
        .annotate(looked_after=Exists(looked_after))
        .filter(looked_after=True)
    ]
    newer = Agreement.objects.filter(child_id=OuterRef("child_id"), version__gt=OuterRef("version"))
    for a in (
        Agreement.objects.filter(child_id__in=children.ids, review_on__lt=today)
        .annotate(superseded=Exists(newer))
        .filter(superseded=False)
    ):
        items.append(
            Item(
                children[a.child_id],
                f"The written agreement was to be looked at again on {a.review_on:%-d %B %Y}",
                reverse("plans:agreement", args=[a.child_id]),
                due=a.review_on,
                tag="Review overdue",
                colour=tags.AMBER,
            )
        )
    return items


def alerts(children: Visible, today: date) -> list[Item]:
    """Every alert after a return for these children (worked out together, never stored)."""
    items = []
    for child_id, found in monitoring_alerts.alerts_for(children.ids, today).items():
        for a in found:
            items.append(
                Item(
                    children[child_id], f"{a.title}: {a.detail}", a.link, tag="Alert", colour="red", why=a.why
                )
            )
    return items


def visits_due(children: Visible, today: date, *, within_days: int = 14) -> list[Item]:
    """Visits overdue, or due in the next two weeks, for children in a monitoring period."""
    horizon = today + timedelta(days=within_days)
    return [
        Item(
            children[w.period.child_id],
            f"Visit due: {w.period.cadence[:1].lower()}{w.period.cadence[1:]}"
            + (
                f"; last seen {w.last_seen_on:%-d %B %Y}"
                if w.last_seen_on
                else "; not seen since monitoring began"
            ),
            reverse("monitoring:visit_add", args=[w.period.child_id]),
            due=w.next_visit_due,
            tag="Overdue" if w.overdue(today) else "Due",
            colour="red" if w.overdue(today) else "blue",
        )
        for w in monitoring.watched(children.ids, today)
        if w.next_visit_due <= horizon
    ]


def after_return(children: Visible, today: date) -> list[Item]:
    """The team view: each child whose return is agreed (a signed-off D3 "yes", still looked after) or
    who is in a monitoring period, with the stage and how many alerts they have."""
    found = monitoring_alerts.alerts_for(children.ids, today)
    items = [
        Item(
            children[d.child_id],
            "Return home agreed at D3"
            + (
                "; approved by the nominated officer"
                if d.approved  # type: ignore[attr-defined]
                else "; waiting for approval where needed"
            )
            + ": the move is not yet recorded",
            reverse("moves:moves", args=[d.child_id]),
            tag="Return planned",
            colour="blue",
        )
        for d in _agreed_returns(children)
    ]
    for w in monitoring.watched(children.ids, today):
        child_alerts = found.get(w.period.child_id, [])
        titles = "; ".join(a.title for a in child_alerts)
        items.append(
            Item(
                children[w.period.child_id],
                w.stage + (f". Alerts: {titles}" if titles else ""),
                reverse("monitoring:monitoring", args=[w.period.child_id]),
                due=w.next_visit_due,
                tag=f"{len(child_alerts)} alert{'s' if len(child_alerts) != 1 else ''}"
                if child_alerts
                else "No alerts",
                colour="red" if child_alerts else "green",
            )
        )
    return items


def notifications_for(user: AbstractBaseUser, children: Visible) -> list[Item]:
    """This person's notifications not yet acknowledged, about children whose record they may open."""
    return [
        Item(
            children[n.child_id],
            n.summary,
            reverse("notifications:acknowledge", args=[n.child_id, n.pk]),
            due=n.happened_on,
            tag="Not acknowledged",
            colour="blue",
        )
        for n in notification_selectors.unacknowledged(user)  # type: ignore[arg-type]
        if n.child_id in children
    ]


def actions_due(user: AbstractBaseUser, children: Visible, today: date) -> list[Item]:
    """Meeting actions this person (or, for a partner, their agency) owns, overdue or due soon."""
    return [
        Item(
            children[a.meeting.child_id],
            f"{a.description[:120]} (agreed at the meeting, {a.meeting.get_kind_display()},"
            f" of {a.meeting.held_on:%-d %B %Y})",
            reverse("meetings:meeting", args=[a.meeting.child_id, a.meeting_id]),
            due=a.due_on,
            tag="Overdue" if a.due_on < today else "Due",
            colour="red" if a.due_on < today else "blue",
        )
        for a in meeting_selectors.actions_due_for(user, today)
        if a.meeting.child_id in children
    ]


def reviews_coming(children: Visible, today: date) -> list[Item]:
    """For an IRO: looked-after reviews and reviews after a return recorded for the weeks ahead."""
    return [
        Item(
            children[m.child_id],
            f"{m.get_kind_display()}: {m.purpose[:100]}",
            reverse("meetings:meeting", args=[m.child_id, m.pk]),
            due=m.held_on,
            tag="Review",
            colour="blue",
        )
        for m in meeting_selectors.reviews_between(children.ids, today, today + timedelta(days=RECENT_DAYS))
    ]


def decisions_to_read(children: Visible, today: date) -> list[Item]:
    """For an IRO: decisions proposed or signed off for their children in the last four weeks."""
    since = today - timedelta(days=RECENT_DAYS)
    rows = Decision.objects.filter(child_id__in=children.ids, proposed_at__date__gte=since).order_by(
        "-proposed_at"
    )
    return [
        Item(
            children[d.child_id],
            f"{d.gate} decision version {d.version}: “{d.answer}”, {d.get_status_display().lower()}",
            reverse("decisions:detail", args=[d.child_id, d.pk]),
            tag=d.get_status_display(),
            colour="green" if d.is_signed else "blue",
        )
        for d in rows
    ]


def my_open_challenges(user: AbstractBaseUser, children: Visible) -> list[Item]:
    """For an IRO: their challenges still waiting for a written answer."""
    items = []
    for child_id, found in decisions.open_challenges_by_child(children.ids).items():
        for c in found:
            if c.raised_by_id != user.pk:
                continue
            waiting = " and ".join(decisions.waiting_answer_from(c))
            items.append(
                Item(
                    children[child_id],
                    f"Your challenge to the {c.decision.gate} decision is waiting for {waiting} to answer",
                    reverse("decisions:detail", args=[child_id, c.decision_id]),
                    tag="Open",
                    colour="red",
                )
            )
    return items


def my_work(user: AbstractBaseUser | AnonymousUser, today: date) -> tuple[list[Section], list[int]]:
    """The sections of this person's start page, and the ids of every child it names (for the audit)."""
    profile = profile_of(user)
    if profile is None or isinstance(user, AnonymousUser):
        return [], []
    visible = visible_children(user, today)
    children = Visible.of(visible)
    role = profile.role
    rows: list[tuple[str, str, str, list[Item]]] = []
    if role == Role.SOCIAL_WORKER:
        mine = children.narrowed(
            visible.filter(allocated_worker_id=user.pk), lambda c: c.allocated_worker_id == user.pk
        )
        rows = [
            (
                "alerts",
                "Alerts after a return",
                "No alerts.",
                alerts(mine, today),
            ),
            (
                "visits",
                "Visits due",
                "No visit is due in the next two weeks.",
                visits_due(mine, today),
            ),
            (
                "actions",
                "Meeting actions due",
                "No meeting action is due.",
                actions_due(user, children, today),
            ),
            (
                "returned",
                "Decisions returned to you",
                "No decision is waiting for you to revise.",
                decisions_returned(user, mine),
            ),
            (
                "challenges",
                "IRO challenges to answer",
                "No IRO challenge is waiting for your answer.",
                challenges_to_answer(user, mine),
            ),
            (
                "drift",
                "Plans that have drifted",
                "No plan has drifted.",
                plans_drifted(mine, today),
            ),
            (
                "notifications",
                "Notifications to acknowledge",
                "None waiting.",
                notifications_for(user, children),
            ),
        ]
    elif role == Role.TEAM_MANAGER:
        rows = [
            (
                "sign",
                "Decisions waiting for your sign-off",
                "No decision is waiting for you.",
                decisions_to_sign(user, children),
            ),
            (
                "agreements",
                "Written agreements to sign",
                "No agreement is waiting for your signature.",
                agreements_to_sign(children),
            ),
            (
                "approvals",
                "Returns home to approve",
                "No return is waiting for your approval.",
                returns_to_approve(user, children, today),
            ),
            (
                "team",
                "Your team's children after a return",
                "No child of your team is being monitored.",
                after_return(children, today),
            ),
            (
                "challenges",
                "IRO challenges to answer",
                "No IRO challenge is waiting for your answer.",
                challenges_to_answer(user, children),
            ),
            (
                "drift",
                "Your team's plans that have drifted",
                "No plan has drifted.",
                plans_drifted(children, today),
            ),
            (
                "notifications",
                "Notifications to acknowledge",
                "None waiting.",
                notifications_for(user, children),
            ),
        ]
    elif role == Role.IRO:
        rows = [
            (
                "reviews",
                "Reviews coming",
                "No review in the next four weeks.",
                reviews_coming(children, today),
            ),
            (
                "read",
                "Decisions to read",
                "No decision in the last four weeks.",
                decisions_to_read(children, today),
            ),
            (
                "challenges",
                "Your challenges outstanding",
                "None of your challenges is waiting.",
                my_open_challenges(user, children),
            ),
            (
                "notifications",
                "Notifications to acknowledge",
                "None waiting.",
                notifications_for(user, children),
            ),
        ]
    elif role == Role.PARTNER:
        rows = [
            (
                "notifications",
                "Notifications for your agency",
                "No notification is waiting for you.",
                notifications_for(user, children),
            ),
            (
                "actions",
                "Actions for your agency",
                "No meeting action is due.",
                actions_due(user, children, today),
            ),
        ]
    sections = [Section(key, heading, empty, items) for key, heading, empty, items in rows]
    shown = sorted({item.child.pk for s in sections for item in s.items})
    return sections, shown
