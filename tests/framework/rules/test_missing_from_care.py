"""missing-from-care: the child went missing (or ran home) within the configured period before the
decision; something to consider, never a verdict."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.framework.rules.helpers import find

from homeward.framework import RULES_BY_ID, CaseSnapshot, evaluate, load_config
from homeward.framework.snapshot import MissingEpisode

RULE = "missing-from-care"
RAN_HOME = MissingEpisode(
    started_on=date(2026, 4, 10), ended_on=date(2026, 4, 11), ran_home=True, note="Found at the family home"
)


def test_the_period_is_configured_with_its_source() -> None:
    config = load_config()
    assert config.missing_within_days == 182
    assert "Research-informed" in config.sources["missing"]
    assert "Research-informed" in RULES_BY_ID[RULE].source


def test_fires_when_the_child_ran_home_recently(clean: CaseSnapshot) -> None:
    f = find(replace(clean, missing_episodes=(RAN_HOME,)), RULE, "D1")
    assert f is not None and f.kind == "caution" and f.people == ("Ava Brown",)
    assert "Ava Brown has gone missing from care 1 time since 1 December 2025" in f.message
    assert "went to the family home on 10 April 2026 until 11 April 2026" in f.message
    assert f.message.count("Consider") == 1 and "verdict" not in f.message


def test_counts_the_times_and_those_to_the_family_home(clean: CaseSnapshot) -> None:
    away = MissingEpisode(started_on=date(2026, 5, 20), ended_on=None, ran_home=False)
    f = find(replace(clean, missing_episodes=(RAN_HOME, away)), RULE)
    assert f is not None
    assert "2 times since 1 December 2025, 1 time to the family home" in f.message
    assert "went missing on 20 May 2026 (not yet recorded as back)" in f.message


def test_silent_when_it_was_longer_ago_than_the_period(clean: CaseSnapshot) -> None:
    old = replace(RAN_HOME, started_on=date(2025, 11, 1), ended_on=date(2025, 11, 30))
    assert find(replace(clean, missing_episodes=(old,)), RULE) is None
    assert find(clean, RULE) is None


def test_an_episode_that_started_before_the_period_but_ended_in_it_counts(clean: CaseSnapshot) -> None:
    long = replace(RAN_HOME, started_on=date(2025, 11, 1), ended_on=date(2025, 12, 5))
    assert find(replace(clean, missing_episodes=(long,)), RULE) is not None


def test_a_still_open_episode_counts_however_long_ago_it_started(clean: CaseSnapshot) -> None:
    open_ = replace(RAN_HOME, started_on=date(2025, 1, 1), ended_on=None)
    assert find(replace(clean, missing_episodes=(open_,)), RULE) is not None


def test_an_episode_after_as_of_is_not_read(clean: CaseSnapshot) -> None:
    later = replace(RAN_HOME, started_on=date(2026, 6, 2), ended_on=None)
    assert find(replace(clean, missing_episodes=(later,)), RULE) is None


def test_a_note_that_says_nothing_or_explains_it_away_does_not_clear_it(clean: CaseSnapshot) -> None:
    for note in ("n/a", "TBC", "Not a concern, just wanted to see mum"):
        assert find(replace(clean, missing_episodes=(replace(RAN_HOME, note=note),)), RULE) is not None


def test_a_caution_is_advice_and_does_not_by_itself_answer_no(clean: CaseSnapshot) -> None:
    result = evaluate(replace(clean, missing_episodes=(RAN_HOME,)), "D3")
    assert [f.id for f in result.cautions] == [RULE] and result.gaps == ()
    assert result.suggested_answer != "no"
