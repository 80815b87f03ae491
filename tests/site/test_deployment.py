"""A careless deployment fails closed: no secret key, no start; production settings pass `check --deploy`."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

# A key as long and varied as `check --deploy` asks (synthetic, used only here).
PRODUCTION_KEY = "k3J9x-Qw7Lr2Vt8Zp4Nm6Hb1Yc5Gd0Fs-Ae3Ru7Io9Pl2Kj4Mn6Bv8Cx1Zq5Wt0Ey-fixture"


# Set for (or by) the test suite, never in production.
_NOT_IN_PRODUCTION = {
    "DEBUG",
    "SECRET_KEY",
    "HOMEWARD_ALLOW_INSECURE_KEY",
    "SECURE_SSL_REDIRECT",
    "DATABASE_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def _production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a production run: no DEBUG, no test opt-ins, production settings."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DEBUG",
            "SECRET_KEY",
            "HOMEWARD_ALLOW_INSECURE_KEY",
            "SECURE_SSL_REDIRECT",
            "DATABASE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env["DJANGO_SETTINGS_MODULE"] = "homeward.site.settings"
    env["HOMEWARD_VAR_DIR"] = str(tmp_path)
    env.update(extra)
    return env


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "homeward", "manage", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    out = _manage(_production_env(tmp_path, ALLOWED_HOSTS="homeward.example.invalid"), "check")
    assert out.returncode != 0
    assert "ImproperlyConfigured" in out.stderr
    assert "SECRET_KEY is not set" in out.stderr


def test_a_development_run_starts_without_a_secret_key(tmp_path: Path) -> None:
    out = _manage(_production_env(tmp_path, DEBUG="1"), "check")
    assert out.returncode == 0, out.stderr
    assert "no issues" in out.stdout


@pytest.mark.parametrize("behind_proxy", ["0", "1"])
def test_check_deploy_is_clean_with_production_settings(tmp_path: Path, behind_proxy: str) -> None:
    env = _production_env(
        tmp_path,
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="homeward.example.invalid",
        BEHIND_PROXY=behind_proxy,
    )
    out = _manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "System check identified no issues (0 silenced)." in out.stdout
    assert "WARNINGS" not in out.stdout + out.stderr


def test_behind_a_proxy_the_forwarded_protocol_is_trusted(tmp_path: Path) -> None:
    code = (
        "from django.conf import settings;"
        "print(settings.SECURE_PROXY_SSL_HEADER, settings.SECURE_SSL_REDIRECT)"
    )
    base = {"SECRET_KEY": PRODUCTION_KEY, "ALLOWED_HOSTS": "homeward.example.invalid"}
    behind = subprocess.run(
        [sys.executable, "-c", code],
        env=_production_env(tmp_path, BEHIND_PROXY="1", **base),
        capture_output=True,
        text=True,
        check=True,
    )
    direct = subprocess.run(
        [sys.executable, "-c", code],
        env=_production_env(tmp_path, **base),
        capture_output=True,
        text=True,
        check=True,
    )
    assert behind.stdout.split() == ["('HTTP_X_FORWARDED_PROTO',", "'https')", "True"]
    assert direct.stdout.split() == ["None", "True"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_production_server_serves_pages(tmp_path: Path) -> None:
    """`homeward serve` starts gunicorn with Homeward's config, with production settings behind a proxy,
    and answers a page, its static files and a plain-HTTP request (sent to HTTPS)."""
    port = _free_port()
    env = _production_env(
        tmp_path, SECRET_KEY=PRODUCTION_KEY, ALLOWED_HOSTS="127.0.0.1", BEHIND_PROXY="1", WEB_CONCURRENCY="1"
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "homeward", "serve", "--bind", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    https = {"X-Forwarded-Proto": "https"}  # as the proxy that ended TLS says
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                page = httpx.get(f"{base}/accessibility/", headers=https, timeout=10)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.communicate()[0]
                assert time.monotonic() < deadline, "gunicorn did not answer in 30 s"
                time.sleep(0.2)
        assert page.status_code == 200
        assert "<h1" in page.text and "Accessibility statement" in page.text
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert page.headers["strict-transport-security"].startswith("max-age=31536000")
        styles = httpx.get(f"{base}/static/homeward/homeward.css", headers=https, timeout=10)
        assert styles.status_code == 200 and styles.headers["content-type"].startswith("text/css")
        plain = httpx.get(f"{base}/accessibility/", timeout=10)
        assert plain.status_code == 301
        assert plain.headers["location"] == f"https://127.0.0.1:{port}/accessibility/"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        log = server.communicate(timeout=30)[0]
    assert "Starting gunicorn" in log and "Shutting down" in log, log
