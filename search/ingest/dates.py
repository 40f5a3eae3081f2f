"""Every date Dateline reads or is asked about goes through here (python-dateutil)."""

from __future__ import annotations

import calendar
import contextlib
import re
from dataclasses import dataclass
from datetime import date, datetime

from dateutil import parser as _dateutil

from search.errors import DateError

EARLIEST_YEAR = 1800
LATEST_YEAR = 2200

# Two defaults that differ in every field show which fields the text really gave.
_DEFAULT_A = datetime(2000, 1, 1)
_DEFAULT_B = datetime(2001, 12, 28)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class DateSpan:
    """The whole days a date expression covers: `2023` is a year, `Jan 2023` a month."""

    start: date
    end: date


def _parse_twice(text: str) -> tuple[datetime, datetime]:
    cleaned = text.strip()
    if not cleaned:
        raise DateError("empty date")
    try:
        return (
            _dateutil.parse(cleaned, default=_DEFAULT_A),
            _dateutil.parse(cleaned, default=_DEFAULT_B),
        )
    except (ValueError, OverflowError) as exc:
        raise DateError(f"cannot understand the date {cleaned!r}") from exc


def _check_plausible(day: date, text: str) -> date:
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise DateError(
            f"date {text.strip()!r} is outside {EARLIEST_YEAR}–{LATEST_YEAR}; is the year right?"
        )
    return day


def parse_span(text: str) -> DateSpan:
    """Parse a search bound: `2023-01-13`, `13 Jan 2023`, `Jan 2023`, `2023-01` or `2023`."""
    a, b = _parse_twice(text)
    if a.year != b.year:
        raise DateError(f"the date {text.strip()!r} needs a year, e.g. 'Jan 2023'")
    year = a.year
    if a.month != b.month:
        span = DateSpan(date(year, 1, 1), date(year, 12, 31))
    elif a.day != b.day:
        last = calendar.monthrange(year, a.month)[1]
        span = DateSpan(date(year, a.month, 1), date(year, a.month, last))
    else:
        span = DateSpan(a.date(), a.date())
    _check_plausible(span.start, text)
    return span


def parse_range(date_from: str | None, date_to: str | None) -> tuple[date | None, date | None]:
    """Inclusive (first day, last day) for a pair of optional bounds; rejects a reversed range."""
    start = parse_span(date_from).start if date_from else None
    end = parse_span(date_to).end if date_to else None
    if start and end and start > end:
        raise DateError(
            f"the range is reversed: {date_from!r} is after {date_to!r}; swap the from and to dates"
        )
    return start, end


def parse_article_date(text: str) -> date:
    """The publication date of an article, in any form python-dateutil understands."""
    if _ISO_DAY.fullmatch(text.strip()):
        # The common case, without dateutil's general parser (a large share of indexing time).
        with contextlib.suppress(ValueError):
            return _check_plausible(date.fromisoformat(text.strip()), text)
    a, b = _parse_twice(text)
    if a.date() != b.date():
        raise DateError(f"the date {text.strip()!r} is not a full day (year, month and day)")
    return _check_plausible(a.date(), text)
