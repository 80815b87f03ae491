"""The written agreement as a PDF the family can read: A4, large type, plain English headings, whom to
ring, "Page X of Y" and, until it is signed, DRAFT on every page (`homeward.base.pdf`). It reads the
agreement's document only (frozen at signing), never the live records, and is drawn with the layout the
version was signed with: a signed PDF never changes, not even in how it looks."""

from __future__ import annotations

from django.http import HttpRequest

from homeward.base.pdf import html_to_pdf, render_html
from homeward.plans.models import Agreement


def agreement_html(agreement: Agreement, request: HttpRequest | None = None) -> str:
    doc = agreement.document
    context = {"doc": doc, "draft": not doc.is_signed}
    return render_html(f"plans/agreement_pdf_{doc.layout}.html", context, request)


def agreement_pdf(agreement: Agreement, request: HttpRequest | None = None) -> bytes:
    # Layout 1 was signed as an untagged PDF: it is drawn exactly as it was.
    return html_to_pdf(agreement_html(agreement, request), tagged=agreement.document.layout > 1)
