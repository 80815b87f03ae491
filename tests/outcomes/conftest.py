"""Fixtures for the outcomes pages: staff of each role and small 903 returns written by hand."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from homeward.organisation.models import Role, StaffProfile
from tests.twofactor import sign_in_verified

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"


def d(x: date) -> str:
    return x.strftime("%d/%m/%Y")


def history(n: int = 30, start: date = date(2018, 4, 2)) -> tuple[list[str], list[str]]:
    """n children, each with one return home (even: planned E4A, odd: unplanned E4B) after 100 days in
    care; every third child (i % 3 == 0) comes back into care 200 days after the return."""
    header, episodes = [], []
    for i in range(n):
        child = f"C{i:04d}"
        header.append(f"{child},{1 + i % 2},{d(date(2010, 1, 1) + timedelta(days=97 * i))},WBRI,,,")
        began = start + timedelta(days=i)
        returned = began + timedelta(days=100)
        rec = "E4A" if i % 2 == 0 else "E4B"
        ls = "V2" if i % 4 < 2 else "C2"
        episodes.append(f"{child},{d(began)},S,{ls},N1,U1,PR1,{d(returned)},{rec},,,,")
        if i % 3 == 0:
            episodes.append(f"{child},{d(returned + timedelta(days=200))},S,C1,N1,U1,PR1,,,,,,")
    return header, episodes


@pytest.fixture
def write_return(tmp_path: Path) -> Callable[..., list[Path]]:
    """Write a Header and an Episodes CSV (lines without their column names) and return the paths."""

    def write(header: list[str], episodes: list[str], folder: str = "return") -> list[Path]:
        out = tmp_path / folder
        out.mkdir(parents=True, exist_ok=True)
        h, e = out / "header.csv", out / "episodes.csv"
        h.write_text("\n".join([HEADER, *header]) + "\n")
        e.write_text("\n".join([EPISODES, *episodes]) + "\n")
        return [h, e]

    return write


@pytest.fixture(autouse=True)
def staging_dir(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "staging"
    settings.HOMEWARD_903_STAGING_DIR = folder
    return folder


@pytest.fixture
def role_client(db) -> Callable[[str], Client]:  # type: ignore[no-untyped-def]
    """A logged-in client for a new user of the given role (e.g. Role.ANALYST)."""

    def make(role: str) -> Client:
        user = get_user_model().objects.create_user(username=f"t-{role}", password="not-used-here-1234")
        StaffProfile.objects.create(user=user, role=role)
        client = Client()
        sign_in_verified(client, user)
        return client

    return make


@pytest.fixture
def analyst(role_client: Callable[[str], Client]) -> Client:
    return role_client(Role.ANALYST)


@pytest.fixture
def manager(role_client: Callable[[str], Client]) -> Client:
    return role_client(Role.TEAM_MANAGER)
