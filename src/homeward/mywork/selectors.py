"""What is waiting for one person, across every child whose record they may open.

Each list is read for all of their children at once (a fixed number of queries however many children),
so My work stays fast for a manager of a large team. Nothing here is stored: it is read from the records
each time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef
from django.urls import reverse

from homeward.access.policy import profile_of
from homeward.children.models import Child, Episode
from homeward.children.selectors import visible_children
from homeward.decisions import selectors as decisions
from homeward.decisions.models import Answer, Decision, GateChoice
from homeward.moves.models import ReturnApproval
from homeward.moves.selectors import needs_nominated_officer
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


def decisions_to_sign(user: AbstractBaseUser, children: dict[int, Child]) -> list[Item]:
    """Decisions proposed for these children and waiting for a manager (not the person who proposed them)."""
    rows = (
        Decision.objects.filter(child_id__in=children, signed_at__isnull=True, returned_at__isnull=True)
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


def decisions_returned(user: AbstractBaseUser, children: dict[int, Child]) -> list[Item]:
    """Decisions the manager returned to this worker, not yet revised (no newer version at the gate)."""
    newer = Decision.objects.filter(
        child_id=OuterRef("child_id"), gate=OuterRef("gate"), version__gt=OuterRef("version")
    )
    rows = (
        Decision.objects.filter(child_id__in=children, returned_at__isnull=False, proposed_by_id=user.pk)
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
            colour="orange",
        )
        for d in rows
    ]


def challenges_to_answer(user: AbstractBaseUser, children: dict[int, Child]) -> list[Item]:
    """IRO challenges still open that this person (the worker or the manager) has not yet answered."""
    profile = profile_of(user)
    role = profile.role if profile else None
    items = []
    for child_id, found in decisions.open_challenges_by_child(children).items():
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


def agreements_to_sign(children: dict[int, Child]) -> list[Item]:
    """Written agreements complete and waiting for a manager's signature (the latest version, unsigned)."""
    newer = Agreement.objects.filter(child_id=OuterRef("child_id"), version__gt=OuterRef("version"))
    rows = (
        Agreement.objects.filter(child_id__in=children, signed_at__isnull=True)
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


def returns_to_approve(user: AbstractBaseUser, children: dict[int, Child], today: date) -> list[Item]:
    """For a nominated officer: children with a signed-off D3 "yes", looked after 20 working days or
    more, whose return has not been approved (reg 39)."""
    profile = profile_of(user)
    if profile is None or not profile.nominated_officer:
        return []
    approved = ReturnApproval.objects.filter(decision_id=OuterRef("pk"))
    newer = Decision.objects.filter(
        child_id=OuterRef("child_id"), gate=GateChoice.D3, version__gt=OuterRef("version")
    )
    looked_after = Episode.objects.filter(child_id=OuterRef("child_id"), dec__isnull=True)
    rows = (
        Decision.objects.filter(
            child_id__in=children, gate=GateChoice.D3, answer=Answer.YES, signed_at__isnull=False
        )
        .annotate(approved=Exists(approved), superseded=Exists(newer), looked_after=Exists(looked_after))
        .filter(approved=False, superseded=False, looked_after=True)
    )
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


def plans_drifted(children: dict[int, Child], today: date) -> list[Item]:
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
            colour="orange",
            why="Drift in plans for a return was found in case reviews (NSPCC 2016).",
        )
        for p in ReturnPlan.objects.filter(child_id__in=children, proposed_on__lt=today)
        .annotate(looked_after=Exists(looked_after))
        .filter(looked_after=True)
    ]
    newer = Agreement.objects.filter(child_id=OuterRef("child_id"), version__gt=OuterRef("version"))
    for a in (
        Agreement.objects.filter(child_id__in=children, review_on__lt=today)
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
                colour="orange",
            )
        )
    return items


def decisions_to_read(children: dict[int, Child], today: date) -> list[Item]:
    """For an IRO: decisions proposed or signed off for their children in the last four weeks."""
    since = today - timedelta(days=RECENT_DAYS)
    rows = Decision.objects.filter(child_id__in=children, proposed_at__date__gte=since).order_by(
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


def my_open_challenges(user: AbstractBaseUser, children: dict[int, Child]) -> list[Item]:
    """For an IRO: their challenges still waiting for a written answer."""
    items = []
    for child_id, found in decisions.open_challenges_by_child(children).items():
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
    children = {c.pk: c for c in visible_children(user, today)}
    role = profile.role
    sections: list[Section] = []
    if role == Role.SOCIAL_WORKER:
        mine = {pk: c for pk, c in children.items() if c.allocated_worker_id == user.pk}
        sections = [
            Section(
                "returned",
                "Decisions returned to you",
                "No decisions are waiting for you to revise.",
                decisions_returned(user, mine),
            ),
            Section(
                "challenges",
                "IRO challenges to answer",
                "No IRO challenge is waiting for your answer.",
                challenges_to_answer(user, mine),
            ),
            Section("drift", "Plans that have drifted", "No plan has drifted.", plans_drifted(mine, today)),
        ]
    elif role == Role.TEAM_MANAGER:
        sections = [
            Section(
                "sign",
                "Decisions waiting for your sign-off",
                "No decision is waiting for you.",
                decisions_to_sign(user, children),
            ),
            Section(
                "agreements",
                "Written agreements to sign",
                "No agreement is waiting for your signature.",
                agreements_to_sign(children),
            ),
            Section(
                "approvals",
                "Returns home to approve",
                "No return is waiting for your approval.",
                returns_to_approve(user, children, today),
            ),
            Section(
                "challenges",
                "IRO challenges to answer",
                "No IRO challenge is waiting for your answer.",
                challenges_to_answer(user, children),
            ),
            Section(
                "drift",
                "Your team's plans that have drifted",
                "No plan has drifted.",
                plans_drifted(children, today),
            ),
        ]
    elif role == Role.IRO:
        sections = [
            Section(
                "read",
                "Decisions to read",
                "No decision in the last four weeks.",
                decisions_to_read(children, today),
            ),
            Section(
                "challenges",
                "Your challenges outstanding",
                "None of your challenges is waiting.",
                my_open_challenges(user, children),
            ),
        ]
    shown = sorted({item.child.pk for s in sections for item in s.items})
    return sections, shown
