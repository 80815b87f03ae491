"""The chronology demo: a couple of significant events added by hand, with their sources, for the
showcase child and the ready-to-return child, and an analysis note, dated by their other records."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from homeward.access.policy import ALL_SECTIONS
from homeward.children.models import Child
from homeward.chronology import selectors, services
from homeward.chronology.models import EventKind


def _on(day: date, earliest: date, today: date) -> date:
    """`day`, kept between `earliest` and `today` (the services refuse a future date)."""
    return min(max(day, earliest), today)


def _showcase(child: Child, worker: Any, today: date) -> None:
    # The mother's new partner moved in while the child was in care (the demo's gap); the school heard
    # of him before the worker did, and the worker says in the chronology what that meant.
    partner = child.family.filter(relationship="mothers_partner").order_by("pk").first()
    moved_in = partner.memberships.order_by("started").first() if partner else None
    arrived = moved_in.started if moved_in else today - timedelta(days=60)
    told = _on(arrived + timedelta(days=12), child.date_of_birth, today)
    services.add_significant_event(
        child,
        worker,
        happened_on=told,
        description=(
            f"{child.first_name} told their class teacher that their mum's new partner shouts when he has "
            "been drinking, and that they do not like staying over at weekends"
        ),
        source="Class teacher, Oakfield Primary School (phone call to the social worker)",
    )
    services.add_significant_event(
        child,
        worker,
        happened_on=_on(told + timedelta(days=9), child.date_of_birth, today),
        description=(
            "Mother said she had stopped going to her alcohol support group since the partner moved in"
        ),
        source="Mother, at a home visit by the social worker (visit notes)",
    )
    events = selectors.events_of(child, ALL_SECTIONS, today)
    partner_arrived = next(
        (
            e
            for e in events
            if e.kind == EventKind.HOUSEHOLD and "(mother's partner) moved into" in e.description
        ),
        None,
    )
    if partner_arrived is not None:
        services.save_analysis_note(
            child,
            worker,
            event_key=partner_arrived.key,
            note=(
                "A new adult in the home the child may return to, not known to us and not yet assessed. "
                "Soon after, the school heard of drinking and shouting and the mother stopped her support: "
                "for the child, home has become less predictable just as a return is being considered."
            ),
        )


def _ready_to_return(child: Child, worker: Any, today: date) -> None:
    services.add_significant_event(
        child,
        worker,
        happened_on=_on(today - timedelta(days=75), child.date_of_birth, today),
        description="Mother completed the twelve-week parenting programme, attending every session",
        source="Certificate from Northshire Family Support, seen by the social worker",
    )
    services.add_significant_event(
        child,
        worker,
        happened_on=_on(today - timedelta(days=30), child.date_of_birth, today),
        description=(
            f"{child.first_name} said they want to go home to their mum "
            "and to keep seeing their foster carers"
        ),
        source=f"{child.first_name}, seen alone by the social worker at school (visit notes)",
    )


def add_chronology_demo(showcase: Child | None, ready: Child | None, worker: Any, today: date) -> None:
    if showcase is not None:
        _showcase(showcase, worker, today)
    if ready is not None:
        _ready_to_return(ready, worker, today)
