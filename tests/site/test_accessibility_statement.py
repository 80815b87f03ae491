"""The accessibility statement has what a public sector body must publish (GOV.UK's model statement):
how to report a problem and when you hear back, the known issues, the enforcement procedure (EHRC and
the Equality Advisory and Support Service) and when it was prepared — with the authority's own contact."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _words(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_statement_has_every_part_the_regulations_ask_for(settings: Any) -> None:
    settings.HOMEWARD_ACCESSIBILITY_EMAIL = "access@children.example.invalid"
    settings.HOMEWARD_ACCESSIBILITY_PHONE = "01632 960123"
    settings.HOMEWARD_ACCESSIBILITY_RESPONSE_DAYS = 3
    response = Client().get(reverse("accessibility"))  # public: no sign-in needed to read it
    assert response.status_code == 200
    html = response.content.decode()
    words = _words(html)
    for heading in (
        "How accessible this service is",
        "Feedback and contact information",
        "Reporting accessibility problems with this service",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ):
        assert f">{heading}</h" in html, heading
    assert 'href="mailto:access@children.example.invalid"' in html and "01632 960123" in words
    assert "get back to you within 3 working days" in words
    assert "Equality and Human Rights Commission (EHRC)" in words
    assert "Equality Advisory and Support Service (EASS)" in words
    assert 'href="https://www.equalityadvisoryservice.com/"' in html
    assert "partially compliant with the Web Content Accessibility Guidelines version 2.2 AA" in words
    assert re.search(r"This statement was prepared on \d{1,2} [A-Z][a-z]+ 20\d\d\.", words)
    issues = html[html.index('data-testid="known-issues"') :]
    assert issues[: issues.index("</ul>")].count("<li>") >= 2


def test_without_a_contact_set_the_statement_still_says_how_to_ask(settings: Any) -> None:
    settings.HOMEWARD_ACCESSIBILITY_EMAIL = ""
    settings.HOMEWARD_ACCESSIBILITY_PHONE = ""
    words = _words(Client().get(reverse("accessibility")).content.decode())
    assert "mailto:" not in words and "ask the social worker or team you work with" in words
    assert "within 5 working days" in words
