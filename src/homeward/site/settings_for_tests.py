"""Settings for the test suite and type checks: production settings, allowed to run without SECRET_KEY.

Production settings refuse to start without SECRET_KEY unless DEBUG is set; the tests run with DEBUG off
(as production does), so they opt in to the built-in insecure key here, and only here. The test servers
speak plain HTTP, so they do not redirect to HTTPS; every other production setting stands.
"""

from __future__ import annotations

import os

os.environ.setdefault("HOMEWARD_ALLOW_INSECURE_KEY", "1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from homeward.site.settings import *  # noqa: E402, F403
