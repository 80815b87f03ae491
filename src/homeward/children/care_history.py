"""A child's care story computed from their 903 episodes, with the SSDA903.md definitions.

- A period of care runs from an episode with RNE = S to the first REC other than X1.
- A return home is a period ending E4A (planned) or E4B (unplanned); E13 is reported apart.
- It broke down when a later period of care began: a re-entry. Short breaks (V3/V4) are left out.
Pure Python (no Django) so the same rules can be checked on their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from homeward.ssda903 import codes

PLACEMENT_CHANGE_RNE = frozenset({"S", "P", "T", "U", "B"})


class EpisodeLike(Protocol):
    decom: date
    rne: str
    ls: str
    cin: str
    place: str
    dec: date | None
    rec: str


@dataclass(frozen=True)
class LegalStatusSpell:
    code: str
    start: date
    end: date | None

    @property
    def words(self) -> str:
        return codes.LEGAL_STATUS.get(self.code, self.code)


@dataclass
class PeriodOfCare:
    start: date
    end: date | None = None
    end_reason: str = ""
    placements: int = 0
    legal_statuses: list[str] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.end is None

    @property
    def end_reason_words(self) -> str:
        return codes.REASON_EPISODE_CEASED.get(self.end_reason, self.end_reason)

    def days(self, today: date) -> int:
        return ((self.end or today) - self.start).days


@dataclass(frozen=True)
class ReturnHome:
    returned_on: date
    code: str  # E4A or E4B
    legal_status: str
    re_entry: date | None

    @property
    def planned(self) -> bool:
        return self.code == codes.PLANNED_RETURN_HOME

    @property
    def broke_down(self) -> bool:
        return self.re_entry is not None

    @property
    def days_to_re_entry(self) -> int | None:
        return (self.re_entry - self.returned_on).days if self.re_entry else None


@dataclass
class CareHistory:
    periods: list[PeriodOfCare]
    returns_home: list[ReturnHome]
    left_to_non_pr: list[date]
    legal_status_history: list[LegalStatusSpell]

    @property
    def current_period(self) -> PeriodOfCare | None:
        return self.periods[-1] if self.periods and self.periods[-1].is_open else None

    @property
    def failed_returns(self) -> list[ReturnHome]:
        return [r for r in self.returns_home if r.broke_down]

    @property
    def legal_status_now(self) -> str | None:
        spell = self.legal_status_history[-1] if self.legal_status_history else None
        return spell.code if spell and spell.end is None else None


def compute_care_history(episodes: Iterable[EpisodeLike]) -> CareHistory:
    ordered = sorted(
        (e for e in episodes if e.ls not in codes.SHORT_BREAK_LEGAL_STATUSES),
        key=lambda e: e.decom,
    )
    periods: list[PeriodOfCare] = []
    current: PeriodOfCare | None = None
    spells: list[LegalStatusSpell] = []
    for ep in ordered:
        # A new period starts at RNE S, or (defensively, for data breaking rule 432) after a closed one.
        if current is None or ep.rne == "S":
            current = PeriodOfCare(start=ep.decom)
            periods.append(current)
        if ep.rne in PLACEMENT_CHANGE_RNE:
            current.placements += 1
        if not current.legal_statuses or current.legal_statuses[-1] != ep.ls:
            current.legal_statuses.append(ep.ls)
        if spells and spells[-1].code == ep.ls and spells[-1].end in (None, ep.decom):
            spells[-1] = LegalStatusSpell(ep.ls, spells[-1].start, ep.dec)
        else:
            spells.append(LegalStatusSpell(ep.ls, ep.decom, ep.dec))
        if ep.dec is not None and ep.rec and ep.rec != codes.STILL_LOOKED_AFTER:
            current.end = ep.dec
            current.end_reason = ep.rec
            current = None

    returns: list[ReturnHome] = []
    left_non_pr: list[date] = []
    for i, period in enumerate(periods):
        if period.end is None:
            continue
        next_start = periods[i + 1].start if i + 1 < len(periods) else None
        if period.end_reason in codes.RETURN_HOME_CODES:
            returns.append(ReturnHome(period.end, period.end_reason, period.legal_statuses[-1], next_start))
        elif period.end_reason == codes.LEFT_TO_NON_PR:
            left_non_pr.append(period.end)
    return CareHistory(periods, returns, left_non_pr, spells)
