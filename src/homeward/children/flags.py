"""Flags on the caseload, added by the later parts of the practice (an open IRO challenge, an alert in
the months after a return).

Each app registers a flagger from its `AppConfig.ready`: given many children at once, it answers with the
flags of each in a fixed number of queries (never a query per child), so the caseload stays fast at an
authority's size. A flag is shown only to someone shown the part of the record it comes from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from homeward.access.policy import Section


@dataclass(frozen=True)
class Flag:
    text: str
    colour: str  # a GOV.UK tag colour, by what it means (`homeward.base.tags`)
    section: Section  # the part of the record it comes from


Flagger = Callable[[Sequence[int], date], dict[int, list[Flag]]]

_FLAGGERS: dict[Flagger, int] = {}


def register(flagger: Flagger, *, order: int) -> None:
    _FLAGGERS[flagger] = order


def for_children(
    child_ids: Sequence[int], today: date, sections: frozenset[Section]
) -> dict[int, list[Flag]]:
    """The flags of each child that this viewer (shown `sections` of a record) may see."""
    found: dict[int, list[Flag]] = {}
    for flagger in sorted(_FLAGGERS, key=lambda f: _FLAGGERS[f]):
        for child_id, child_flags in flagger(child_ids, today).items():
            shown = [f for f in child_flags if f.section in sections]
            if shown:
                found.setdefault(child_id, []).extend(shown)
    return found
