"""A sliding session timeout that does not write the session on every request.

The session times out `SESSION_COOKIE_AGE` after the last request; rewriting its row on every request
(Django's SESSION_SAVE_EVERY_REQUEST) made every signed-in page pay a database write. Here the session
is refreshed (saved with a new expiry) at most once every `SESSION_REFRESH_SECONDS`, so the timeout runs
from the last request give or take that many seconds."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

REFRESHED = "_homeward_refreshed"


class SlidingSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a session that exists and was kept (a signed-in one); never create one for a visitor.
        if session is not None and session.session_key and not session.is_empty():
            now = int(time.time())
            last = session.get(REFRESHED)
            if not isinstance(last, int) or now - last >= settings.SESSION_REFRESH_SECONDS:
                session[REFRESHED] = now  # marks it modified: SessionMiddleware saves it, expiry renewed
        return response
