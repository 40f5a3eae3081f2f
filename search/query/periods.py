"""Periods of a timeline: day, week, month or year, and counts of dates per period."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

import numpy as np

from search.engine.columns import numpy_days

GRANULARITIES = ("day", "week", "month", "year")


def choose_granularity(start: date, end: date) -> str:
    days = (end - start).days
    if days <= 92:
        return "day"
    if days <= 240:
        return "week"
    if days <= 366 * 8:
        return "month"
    return "year"


def period_start(day: date, granularity: str) -> date:
    if granularity == "day":
        return day
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def next_period(day: date, granularity: str) -> date:
    if granularity == "day":
        return day + timedelta(days=1)
    if granularity == "week":
        return day + timedelta(days=7)
    if granularity == "month":
        return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return day.replace(year=day.year + 1, month=1, day=1)


def bucket(
    dates: Iterable[date] | Mapping[date, int],
    granularity: str,
    start: date | None = None,
    end: date | None = None,
) -> list[tuple[date, int]]:
    """Counts per period from `start` to `end` (default: the dates' own span), zeros included.
    `dates`: each date once per match, or how many matches each date has."""
    per_day = sorted(Counter(dates).items())
    days = np.array([d.toordinal() for d, _ in per_day], dtype=np.int64)
    return bucket_days(
        days, np.array([n for _, n in per_day], dtype=np.int64), granularity, start, end
    )


def bucket_days(
    days: Sequence[int] | np.ndarray,
    counts: Sequence[int] | np.ndarray,
    granularity: str,
    start: date | None = None,
    end: date | None = None,
) -> list[tuple[date, int]]:
    """`bucket`, from distinct day numbers (`date.toordinal`), ascending, and how many matches
    each has: each day placed in its period by numpy, not a date object at a time (an archive
    of decades has thousands of distinct days)."""
    days, counts = np.asarray(days, dtype=np.int64), np.asarray(counts, dtype=np.int64)
    if not len(days) and (start is None or end is None):
        return []
    first = period_start(start or date.fromordinal(int(days[0])), granularity)
    last = end or date.fromordinal(int(days[-1]))
    step = 7 if granularity == "week" else 1
    low, high = _starts(np.array([first.toordinal(), last.toordinal()]), granularity)
    starts = np.arange(low, high + 1, step)
    totals = np.zeros(len(starts), dtype=np.int64)
    if len(days):
        at = (_starts(days, granularity) - low).astype(np.int64) // step
        inside = (at >= 0) & (at < len(starts))
        totals = np.bincount(at[inside], counts[inside], minlength=len(starts)).astype(np.int64)
    return list(zip(starts.astype("datetime64[D]").tolist(), totals.tolist(), strict=True))


_UNITS = {"day": "D", "week": "D", "month": "M", "year": "Y"}


def _starts(days: np.ndarray, granularity: str) -> np.ndarray:
    """The start of each day's period, in the period's own unit (weeks in days)."""
    if granularity == "week":  # day number 1 (1 January of year 1) is a Monday
        days = days - (days - 1) % 7
    moments = numpy_days(days)
    return moments.astype(f"datetime64[{_UNITS[granularity]}]")
