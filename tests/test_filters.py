"""Facet filters (`places:usa`, `-places:usa`) narrow a search without changing how its words
rank, agree with the facet counts they come from, and are named when they are wrong: in
Python, the CLI, the API and the page."""

from __future__ import annotations

import json

import pytest

from search import FilterError, Index
from tests.conftest import indexed, run
from webui import create_app

WIRE = [
    {
        "id": "a",
        "date": "1987-03-01",
        "title": "Oil prices rise",
        "places": ["usa"],
        "topics": ["crude"],
        "body": "Oil prices rose in New York trading on Monday.",
    },
    {
        "id": "b",
        "date": "1987-03-02",
        "title": "Prices steady",
        "places": ["usa"],
        "topics": ["grain"],
        "body": "Grain prices held steady, while oil was quiet.",
    },
    {
        "id": "c",
        "date": "1987-03-03",
        "title": "Oil prices fall",
        "places": ["uk"],
        "topics": ["crude"],
        "body": "Oil prices fell in London.",
    },
    {
        "id": "d",
        "date": "1987-03-04",
        "title": "Prices up",
        "places": ["usa"],
        "topics": ["grain"],
        "body": "Wheat prices rose on export demand.",
    },
    {
        "id": "e",
        "date": "1987-03-05",
        "title": "Fed chairman speaks",
        "places": ["usa"],
        "topics": ["money"],
        "body": 'Federal Reserve Board Chairman Paul Volcker spoke. "Rates hold," Volcker said.',
    },
    {
        "id": "f",
        "date": "1987-03-06",
        "title": "Fed warns",
        "places": ["usa"],
        "topics": ["money"],
        "body": '"The dollar is low," Volcker said on Tuesday.',
    },
]


@pytest.fixture(scope="module")
def wire(tmp_path_factory) -> Index:
    return indexed(tmp_path_factory.mktemp("filters"), WIRE)


def test_a_filter_keeps_the_words_ranking_every_word_first(wire):
    page = wire.search("oil prices", filters=["places:usa"])
    assert [hit.id for hit in page.hits] == ["a", "b", "d"]
    assert page.total == 3 and page.total_all_words == 2


def test_a_filter_s_total_is_its_facet_count(wire):
    counts = dict(wire.facets("oil prices")["places"])
    assert wire.search("oil prices", filters=["places:usa"]).total == counts["usa"]
    assert wire.search("oil prices", filters=["-places:usa"]).total == counts["uk"]


def test_filters_narrow_facets_and_the_timeline_too(wire):
    topics = dict(wire.facets("prices", filters=["places:usa"])["topics"])
    assert topics == {"grain": 2, "crude": 1}
    series = wire.timeline(["prices"], filters=["-topics:grain"], granularity="day")
    assert sum(next(iter(series.series.values()))) == 2


def test_a_speaker_filter_takes_every_form_of_the_name(wire):
    page = wire.search("said OR spoke", filters=["speaker:Paul Volcker"])
    assert {hit.id for hit in page.hits} == {"e", "f"}


@pytest.mark.parametrize("bad", ["places", "nowhere:usa", "year:1987", "-:x"])
def test_a_bad_filter_says_what_a_filter_looks_like(wire, bad):
    with pytest.raises(FilterError) as caught:
        wire.search("prices", filters=[bad])
    assert "filter" in str(caught.value)


def test_the_cli_and_the_api_take_filters(wire):
    result = run("search", "oil prices", "--filter", "places:usa", "--json", "--index", wire.path)
    assert result.returncode == 0, result.stderr
    assert [hit["id"] for hit in json.loads(result.stdout)["results"]] == ["a", "b", "d"]
    wrong = run("search", "oil", "--filter", "nowhere:usa", "--index", wire.path)
    assert wrong.returncode == 2 and "--filter" in wrong.stderr

    client = create_app(index=wire).test_client()
    payload = client.get("/api/search?q=oil+prices&filter=-places:usa").get_json()
    assert [hit["id"] for hit in payload["results"]] == ["c"]
    page = client.get("/search?q=oil+prices&filter=places:usa").get_data(as_text=True)
    assert "2 articles match all words, 1 matches some" in page


def test_filters_alone_need_no_words(wire):
    page = wire.search("", filters=["topics:money"])
    assert {hit.id for hit in page.hits} == {"e", "f"} and page.total == 2
    client = create_app(index=wire).test_client()
    html = client.get("/search?filter=topics:money").get_data(as_text=True)
    assert "Fed chairman speaks" in html and "Fed warns" in html
    payload = client.get("/api/search?filter=-places:usa").get_json()
    assert [hit["id"] for hit in payload["results"]] == ["c"]
    assert client.get("/api/search").status_code == 400
