"""The stages of a return home the caseload can be filtered by, added by the parts of the practice that
know them (the decisions at the gates, the monitoring after a return).

Each app registers its stages from its `AppConfig.ready`: a stage narrows a query of children to those
at that stage, as part of the caseload's one query (a subquery, never a loop over children). A stage is
offered only to someone shown the part of the record it comes from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from homeward.access.policy import Section
from homeward.children.models import Child

Narrow = Callable[[QuerySet[Child]], QuerySet[Child]]


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    order: int
    section: Section  # the part of the record it comes from
    narrow: Narrow


_STAGES: dict[str, Stage] = {}


def register(key: str, label: str, *, order: int, section: Section, narrow: Narrow) -> None:
    _STAGES[key] = Stage(key=key, label=label, order=order, section=section, narrow=narrow)


def offered(sections: frozenset[Section]) -> list[Stage]:
    """The stages this viewer (shown `sections` of a record) may filter by, in the order of a return."""
    return sorted((s for s in _STAGES.values() if s.section in sections), key=lambda s: s.order)


def at_stage(children: QuerySet[Child], key: str, sections: frozenset[Section]) -> QuerySet[Child]:
    """`children` narrowed to the stage `key`; a stage this viewer is not offered narrows nothing."""
    stage = _STAGES.get(key)
    if stage is None or stage.section not in sections:
        return children
    return stage.narrow(children)


def stage_of(child: Child, sections: frozenset[Section]) -> Stage | None:
    """The furthest stage of a return home this child is at, of those this viewer is offered: one query
    whatever the number of stages (each stage's narrowing, as a subquery)."""
    shown = offered(sections)
    if not shown:
        return None
    this_child = Child.objects.filter(pk=OuterRef("pk"))
    found = (
        Child.objects.filter(pk=child.pk)
        .annotate(**{f"at_{s.key}": Exists(s.narrow(this_child)) for s in shown})
        .values(*(f"at_{s.key}" for s in shown))
        .first()
    )
    at = [s for s in shown if found and found[f"at_{s.key}"]]
    return at[-1] if at else None
