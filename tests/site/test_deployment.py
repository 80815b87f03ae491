"""A careless deployment fails closed: no secret key, no start; production settings pass `check --deploy`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
