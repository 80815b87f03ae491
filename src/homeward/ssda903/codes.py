"""The SSDA903 code lists, in one place, each code with the words a social worker would use.

Every part of Homeward that stores, shows or validates a 903 code uses these lists: the child's
record (legal status, episodes), the 903 loader's validation, and the analysis.
Source: DfE "Children looked after return (SSDA903) guide", as encoded by the DfE-rule validator
data-to-insight/csc-validator-be-903 (MIT). The lists were checked against its rules 103 (ETHNIC),
143 (RNE), 144 (LS), 145 (CIN), 146 (PLACE; K3 added in its 2024-25 rules), 149 (REC) and
1009 (REASON_PLACE_CHANGE); its `config.py` holds the column sets (see `tables.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType


def _frozen(d: dict[str, str]) -> Mapping[str, str]:
    return MappingProxyType(d)


SEX: Mapping[str, str] = _frozen({"1": "Male", "2": "Female"})

# Reason for new episode (RNE).
REASON_NEW_EPISODE: Mapping[str, str] = _frozen(
    {
        "S": "Started to be looked after",
        "L": "Change of legal status only",
        "P": "Change of placement and carer(s) only",
        "T": "Change of both legal status and placement and carer(s) at the same time",
        "U": "Change of placement but same carer(s) only",
        "B": "Change of legal status and placement, but same carer(s)",
    }
)

# Legal status (LS).
LEGAL_STATUS: Mapping[str, str] = _frozen(
    {
        "C1": "Interim care order (s38)",
        "C2": "Full care order (s31)",
        "D1": "Freeing order granted",
        "E1": "Placement order granted",
        "J1": "Remanded to local authority or youth detention accommodation",
        "J2": "Placed in local authority accommodation under PACE",
        "J3": "Sentenced to a youth rehabilitation order with residence or fostering requirement",
        "L1": "Under police protection and in local authority accommodation",
        "L2": "Emergency protection order (EPO)",
        "L3": "Under child assessment order and in local authority accommodation",
        "V2": "Single period of accommodation under section 20 (s20)",
        "V3": "Accommodated under an agreed series of short breaks (individual episodes recorded)",
        "V4": "Accommodated under an agreed series of short breaks (agreements recorded)",
    }
)
SHORT_BREAK_LEGAL_STATUSES = frozenset({"V3", "V4"})
VOLUNTARY_LEGAL_STATUSES = frozenset({"V2"})
CARE_ORDER_LEGAL_STATUSES = frozenset({"C1", "C2"})
# Court orders giving the authority parental responsibility (care, freeing and placement orders).
ORDER_LEGAL_STATUSES = frozenset({"C1", "C2", "D1", "E1"})

# Category of need (CIN).
CATEGORY_OF_NEED: Mapping[str, str] = _frozen(
    {
        "N1": "Abuse or neglect",
        "N2": "Child's disability",
        "N3": "Parental illness or disability",
        "N4": "Family in acute stress",
        "N5": "Family dysfunction",
        "N6": "Socially unacceptable behaviour",
        "N7": "Low income",
        "N8": "Absent parenting",
    }
)

# Placement type (PLACE).
PLACEMENT: Mapping[str, str] = _frozen(
    {
        "A3": "Placed for adoption with parental consent with current foster carer(s)",
        "A4": "Placed for adoption with parental consent, not with current foster carer(s)",
        "A5": "Placed for adoption with a placement order with current foster carer(s)",
        "A6": "Placed for adoption with a placement order, not with current foster carer(s)",
        "H5": "Semi-independent living accommodation not subject to children's homes regulations",
        "K1": "Secure children's home",
        "K2": "Children's home subject to children's homes regulations",
        "K3": "Supported accommodation (registered)",
        "P1": "Placed with own parent(s) or other person(s) with parental responsibility",
        "P2": "Independent living, with or without formal support",
        "P3": "Residential employment",
        "R1": "Residential care home",
        "R2": "NHS or health trust establishment providing medical or nursing care",
        "R3": "Family centre or mother and baby unit",
        "R5": "Young offender institution or prison",
        "S1": "Residential school (not dual-registered as a children's home)",
        "T0": "Temporary placement (all types)",
        "T1": "Temporary periods in hospital",
        "T2": "Temporary periods of absence (holiday)",
        "T3": "Temporary accommodation while normal foster carer is unavailable",
        "T4": "Temporary accommodation of seven days or less",
        "U1": "Foster placement with relative or friend: long-term fostering",
        "U2": "Foster placement with relative or friend who is an approved adopter (FFA or concurrent)",
        "U3": "Foster placement with relative or friend: not long-term or FFA",
        "U4": "Foster placement with other foster carer: long-term fostering",
        "U5": "Foster placement with other foster carer who is an approved adopter (FFA or concurrent)",
        "U6": "Foster placement with other foster carer: not long-term or FFA",
        "Z1": "Other placement",
    }
)
PLACED_WITH_PARENTS = "P1"
PARENTS_PROVIDER = "PR0"

# Placement provider (PLACE_PROVIDER).
PLACE_PROVIDER: Mapping[str, str] = _frozen(
    {
        "PR0": "Parent(s) or other person(s) with parental responsibility",
        "PR1": "Own provision (by the local authority)",
        "PR2": "Other local authority provision",
        "PR3": "Other public provision",
        "PR4": "Private provision",
        "PR5": "Voluntary or third sector provision",
    }
)

# Reason episode ceased (REC).
REASON_EPISODE_CEASED: Mapping[str, str] = _frozen(
    {
        "X1": "Episode ceased and a new one began the same day (still looked after)",
        "E11": "Adopted: application unopposed",
        "E12": "Adopted: consent dispensed with by the court",
        "E2": "Died",
        "E3": "Care taken over by another local authority",
        "E4A": "Returned home to parent(s), relative(s) or others with parental responsibility "
        "as part of the care plan (planned return home)",
        "E4B": "Returned home to parent(s), relative(s) or others with parental responsibility, "
        "not as part of the care plan (unplanned return home)",
        "E13": "Left care to live with parent(s), relative(s) or others with no parental responsibility",
        "E41": "Residence order or child arrangements order granted",
        "E45": "Special guardianship order to former foster carer(s) who are relatives or friends",
        "E46": "Special guardianship order to former foster carer(s), not relatives or friends",
        "E47": "Special guardianship order to carer(s) other than foster carers, who are relatives or "
        "friends",
        "E48": "Special guardianship order to carer(s) other than foster carers, not relatives or friends",
        "E5": "Moved to independent living with formal support",
        "E6": "Moved to independent living without formal support",
        "E7": "Transferred to residential care funded by adult social care",
        "E8": "Period of care ended for any other reason",
        "E9": "Sentenced to custody",
        "E14": "Accommodation on remand ended",
        "E15": "Age assessment found the child to be 18 or over",
        "E16": "Child moved abroad",
        "E17": "Aged 18 or over and stayed with current carers (staying put)",
    }
)
STILL_LOOKED_AFTER = "X1"
RETURN_HOME_CODES = frozenset({"E4A", "E4B"})
PLANNED_RETURN_HOME = "E4A"
UNPLANNED_RETURN_HOME = "E4B"
LEFT_TO_NON_PR = "E13"
# Not a 903 code: the reason an episode ended is unknown because the return that would have
# closed it is missing (set by the repairs). Never counted as a return home.
REC_UNKNOWN = "E99"

REASON_PLACE_CHANGE: Mapping[str, str] = _frozen(
    {
        "ALLEG": "Allegation (section 47 enquiry)",
        "APPRR": "Approval removed",
        "CARPL": "Change to, or carrying out of, the care plan",
        "CHILD": "Child requested the placement to end",
        "CLOSE": "Carer resigned or provision closed",
        "CREQB": "Carer requested the placement to end because of the child's behaviour",
        "CREQO": "Carer requested the placement to end for other reasons",
        "CUSTOD": "Child went into custody",
        "LAREQ": "Local authority requested the placement to end",
        "OTHER": "Other",
        "PLACE": "Change in the status of the placement only",
        "STAND": "Concerns about the standard of care",
    }
)

ETHNICITY: Mapping[str, str] = _frozen(
    {
        "WBRI": "White British",
        "WIRI": "White Irish",
        "WIRT": "Traveller of Irish heritage",
        "WOTH": "Any other White background",
        "WROM": "Gypsy/Roma",
        "MWBC": "White and Black Caribbean",
        "MWBA": "White and Black African",
        "MWAS": "White and Asian",
        "MOTH": "Any other mixed background",
        "AIND": "Indian",
        "APKN": "Pakistani",
        "ABAN": "Bangladeshi",
        "AOTH": "Any other Asian background",
        "BCRB": "Caribbean",
        "BAFR": "African",
        "BOTH": "Any other Black background",
        "CHNE": "Chinese",
        "OOTH": "Any other ethnic group",
        "REFU": "Refused",
        "NOBT": "Information not yet obtained",
    }
)

# Codes accepted only for episodes starting on or after a date (a later collection year).
# K3 (registered supported accommodation) is in the validator's rules from the 2024-25 return.
VALID_FROM: Mapping[tuple[str, str], date] = MappingProxyType({("PLACE", "K3"): date(2024, 4, 1)})

# The code lists change by collection year (1 April to 31 March; a year is named by the year it starts,
# 2024 for 2024-25), as the DfE's yearly guidance and the validator's yearly rule packs change them.
# `CODE_LISTS` below are the lists before 2024-25 (and the codes Homeward's own records store); a
# year's lists are those with every change up to that year applied (`code_list`).
FIRST_YEAR_WITH_CHANGES = 2024
CODES_ADDED: Mapping[int, Mapping[str, Mapping[str, str]]] = MappingProxyType(
    {
        2024: {
            "SEX": {"M": "Male", "F": "Female"},
            "PLACE": {
                code: f"Other placement ({code}, a code of the 2024-25 return: see the DfE's guide)"
                for code in ("Z11", "Z12", "Z13", "Z14")
            },
        }
    }
)
CODES_RETIRED: Mapping[int, Mapping[str, frozenset[str]]] = MappingProxyType(
    {2024: {"SEX": frozenset({"1", "2"})}}
)
# A retired code's replacement, for writing a return in a later year's codes.
CODES_REPLACED: Mapping[int, Mapping[str, Mapping[str, str]]] = MappingProxyType(
    {2024: {"SEX": {"1": "M", "2": "F"}}}
)
# Homeward's own records store the codes of `CODE_LISTS`: the lists of the year before the changes.
RECORDS_YEAR = FIRST_YEAR_WITH_CHANGES - 1

CODE_LISTS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "SEX": SEX,
        "ETHNIC": ETHNICITY,
        "RNE": REASON_NEW_EPISODE,
        "LS": LEGAL_STATUS,
        "CIN": CATEGORY_OF_NEED,
        "PLACE": PLACEMENT,
        "PLACE_PROVIDER": PLACE_PROVIDER,
        "REC": REASON_EPISODE_CEASED,
        "REASON_PLACE_CHANGE": REASON_PLACE_CHANGE,
    }
)


def describe(column: str, code: str | None) -> str:
    """The code in words, e.g. describe("LS", "V2"); an unknown code is shown as itself, flagged."""
    if not code:
        return ""
    words = CODE_LISTS[column].get(code)
    return f"{code}: {words}" if words else f"{code} (not a 903 code)"


def choices(column: str) -> list[tuple[str, str]]:
    """Django-style (code, label) choices for a 903 column."""
    return [(code, f"{code}: {words}") for code, words in CODE_LISTS[column].items()]


def is_valid(column: str, code: str) -> bool:
    return code in CODE_LISTS[column]


def code_list(column: str, year: int | None) -> Mapping[str, str]:
    """The codes of `column` in the collection year starting in `year` (None: the lists before 2024-25)."""
    codes_ = dict(CODE_LISTS[column])
    for y in sorted(CODES_ADDED.keys() | CODES_RETIRED.keys()):
        if year is None or y > year:
            break
        codes_.update(CODES_ADDED.get(y, {}).get(column, {}))
        for code in CODES_RETIRED.get(y, {}).get(column, ()):
            codes_.pop(code, None)
    return codes_


def retired_in(column: str, code: str, year: int | None) -> int | None:
    """The collection year (up to `year`) in which `code` stopped being a code of `column`, if it did."""
    found = None
    for y, retired in sorted(CODES_RETIRED.items()):
        if year is not None and y <= year and code in retired.get(column, ()):
            found = y
    return found


def in_year_codes(column: str, code: str | None, year: int | None) -> str | None:
    """`code` as a return of the collection year starting in `year` writes it (e.g. SEX 1 as M from
    2024-25); unchanged when it was not replaced."""
    for y, replaced in sorted(CODES_REPLACED.items()):
        if code is not None and year is not None and y <= year:
            code = replaced.get(column, {}).get(code, code)
    return code


def as_records_code(column: str, code: str | None) -> str | None:
    """`code` as a return of any year writes it, in the codes Homeward's records store (`CODE_LISTS`):
    SEX M as 1, F as 2; unchanged when it was never replaced."""
    for replaced in CODES_REPLACED.values():
        for old, new in replaced.get(column, {}).items():
            if code == new:
                return old
    return code
