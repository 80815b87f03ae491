"""The written agreement as a PDF: the family's names, the conditions, the consequences and the
plain-English headings are in its text, and every page says "Page X of Y"."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from homeward.plans import pdf, selectors
from tests.plans.helpers import write_agreement


def _text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "agreement.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_the_pdf_holds_the_agreement_in_plain_words(demo: Any, staff: Any, tmp_path: Path) -> None:
    agreement = write_agreement(demo.showcase, staff["worker"])
    text = _text(pdf.agreement_pdf(agreement), tmp_path)
    flat = " ".join(text.split())
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
    pages = text.count("\f") or 1
    assert f"Page 1 of {pages}" in flat
    assert f"Page {pages} of {pages}" in flat
