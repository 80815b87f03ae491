"""The written agreement as a PDF: the family's names, the conditions, the consequences and the
plain-English headings are in its text, and every page says "Page X of Y"."""

from __future__ import annotations

import json
from io import BytesIO
from typing import Any

from django.db import connection
from django.template.loader import render_to_string
from django.test import override_settings
from pypdf import PdfReader

from homeward.plans import pdf, selectors, services
from homeward.plans.models import Agreement
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


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_an_unsigned_version_says_draft_on_every_page(demo: Any, staff: Any) -> None:
    agreement = write_agreement(demo.showcase, staff["worker"])
    pages = _pages(pdf.agreement_pdf(agreement))
    assert len(pages) > 1
    assert all("DRAFT: not signed" in _flat(page) for page in pages)


def test_a_signed_version_leaves_out_what_was_not_written_and_is_not_marked_draft(
    demo: Any, staff: Any
) -> None:
    agreement = write_agreement(demo.showcase, staff["worker"])
    sections = list(agreement.parents.select_related("parent"))
    first = sections[0]
    kept = ("strengths", "conditions", "support", "consequences", "agreed_on")
    services.update_section(first, concerns="", **{f: getattr(first, f) for f in kept})
    draft = _flat(" ".join(_pages(pdf.agreement_pdf(agreement))))
    assert "Not written yet." in draft  # the draft shows the gap to whoever is writing it
    services.sign_agreement(agreement, staff["manager"])
    agreement.refresh_from_db()
    signed = _flat(" ".join(_pages(pdf.agreement_pdf(agreement))))
    assert "Not written yet." not in signed and "Nothing written yet." not in signed
    assert signed.count("What we are worried about") == len(sections) - 1
    assert "DRAFT" not in signed


def test_the_signatures_are_never_split_across_pages(demo: Any, staff: Any) -> None:
    agreement = write_agreement(demo.showcase, staff["worker"])
    pages = [_flat(p) for p in _pages(pdf.agreement_pdf(agreement))]
    (with_block,) = [p for p in pages if "Who agreed" in p]
    names = [s.parent.full_name for s in agreement.parents.select_related("parent")]
    tail = with_block[with_block.index("Who agreed") :]
    assert all(name in tail for name in names)
    assert "social worker" in tail and "Manager" in tail


@override_settings(HOMEWARD_OUT_OF_HOURS_PHONE="01632 960123")
def test_the_family_is_told_whom_to_ring(demo: Any, staff: Any) -> None:
    child = demo.showcase
    child.team.phone = "01632 960456"
    child.team.save()
    profile = child.allocated_worker.profile
    profile.phone = "01632 960789"
    profile.save()
    agreement = write_agreement(child, staff["worker"])
    text = _flat(" ".join(_pages(pdf.agreement_pdf(agreement))))
    assert "Who to contact" in text
    for number in ("01632 960789", "01632 960456", "01632 960123", "999"):
        assert number in text
    assert f"In {child.first_name} {child.last_name}'s own words" in text


def test_the_parents_come_first(demo: Any, staff: Any) -> None:
    agreement = write_agreement(demo.showcase, staff["worker"])
    doc = agreement.document
    kinds = [s.relationship for s in doc.parents]
    parental = [k in ("Mother", "Father") for k in kinds]
    assert parental == sorted(parental, reverse=True)  # every parent before anyone else


def test_the_pdf_is_tagged_with_its_title_and_language(demo: Any, staff: Any) -> None:
    agreement = write_agreement(demo.showcase, staff["worker"])
    reader = PdfReader(BytesIO(pdf.agreement_pdf(agreement)))
    root: Any = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en-GB"
    assert reader.metadata is not None and reader.metadata.title == f"Written agreement for {demo.showcase}"


def test_a_version_signed_with_the_first_layout_is_drawn_exactly_as_it_was(demo: Any, staff: Any) -> None:
    agreement = write_agreement(demo.showcase, staff["worker"])
    services.sign_agreement(agreement, staff["manager"])
    agreement.refresh_from_db()
    # As the migration froze the versions signed before layouts were numbered.
    frozen = agreement.document.to_json()
    frozen.pop("layout")
    with connection.cursor() as cursor:  # past the model's refusal to change a signed version
        cursor.execute(
            f"UPDATE {Agreement._meta.db_table} SET signed_document = %s WHERE id = %s",
            [json.dumps(frozen), agreement.pk],
        )
    agreement.refresh_from_db()
    assert agreement.document.layout == 1
    html = pdf.agreement_html(agreement)
    assert html == render_to_string("plans/agreement_pdf_1.html", {"doc": agreement.document})
    text = _flat(" ".join(_pages(pdf.agreement_pdf(agreement))))
    assert "Who to contact" not in text and "DRAFT" not in text
    root: Any = PdfReader(BytesIO(pdf.agreement_pdf(agreement))).trailer["/Root"]
    assert "/StructTreeRoot" not in root
