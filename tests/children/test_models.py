"""Codes on the child's record are validated against the one list of 903 codes."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from homeward.children.models import Child, Episode

pytestmark = pytest.mark.django_db


def _episode(child: Any, **fields: Any) -> Episode:
    values: dict[str, Any] = {
        "child": child,
        "decom": date(2024, 1, 1),
        "rne": "S",
        "ls": "V2",
        "cin": "N1",
        "place": "U6",
        "place_provider": "PR1",
    }
    values.update(fields)
    return Episode(**values)


def test_valid_episode_passes(demo: Any) -> None:
    _episode(demo.showcase, dec=date(2024, 5, 1), rec="E4A").full_clean()


@pytest.mark.parametrize(
    ("field", "bad"),
    [("rne", "Z"), ("ls", "C9"), ("cin", "N0"), ("place", "U9"), ("place_provider", "PR9"), ("rec", "E4C")],
)
def test_unknown_903_codes_are_refused(demo: Any, field: str, bad: str) -> None:
    episode = _episode(demo.showcase, dec=date(2024, 5, 1), rec="E4A")
    setattr(episode, field, bad)
    with pytest.raises(ValidationError) as error:
        episode.full_clean()
    assert field in error.value.message_dict
    assert f"{bad} is not a 903" in " ".join(error.value.message_dict[field])


def test_child_ethnicity_and_sex_are_903_codes(demo: Any) -> None:
    child = Child(
        la_child_id="X1",
        first_name="A",
        last_name="B",
        date_of_birth=date(2015, 1, 1),
        sex="3",
        ethnicity="BRIT",
        team=demo.showcase.team,
    )
    with pytest.raises(ValidationError) as error:
        child.full_clean()
    assert {"sex", "ethnicity"} <= set(error.value.message_dict)


def test_episode_cannot_end_before_it_starts(demo: Any) -> None:
    with pytest.raises(ValidationError):
        _episode(demo.showcase, dec=date(2023, 12, 31), rec="E4A").full_clean()


def test_ended_episode_needs_date_and_reason(demo: Any) -> None:
    with pytest.raises(ValidationError):
        _episode(demo.showcase, dec=date(2024, 3, 1)).full_clean()
    with pytest.raises(ValidationError):
        _episode(demo.showcase, rec="E4A").full_clean()


def test_codes_in_words(demo: Any) -> None:
    episode = _episode(demo.showcase, dec=date(2024, 5, 1), rec="E4A")
    assert "20" in episode.get_ls_words()
    assert episode.rec_words.startswith("Returned home")
    assert episode.place_words != "U6" and episode.cin_words != "N1" and episode.rne_words != "S"
