"""Counting dates per period (the timeline's bars), against the plain definition: each date in
the period that starts on or before it, every period from the first to the last listed."""

from __future__ import annotations

from collections import Counter
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from search.query.periods import GRANULARITIES, bucket, next_period, period_start

dates = st.dates(min_value=date(1850, 1, 1), max_value=date(2150, 12, 31))


def by_definition(found: list[date], granularity: str, start, end) -> list[tuple[date, int]]:
    counts = Counter(period_start(d, granularity) for d in found)
    cursor, last = period_start(start or min(found), granularity), end or max(found)
    series = []
    while cursor <= last:
        series.append((cursor, counts.get(cursor, 0)))
        cursor = next_period(cursor, granularity)
    return series


@settings(max_examples=400, deadline=None)
@given(
    st.lists(dates, min_size=1, max_size=40),
    st.sampled_from(GRANULARITIES),
    st.one_of(st.none(), dates),
    st.one_of(st.none(), dates),
)
def test_each_date_is_counted_in_its_period(found, granularity, start, end):
    if start and end and start > end:
        start, end = end, start
    if (
        granularity == "day"
        and (end or max(found)) - (start or min(found)) > date.resolution * 4000
    ):
        return  # a day a bar: long spans only take time
    assert bucket(found, granularity, start, end) == by_definition(found, granularity, start, end)


def test_weeks_start_on_monday_and_years_on_1_january():
    found = [date(2023, 1, 5), date(2023, 1, 8), date(2023, 1, 9)]
    assert bucket(found, "week") == [(date(2023, 1, 2), 2), (date(2023, 1, 9), 1)]
    assert bucket(found, "year", end=date(2024, 3, 1)) == [
        (date(2023, 1, 1), 3),
        (date(2024, 1, 1), 0),
    ]
    assert bucket([], "month") == []
