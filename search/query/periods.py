"""Periods of a timeline: day, week, month or year, and counts of dates per period."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

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
    per_day = Counter(dates)
    if not per_day and (start is None or end is None):
        return []
    first = period_start(start or min(per_day), granularity)
    last = end or max(per_day)
    counts: Counter[date] = Counter()
    # Many matches share a day: each distinct day is placed in its period once.
    for day, n in per_day.items():
        counts[period_start(day, granularity)] += n
    series = []
    cursor = first
    while cursor <= last:
        series.append((cursor, counts.get(cursor, 0)))
        cursor = next_period(cursor, granularity)
    return series
