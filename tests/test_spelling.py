"""A word also finds its other spelling: British and American forms are one word to a reader."""

from __future__ import annotations

import pytest

from tests.conftest import indexed

ARTICLES = [
    {"id": "uk", "date": "2023-05-01", "title": "Smelter", "body": "Aluminium output rose."},
    {"id": "us", "date": "2023-05-02", "title": "Prices", "body": "Aluminum prices fell."},
    {"id": "labor", "date": "2023-05-03", "title": "Unions", "body": "Labor talks resumed."},
    {"id": "other", "date": "2023-05-04", "title": "Copper", "body": "Copper output rose."},
    {"id": "both", "date": "2023-05-05", "title": "Metals", "body": "Aluminium (aluminum) held."},
]


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return indexed(tmp_path_factory.mktemp("spelling"), ARTICLES)


def ids(page) -> set[str]:
    return {hit.id for hit in page.hits}


@pytest.mark.parametrize("word", ["aluminium", "aluminum", "Aluminium"])
def test_either_spelling_finds_both(index, word):
    page = index.search(word)
    assert ids(page) == {"uk", "us", "both"} and page.total == 3


def test_both_spellings_are_marked(index):
    marked = {hit.id: " ".join(hit.highlights) for hit in index.search("aluminium").hits}
    assert "<mark>Aluminum</mark>" in marked["us"] and "<mark>Aluminium</mark>" in marked["uk"]


def test_the_other_spelling_counts_as_the_same_word(index):
    page = index.search("aluminium output")
    assert [hit.id for hit in page.hits][0] == "uk"
    assert page.total_all_words == 1  # "us" holds the metal but not "output"


def test_in_a_field_and_with_other_words(index):
    assert ids(index.search("labour")) == {"labor"}
    assert ids(index.search("body:aluminium")) == {"uk", "us", "both"}
    assert ids(index.search("aluminium OR copper")) == {"uk", "us", "both", "other"}


def test_a_phrase_stays_as_typed(index):
    assert ids(index.search('"aluminium output"')) == {"uk"}
    assert ids(index.search('"aluminum output"')) == set()


@pytest.mark.parametrize("query", ["exact:aluminium", '"aluminium"'])
def test_a_word_asked_for_as_written_stays_as_typed(index, query):
    page = index.search(query)
    assert ids(page) == {"uk", "both"}
    marked = " ".join(passage for hit in page.hits for passage in hit.highlights)
    assert "<mark>Aluminium</mark>" in marked and "<mark>aluminum</mark>" not in marked
