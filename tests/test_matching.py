"""The matching strategy: plain words rank the articles holding every word first, then those
holding fewer (rarer words first); AND, phrases and +word stay strict. Counts reach the API,
the CLI and the page."""

from __future__ import annotations

import json

import pytest

from search.index import Index
from tests.conftest import indexed, run
from webui import create_app

FILLER = "The ministry published its weekly report on the regional economy and its prospects. "
ARTICLES = [
    # Every word of "cocoa harvest strike", once each in a long body: a low BM25F score.
    {
        "id": "all-words",
        "date": "2023-03-01",
        "title": "Regional report",
        "body": FILLER * 6 + "Cocoa growers said the harvest was hit by a strike.",
    },
    # Two of the words, over and over in a short text: a high BM25F score.
    {
        "id": "two-common",
        "date": "2023-03-02",
        "title": "Harvest strike",
        "body": "Harvest strike. The harvest strike goes on, harvest after harvest, strike on.",
    },
    # Only the rarest word, once, in a long body.
    {
        "id": "rare-only",
        "date": "2023-03-03",
        "title": "Growers meet",
        "body": FILLER * 6 + "Cocoa growers met in the capital.",
    },
    # Only the commonest word, many times, in the title too.
    {
        "id": "common-only",
        "date": "2023-03-04",
        "title": "Harvest harvest",
        "body": "Harvest. The harvest, the harvest, the harvest again.",
    },
    {"id": "h1", "date": "2023-03-05", "title": "Rain", "body": "Rain delayed the harvest."},
    {"id": "h2", "date": "2023-03-06", "title": "Sun", "body": "Sun helped the harvest."},
    {"id": "h3", "date": "2023-03-07", "title": "Wind", "body": "Wind hurt the harvest."},
    {"id": "other", "date": "2023-03-08", "title": "Ports", "body": "Ports were quiet."},
    # The same words, as often and in as long a text: side by side, or paragraphs apart.
    {
        "id": "scattered",
        "date": "2023-03-09",
        "title": "Airport news",
        "body": "A jet landed at the airport on Monday. " + FILLER * 2 + "Fuel was short.",
    },
    {
        "id": "side-by-side",
        "date": "2023-03-10",
        "title": "Airport news",
        "body": "Jet fuel ran short at the airport on Monday. " + FILLER * 2 + "It was late.",
    },
]
QUERY = "cocoa harvest strike"
ANY_WORD = {"all-words", "two-common", "rare-only", "common-only", "h1", "h2", "h3"}


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    return indexed(tmp_path_factory.mktemp("matching"), ARTICLES).path


@pytest.fixture(scope="module")
def index(index_dir) -> Index:
    return Index(index_dir)


def ids(page) -> list[str]:
    return [hit.id for hit in page.hits]


def test_articles_with_every_word_come_first_then_those_with_some(index):
    page = index.search(QUERY, page_size=20)
    assert ids(page)[0] == "all-words"
    assert set(ids(page)) == ANY_WORD
    # The order is not BM25F's: the article with every word scores lower than one with two.
    scores = {hit.id: hit.score for hit in page.hits}
    assert scores["all-words"] < scores["two-common"]
    assert ids(page)[1] == "two-common"


def test_a_rarer_word_outranks_a_commoner_one_among_partial_matches(index):
    page = index.search(QUERY, page_size=20)
    scores = {hit.id: hit.score for hit in page.hits}
    assert scores["rare-only"] < scores["common-only"]
    assert ids(page).index("rare-only") < ids(page).index("common-only")


def test_words_near_each_other_rank_above_scattered_ones(index):
    page = index.search("jet fuel")
    assert ids(page) == ["side-by-side", "scattered"]
    assert page.total == page.total_all_words == 2


def test_counts_tell_all_words_from_some(index):
    page = index.search(QUERY, page_size=2)
    assert (page.total, page.total_all_words, page.some_words) == (len(ANY_WORD), 1, 6)
    assert page.word_counts == "1 article matches all words, 6 match some"
    out = page.to_dict()
    assert (out["total"], out["total_all_words"], out["total_some_words"]) == (7, 1, 6)
    assert page.pages == 4


def test_date_sort_keeps_articles_with_every_word_first(index):
    page = index.search(QUERY, sort="newest", page_size=20)
    assert ids(page)[0] == "all-words"
    assert ids(page)[1:] == ["h3", "h2", "h1", "common-only", "rare-only", "two-common"]


@pytest.mark.parametrize(
    "query", ["cocoa AND harvest AND strike", "+cocoa harvest strike", '"cocoa growers" harvest']
)
def test_and_phrases_and_plus_stay_strict(index, query):
    page = index.search(query, page_size=20)
    assert ids(page) == ["all-words"]
    assert page.total == page.total_all_words == 1 and page.word_counts is None


def test_one_word_and_fields_are_not_relaxed(index):
    page = index.search("harvest", page_size=20)
    assert page.total == page.total_all_words == 6
    assert index.search("title:harvest strike").total == 1


def test_export_and_facets_cover_the_same_articles_as_the_total(index):
    rows = list(index.export(QUERY))
    assert [r["id"] for r in rows][:1] == ["all-words"] and len(rows) == len(ANY_WORD)
    years = index.facets(QUERY, names=["year"])["year"]
    assert years == [("2023", len(ANY_WORD))]


def test_api_and_page_report_both_counts(index):
    client = create_app(index=index).test_client()
    api = client.get(f"/api/search?q={QUERY}").get_json()
    assert (api["total"], api["total_all_words"], api["total_some_words"]) == (7, 1, 6)
    assert api["results"][0]["id"] == "all-words"
    page = client.get(f"/search?q={QUERY}").get_data(as_text=True)
    assert "1 article matches all words, 6 match some" in page
    strict = client.get("/search?q=cocoa+AND+strike").get_data(as_text=True)
    assert "match some" not in strict


def test_cli_reports_both_counts(index_dir):
    result = run("search", QUERY, "--index", index_dir)
    assert result.returncode == 0, result.stderr
    assert "7 articles" in result.stdout
    assert "1 article matches all words, 6 match some" in result.stdout
    payload = json.loads(run("search", QUERY, "--json", "--index", index_dir).stdout)
    assert (payload["total_all_words"], payload["total_some_words"]) == (1, 6)
    assert payload["results"][0]["id"] == "all-words"


WORDS = [
    *("cocoa", "harvest", "strike", "port", "tanker"),
    *("drought", "subsidy", "tariff", "quota", "embargo"),
]
# Article n holds the words whose bit is set in n: partial matches with many different weights.
SUBSETS = [
    {
        "id": f"subset-{n}",
        "date": "2023-04-01",
        "title": f"Report {n}",
        "body": " ".join(w for bit, w in enumerate(WORDS) if n >> bit & 1) + ". " + FILLER,
    }
    for n in range(1, 60)
]


@pytest.mark.parametrize("needed", [3, 30, 58])
def test_partial_matches_come_by_the_weight_of_their_words_then_by_score(tmp_path, needed):
    from search.engine import scorer

    snap = indexed(tmp_path, SUBSETS)._snapshot()
    found = scorer._find_matches(snap.articles, snap.parse(" ".join(WORDS)), None)
    assert not found.complete.any() and len(set(found.weight.tolist())) > 8

    def key(i: int) -> tuple:
        return (-found.weight[i], -found.scores[i], found.docs[i])

    expected = sorted(range(len(found.docs)), key=key)[:needed]
    assert scorer._best_words(found, needed).tolist() == expected
