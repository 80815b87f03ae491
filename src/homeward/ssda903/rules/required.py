"""Values that must be given: the mandatory columns (HW-02) and DEC with REC (148)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from homeward.ssda903.frame import Frame
from homeward.ssda903.rules.registry import Found, rule
from homeward.ssda903.tables import REQUIRED_VALUES

_WORDS = {
    "CHILD": "the child's ID",
    "SEX": "the child's sex",
    "DOB": "the date of birth",
    "ETHNIC": "the ethnicity code",
    "DECOM": "the date the episode started",
    "RNE": "the reason for new episode",
    "LS": "the legal status",
    "CIN": "the category of need",
    "PLACE": "the placement type",
}


def blank(frame: Frame, col: str) -> np.ndarray:
    """Blank cells; an impossible date is not blank (the date rules report it)."""
    out = frame.isnull(col)
    if col in frame.bad_dates:
        out[frame.bad_dates[col]] = False
    return out


# The DfE's 101, 102 and 103 also count a blank SEX, DOB or ETHNIC as invalid; the DfE's other
# mandatory values are enforced by its schema, not by a numbered rule.
@rule(
    "HW-02",
    "A value every row must have is blank.",
    fields=tuple(dict.fromkeys(REQUIRED_VALUES["Header"] + REQUIRED_VALUES["Episodes"])),
    kind="missing_value",
)
def required_values(header: Frame, episodes: Frame) -> Iterator[Found]:
    for frame in (header, episodes):
        for col in REQUIRED_VALUES[frame.name]:
            yield Found(
                frame,
                np.flatnonzero(blank(frame, col)),
                col,
                f"{col} is blank: {_WORDS.get(col, col)} must be given on every {frame.name} row",
                allowed="a value on every row",
            )


@rule(
    "148",
    "DEC (date episode ceased) and REC (reason episode ceased) must be both given or both blank.",
    fields=("DEC", "REC"),
    kind="missing_value",
)
def dec_with_rec(header: Frame, episodes: Frame) -> Iterator[Found]:
    e = episodes
    dec_blank, rec_blank = blank(e, "DEC"), e.isnull("REC")
    both = "DEC and REC both blank (episode still open) or both filled in"
    yield Found(
        e,
        np.flatnonzero(dec_blank & ~rec_blank),
        "DEC",
        "REC (reason episode ceased) is given but DEC (date episode ceased) is blank",
        both,
        value=lambda i: e.value("REC", i),
    )
    yield Found(
        e,
        np.flatnonzero(~dec_blank & rec_blank),
        "REC",
        "DEC (date episode ceased) is given but REC (reason episode ceased) is blank",
        both,
        value=lambda i: e.text("DEC", i),
    )
