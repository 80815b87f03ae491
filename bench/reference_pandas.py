"""A straightforward pandas implementation of the SSDA903.md definitions: the correctness oracle.

Deliberately plain (groupby/shift, lifelines for Kaplan-Meier) and independent of homeward.ssda903's
code, so agreement between the two is evidence both follow the definitions. Covers the JSON contract
keys; not the validation messages.

    python bench/reference_pandas.py FOLDER_OR_FILES... [--as-of YYYY-MM-DD]   # prints JSON
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from lifelines import KaplanMeierFitter

EPISODES = [
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
]
HEADER = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
HORIZONS = (182, 365, 730, 2190)


def _date(s: pd.Series) -> pd.Series:
    s = s.str.strip()
    d = pd.to_datetime(s, format="%d/%m/%Y", errors="coerce")
    return d.fillna(pd.to_datetime(s, format="%Y-%m-%d", errors="coerce"))


def read(paths):
    files = []
    for p in map(Path, paths):
        files += sorted(p.glob("**/*.csv")) if p.is_dir() else [p]
    episodes, headers = [], []
    for i, f in enumerate(files):
        df = pd.read_csv(f, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        df.columns = [c.strip().upper() for c in df.columns]
        df["file"] = i
        if set(df.columns) >= set(EPISODES):
            episodes.append(df)
        elif set(df.columns) >= set(HEADER):
            headers.append(df)
    ep = pd.concat(episodes, ignore_index=True)
    hd = pd.concat(headers, ignore_index=True) if headers else pd.DataFrame(columns=HEADER + ["file"])
    for c in ("CHILD",):
        ep[c] = ep[c].str.strip()
        hd[c] = hd[c].str.strip()
    for c in ("RNE", "LS", "CIN", "PLACE", "REC"):
        ep[c] = ep[c].str.strip().str.upper().replace("", np.nan)
    ep["DEC_TEXT"] = ep["DEC"].str.strip()
    ep["DECOM"], ep["DEC"] = _date(ep["DECOM"]), _date(ep["DEC"])
    hd["DOB"] = _date(hd["DOB"])
    ep["CHILD"] = ep["CHILD"].replace("", np.nan)
    return ep, hd


def repair(ep: pd.DataFrame):
    repairs = {}
    lowest, highest = pd.Timestamp(1900, 1, 1), pd.Timestamp(date.today())
    possible = ep["DECOM"].between(lowest, highest)
    usable = ep["CHILD"].notna() & possible
    repairs["unusable_episode_dropped"] = int((~usable).sum())
    ep = ep[usable].copy()
    bad = ep["DEC"] < ep["DECOM"]
    repairs["end_before_start_cleared"] = int(bad.sum())
    unreadable = ~bad & (
        (ep["DEC"].isna() & (ep["REC"].notna() | ep["DEC_TEXT"].ne("")))
        | (ep["DEC"].notna() & ~ep["DEC"].between(lowest, highest))
    )
    repairs["end_unreadable_cleared"] = int(unreadable.sum())
    ep.loc[bad | unreadable, ["DEC", "REC"]] = [pd.NaT, np.nan]
    latest = ep.assign(last=ep[["DECOM", "DEC"]].max(axis=1)).groupby("file")["last"].max()
    ep["recency"] = ep["file"].map(latest.rank(method="first"))
    ep["open"] = ep["DEC"].isna()
    ep = ep.sort_values(
        ["CHILD", "DECOM", "open", "recency"], ascending=[True, True, True, False], kind="stable"
    )
    before = len(ep)
    ep = ep.drop_duplicates(["CHILD", "DECOM"], keep="first")
    repairs["duplicate_dropped"] = before - len(ep)
    g = ep.groupby("CHILD")
    nxt = g["DECOM"].shift(-1)
    nxt_rne = g["RNE"].shift(-1)
    has = nxt.notna()
    opened = ep["DEC"].isna()
    r1 = has & opened & (nxt_rne == "S")
    r2 = has & opened & (nxt_rne != "S")
    overlap = has & ~opened & (ep["DEC"] > nxt)
    ends = ep["REC"].notna() & (ep["REC"] != "X1")
    r3, r5 = overlap & ~ends, overlap & ends
    r4 = has & ~opened & (ep["REC"] == "X1") & (ep["DEC"] < nxt)
    r6 = has & ~opened & ends & (ep["DEC"] == nxt)
    for name, mask in (
        ("open_episode_closed_before_new_period", r1),
        ("open_episode_closed_by_next_episode", r2),
        ("overlap_truncated", r3),
        ("overlapping_ending_unknown", r5),
        ("x1_gap_extended", r4),
        ("same_day_restart_joined", r6),
    ):
        repairs[name] = int(mask.sum())
        ep.loc[mask, "DEC"] = nxt[mask]
    ep.loc[r1 | r5, "REC"] = "E99"
    ep.loc[r2 | r6, "REC"] = "X1"
    return ep, repairs


def km_summary(durations: np.ndarray, events: np.ndarray) -> dict:
    out: dict[str, Any] = {
        "returns": int(len(durations)),
        "re_entries": int(events.sum()),
        "cumulative_incidence": {},
        "confidence_interval_95": {},
    }
    if len(durations) == 0:
        out["cumulative_incidence"] = dict.fromkeys(map(str, HORIZONS))
        out["confidence_interval_95"] = dict.fromkeys(map(str, HORIZONS))
        return out
    kmf = KaplanMeierFitter().fit(durations, events)
    ci = kmf.confidence_interval_survival_function_
    for h in HORIZONS:
        if h > durations.max():
            out["cumulative_incidence"][str(h)] = None
            out["confidence_interval_95"][str(h)] = None
            continue
        out["cumulative_incidence"][str(h)] = round(1 - float(kmf.survival_function_at_times(h).iloc[0]), 6)
        lower, upper = ci[ci.index <= h].iloc[-1]
        out["confidence_interval_95"][str(h)] = [round(1 - float(upper), 6), round(1 - float(lower), 6)]
    return out


def analyse(ep: pd.DataFrame, hd: pd.DataFrame, as_of: date | None = None) -> dict:
    as_of_ts = pd.Timestamp(as_of) if as_of else max(ep["DECOM"].max(), ep["DEC"].max())
    ep = ep[ep["DECOM"] <= as_of_ts].copy()
    late = ep["DEC"] > as_of_ts
    ep.loc[late, ["DEC", "REC"]] = [pd.NaT, np.nan]
    ep.loc[ep["DEC"].isna(), "REC"] = np.nan  # no DEC: still open, whatever REC says
    ep = ep.sort_values(["CHILD", "DECOM"], kind="stable")
    prev_rec = ep.groupby("CHILD")["REC"].shift(1)
    first = ep["CHILD"] != ep["CHILD"].shift(1)
    ep["new"] = first | (ep["RNE"] == "S") | (prev_rec.notna() & (prev_rec != "X1"))
    ep["period"] = ep["new"].cumsum()
    ep["short"] = ep["LS"].isin(["V3", "V4"])
    n_periods = ep["period"].nunique()
    ep = ep[~ep["short"]]  # short-break episodes left out, as the DfE does
    ep["p1"] = ep["PLACE"] == "P1"
    periods = ep.groupby("period").agg(
        CHILD=("CHILD", "first"),
        start=("DECOM", "first"),
        end=("DEC", "last"),
        rec=("REC", "last"),
        episodes=("CHILD", "size"),
        p1=("p1", "sum"),
    )
    # "last" skips missing values in pandas: take the last row's end and reason explicitly.
    last_rows = ep.groupby("period").tail(1).set_index("period")
    periods["end"], periods["rec"] = last_rows["DEC"], last_rows["REC"]
    periods = periods.sort_values(["CHILD", "start"])
    periods["next_start"] = periods.groupby("CHILD")["start"].shift(-1)
    returns = periods[periods["rec"].isin(["E4A", "E4B"])]
    events = returns["next_start"].notna().to_numpy()
    follow_end = returns["next_start"].fillna(as_of_ts)
    durations = (follow_end - returns["end"]).dt.days.to_numpy().astype(float)
    planned = (returns["rec"] == "E4A").to_numpy()
    return {
        "as_of": as_of_ts.date().isoformat(),
        "children": int(periods["CHILD"].nunique()),
        "episodes": int(periods["episodes"].sum()),
        "periods_of_care": int(len(periods)),
        "returns_home": {"E4A": int(planned.sum()), "E4B": int((~planned).sum())},
        "left_to_non_pr_E13": int((periods["rec"] == "E13").sum()),
        "short_break_periods_excluded": int(n_periods - len(periods)),
        "re_entry": km_summary(durations, events),
        "re_entry_by_type": {
            "E4A": km_summary(durations[planned], events[planned]),
            "E4B": km_summary(durations[~planned], events[~planned]),
        },
    }


def run(paths, as_of: date | None = None) -> dict:
    ep, hd = read(paths)
    ep, repairs = repair(ep)
    result = analyse(ep, hd, as_of)
    result["repairs"] = repairs
    return result


if __name__ == "__main__":
    args = sys.argv[1:]
    as_of = None
    if "--as-of" in args:
        i = args.index("--as-of")
        as_of = date.fromisoformat(args[i + 1])
        del args[i : i + 2]
    print(json.dumps(run(args, as_of)))
