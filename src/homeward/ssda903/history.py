"""One child's care history: the 903 definitions of ../shared/SSDA903.md, for one child at a time.

This is the per-child path of the one definition Homeward has. `analysis` is the bulk path over a
whole `Dataset` (Polars); a property-based test (tests/ssda903/test_history.py) generates episode
histories and holds the two equal, child by child. Both read the same rules, in this order:

1. The episodes are repaired as `repair.RULES` says (an episode without a possible DECOM is left out;
   a DEC before its DECOM, an impossible DEC or a REC without a DEC is ignored; one episode
   per DECOM, a closed one first; an open episode followed by another is closed the day the next
   starts, X1 within a period or E99 before a new one; an overlap is truncated, its reason unknown
   (E99) when it ended the period, so an overlap never makes a return home; an X1 gap extended; a
   period ending the day a new one starts read as X1, so it makes no return and re-entry at day 0),
   exactly as `dataset_from_records` repairs them for the dashboard.
2. The history is cut at `as_of`: episodes starting later are unknown, endings later have not
   happened. An episode is closed only when it has a DEC: a REC without one (a validation error) is
   ignored, so the episode is still open.
3. A period of care runs from an episode with RNE S (or the first after a period ended) to the first
   REC other than X1. Short-break episodes (V3 or V4) are then left out, as the DfE does: a period's
   start, end and reason are those of its other episodes (so a period whose last episode is a short
   break ending E4A ends where the short breaks began, and is no return home), and a period made only
   of short breaks is left out of periods, returns and re-entries.
4. A return home is a period ending E4A or E4B; it broke down when a later period began (re-entry).
   E13 is reported apart.
5. Legal status now is that of the child's open episode (a short break included: the child is
   accommodated now); "in care since" is the start of the open period of care.

Pure Python with no Polars, numpy or Django, so the record page, the caseload and the framework
snapshot can ask for one child without loading the analysis engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from homeward.ssda903 import codes

# RNE codes that start a placement (L is a change of legal status only).
PLACEMENT_CHANGE_RNE = frozenset({"S", "P", "T", "U", "B"})

# The breakdowns' groups (the JSON's `breakdowns`), in the order analyse lists them.
AGE_BANDS: tuple[tuple[int, str], ...] = (
    (0, "under 1"),
    (1, "1 to 4"),
    (5, "5 to 9"),
    (10, "10 to 15"),
    (16, "16 and over"),
)
UNKNOWN = "unknown"
KIND_GROUPS = ("planned (E4A)", "unplanned (E4B)")
PREVIOUS_RETURN_GROUPS = ("none", "1", "2 or more")
S20_GROUP = "s20 accommodation (V2)"
ORDER_GROUP = "care or placement order (C1, C2, D1, E1)"
OTHER_LEGAL_GROUP = "other (police, emergency protection, youth justice)"
BREAKDOWN_KEYS = (
    "legal_status_at_return",
    "age_at_return",
    "category_of_need",
    "planned_or_unplanned",
    "previous_returns",
    "year_of_return",
)


def legal_status_group(ls: str | None) -> str:
    if ls in codes.VOLUNTARY_LEGAL_STATUSES:
        return S20_GROUP
    if ls in codes.ORDER_LEGAL_STATUSES:
        return ORDER_GROUP
    if ls is None:
        return UNKNOWN
    return OTHER_LEGAL_GROUP


def need_group(cin: str | None) -> str:
    return codes.describe("CIN", cin) if cin else UNKNOWN


def age_band(age: int | None) -> int:
    """Index into AGE_BANDS (len(AGE_BANDS) for unknown)."""
    band = len(AGE_BANDS)
    if age is None:
        return band
    for i, (lo, _) in enumerate(AGE_BANDS):
        if age >= lo:
            band = i
    return band


def age_band_name(band: int) -> str:
    return AGE_BANDS[band][1] if band < len(AGE_BANDS) else UNKNOWN


# The dates a figure may use: a date before 1900 or after today is an impossible date (rules HW-04,
# HW-06, HW-07, HW-08), never a real start, end or birth.
EARLIEST_DATE = date(1900, 1, 1)


def readable_date(d: date | None) -> bool:
    """Whether `d` is a date a figure may use: given, not before 1900 and not in the future."""
    return d is not None and EARLIEST_DATE <= d <= date.today()


def collection_start_year(d: date) -> int:
    """The year the 903 collection year (1 April to 31 March) holding `d` starts."""
    return d.year if d.month >= 4 else d.year - 1


def year_label(start: int) -> str:
    return f"{start}-{(start + 1) % 100:02d}"


def age_on(born: date, day: date) -> int | None:
    """Whole years of age on `day`; None when `day` is before the birth."""
    if born > day:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass(frozen=True)
class Episode:
    """One 903 episode, typed: dates are dates, codes upper-case text, blanks None."""

    child: str
    decom: date
    rne: str
    ls: str
    cin: str
    place: str
    place_provider: str | None = None
    dec: date | None = None
    rec: str | None = None
    reason_place_change: str | None = None
    home_post: str | None = None
    pl_post: str | None = None
    urn: str | None = None

    def as_903(self) -> dict[str, object]:
        """The episode in 903 columns (dates stay dates), for `dataset_from_records`."""
        return {
            "CHILD": self.child,
            "DECOM": self.decom,
            "RNE": self.rne,
            "LS": self.ls,
            "CIN": self.cin,
            "PLACE": self.place,
            "PLACE_PROVIDER": self.place_provider,
            "DEC": self.dec,
            "REC": self.rec,
            "REASON_PLACE_CHANGE": self.reason_place_change,
            "HOME_POST": self.home_post,
            "PL_POST": self.pl_post,
            "URN": self.urn,
        }

    # The codes in words, for pages.
    @property
    def rne_words(self) -> str:
        return codes.REASON_NEW_EPISODE.get(self.rne, self.rne)

    @property
    def ls_words(self) -> str:
        return codes.LEGAL_STATUS.get(self.ls, self.ls)

    @property
    def is_voluntary(self) -> bool:
        """Accommodated under s20: a parent with parental responsibility may remove the child at any time."""
        return self.ls in codes.VOLUNTARY_LEGAL_STATUSES

    @property
    def cin_words(self) -> str:
        return codes.CATEGORY_OF_NEED.get(self.cin, self.cin)

    @property
    def place_words(self) -> str:
        return codes.PLACEMENT.get(self.place, self.place)

    @property
    def provider_words(self) -> str:
        p = self.place_provider or ""
        return codes.PLACE_PROVIDER.get(p, p)

    @property
    def rec_words(self) -> str:
        r = self.rec or ""
        return codes.REASON_EPISODE_CEASED.get(r, r)


@dataclass(frozen=True)
class ChildDetails:
    """A 903 Header row, typed."""

    child: str
    sex: str | None = None
    dob: date | None = None
    ethnic: str | None = None
    upn: str | None = None
    mother: str | None = None
    mc_dob: date | None = None

    def as_903(self) -> dict[str, object]:
        return {
            "CHILD": self.child,
            "SEX": self.sex,
            "DOB": self.dob,
            "ETHNIC": self.ethnic,
            "UPN": self.upn,
            "MOTHER": self.mother,
            "MC_DOB": self.mc_dob,
        }


@dataclass(frozen=True)
class PeriodOfCare:
    start: date
    end: date | None  # the DEC of its last episode (None while open)
    end_reason: str | None  # the REC of its last episode
    legal_status: str | None  # LS, CIN and PLACE of its last episode
    category_of_need: str | None
    placement: str | None
    episodes: int
    placements: int  # episodes starting a placement (RNE S, P, T, U or B)

    @property
    def is_open(self) -> bool:
        return self.end is None

    @property
    def end_reason_words(self) -> str:
        r = self.end_reason or ""
        return codes.REASON_EPISODE_CEASED.get(r, r)

    def days(self, today: date) -> int:
        return ((self.end or today) - self.start).days


@dataclass(frozen=True)
class ReturnHome:
    """A period of care that ended E4A or E4B, and what followed it."""

    returned_on: date
    code: str  # E4A or E4B
    legal_status: str | None  # of the last episode before the return
    category_of_need: str | None
    placement: str | None
    re_entry: date | None  # start of the next period of care, if one began
    previous_returns: int  # the child's earlier returns home
    age: int | None  # whole years on the day of return (None without a date of birth)

    @property
    def planned(self) -> bool:
        return self.code == codes.PLANNED_RETURN_HOME

    @property
    def broke_down(self) -> bool:
        return self.re_entry is not None

    @property
    def legal_status_words(self) -> str:
        """The legal status before the return, with its meaning ("C2: Full care order")."""
        return codes.describe("LS", self.legal_status) or "Not recorded"

    @property
    def days_to_re_entry(self) -> int | None:
        return (self.re_entry - self.returned_on).days if self.re_entry else None

    def follow_up_days(self, as_of: date) -> int:
        """Days followed: to the re-entry, or to the end of the data (censored)."""
        return ((self.re_entry or as_of) - self.returned_on).days

    def groups(self) -> dict[str, str]:
        """The group this return falls in for each of the dashboard's breakdowns."""
        return {
            "legal_status_at_return": legal_status_group(self.legal_status),
            "age_at_return": age_band_name(age_band(self.age)),
            "category_of_need": need_group(self.category_of_need),
            "planned_or_unplanned": KIND_GROUPS[0 if self.planned else 1],
            "previous_returns": PREVIOUS_RETURN_GROUPS[min(self.previous_returns, 2)],
            "year_of_return": year_label(collection_start_year(self.returned_on)),
        }


@dataclass(frozen=True)
class LegalStatusSpell:
    code: str
    start: date
    end: date | None

    @property
    def words(self) -> str:
        return codes.LEGAL_STATUS.get(self.code, self.code)


@dataclass(frozen=True)
class TimelineEntry:
    """An episode as recorded, and what the history made of it."""

    episode: Episode
    ended_by_return_home: bool  # it is the last episode of a period ending E4A or E4B
    short_break: bool  # a short-break episode (V3, V4), left out of the periods of care


@dataclass(frozen=True)
class HistorySummary:
    """What both paths give for a child: `CareHistory.summary()` and `analysis.care_histories`."""

    periods: tuple[PeriodOfCare, ...]
    returns_home: tuple[ReturnHome, ...]
    legal_status_now: str | None
    in_care_since: date | None


@dataclass(frozen=True)
class CareHistory:
    as_of: date
    periods: tuple[PeriodOfCare, ...]  # short-break periods left out, oldest first
    returns_home: tuple[ReturnHome, ...]
    left_to_non_pr: tuple[date, ...]  # periods ending E13
    short_break_periods: int
    current_episode: Episode | None  # the open episode on as_of (after repair), short breaks included
    legal_status_history: tuple[LegalStatusSpell, ...]
    timeline: tuple[TimelineEntry, ...]

    @property
    def current_period(self) -> PeriodOfCare | None:
        return self.periods[-1] if self.periods and self.periods[-1].is_open else None

    @property
    def failed_returns(self) -> tuple[ReturnHome, ...]:
        return tuple(r for r in self.returns_home if r.broke_down)

    @property
    def legal_status_now(self) -> str | None:
        return self.current_episode.ls if self.current_episode else None

    @property
    def placement_now(self) -> str | None:
        return self.current_episode.place if self.current_episode else None

    @property
    def in_care_since(self) -> date | None:
        period = self.current_period
        return period.start if period else None

    @property
    def days_in_care(self) -> int | None:
        period = self.current_period
        return period.days(self.as_of) if period else None

    def summary(self) -> HistorySummary:
        return HistorySummary(self.periods, self.returns_home, self.legal_status_now, self.in_care_since)

    @property
    def last_legal_status(self) -> str | None:
        """Legal status now, else that of the last period of care (e.g. the order before a return)."""
        if self.legal_status_now:
            return self.legal_status_now
        return self.periods[-1].legal_status if self.periods else None


def repaired(episodes: Iterable[Episode]) -> list[tuple[int, Episode]]:
    """One child's episodes repaired by the rules of `repair.RULES`, ordered by DECOM, each with
    its position in `episodes`."""
    given = list(episodes)
    cleared = [
        (i, replace(e, dec=None, rec=None) if _end_ignored(e) else e)
        for i, e in enumerate(given)
        if readable_date(e.decom)  # unusable_episode_dropped
    ]
    cleared.sort(key=lambda p: p[1].decom)  # stable: ties keep the order given
    kept: list[tuple[int, Episode]] = []
    for i, e in cleared:
        if kept and kept[-1][1].decom == e.decom:
            if kept[-1][1].dec is None and e.dec is not None:
                kept[-1] = (i, e)  # the closed copy of a re-sent episode
            continue
        kept.append((i, e))
    out: list[tuple[int, Episode]] = []
    for j, (i, e) in enumerate(kept):
        if j + 1 < len(kept):
            after = kept[j + 1][1]
            dec = e.dec
            if dec is None:
                reason = codes.REC_UNKNOWN if after.rne == "S" else codes.STILL_LOOKED_AFTER
                e = replace(e, dec=after.decom, rec=reason)
            elif dec > after.decom:
                ends_period = e.rec is not None and e.rec != codes.STILL_LOOKED_AFTER
                # overlapping_ending_unknown, else overlap_truncated
                e = replace(e, dec=after.decom, rec=codes.REC_UNKNOWN if ends_period else e.rec)
            elif e.rec == codes.STILL_LOOKED_AFTER and dec < after.decom:
                e = replace(e, dec=after.decom)
            elif dec == after.decom and _ends_period(e):
                e = replace(e, rec=codes.STILL_LOOKED_AFTER)  # same_day_restart_joined
        out.append((i, e))
    return out


def _end_ignored(e: Episode) -> bool:
    """end_before_start_cleared, or end_unreadable_cleared: a DEC before its DECOM, an impossible DEC,
    or a REC without a DEC."""
    if e.dec is None:
        return e.rec is not None
    return e.dec < e.decom or not readable_date(e.dec)


def _cut(episodes: list[tuple[int, Episode]], as_of: date) -> list[tuple[int, Episode]]:
    out = []
    for i, e in episodes:
        if e.decom > as_of:
            continue
        if e.dec is None or e.dec > as_of:
            e = replace(e, dec=None, rec=None) if (e.dec is not None or e.rec is not None) else e
        out.append((i, e))
    return out


def _ends_period(e: Episode) -> bool:
    return e.rec is not None and e.rec != codes.STILL_LOOKED_AFTER


def care_history(episodes: Iterable[Episode], as_of: date, child: ChildDetails | None = None) -> CareHistory:
    """The care history of one child on `as_of`, from their episodes in any order (see the module)."""
    given = list(episodes)
    chains: list[list[tuple[int, Episode]]] = []
    for i, e in _cut(repaired(given), as_of):
        if not chains or e.rne == "S" or _ends_period(chains[-1][-1][1]):
            chains.append([])
        chains[-1].append((i, e))

    dob = child.dob if child else None
    periods: list[PeriodOfCare] = []
    returns: list[ReturnHome] = []
    left: list[date] = []
    spells: list[LegalStatusSpell] = []
    return_home_episodes: set[int] = set()
    short_break_episodes: set[int] = set()
    counted: list[tuple[PeriodOfCare, int]] = []
    for whole in chains:
        # Short-break episodes (V3, V4) are left out, as the DfE does (../shared/SSDA903.md): the
        # period is its other episodes, and a period made only of short breaks disappears.
        short_break_episodes.update(i for i, e in whole if e.ls in codes.SHORT_BREAK_LEGAL_STATUSES)
        chain = [(i, e) for i, e in whole if e.ls not in codes.SHORT_BREAK_LEGAL_STATUSES]
        if not chain:
            continue
        eps = [e for _, e in chain]
        last = eps[-1]
        period = PeriodOfCare(
            start=eps[0].decom,
            end=last.dec,
            end_reason=last.rec,
            legal_status=last.ls,
            category_of_need=last.cin,
            placement=last.place,
            episodes=len(eps),
            placements=sum(e.rne in PLACEMENT_CHANGE_RNE for e in eps),
        )
        periods.append(period)
        counted.append((period, chain[-1][0]))
        for e in eps:
            if spells and spells[-1].code == e.ls and spells[-1].end in (None, e.decom):
                spells[-1] = LegalStatusSpell(e.ls, spells[-1].start, e.dec)
            else:
                spells.append(LegalStatusSpell(e.ls, e.decom, e.dec))

    for n, (period, last_index) in enumerate(counted):
        if period.end is None:
            continue
        if period.end_reason in codes.RETURN_HOME_CODES:
            assert period.end_reason is not None
            return_home_episodes.add(last_index)
            returns.append(
                ReturnHome(
                    returned_on=period.end,
                    code=period.end_reason,
                    legal_status=period.legal_status,
                    category_of_need=period.category_of_need,
                    placement=period.placement,
                    re_entry=counted[n + 1][0].start if n + 1 < len(counted) else None,
                    previous_returns=len(returns),
                    age=age_on(dob, period.end) if dob and readable_date(dob) else None,
                )
            )
        elif period.end_reason == codes.LEFT_TO_NON_PR:
            left.append(period.end)

    last_now = chains[-1][-1][1] if chains else None
    order = sorted(range(len(given)), key=lambda i: given[i].decom)
    return CareHistory(
        as_of=as_of,
        periods=tuple(periods),
        returns_home=tuple(returns),
        left_to_non_pr=tuple(left),
        short_break_periods=len(chains) - len(periods),
        current_episode=last_now if last_now is not None and last_now.dec is None else None,
        legal_status_history=tuple(spells),
        timeline=tuple(
            TimelineEntry(given[i], i in return_home_episodes, i in short_break_episodes) for i in order
        ),
    )


def care_histories(
    episodes: Iterable[Episode], as_of: date, children: Mapping[str, ChildDetails] | None = None
) -> dict[str, CareHistory]:
    """`care_history` of every child in `episodes`, by child id (for a handful of children; a whole
    return goes through `analysis`)."""
    by_child: dict[str, list[Episode]] = {}
    for e in episodes:
        by_child.setdefault(e.child, []).append(e)
    found = children or {}
    return {c: care_history(eps, as_of, found.get(c)) for c, eps in by_child.items()}
