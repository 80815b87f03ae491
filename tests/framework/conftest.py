"""Shared fixtures for the rulebook's tests."""

from __future__ import annotations

import pytest

from homeward.framework import CaseSnapshot, example_snapshot


@pytest.fixture
def clean() -> CaseSnapshot:
    """A case with no gaps and no cautions at any gate (Ava Brown, ready to return)."""
    return example_snapshot("ready-to-return")


@pytest.fixture
def dean() -> CaseSnapshot:
    """The example case where the mother's new partner, Dean Smith, has not been assessed."""
    return example_snapshot("dean-smith")
