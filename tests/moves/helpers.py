"""The demo's ready-to-return child, brought to a signed-off D3 "yes" (and approved), for the moves tests."""

from __future__ import annotations

from typing import Any

from homeward.decisions import services as decisions
from homeward.decisions.models import Decision
from homeward.demo.reunification import ready_to_return_child
from homeward.moves import services
from homeward.moves.models import ReturnApproval


def ready_child() -> Any:
    child = ready_to_return_child()
    assert child is not None and child.episodes.filter(dec__isnull=True).exists()
    return child


def sign_d3(child: Any, manager: Any) -> Decision:
    d3 = Decision.objects.filter(child=child, gate="D3").order_by("-version").first()
    assert d3 is not None and d3.answer == "yes"
    return decisions.sign_off(d3, manager, reasons="The family's progress is sustained and evidenced.")


def approved(child: Any, manager: Any) -> ReturnApproval:
    sign_d3(child, manager)
    return services.approve_return(child, user=manager, reasons="Checklist read; agreed.")
