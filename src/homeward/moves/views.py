"""The moves pages: where the child lives and has lived, recording a move, correcting one, and a
nominated officer's approval of a return home."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from homeward.access.models import AuditAction
from homeward.access.policy import Access, RecordAction, Section
from homeward.base.pages import form_page, posted
from homeward.children.decorators import child_record
from homeward.children.models import Child
from homeward.monitoring import selectors as monitoring
from homeward.moves import forms, selectors, services
from homeward.moves.models import MoveKind

moves_record = partial(child_record, section=Section.REUNIFICATION)


def _page(child: Child) -> str:
    return reverse("moves:moves", args=[child.pk])


@require_safe  # read-only: a POST is refused before it could be audited as a change
@moves_record(RecordAction.VIEW, "moves")
def moves(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    today = timezone.localdate()
    now = selectors.open_episode(child)
    context = {
        "child": child,
        "moves": selectors.moves_for(child),
        "now": now,
        "can_place_with_parents": selectors.can_place_with_parents(now),
        "readiness": selectors.return_readiness(child, today),
        "kinds": MoveKind,
        "can_edit": access.can(RecordAction.EDIT),
        "can_approve": access.can(RecordAction.SIGN_OFF),
        "reg39": selectors.REG_39,
        "last": selectors.last_episode(child),
        "monitoring": monitoring.open_period(child),
    }
    return render(request, "moves/moves.html", context)


def _kind(kind: str) -> MoveKind:
    try:
        return MoveKind(kind)
    except ValueError:
        raise Http404("No such kind of move.") from None


@moves_record(RecordAction.EDIT, "moves: record a move", done_as=AuditAction.CREATE)
def record(request: HttpRequest, child: Child, access: Access, kind: str) -> HttpResponseBase:
    move_kind = _kind(kind)
    form = forms.FORM_OF_KIND[move_kind](posted(request))

    def save(data: dict[str, Any]) -> str:
        details = services.MoveDetails.of(move_kind, data)
        services.record_move(child, details, user=request.user)  # type: ignore[arg-type]
        return (
            f"Move recorded: {move_kind.label[:1].lower()}{move_kind.label[1:]}. The agencies involved, "
            "the IRO and the managers have been told."
        )

    context: dict[str, Any] = {"child": child}
    if move_kind == MoveKind.RETURN_HOME:
        context["readiness"] = selectors.return_readiness(child, timezone.localdate())
    return form_page(
        request,
        form,
        save,
        title=move_kind.label,
        submit="Record the move",
        back=_page(child),
        caption=child.full_name,
        aside="moves/_return_readiness.html" if move_kind == MoveKind.RETURN_HOME else "",
        context=context,
    )


@moves_record(RecordAction.EDIT, "moves: correct a move", done_as=AuditAction.CREATE)
def correct(request: HttpRequest, child: Child, access: Access, move_id: int) -> HttpResponseBase:
    move = selectors.move(child, move_id)
    form = forms.correction_form(move.kind)(posted(request), initial=forms.values_of(move))

    def save(data: dict[str, Any]) -> str:
        services.correct_move(
            move,
            services.MoveDetails.of(move.kind, data),
            reason=data["correction_reason"],
            user=request.user,  # type: ignore[arg-type]
        )
        return "The move was corrected. The record it corrects is kept."

    return form_page(
        request,
        form,
        save,
        title=f"Correct the move: {move.get_kind_display().lower()}",
        intro=(
            f"Recorded by {move.recorded_by_name} on {move.recorded_at:%-d %B %Y}. The move as recorded is "
            "kept; the correction is recorded beside it with your name and your reason."
        ),
        submit="Record the correction",
        back=_page(child),
        caption=child.full_name,
        context={"child": child},
    )


@moves_record(RecordAction.SIGN_OFF, "moves: approve the return home", done_as=AuditAction.CREATE)
def approve(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    form = forms.ApprovalForm(posted(request))

    def save(data: dict[str, Any]) -> str:
        services.approve_return(child, user=request.user, reasons=data["reasons"])  # type: ignore[arg-type]
        return "Return home approved."

    return form_page(
        request,
        form,
        save,
        title="Approve the return home",
        intro=(
            "The child has been looked after for 20 working days or more, so ending care needs the approval "
            f"of a nominated officer ({selectors.REG_39}). Read the checklist, drawn from the records."
        ),
        submit="Approve the return",
        back=_page(child),
        caption=child.full_name,
        aside="moves/_return_readiness.html",
        context={"child": child, "readiness": selectors.return_readiness(child, timezone.localdate())},
    )
