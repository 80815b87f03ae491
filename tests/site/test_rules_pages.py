"""The practitioners' rules page and the authority's reunification protocol (page and PDF): every rule in
plain words with its source and thresholds; the protocol's numbers are the configured ones, and change
with the configuration; a partner agency is refused; the findings link to the rule."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from html import unescape
from io import BytesIO
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.test import RequestFactory
from pypdf import PdfReader

from homeward.access.models import AuditAction, AuditEvent
from homeward.framework import RULES, Config, load_config
from homeward.framework.config import DEFAULT_CONFIG_PATH
from homeward.monitoring import conf
from homeward.site import protocol

SHIPPED = Path(__file__).resolve().parents[2] / "src" / "homeward" / "framework" / DEFAULT_CONFIG_PATH


def _text(html: str) -> str:
    """The words of a page, without tags or runs of spaces (as a reader sees them)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _pdf_text(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(data)).pages]


def _changed(tmp_path: Path, old: str, new: str) -> Config:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "config.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_config(path)


def test_the_rules_page_shows_every_rule_in_plain_words_with_its_source(
    demo: Any, client_for: Callable[[str | None], Any]
) -> None:
    response = client_for("worker").get("/rules/")
    assert response.status_code == 200
    html = response.content.decode()
    words = _text(html)
    assert "How Homeward checks a return home" in words
    for rule in RULES:
        assert f'id="rule-{rule.id}"' in html, rule.id
        assert f"Rule id: {rule.id}" in words
        assert rule.title in words
    assert "The assessment, or a carer's capacity assessment, " in words
    assert "Should the child return home?" in words
    # The threshold a rule uses, with its value and the source of the setting.
    assert f"{load_config().assessment_max_age_days} days" in words
    assert load_config().sources["assessment"] in words
    assert "Gaps: evidence the framework expects is missing" in words
    assert "Cautions: research-based risk indicators" in words


def test_the_protocol_page_shows_the_configured_numbers_and_the_monitoring_settings(
    demo: Any, client_for: Callable[[str | None], Any]
) -> None:
    response = client_for("manager").get("/rules/protocol/")
    assert response.status_code == 200
    words = _text(response.content.decode())
    config = load_config()
    assert "Reunification protocol" in words
    assert config.version not in words, "a configuration version means nothing to a practitioner"
    assert f"Support and monitoring last {conf.months()} months after the return" in words
    weeks = conf.weeks_between_visits_after_return()
    assert f"After a return home: every {weeks} weeks (a local default)." in words
    assert "Placed with parents while still looked after: weekly until the first review" in words
    assert f"not acknowledged after {conf.days_to_acknowledge()} days" in words
    assert "A case once classified High or Very high needs 6 months" in words
    assert "D1: Should a return home be considered?" in words
    assert "nominated officer" in words
    assert "Only a team manager who signs off the child's decisions may close it earlier" in words
    assert "Download the protocol (PDF)" in words


def test_the_protocol_pdf_is_text_with_the_configured_numbers_on_numbered_pages(
    demo: Any, client_for: Callable[[str | None], Any]
) -> None:
    response = client_for("iro").get("/rules/protocol.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pages = _pdf_text(response.content)
    flat = " ".join(pages)
    assert "Reunification protocol" in flat
    assert f"{load_config().assessment_max_age_days} days" in flat
    assert f"Support and monitoring last {conf.months()} months" in flat
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
    assert "Reunification protocol, generated" in pages[-1]
    assert load_config().version not in flat


def test_a_changed_configuration_changes_the_page_and_the_pdf(tmp_path: Path, demo: Any) -> None:
    config = _changed(tmp_path, "max_age_days = 270", "max_age_days = 397")
    request = RequestFactory().get("/rules/protocol/")
    request.user = demo.staff["manager"]
    page = _text(
        render_to_string(
            "site/protocol.html",
            {"protocol": protocol.the_protocol(config), "generated_on": date(2026, 11, 2)},
            request=request,
        )
    )
    row = "The oldest an assessment (or a carer's capacity assessment) may be at a decision"
    assert f"{row} 397 days" in page and f"{row} 270 days" not in page
    pdf = " ".join(_pdf_text(protocol.protocol_pdf(config, on=date(2026, 11, 2))))
    assert f"{row} 397 days" in pdf and f"{row} 270 days" not in pdf
    assert "generated 2 November 2026" in pdf


def test_monitoring_months_follow_the_support_months_of_the_configuration(tmp_path: Path, demo: Any) -> None:
    config = _changed(tmp_path, "months_after_return = 12", "months_after_return = 18")
    after = protocol.the_protocol(config).after_return
    assert after is not None and after.months == 18
    html = _text(protocol.protocol_html(config))
    assert "Support and monitoring last 18 months after the return" in html


def test_a_partner_agency_is_refused_and_the_refusal_audited(
    demo: Any, client_for: Callable[[str | None], Any]
) -> None:
    before = AuditEvent.objects.filter(action=AuditAction.DENIED).count()
    for url in ("/rules/", "/rules/protocol/", "/rules/protocol.pdf"):
        assert client_for("health").get(url).status_code == 403
    assert AuditEvent.objects.filter(action=AuditAction.DENIED).count() == before + 3
    assert client_for(None).get("/rules/").status_code == 302


def test_staff_find_the_rules_in_the_footer_and_partners_do_not(
    demo: Any, client_for: Callable[[str | None], Any]
) -> None:
    page = client_for("analyst").get("/accessibility/").content.decode()
    assert 'href="/rules/"' in page and 'href="/rules/protocol/"' in page
    assert 'href="/rules/"' not in client_for("health").get("/accessibility/").content.decode()


def test_the_findings_on_the_assessment_link_to_how_homeward_checks_them(
    demo: Any, client_for: Callable[[str | None], Any]
) -> None:
    html = client_for("worker").get(f"/children/{demo.showcase.pk}/reunification/").content.decode()
    assert "How Homeward checks this" in html
    assert 'href="/rules/#rule-household-member-not-assessed"' in html
