"""The stages of a return the decisions mark, for the caseload's filter (`homeward.children.stages`):
being considered with no decision signed off yet, then the furthest gate signed off."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from homeward.access.policy import Section
from homeward.children import stages
from homeward.children.models import Child
from homeward.decisions.models import Decision, GateChoice


def _signed(gate: str | None = None) -> Exists:
    rows = Decision.objects.filter(child=OuterRef("pk"), signed_at__isnull=False)
    return Exists(rows.filter(gate=gate) if gate else rows)


def being_considered(children: QuerySet[Child]) -> QuerySet[Child]:
    return children.filter(return_home_considered_since__isnull=False).exclude(_signed())


def _furthest(gate: str, later: tuple[str, ...]) -> stages.Narrow:
    def narrow(children: QuerySet[Child]) -> QuerySet[Child]:
        narrowed = children.filter(_signed(gate))
        for after in later:
            narrowed = narrowed.exclude(_signed(after))
        return narrowed

    return narrow


def register() -> None:
    section = Section.REUNIFICATION
    stages.register(
        "considered", "Being considered, no decision yet", order=10, section=section, narrow=being_considered
    )
    stages.register(
        "d1",
        "D1 signed off",
        order=20,
        section=section,
        narrow=_furthest(GateChoice.D1, (GateChoice.D2, GateChoice.D3)),
    )
    stages.register(
        "d2", "D2 signed off", order=30, section=section, narrow=_furthest(GateChoice.D2, (GateChoice.D3,))
    )
    stages.register("d3", "D3 signed off", order=40, section=section, narrow=_furthest(GateChoice.D3, ()))
