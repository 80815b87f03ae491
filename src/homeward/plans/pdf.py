"""The written agreement as a PDF the family can read: A4, large type, plain English headings,
"Page X of Y" in the footer. Rendered on the server with WeasyPrint from a Django template, which reads
the agreement's document only (frozen at signing), never the live records: a signed PDF never changes."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from weasyprint import HTML

from homeward.plans.models import Agreement


def agreement_html(agreement: Agreement, request: HttpRequest | None = None) -> str:
    return render_to_string("plans/agreement_pdf.html", {"doc": agreement.document}, request=request)


def agreement_pdf(agreement: Agreement, request: HttpRequest | None = None) -> bytes:
    return HTML(string=agreement_html(agreement, request)).write_pdf()  # type: ignore[no-any-return]
