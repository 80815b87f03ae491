"""gunicorn's settings for Homeward, the production web server: `homeward serve`, or
`gunicorn -c python:homeward.site.gunicorn_conf` (the application is named here).

Read from the environment: `HOMEWARD_BIND` (default 127.0.0.1:8000, behind a proxy on the same host),
`WEB_CONCURRENCY` (worker processes, default two per core plus one). Anything else gunicorn knows can be
given on the command line or in `GUNICORN_CMD_ARGS`, which win over this file.
"""

from __future__ import annotations

import multiprocessing
import os

wsgi_app = "homeward.site.wsgi:application"
bind = [os.environ.get("HOMEWARD_BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
# Synchronous workers: one request at a time each, so each keeps one persistent database connection
# (CONN_MAX_AGE); a proxy in front buffers slow clients.
worker_class = "sync"
# Load Django once and fork the workers from it: they start in a fraction of the time and share memory.
preload_app = True
# A request still running after this long (a large PDF, a first computation of the dashboard's figures
# for a new choice) is ended and its worker replaced.
timeout = int(os.environ.get("HOMEWARD_REQUEST_TIMEOUT", "120"))
graceful_timeout = 30
# Each request on a line to standard output (method, path, status, time in microseconds), errors to
# standard error; the process manager keeps them.
accesslog = os.environ.get("HOMEWARD_ACCESS_LOG", "-") or None
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(D)sus'
errorlog = "-"
# Each instance is managed by its process manager; gunicorn's control socket has one default path per
# user, which a second instance on the same host would take over.
control_socket_disable = True


def when_ready(server: object) -> None:
    """Import every page's code (the URLconf) in the master, before the workers fork from it: otherwise
    each worker imports it on its first request, and that request takes seconds."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (loading it is the point)
