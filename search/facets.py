"""Counting matches by group: facets (year, month, speaker, keyword metadata) and timelines."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from whoosh import query as wq
from whoosh import sorting
from whoosh.searching import Searcher
from whoosh.util.times import long_to_datetime

from search.schema import METADATA_PREFIX

UNDATED = "undated"
GRANULARITIES = ("day", "week", "month", "year")
DEFAULT_FACET_SIZE = 10
BUILT_IN = ("year", "month", "speaker")


def facet_fields(searcher: Searcher) -> list[str]:
    """Facet names this index offers: year, month, speaker, and each metadata field."""
    fields = searcher.reader().indexed_field_names()
    metadata = sorted(f[len(METADATA_PREFIX) :] for f in fields if f.startswith(METADATA_PREFIX))
    return [*BUILT_IN, *metadata]


def _date_key(fmt: str):
    def key(value) -> str:
        moment = value if isinstance(value, datetime) else long_to_datetime(value)
        return moment.strftime(fmt)

    return key


def _facet(name: str) -> sorting.FacetType:
    if name == "year":
        return sorting.TranslateFacet(_date_key("%Y"), sorting.FieldFacet("date"))
    if name == "month":
        return sorting.TranslateFacet(_date_key("%Y-%m"), sorting.FieldFacet("date"))
    field = name if name == "speaker" else METADATA_PREFIX + name
    return sorting.FieldFacet(field, allow_overlap=True)


def count_facets(
    searcher: Searcher,
    q: wq.Query,
    date_filter: wq.Query | None,
    names: Iterable[str],
    size: int = DEFAULT_FACET_SIZE,
) -> dict[str, list[tuple[str, int]]]:
    """For each facet, its most frequent values among the matches, with their counts.

    Year and month count dated articles only, most recent first; the others by count.
    """
    names = list(names)
    if not names:
        return {}
    dated = wq.Every("date") if date_filter is None else date_filter
    out: dict[str, list[tuple[str, int]]] = {}
    for name in names:
        is_date = name in ("year", "month")
        results = searcher.search(
            q,
            filter=dated if is_date else date_filter,
            groupedby={name: _facet(name)},
            limit=1,
            scored=False,
        )
        counts = Counter({k: len(v) for k, v in results.groups(name).items() if k})
        ordered = sorted(counts.items(), reverse=True) if is_date else counts.most_common(size)
        out[name] = [(str(k), n) for k, n in ordered]
    return out


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


def match_dates(searcher: Searcher, q: wq.Query, date_filter: wq.Query | None) -> list[date]:
    """The date of every dated match, from the sortable date column (no stored fields read)."""
    dated = wq.Every("date") if date_filter is None else date_filter
    results = searcher.search(q, filter=dated, limit=None, scored=False)
    column = searcher.reader().column_reader("date")
    return [_as_date(column[docnum]) for docnum in results.docs()]


def _as_date(value) -> date:
    moment = value if isinstance(value, datetime) else long_to_datetime(value)
    return moment.date()


def bucket(
    dates: list[date], granularity: str, start: date | None = None, end: date | None = None
) -> list[tuple[date, int]]:
    """Counts per period from `start` to `end` (default: the dates' own span), zeros included."""
    if not dates and (start is None or end is None):
        return []
    first = period_start(start or min(dates), granularity)
    last = end or max(dates)
    counts = Counter(period_start(d, granularity) for d in dates)
    series = []
    cursor = first
    while cursor <= last:
        series.append((cursor, counts.get(cursor, 0)))
        cursor = next_period(cursor, granularity)
    return series
