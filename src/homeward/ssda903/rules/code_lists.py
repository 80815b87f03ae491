"""Codes not on the 903 code list for their column (after tidying case and spaces), one rule per
column as the DfE numbers them; and codes used before the year they were introduced (HW-03)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from homeward.ssda903 import codes
from homeward.ssda903.frame import EPOCH, NULL_DAY, Frame, date_range_days, days_to_date
from homeward.ssda903.history import collection_start_year, year_label
from homeward.ssda903.issues import Severity
from homeward.ssda903.rules.registry import Found, rule

_NAMES = {
    "SEX": "sex",
    "ETHNIC": "ethnicity",
    "RNE": "reason for new episode",
    "LS": "legal status",
    "CIN": "category of need",
    "PLACE": "placement type",
    "PLACE_PROVIDER": "placement provider",
    "REC": "reason episode ceased",
    "REASON_PLACE_CHANGE": "reason for placement change",
}


def file_years(header: Frame, episodes: Frame) -> dict[int, int | None]:
    """The collection year (its start) of each file read, whose code lists it is checked against.

    Given (`Frame.year`), it is every file's. Else an Episodes file's is the year of its latest
    possible date (a return ends on 31 March); a Header file has no episode dates, so it takes the year
    of the Episodes file whose name holds the same number (header_2024.csv, episodes_2024.csv), else
    that of the latest Episodes file read; None when no date tells."""
    return episodes.cached(("file_years", id(header)), lambda: _file_years(header, episodes))


def _file_years(header: Frame, episodes: Frame) -> dict[int, int | None]:
    n_files = len(episodes.files)
    if episodes.year is not None:
        return dict.fromkeys(range(n_files), episodes.year)
    lowest, highest = date_range_days()
    years: dict[int, int | None] = {}
    latest = np.full(n_files, NULL_DAY, dtype=np.int64)
    if episodes.n:  # rows are stacked file by file: each file is one slice
        starts = np.flatnonzero(np.diff(episodes.file, prepend=-1))
        for col in ("DECOM", "DEC"):
            d = episodes.days(col)
            possible = np.where((d >= lowest) & (d <= highest), d, NULL_DAY)
            per_file = np.maximum.reduceat(possible, starts)
            at = episodes.file[starts]
            latest[at] = np.maximum(latest[at], per_file)
    for f in np.unique(episodes.file).tolist():
        last = days_to_date(int(latest[f]))
        years[f] = collection_start_year(last) if last is not None else None
    known = [y for y in years.values() if y is not None]
    by_number = {tuple(re.findall(r"\d{4}", Path(episodes.files[f]).name)): y for f, y in years.items()}
    for f in np.unique(header.file).tolist():
        numbers = tuple(re.findall(r"\d{4}", Path(header.files[f]).name))
        years[f] = by_number.get(numbers) if numbers and by_number.get(numbers) else max(known, default=None)
    return years


def _unknown(frame: Frame, col: str, years: dict[int, int | None]) -> Iterator[Found]:
    """Codes not on the column's list for the collection year of their file."""
    values = frame.dictionary(col)
    known_some_year = set(codes.CODE_LISTS[col])
    for y in codes.CODES_ADDED:
        known_some_year |= set(codes.CODES_ADDED[y].get(col, {}))
    never = [v for v in values if v not in known_some_year]
    if never:  # the usual case is none: only the distinct values are looked at
        yield Found(
            frame,
            np.flatnonzero(frame.isin(col, never)),
            col,
            f"this is not a 903 {_NAMES[col]} code",
            allowed=", ".join(codes.code_list(col, max((y for y in years.values() if y), default=None))),
        )
    changing = [v for v in values if v in known_some_year]
    for year in sorted(set(years.values()), key=lambda y: -1 if y is None else y):
        allowed = codes.code_list(col, year)
        wrong = [v for v in changing if v not in allowed]
        if not wrong:
            continue
        of_year = np.zeros(max(years, default=0) + 1, dtype=bool)
        of_year[[f for f, y in years.items() if y == year]] = True
        rows = np.flatnonzero(frame.isin(col, wrong))
        rows = rows[of_year[frame.file[rows]]]
        label = year_label(year) if year is not None else "the years before 2024-25"

        def message(i: int, year: int | None = year, label: str = label) -> str:
            code = frame.value(col, i) or ""
            retired = codes.retired_in(col, code, year)
            if retired is not None:
                return (
                    f"{code} is no longer a 903 {_NAMES[col]} code: it was retired in {year_label(retired)}, "
                    f"and this file is for {label}"
                )
            return f"{code} is not a 903 {_NAMES[col]} code in {label}, the year of this file"

        yield Found(
            frame,
            rows,
            col,
            message,
            allowed=f"{label}: " + ", ".join(allowed),
        )


@rule("101", "SEX is not a 903 sex code.", fields=("SEX",), kind="unknown_code")
def sex(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _unknown(header, "SEX", file_years(header, episodes))


@rule("103", "ETHNIC is not a 903 ethnicity code.", fields=("ETHNIC",), kind="unknown_code")
def ethnicity(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _unknown(header, "ETHNIC", file_years(header, episodes))


@rule("143", "RNE is not a 903 reason for new episode code.", fields=("RNE",), kind="unknown_code")
def reason_new_episode(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _unknown(episodes, "RNE", file_years(header, episodes))


@rule("144", "LS is not a 903 legal status code.", fields=("LS",), kind="unknown_code")
def legal_status(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _unknown(episodes, "LS", file_years(header, episodes))


@rule("145", "CIN is not a 903 category of need code.", fields=("CIN",), kind="unknown_code")
def category_of_need(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _unknown(episodes, "CIN", file_years(header, episodes))


@rule("146", "PLACE is not a 903 placement type code.", fields=("PLACE",), kind="unknown_code")
def placement_type(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _unknown(episodes, "PLACE", file_years(header, episodes))


@rule(
    "178",
    "PLACE_PROVIDER is not a 903 placement provider code.",
    fields=("PLACE_PROVIDER",),
    kind="unknown_code",
)
def placement_provider(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _unknown(episodes, "PLACE_PROVIDER", file_years(header, episodes))


@rule("149", "REC is not a 903 reason episode ceased code.", fields=("REC",), kind="unknown_code")
def reason_episode_ceased(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _unknown(episodes, "REC", file_years(header, episodes))


@rule(
    "1009",
    "REASON_PLACE_CHANGE is not a 903 reason for placement change code.",
    fields=("REASON_PLACE_CHANGE",),
    kind="unknown_code",
)
def reason_place_change(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _unknown(episodes, "REASON_PLACE_CHANGE", file_years(header, episodes))


@rule(
    "HW-03",
    "A code is used for an episode that started before the code was introduced (e.g. K3 before 2024).",
    fields=tuple(dict.fromkeys(col for col, _ in codes.VALID_FROM)),
    kind="code_not_valid_for_year",
    severity=Severity.WARNING,
)
def code_not_valid_for_year(header: Frame, episodes: Frame) -> Iterator[Found]:
    e = episodes
    for (col, code), since in codes.VALID_FROM.items():
        before = (e.days("DECOM") < (since - EPOCH).days) & (e.days("DECOM") != NULL_DAY)
        intro = f"{code} is a 903 code only for episodes from {since:%d/%m/%Y}; this one started "

        def message(i: int, intro: str = intro) -> str:
            return intro + str(e.value("DECOM", i))

        yield Found(
            e,
            np.flatnonzero(e.isin(col, [code]) & before),
            col,
            message,
            allowed=f"{code} for episodes starting on or after {since:%d/%m/%Y}",
        )


@rule(
    "378",
    "A child placed with parents (PLACE P1) is accommodated under s20 (LS V2).",
    fields=("PLACE", "LS"),
    kind="codes_do_not_go_together",
)
def placed_with_parents_under_s20(header: Frame, episodes: Frame) -> Iterator[Found]:
    e = episodes
    yield Found(
        e,
        np.flatnonzero(
            e.isin("PLACE", [codes.PLACED_WITH_PARENTS]) & e.isin("LS", codes.VOLUNTARY_LEGAL_STATUSES)
        ),
        "PLACE",
        "a child accommodated under s20 (LS V2) cannot be placed with their parents (P1): a child living "
        "with parents under s20 is not looked after. The figures leave this episode out of the "
        "placed-with-parents (P1) counts",
        allowed="P1 only under an order (e.g. C1, C2)",
    )
