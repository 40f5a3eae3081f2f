from datetime import date

import pytest

from search.ingest.dates import DateError, parse_article_date, parse_range, parse_span


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2023-01-13", date(2023, 1, 13), date(2023, 1, 13)),
        ("13 Jan 2023", date(2023, 1, 13), date(2023, 1, 13)),
        ("Jan 2023", date(2023, 1, 1), date(2023, 1, 31)),
        ("2023-01", date(2023, 1, 1), date(2023, 1, 31)),
        ("Feb 2024", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023", date(2023, 1, 1), date(2023, 12, 31)),
    ],
)
def test_a_bound_covers_the_whole_day_month_or_year_it_names(text, start, end):
    span = parse_span(text)
    assert (span.start, span.end) == (start, end)


def test_to_is_inclusive_of_the_last_day_it_names():
    assert parse_range("Jan 2023", "Feb 2023") == (date(2023, 1, 1), date(2023, 2, 28))


def test_reversed_range_is_refused_with_advice():
    with pytest.raises(DateError, match="reversed"):
        parse_range("2023-02-01", "2023-01-01")


@pytest.mark.parametrize("text", ["", "garbage", "Jan", "31 Feb 2023"])
def test_unparseable_bounds_are_refused(text):
    with pytest.raises(DateError):
        parse_span(text)


def test_article_dates_need_a_full_day_and_a_plausible_year():
    assert parse_article_date("26-FEB-1987 15:01:01.79") == date(1987, 2, 26)
    with pytest.raises(DateError, match="full day"):
        parse_article_date("Jan 2023")
    with pytest.raises(DateError, match="outside"):
        parse_article_date("3023-01-01")
