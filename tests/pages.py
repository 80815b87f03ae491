"""Posting to a form page as a browser does: with the edit version the page was drawn with."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

_VERSION = re.compile(r'name="edit_version" value="(\d+)"')


def drawn_version(client: Client, url: str) -> str:
    """The edit version a GET of the form page carries (the record as it is saved now)."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    found = _VERSION.search(page.content.decode())
    assert found, f"{url} carries no edit version"
    return found.group(1)


def post_form(client: Client, url: str, data: dict[str, Any]) -> Any:
    """Open the form page, then post `data` with the version it was drawn with."""
    return client.post(url, {**data, "edit_version": drawn_version(client, url)})
