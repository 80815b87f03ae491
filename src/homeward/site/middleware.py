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
from django.utils.cache import add_never_cache_headers

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


class NoStoreForSignedInMiddleware:
    """No page a signed-in person sees is kept by the browser or a proxy (`Cache-Control: no-store`).

    Those pages show children's records; a shared computer's back button or disk cache must not bring them
    back after sign-out. Static files never reach here (WhiteNoise serves them first, with their caching),
    and the sign-in page for a visitor keeps Django's defaults."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
