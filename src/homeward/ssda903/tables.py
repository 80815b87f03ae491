"""The 903 tables: their columns in the official order, and which columns hold dates, codes or ids.

Column sets follow the DfE validator's `lac_validator/config.py`; a CSV file is recognised by its
column set (the order of the columns does not matter).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

COLUMNS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "Header": ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
        "Episodes": (
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
        ),
        "Reviews": ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
        "UASC": ("CHILD", "SEX", "DOB", "DUC"),
        "OC2": (
            "CHILD",
            "DOB",
            "SDQ_SCORE",
            "SDQ_REASON",
            "CONVICTED",
            "HEALTH_CHECK",
            "IMMUNISATIONS",
            "TEETH_CHECK",
            "HEALTH_ASSESSMENT",
            "SUBSTANCE_MISUSE",
            "INTERVENTION_RECEIVED",
            "INTERVENTION_OFFERED",
        ),
        "OC3": ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
        "AD1": (
            "CHILD",
            "DOB",
            "DATE_INT",
            "DATE_MATCH",
            "FOSTER_CARE",
            "NB_ADOPTR",
            "SEX_ADOPTR",
            "LS_ADOPTR",
        ),
        "PlacedAdoption": ("CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
        "PrevPerm": ("CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"),
        "Missing": ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"),
        "SW_Episodes": ("CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"),
    }
)

HEADER_COLUMNS = COLUMNS["Header"]
EPISODE_COLUMNS = COLUMNS["Episodes"]

# Columns read as dates (dd/mm/YYYY; ISO YYYY-MM-DD accepted with a warning).
DATE_COLUMNS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"Header": ("DOB", "MC_DOB"), "Episodes": ("DECOM", "DEC")}
)
# Columns holding 903 codes (upper-cased and trimmed on reading, then checked against codes.CODE_LISTS).
CODE_COLUMNS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "Header": ("SEX", "ETHNIC"),
        "Episodes": ("RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "REC", "REASON_PLACE_CHANGE"),
    }
)
# Free text kept as sent (not tidied or dictionary-encoded: nothing is computed from it).
FREE_TEXT_COLUMNS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"Header": ("UPN", "MOTHER"), "Episodes": ("HOME_POST", "PL_POST", "URN")}
)
# Values in these columns would identify a child: reports name the row and column, not the value.
IDENTIFYING_COLUMNS = frozenset({"CHILD", "CHILDID", "UPN", "DOB", "MC_DOB", "HOME_POST", "PL_POST"})
# Columns that must have a value on every row.
REQUIRED_VALUES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "Header": ("CHILD", "SEX", "DOB", "ETHNIC"),
        "Episodes": ("CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE"),
    }
)
# Without these columns a file cannot be used for the analysis at all.
ESSENTIAL_COLUMNS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "Header": ("CHILD",),
        "Episodes": ("CHILD", "DECOM", "RNE", "LS", "DEC", "REC"),
    }
)

# EXPSSDA903 XML names that differ from the CSV column names.
XML_RENAMES: Mapping[str, str] = MappingProxyType({"CHILDID": "CHILD", "PL": "PLACE"})


@dataclass(frozen=True)
class TableMatch:
    """Which 903 table a file's columns belong to, and how well they match."""

    table: str | None
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()

    @property
    def exact(self) -> bool:
        return self.table is not None and not self.missing and not self.extra


def identify_table(columns: Iterable[str]) -> TableMatch:
    """Recognise a table from its column names (case, spaces and order ignored).

    An exact set wins; otherwise the table sharing most columns, if at least half of its columns
    (and CHILD) are present, so that a file missing a column is reported as such, not as unknown.
    """
    found = [c.strip().upper() for c in columns]
    found_set = set(found)
    for table, cols in COLUMNS.items():
        if found_set == set(cols):
            return TableMatch(table)
    best: tuple[float, str] | None = None
    for table, cols in COLUMNS.items():
        shared = len(found_set & set(cols))
        score = shared / len(cols) - 0.01 * len(found_set - set(cols))
        if "CHILD" in found_set and shared * 2 >= len(cols) and (best is None or score > best[0]):
            best = (score, table)
    if best is None:
        return TableMatch(None, extra=tuple(found))
    cols = COLUMNS[best[1]]
    return TableMatch(
        best[1],
        missing=tuple(c for c in cols if c not in found_set),
        extra=tuple(c for c in found if c not in cols),
    )
