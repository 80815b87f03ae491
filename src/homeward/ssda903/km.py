"""Kaplan–Meier estimate of the time to re-entry, with confidence intervals.

Greenwood's variance with the log(−log) transform, as lifelines computes it, so the two agree.
Cumulative incidence is 1 − S(t): the estimated share of returns followed by re-entry within t days.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

Z95 = 1.959963984540054  # two-sided 95 %


@dataclass(frozen=True)
class KaplanMeier:
    times: np.ndarray  # distinct times with an event or censoring, ascending (days)
    at_risk: np.ndarray  # returns still followed just before each time
    events: np.ndarray  # re-entries at each time
    survival: np.ndarray  # S(t) just after each time
    lower: np.ndarray  # 95 % bounds on S(t)
    upper: np.ndarray
    max_time: float  # longest follow-up: the estimate is not defined beyond it

    def at(self, t: float) -> tuple[float, float, float] | None:
        """(cumulative incidence, lower, upper) at day t; None if no return was followed that long."""
        if len(self.times) == 0 or t > self.max_time:
            return None
        i = int(np.searchsorted(self.times, t, side="right")) - 1
        if i < 0:
            return 0.0, 0.0, 0.0
        s, lo, hi = self.survival[i], self.lower[i], self.upper[i]
        return float(1 - s), float(1 - hi), float(1 - lo)


def kaplan_meier(durations: np.ndarray, observed: np.ndarray, z: float = Z95) -> KaplanMeier:
    """KM from follow-up times (days) and whether each ended in the event (True) or was censored."""
    durations = np.asarray(durations, dtype=np.float64)
    observed = np.asarray(observed, dtype=bool)
    if len(durations) == 0:
        empty = np.array([], dtype=np.float64)
        return KaplanMeier(empty, empty, empty, empty, empty, empty, 0.0)
    if np.all(durations[1:] >= durations[:-1]):  # already sorted (analyse sorts once for all groups)
        starts = np.flatnonzero(np.diff(durations, prepend=durations[0] - 1))
        times = durations[starts]
        removed = np.diff(np.append(starts, len(durations))).astype(np.float64)
        events = np.add.reduceat(observed.astype(np.float64), starts)
    else:
        times, inverse = np.unique(durations, return_inverse=True)
        removed = np.bincount(inverse, minlength=len(times)).astype(np.float64)
        events = np.bincount(inverse, weights=observed.astype(np.float64), minlength=len(times))
    at_risk = len(durations) - np.concatenate(([0.0], np.cumsum(removed)[:-1]))
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = 1.0 - events / at_risk
        survival = np.cumprod(factor)
        greenwood = np.cumsum(np.where(at_risk > events, events / (at_risk * (at_risk - events)), np.inf))
        log_s = np.log(survival)
        centre = np.log(-log_s)
        half = z * np.sqrt(greenwood) / log_s
        lower = np.exp(-np.exp(centre - half))
        upper = np.exp(-np.exp(centre + half))
    # Before the first event S = 1 exactly; when S reaches 0 the bounds are 0.
    lower = np.where(survival >= 1.0, 1.0, np.where(survival <= 0.0, 0.0, lower))
    upper = np.where(survival >= 1.0, 1.0, np.where(survival <= 0.0, 0.0, upper))
    lo, hi = np.minimum(lower, upper), np.maximum(lower, upper)
    return KaplanMeier(times, at_risk, events, survival, lo, hi, float(times[-1]))
