"""The written agreement: its page and versions, the PDF, starting and signing a version."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_safe

from homeward.access.models import AuditAction
from homeward.access.policy import Access, RecordAction
from homeward.base.pages import Edit, posted
from homeward.children.models import Child
from homeward.plans import forms, pdf, selectors, services
from homeward.plans.models import (
    Agreement,
)
from homeward.plans.views.common import back, form_page, reunification, writable


def _agreement_page(
    request: HttpRequest, child: Child, access: Access, agreement: Agreement | None
) -> HttpResponse:
    latest = selectors.latest_agreement(child)
    is_latest = agreement is not None and latest is not None and agreement.pk == latest.pk
    can_edit = access.can(RecordAction.EDIT)
    missing = services.missing_for_signature(agreement) if agreement and not agreement.is_signed else []
    context: dict[str, Any] = {
        "child": child,
        "agreement": agreement,
        "doc": agreement.document if agreement else None,
        "versions": selectors.agreement_versions(child),
        "is_latest": is_latest,
        "can_edit": can_edit and is_latest and agreement is not None and not agreement.is_signed,
        "can_start": can_edit and (latest is None or latest.is_signed),
        "can_sign": (
            is_latest
            and agreement is not None
            and not agreement.is_signed
            and not missing
            and agreement.written_by_id != request.user.pk
            and access.can(RecordAction.SIGN_OFF)
        ),
        "missing": missing,
    }
    return render(request, "plans/agreement.html", context)


@require_safe  # read-only: a POST is refused before it could be audited as a change
@reunification(RecordAction.VIEW, "written agreement")
def agreement(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    return _agreement_page(request, child, access, selectors.latest_agreement(child))


def _version(child: Child, agreement_id: int) -> Agreement:
    return selectors.agreement_version(child, agreement_id)


@require_safe  # read-only: a POST is refused before it could be audited as a change
@reunification(RecordAction.VIEW, "written agreement version")
def agreement_version(request: HttpRequest, child: Child, access: Access, agreement_id: int) -> HttpResponse:
    return _agreement_page(request, child, access, _version(child, agreement_id))


@require_safe  # read-only: a POST is refused before it could be audited as a change
@reunification(RecordAction.VIEW, "written agreement (PDF)", done_as=AuditAction.EXPORT)
def agreement_pdf(request: HttpRequest, child: Child, access: Access, agreement_id: int) -> HttpResponse:
    agreement = _version(child, agreement_id)
    response = HttpResponse(pdf.agreement_pdf(agreement, request), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="written-agreement-{child.la_child_id}-v{agreement.version}.pdf"'
    )
    return response


@reunification(RecordAction.EDIT, "written agreement: start a version", done_as=AuditAction.CREATE)
def agreement_start(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    latest = selectors.latest_agreement(child)

    def save(data: dict[str, Any]) -> str:
        version = services.start_agreement(child, request.user)  # type: ignore[arg-type]
        return f"Version {version.version} of the written agreement started."

    return form_page(
        request,
        child,
        forms.ConfirmForm(posted(request)),
        save,
        page=back(child),
        title="Start a new version of the written agreement" if latest else "Start the written agreement",
        submit="Start",
        intro=(
            f"The new version starts as a copy of version {latest.version}, which is kept unchanged. "
            "Each parent agrees to the new version afresh."
            if latest
            else "It starts with a part for each person with parental responsibility."
        ),
    )


@reunification(RecordAction.EDIT, "written agreement: review date")
def agreement_review_date(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    agreement = writable(request, child)
    if isinstance(agreement, HttpResponse):
        return agreement
    edit = Edit.of(agreement, lambda stored: {"review_on": stored.review_on})
    form = forms.ReviewDateForm(posted(request), initial=edit.initial())

    def save(data: dict[str, Any]) -> str:
        services.set_review_date(agreement, data["review_on"], edit_version=data["edit_version"])
        return "Review date saved."

    return form_page(
        request,
        child,
        form,
        save,
        page=back(child),
        title="When we will look at the agreement again",
        submit="Save",
        edit=edit,
    )


@reunification(RecordAction.SIGN_OFF, "written agreement: sign")
def agreement_sign(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    agreement = writable(request, child)
    if isinstance(agreement, HttpResponse):
        return agreement

    def save(data: dict[str, Any]) -> str:
        services.sign_agreement(agreement, request.user)  # type: ignore[arg-type]
        return f"Version {agreement.version} of the written agreement signed."

    return form_page(
        request,
        child,
        forms.ConfirmForm(posted(request)),
        save,
        page=back(child),
        title=f"Sign version {agreement.version} of the written agreement",
        submit="Sign the agreement",
        intro=(
            "Once signed, this version cannot be changed: a change is made as a new version, "
            "and this one is kept."
        ),
    )
