"""Synthetic 903 returns whose rates follow the published national figures (never real children).

One Header/Episodes CSV pair per collection year (1 April to 31 March). As in real returns, an episode
open during a year is sent in that year's return, and again in the next with its end date filled in.
Rates (SSDA903.md, DOMAIN.md): about 30 % of periods of care end in a return home, a quarter of those
unplanned (E4B); after a return about 1 in 5 re-enter within a year and about 35-38 % within six years
(Goldacre et al. 2022), more after an unplanned return or s20 accommodation. Everything is numpy
arrays, so a national-scale history (~0.7 million children, ~3 million episode rows) takes seconds.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa

from homeward.ssda903 import codes
from homeward.ssda903.dataset import write_table_csv

DAY0 = np.datetime64("1970-01-01", "D")

# Reasons a period of care ends, by age group at the end: (codes, weights).
_REASONS = {
    "young": (
        ["E4A", "E4B", "E13", "E11", "E12", "E41", "E45", "E46", "E47", "E48", "E3", "E8", "E2"],
        [24, 6, 3, 16, 4, 4, 8, 2, 8, 2, 2, 8, 0.3],
    ),
    "middle": (
        ["E4A", "E4B", "E13", "E41", "E45", "E47", "E3", "E8", "E14", "E9"],
        [34, 9, 4, 4, 4, 4, 3, 10, 2, 0.5],
    ),
    "older": (
        ["E4A", "E4B", "E13", "E5", "E6", "E3", "E8", "E14", "E9", "E15", "E16", "E7"],
        [20, 8, 4, 16, 6, 3, 12, 4, 2, 1, 0.5, 0.5],
    ),
}
_AGED_OUT = (["E17", "E5", "E6", "E8", "E7"], [30, 35, 15, 15, 5])
_START_LS = (["V2", "C1", "L1", "L2", "J1", "J2", "C2", "V3"], [50, 34, 5, 3, 2, 1, 3, 2])
_NEXT_LS = {
    "V2": "C1",
    "C1": "C2",
    "C2": "C2",
    "L1": "V2",
    "L2": "C1",
    "L3": "C1",
    "J1": "V2",
    "J2": "V2",
    "J3": "J3",
    "E1": "E1",
    "D1": "D1",
    "V3": "V3",
    "V4": "V4",
}
_CIN = (["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"], [65, 3, 3, 8, 13, 2, 0.2, 6])
_PLACE = (
    ["U4", "U6", "U1", "U3", "U5", "U2", "K2", "R1", "H5", "S1", "R3", "R5", "T4", "Z1"],
    [18, 42, 4, 9, 1, 1, 11, 1, 4, 1, 2, 0.5, 0.5, 1],
)
_PROVIDER = (["PR1", "PR4", "PR2", "PR5"], [50, 36, 9, 5])
_RNE_LATER = (["P", "L", "T", "U", "B"], [50, 15, 20, 10, 5])
_PLACE_CHANGE = (
    ["CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ", "OTHER"],
    [40, 5, 3, 2, 1, 12, 12, 8, 7, 10],
)
_ETHNIC = (
    [
        "WBRI",
        "WOTH",
        "MWBC",
        "MWBA",
        "MWAS",
        "MOTH",
        "AIND",
        "APKN",
        "ABAN",
        "AOTH",
        "BCRB",
        "BAFR",
        "BOTH",
        "CHNE",
        "OOTH",
        "WIRT",
        "WROM",
        "NOBT",
    ],
    [70, 5, 3, 1.5, 1.5, 3, 0.5, 1.5, 0.8, 1.5, 1.2, 3.5, 1, 0.2, 3, 0.3, 0.8, 1],
)
_POSTCODES = np.array(
    [f"{a}{n}" for a in ("LS", "M", "B", "S", "NE", "L", "BD", "HU", "NG", "LE") for n in range(1, 20)]
)

# Re-entry after a return home: share who ever re-enter, and Weibull timing (shape, scale in days),
# chosen so about 20 % re-enter within a year and 35-38 % within six years.
REENTRY_EVER = 0.38
REENTRY_SHAPE, REENTRY_SCALE = 0.68, 560.0
REENTRY_OTHER = {"E13": 0.20, "E8": 0.12, "E14": 0.25, "E9": 0.10, "E3": 0.02}


@dataclass
class SynthSummary:
    children: int
    episodes: int
    rows_written: int
    files: list[str]


def _choice(rng: np.random.Generator, spec: tuple[list[str], Sequence[float]], n: int) -> np.ndarray:
    codes, weights = spec
    p = np.asarray(weights, dtype=float)
    return np.asarray(codes, dtype=object)[rng.choice(len(codes), size=n, p=p / p.sum())]


def _days(d: date) -> int:
    return int((np.datetime64(d, "D") - DAY0).astype(int))


def generate(children: int, years: int, seed: int, last_year_end: int = 2025) -> tuple[dict, dict]:
    """Return (header columns, episode columns) as numpy arrays for the whole history (true dates)."""
    rng = np.random.default_rng(seed)
    window_start = _days(date(last_year_end - years, 4, 1))
    window_end = _days(date(last_year_end, 3, 31))
    n = children

    # Age at first entry: DfE shares of starters (under 1, 1-4, 5-9, 10-15, 16-17).
    band = rng.choice(5, size=n, p=[0.20, 0.17, 0.17, 0.33, 0.13])
    lo = np.array([0, 1, 5, 10, 16])[band] * 365.25
    hi = np.array([1, 5, 10, 16, 17.9])[band] * 365.25
    age_days = (lo + rng.random(n) * (hi - lo)).astype(np.int64)
    # First entry: some before the window (children already in care when the data start).
    entry = rng.integers(window_start - 2 * 365, window_end - 20, size=n)
    dob = entry - age_days
    adult = dob + 6574  # 18th birthday (near enough)

    p_child, p_start, p_end, p_rec, p_ls, p_cin, p_reentered = [], [], [], [], [], [], []
    active = np.arange(n)
    start = entry.copy()
    for _round in range(6):
        if len(active) == 0:
            break
        m = len(active)
        dur = np.maximum(1, rng.lognormal(np.log(330), 1.0, size=m)).astype(np.int64)
        s = start[active]
        e = s + dur
        aged_out = e >= adult[active]
        e = np.where(aged_out, adult[active], e)
        age_end = (e - dob[active]) / 365.25
        rec = np.empty(m, dtype=object)
        for group, mask in (
            ("young", age_end < 5),
            ("middle", (age_end >= 5) & (age_end < 15.5)),
            ("older", age_end >= 15.5),
        ):
            rec[mask] = _choice(rng, _REASONS[group], int(mask.sum()))
        rec[aged_out] = _choice(rng, _AGED_OUT, int(aged_out.sum()))
        ls = _choice(rng, _START_LS, m)
        short = ls == "V3"
        # A short break lasts a week at most (DfE rules 365 and 367 allow 17 days, 75 a year).
        e = np.where(short, np.minimum(s + 1 + dur % 7, adult[active]), e)
        rec[short] = "E8"
        cin = _choice(rng, _CIN, m)
        cin[short] = "N2"
        # Who comes back, and when.
        p = np.zeros(m)
        ret = (rec == "E4A") | (rec == "E4B")
        p[ret] = REENTRY_EVER * np.where(rec[ret] == "E4B", 1.25, 1.0) * np.where(ls[ret] == "V2", 1.1, 1.0)
        for code, share in REENTRY_OTHER.items():
            p[rec == code] = share
        p[short] = 0.5  # a series of short breaks
        gap = np.maximum(1, (REENTRY_SCALE * rng.weibull(REENTRY_SHAPE, size=m))).astype(np.int64)
        again = (rng.random(m) < p) & (e + gap < adult[active] - 30)
        p_child.append(active)
        p_start.append(s)
        p_end.append(e)
        p_rec.append(rec)
        p_ls.append(ls)
        p_cin.append(cin)
        p_reentered.append(again)
        start[active[again]] = e[again] + gap[again]
        active = active[again]

    pc = np.concatenate(p_child)
    ps = np.concatenate(p_start)
    pe = np.concatenate(p_end)
    prec = np.concatenate(p_rec)
    pls = np.concatenate(p_ls)
    pcin = np.concatenate(p_cin)
    # Periods that end after the data end are open in the last return.
    order = np.lexsort((ps, pc))
    pc, ps, pe, prec, pls, pcin = pc[order], ps[order], pe[order], prec[order], pls[order], pcin[order]
    n_periods = len(pc)

    # Episodes: 1 + Poisson changes of placement or legal status, cut at random days.
    n_ep = 1 + np.minimum(rng.poisson(2.2, size=n_periods), 7)
    n_ep[pls == "V3"] = 1
    pid = np.repeat(np.arange(n_periods), n_ep)
    first = np.ones(len(pid), dtype=bool)
    first[1:] = pid[1:] != pid[:-1]
    u = np.where(first, 0.0, rng.random(len(pid)))
    o = np.lexsort((u, pid))
    pid, u, first = pid[o], u[o], first[o]
    est = ps[pid] + (u * (pe[pid] - ps[pid])).astype(np.int64)
    # Drop episodes that would start the same day as the one before.
    keep = first.copy()
    keep[1:] |= est[1:] > est[:-1]
    keep[1:] &= ~((pid[1:] == pid[:-1]) & (est[1:] <= est[:-1]))
    pid, est, first = pid[keep], est[keep], first[keep]
    m = len(pid)
    last = np.ones(m, dtype=bool)
    last[:-1] = pid[:-1] != pid[1:]
    eend = np.empty(m, dtype=np.int64)
    eend[:-1] = est[1:]
    eend[last] = pe[pid[last]]
    erec = np.where(last, prec[pid], "X1").astype(object)

    rne = _choice(rng, _RNE_LATER, m)
    rne[first] = "S"
    # Legal status: starts as drawn, moves along the usual path on L/T/B changes.
    ls = pls[pid].copy()
    changes = np.isin(rne, ["L", "T", "B"])
    step = np.cumsum(changes)  # number of status changes so far (reset per period below)
    period_base = step[np.flatnonzero(first)][np.cumsum(first) - 1] - changes[first][np.cumsum(first) - 1]
    nchanges = step - period_base
    for _k in range(int(nchanges.max()) if m else 0):
        move = nchanges > _k
        ls[move] = np.array([_NEXT_LS[x] for x in ls[move]], dtype=object)
    place = _choice(rng, _PLACE, m)
    same_place = rne == "L"
    idx = np.arange(m)
    prev_idx = np.maximum.accumulate(np.where(~same_place | first, idx, 0))
    place = place[prev_idx]
    # Many planned returns on an order go through a placement with parents (P1) first.
    p1 = last & (erec == "E4A") & np.isin(ls, ["C1", "C2"]) & (rng.random(m) < 0.35)
    place[p1] = "P1"
    place[ls == "V3"] = "U6"
    provider = _choice(rng, _PROVIDER, m)
    provider[place == "P1"] = "PR0"
    rpc = np.full(m, "", dtype=object)
    next_changes_place = np.zeros(m, dtype=bool)
    next_changes_place[:-1] = np.isin(rne[1:], ["P", "T", "U"]) & ~last[:-1]
    rpc[next_changes_place] = _choice(rng, _PLACE_CHANGE, int(next_changes_place.sum()))
    child = pc[pid]
    home_post = _POSTCODES[rng.integers(0, len(_POSTCODES), size=n)][child]
    pl_post = _POSTCODES[rng.integers(0, len(_POSTCODES), size=m)]
    pl_post[place == "P1"] = home_post[place == "P1"]
    urn = np.where(
        place == "K2", "SC" + (rng.integers(100000, 999999, size=m)).astype(str).astype(object), ""
    )

    ids = rng.permutation(np.arange(100000, 100000 + 20 * n, 20)[:n])  # opaque, local-looking IDs
    header = {
        "CHILD": ids.astype(str).astype(object),
        "SEX": rng.choice(np.array(["1", "2"], dtype=object), size=n, p=[0.56, 0.44]),
        "DOB": dob,
        "ETHNIC": _choice(rng, _ETHNIC, n),
        "UPN": np.array([f"A{x:012d}" for x in rng.integers(0, 10**12, size=n)], dtype=object),
    }
    episodes = {
        "CHILD": header["CHILD"][child],
        "DECOM": est,
        "RNE": rne,
        "LS": ls,
        "CIN": pcin[pid],
        "PLACE": place,
        "PLACE_PROVIDER": provider,
        "DEC": eend,
        "REC": erec,
        "REASON_PLACE_CHANGE": rpc,
        "HOME_POST": home_post,
        "PL_POST": pl_post,
        "URN": urn,
        "_child_index": child,
    }
    return header, episodes


def _date_array(days: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    arr = (DAY0 + days.astype("timedelta64[D]")).astype("datetime64[D]")
    return pa.array(arr, type=pa.date32(), mask=null)


def _in_year_codes(column: str, values: np.ndarray, year: int) -> np.ndarray:
    """`codes.in_year_codes` of each value, worked out once per distinct value."""
    distinct, at = np.unique(values, return_inverse=True)
    return np.array([codes.in_year_codes(column, v, year) for v in distinct], dtype=object)[at]


def write_years(
    out_dir: str | os.PathLike[str], children: int, years: int, seed: int, last_year_end: int = 2025
) -> SynthSummary:
    """Write header_YYYY.csv / episodes_YYYY.csv for each collection year ending 31 March YYYY."""
    header, ep = generate(children, years, seed, last_year_end)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files: list[str] = []
    rows = 0
    seen_children = np.zeros(children, dtype=bool)
    for y in range(last_year_end - years + 1, last_year_end + 1):
        a, b = _days(date(y - 1, 4, 1)), _days(date(y, 3, 31))
        in_year = (ep["DECOM"] <= b) & (ep["DEC"] >= a)
        idx = np.flatnonzero(in_year)
        ended = ep["DEC"][idx] <= b
        cols: dict[str, pa.Array] = {}
        for c in (
            "CHILD",
            "DECOM",
            "RNE",
            "LS",
            "CIN",
            "PLACE",
            "PLACE_PROVIDER",
            "DEC",
            "REC",
            "REASON_PLACE_CHANGE",
            "HOME_POST",
            "PL_POST",
            "URN",
        ):
            v = ep[c][idx]
            if c == "DECOM":
                cols[c] = _date_array(v)
            elif c == "DEC":
                cols[c] = _date_array(v, null=~ended)
            elif c in ("REC", "REASON_PLACE_CHANGE"):
                cols[c] = pa.array(np.where(ended, v, ""), pa.string())
            else:
                cols[c] = pa.array(v, pa.string())
        episodes = pa.table(cols)
        kids = np.unique(ep["_child_index"][idx])
        seen_children[kids] = True
        hcols = {
            "CHILD": pa.array(header["CHILD"][kids], pa.string()),
            # In the codes of the return's year (SEX M/F from 2024-25, before that 1/2).
            "SEX": pa.array(_in_year_codes("SEX", header["SEX"][kids], y - 1), pa.string()),
            "DOB": _date_array(header["DOB"][kids]),
            "ETHNIC": pa.array(header["ETHNIC"][kids], pa.string()),
            "UPN": pa.array(header["UPN"][kids], pa.string()),
            "MOTHER": pa.nulls(len(kids), pa.string()),
            "MC_DOB": pa.nulls(len(kids), pa.date32()),
        }
        hpath, epath = out / f"header_{y}.csv", out / f"episodes_{y}.csv"
        write_table_csv(pa.table(hcols), "Header", hpath)
        write_table_csv(episodes, "Episodes", epath)
        files += [str(hpath), str(epath)]
        rows += episodes.num_rows
    unique_eps = int(
        np.count_nonzero(
            (ep["DECOM"] <= _days(date(last_year_end, 3, 31)))
            & (ep["DEC"] >= _days(date(last_year_end - years, 4, 1)))
        )
    )
    return SynthSummary(int(seen_children.sum()), unique_eps, rows, files)
