"""The written agreement as a PDF the family can read: A4, large type, plain English headings,
"Page X of Y" in the footer. Rendered on the server with WeasyPrint from a Django template."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from weasyprint import HTML

from homeward.plans import selectors
from homeward.plans.models import Agreement


def agreement_html(agreement: Agreement, request: HttpRequest | None = None) -> str:
    context = {
        "agreement": agreement,
        "child": agreement.child,
        "sections": selectors.sections(agreement),
    }
    return render_to_string("plans/agreement_pdf.html", context, request=request)


def agreement_pdf(agreement: Agreement, request: HttpRequest | None = None) -> bytes:
    return HTML(string=agreement_html(agreement, request)).write_pdf()  # type: ignore[no-any-return]
