"""The chronology as a PDF to print or share in a meeting: on the one PDF base (`homeward.base.pdf`,
a tagged PDF with its title and language), drawn from the same events as the page, as asked for."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest

from homeward.base.pdf import html_to_pdf, render_html
from homeward.chronology.selectors import Chronology


def chronology_html(found: Chronology, today: date, request: HttpRequest | None = None) -> str:
    context = {"chronology": found, "child": found.child, "today": today, "draft": False}
    return render_html("chronology/chronology_pdf.html", context, request)


def chronology_pdf(found: Chronology, today: date, request: HttpRequest | None = None) -> bytes:
    return html_to_pdf(chronology_html(found, today, request))
