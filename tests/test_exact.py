"""`exact:"interest rates"` matches the words as written; a plain phrase matches their stems."""

from __future__ import annotations

import json

import pytest

from search import Index, QueryError
from tests.conftest import indexed, run
from webui import create_app

ARTICLES = {
    "plural": "The central bank said interest rates would stay high until inflation slowed.",
    "capitals": "Bankers expect Interest Rates to fall, the Fed governor said in a speech.",
    "hyphen": "A survey of interest-rates across Europe was published by the commission.",
    "singular": "The interest rate on the bonds was fixed at eight pct, the company said.",
    "inflected": "Investors interested in rating agencies bought the shares on Monday.",
    "apart": "Rates of interest on savings accounts were cut by the building societies.",
}


@pytest.fixture(scope="module")
def rates_index(tmp_path_factory) -> Index:
    records = [
        {"id": key, "date": f"1987-03-{n + 1:02d}", "title": f"Report {n}", "body": body}
        for n, (key, body) in enumerate(ARTICLES.items())
    ]
    return indexed(tmp_path_factory.mktemp("exact"), records)


def found(index: Index, query: str, **options) -> set[str]:
    page = index.search(query, page_size=100, **options)
    assert page.total == len(page.hits)  # the count is of what is shown
    return {hit.id for hit in page.hits}


def test_a_phrase_matches_the_stems_by_default(rates_index):
    assert {"plural", "capitals", "hyphen", "singular"} <= found(rates_index, '"interest rates"')


def test_exact_matches_the_words_as_written(rates_index):
    assert found(rates_index, 'exact:"interest rates"') == {"plural", "capitals", "hyphen"}
    assert found(rates_index, 'exact:"interest rate"') == {"singular"}


def test_exact_one_word_and_with_other_words(rates_index):
    assert found(rates_index, "exact:rates") == {"plural", "capitals", "hyphen", "apart"}
    assert found(rates_index, 'exact:"interest rates" AND fed') == {"capitals"}
    assert found(rates_index, 'exact:"interest rates" central') == {"plural"}


def test_exact_counts_and_pages_only_what_it_keeps(rates_index):
    first = rates_index.search('exact:"interest rates"', page_size=2)
    second = rates_index.search('exact:"interest rates"', page_size=2, page=2)
    assert first.total == second.total == 3 and first.pages == 2
    assert len(first.hits) == 2 and len(second.hits) == 1
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}


def test_exact_filters_the_export_too(rates_index):
    rows = list(rates_index.export('exact:"interest rate"'))
    assert [row["id"] for row in rows] == ["singular"]


def test_an_unclosed_exact_phrase_is_a_clear_error(rates_index):
    with pytest.raises(QueryError, match="quotation mark"):
        rates_index.search('exact:"interest rates')


@pytest.mark.parametrize(
    "query, message",
    [
        ('exact:""', "needs words"),
        ('exact:"interest rates" OR bank', "not with OR or NOT"),
        ('bank NOT exact:"interest rates"', "not with OR or NOT"),
    ],
)
def test_exact_where_it_cannot_mean_anything_is_a_clear_error(rates_index, query, message):
    with pytest.raises(QueryError, match=message):
        rates_index.search(query)


def test_exact_in_the_cli_and_the_api(rates_index):
    done = run("search", 'exact:"interest rate"', "--index", rates_index.path, "--json")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["total"] == 1 and payload["results"][0]["id"] == "singular"
    client = create_app(index=rates_index).test_client()
    answer = client.get('/api/search?q=exact:"interest rates"').get_json()
    assert answer["total"] == 3
    assert {r["id"] for r in answer["results"]} == {"plural", "capitals", "hyphen"}
    assert client.get('/api/search?q=exact:"interest').status_code == 400
