"""Every page carries a Content-Security-Policy with no inline script; signed-in pages are never cached."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.urls import reverse

import homeward

SRC = Path(homeward.__file__).resolve().parent
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


def test_every_page_carries_a_policy_that_allows_no_inline_script(
    client_for: Callable[[str | None], Any], demo: Any
) -> None:
    pages = [
        (client_for(None), reverse("login")),
        (client_for("worker"), reverse("children:caseload")),
        (client_for("worker"), reverse("children:record", args=[demo.showcase.pk])),
    ]
    for client, url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = _directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], url
        assert policy["default-src"] == ["'self'"], url
        assert policy["frame-ancestors"] == ["'none'"], url
        assert policy["object-src"] == ["'none'"], url
        assert not any("unsafe" in source for source in policy["script-src"]), url


def test_no_template_contains_an_inline_script_or_event_handler() -> None:
    templates = sorted(SRC.rglob("templates/**/*.html"))
    assert len(templates) > 20  # the search found the templates
    inline = []
    for template in templates:
        text = template.read_text(encoding="utf-8")
        for attributes, body in SCRIPT_TAG.findall(text):
            if "src=" not in attributes or body.strip():
                inline.append(f"{template.relative_to(SRC)}: <script{attributes}>")
        if EVENT_HANDLER.search(re.sub(r"<svg\b.*?</svg>", "", text, flags=re.DOTALL)):
            inline.append(f"{template.relative_to(SRC)}: an on...= event handler")
    assert inline == []


def test_the_base_page_starts_govuk_frontend_from_static_files(
    client_for: Callable[[str | None], Any],
) -> None:
    html = client_for(None).get(reverse("login")).content.decode()
    assert '<script src="/static/homeward/js-enabled.js"></script>' in html
    assert '<script type="module" src="/static/homeward/init.js"></script>' in html
    init = finders.find("homeward/init.js")
    assert init is not None
    text = Path(str(init)).read_text(encoding="utf-8")
    assert 'import { initAll } from "../govuk/govuk-frontend.min.js"' in text
    assert finders.find("govuk/govuk-frontend.min.js") is not None


def test_pages_for_a_signed_in_person_are_never_stored(
    client_for: Callable[[str | None], Any], demo: Any
) -> None:
    worker = client_for("worker")
    for url in (
        reverse("home"),
        reverse("children:caseload"),
        reverse("children:record", args=[demo.showcase.pk]),
    ):
        response = worker.get(url, follow=True)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url


def test_static_files_keep_their_caching(client_for: Callable[[str | None], Any]) -> None:
    response = client_for("worker").get("/static/homeward/init.js")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
