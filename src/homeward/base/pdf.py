"""Every PDF Homeward makes, drawn the same way: a Django template extending `base/pdf.html` (one set of
styles), rendered on the server by WeasyPrint as a tagged PDF (PDF/UA-1: a structure a screen reader can
follow, with the document's title and language), so a family member using assistive technology can read
what they are asked to agree to."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from weasyprint import HTML

TAGGED = "pdf/ua-1"


def render_html(template: str, context: dict[str, Any], request: HttpRequest | None = None) -> str:
    return render_to_string(template, context, request=request)


def html_to_pdf(html: str, *, tagged: bool = True) -> bytes:
    """The PDF of `html`; `tagged=False` only for layouts signed before PDFs were tagged (unchanged)."""
    options: dict[str, Any] = {"pdf_variant": TAGGED} if tagged else {}
    return HTML(string=html).write_pdf(**options)  # type: ignore[no-any-return]
