"""The written agreement as a PDF: the family's names, the conditions, the consequences and the
plain-English headings are in its text, and every page says "Page X of Y"."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from pypdf import PdfReader

from homeward.plans import pdf, selectors
from tests.plans.helpers import write_agreement


def _pages(data: bytes) -> list[str]:
    """The text of each page, read by pypdf (pure Python: no program for `make` to install)."""
    return [page.extract_text() for page in PdfReader(BytesIO(data)).pages]


def test_the_pdf_holds_the_agreement_in_plain_words(demo: Any, staff: Any) -> None:
    agreement = write_agreement(demo.showcase, staff["worker"])
    pages = _pages(pdf.agreement_pdf(agreement))
    flat = " ".join(" ".join(pages).split())
    for section in selectors.sections(agreement):
        name = section.parent.full_name
        assert name in flat
        assert f"{name} will not drink alcohol while caring for the children." in flat
        assert f"If {name} drinks while caring for the children, the return will stop" in flat
    for heading in (
        "What we are worried about",
        "What needs to happen",
        "Help you will get",
        "What will happen if the agreement is not kept",
        "When we will look at this again",
    ):
        assert heading in flat
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in " ".join(text.split())
