"""Synthetic returns follow the national figures; the code lists match the DfE validator's."""

from __future__ import annotations

import numpy as np

from homeward.ssda903 import analyse, codes, load
from homeward.ssda903.synth import generate, write_years


def test_same_seed_same_history():
    a, b = generate(500, 3, 9)[1], generate(500, 3, 9)[1]
    assert all(np.array_equal(a[k], b[k]) for k in a)


def test_rates_follow_national_figures(tmp_path):
    write_years(tmp_path, children=12000, years=8, seed=4)
    ds = load([tmp_path])
    assert not ds.errors, [str(i) for i in ds.errors[:5]]
    result = analyse(ds).as_dict()
    incidence = result["re_entry"]["cumulative_incidence"]
    # Goldacre et al. 2022: about one in five within a year, over a third within six years.
    assert 0.15 <= incidence["365"] <= 0.25
    assert 0.30 <= incidence["2190"] <= 0.45
    # Unplanned returns break down more often than planned ones.
    by_type = result["re_entry_by_type"]
    assert by_type["E4B"]["cumulative_incidence"]["365"] > by_type["E4A"]["cumulative_incidence"]["365"]
    # Episodes open at the end of a year are re-sent in the next year's return.
    assert result["repairs"]["duplicate_dropped"] > 0
    returns = result["returns_home"]["E4A"] + result["returns_home"]["E4B"]
    # Returning home is the most common way out of care: roughly a quarter to two fifths of periods end so.
    assert 0.2 <= returns / result["periods_of_care"] <= 0.45


def test_code_lists_match_the_validator_rules():
    # Copied from data-to-insight/csc-validator-be-903 rules 143, 144, 145, 146 (2024-25), 149, 1009.
    assert set(codes.REASON_NEW_EPISODE) == {"S", "P", "L", "T", "U", "B"}
    assert set(codes.LEGAL_STATUS) == {
        "C1",
        "C2",
        "D1",
        "E1",
        "V2",
        "V3",
        "V4",
        "J1",
        "J2",
        "J3",
        "L1",
        "L2",
        "L3",
    }
    assert set(codes.CATEGORY_OF_NEED) == {f"N{i}" for i in range(1, 9)}
    assert set(codes.PLACEMENT) == {
        "A3",
        "A4",
        "A5",
        "A6",
        "H5",
        "K1",
        "K2",
        "K3",
        "P1",
        "P2",
        "P3",
        "R1",
        "R2",
        "R3",
        "R5",
        "S1",
        "T0",
        "T1",
        "T2",
        "T3",
        "T4",
        "U1",
        "U2",
        "U3",
        "U4",
        "U5",
        "U6",
        "Z1",
    }
    assert set(codes.REASON_EPISODE_CEASED) == {
        "E11",
        "E12",
        "E2",
        "E3",
        "E4A",
        "E4B",
        "E13",
        "E41",
        "E45",
        "E46",
        "E47",
        "E48",
        "E5",
        "E6",
        "E7",
        "E8",
        "E9",
        "E14",
        "E15",
        "E16",
        "E17",
        "X1",
    }
    assert set(codes.REASON_PLACE_CHANGE) == {
        "CARPL",
        "CLOSE",
        "ALLEG",
        "STAND",
        "APPRR",
        "CREQB",
        "CREQO",
        "CHILD",
        "LAREQ",
        "PLACE",
        "CUSTOD",
        "OTHER",
    }
    assert codes.describe("LS", "V2").startswith("V2: ") and codes.is_valid("REC", "E4B")
    assert not codes.is_valid("PLACE", "k3")
