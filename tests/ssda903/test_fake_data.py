"""The validator's fake 903 data (random codes, many rule breaks) is read without a crash."""

from __future__ import annotations

from collections import Counter

import pytest

from homeward.ssda903 import analyse, load
from tests.ssda903.helpers import FAKE_DATA


@pytest.fixture(scope="module")
def fake():
    return load([FAKE_DATA])


def test_every_table_is_recognised(fake):
    tables = {f.table for f in fake.files}
    assert {
        "Header",
        "Episodes",
        "Header+Episodes",
        "Reviews",
        "UASC",
        "OC2",
        "OC3",
        "AD1",
        "PlacedAdoption",
        "PrevPerm",
        "Missing",
    } <= tables
    assert not [i for i in fake.issues if i.kind in ("unknown_table", "unreadable_file", "missing_columns")]
    assert fake.other_tables["Reviews"].num_rows > 0


def test_errors_are_reported_with_row_and_column(fake):
    assert fake.has_errors
    kinds = Counter(i.kind for i in fake.errors)
    # The README warns of overlapping episodes and re-entries without RNE S.
    assert kinds["overlapping_episodes"] > 0 and kinds["rne_not_s_after_period_ended"] > 0
    row_level = [i for i in fake.errors if i.row is not None]
    assert row_level and all(i.column for i in row_level)


def test_xml_and_csv_both_read(fake):
    xml = [f for f in fake.files if f.format == "xml"]
    assert len(xml) == 1 and xml[0].rows > 0
    children = {r["CHILD"] for r in fake.header_records()}
    assert len(children) > 2000


def test_analysis_runs_on_it(fake):
    result = analyse(fake)
    assert result.periods_of_care > 0
    assert result.returns_home.planned + result.returns_home.unplanned == result.re_entry.returns
