"""What counts as an answer: the one test every rule uses for the text a finding clears on.

A gap must not close on text that says nothing. Busy teams write "n/a", "TBC", "-" or "see notes" to get
past a required box; a rule that took that as an exclusion reason, a contingency plan or an agency's
contribution would tell a manager the gap is closed when the record shows nothing was done. So a rule
asks `says_something(text)`, and when it does not, quotes the text back (`quoted`): "the contingency plan
says only 'TBC'".
"""

from __future__ import annotations

import re

# Local default: fewer letters and digits than this say nothing a reader could act on ("ok", "done").
MIN_CHARACTERS = 8

# Whole answers that stand for "nothing written", compared without case, spaces or punctuation.
PLACEHOLDERS = frozenset(
    {
        "na",
        "none",
        "nil",
        "tbc",
        "tba",
        "tbd",
        "todo",
        "tocome",
        "tofollow",
        "seenotes",
        "seeabove",
        "seebelow",
        "seefile",
        "seerecord",
        "asabove",
        "notknown",
        "unknown",
        "notapplicable",
        "notyet",
        "pending",
        "xxx",
        "test",
    }
)

_NOT_WORDS = re.compile(r"[^0-9a-z]+")


def _letters(text: str) -> str:
    return _NOT_WORDS.sub("", text.lower())


def says_something(text: str | None) -> bool:
    """Whether `text` is an answer: not blank, not a placeholder, not a few characters."""
    letters = _letters(text or "")
    return len(letters) >= MIN_CHARACTERS and letters not in PLACEHOLDERS


def names_something(text: str | None) -> bool:
    """Whether `text` names something, however briefly (a source such as "GP" or "Mum"): not blank and
    not a placeholder. For a name, where `says_something`'s length would refuse a real one."""
    letters = _letters(text or "")
    return bool(letters) and letters not in PLACEHOLDERS


def quoted(text: str | None) -> str:
    """The text as a finding quotes it back: "says only 'TBC'", or "is blank"."""
    shown = " ".join((text or "").split())
    return f"says only '{shown[:40]}'" if shown else "is blank"
