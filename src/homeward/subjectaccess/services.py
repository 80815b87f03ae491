"""A subject access export handed over: audited as an export against every child it was drawn from, in
the same transaction as it is made, whether from the page or the command line."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest

from homeward.access import audit
from homeward.access.audit import CommandLine
from homeward.access.models import AuditAction
from homeward.base.pdf import html_to_pdf, render_html
from homeward.subjectaccess.selectors import Export

JSON, PDF = "JSON", "PDF"


def hand_over(source: HttpRequest | CommandLine, export: Export, form: str) -> bytes:
    """The export as JSON or as a readable PDF, its audit events written."""
    request = source if isinstance(source, HttpRequest) else None
    if form == JSON:
        content = export.as_json().encode()
    else:
        content = html_to_pdf(render_html("subjectaccess/export_pdf.html", {"export": export}, request))
    with transaction.atomic():
        for child in export.children:
            what = f"subject access ({form}) about {export.kind} {export.name}"
            audit.record(source, AuditAction.EXPORT, what, child.pk)
    return content
