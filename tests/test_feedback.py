"""Pseudo-relevance feedback: for plain words, the vocabulary the best matches share lifts the
articles about the query's subject above ones that only hold its words."""

from __future__ import annotations

import pytest

from search.engine import feedback, word_bags
from search.index import Index
from tests.conftest import indexed, write_jsonl

PORTS = ["Jeddah", "Dammam", "Rotterdam", "Antwerp", "Hamburg", "Rouen"]
NEWS = [
    "Rain in the north delayed the harvest by a week.",
    "The central bank left its key rate unchanged on Monday.",
    "Freight rates on the Gulf route rose for a third day.",
    "A strike at the port ended after talks with the union.",
    "The ministry expects a record crop next season.",
    "Farmers asked the government for higher support prices.",
    "The currency weakened against the dollar in thin trade.",
    "Storage capacity at the terminal was expanded last year.",
    "Officials from both countries will meet again in June.",
    "The new quality rules take effect from the autumn.",
    "Demand from feed mills was lower than a year ago.",
    "Insurance costs for vessels in the region have doubled.",
]
STORIES = [
    {
        "id": f"tender-{n}",
        "date": f"2023-04-{n + 1:02d}",
        "title": f"Grain market report {n}",
        "body": (
            f"{NEWS[n]} Traders said the Saudi tender for {100 + n} thousand tonnes of barley "
            f"was covered, for shipment from {PORTS[n % len(PORTS)]}. {NEWS[(n + 5) % 12]} "
            f"Exporters quoted grain at lower prices. {NEWS[(n + 9) % 12]}"
        ),
    }
    for n in range(12)
]
# Both words, once each, in a short text: BM25F alone ranks it first.
RECIPE = {
    "id": "recipe",
    "date": "2023-05-01",
    "title": "Soup",
    "body": "The barley was tender after an hour.",
}
QUERY = "barley tender"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("feedback")
    indexed(folder, [*STORIES, RECIPE])
    return folder / "index"


def ids(index: Index, query: str = QUERY) -> list[str]:
    return [hit.id for hit in index.search(query, page_size=20).hits]


def test_without_feedback_the_short_off_topic_text_ranks_first(folder, monkeypatch):
    monkeypatch.setattr(feedback, "WEIGHT", 0.0)
    assert ids(Index(folder))[0] == "recipe"


def test_the_articles_sharing_the_best_matches_words_rank_above_it(folder):
    ranked = ids(Index(folder))
    assert ranked[-1] == "recipe"
    assert set(ranked) == {story["id"] for story in STORIES} | {"recipe"}


def test_feedback_moves_articles_but_never_adds_or_drops_one(folder):
    page = Index(folder).search(QUERY, page_size=5)
    assert page.total == len(STORIES) + 1
    assert all("barley" in hit.highlights[0].lower() for hit in page.hits if hit.highlights)


def test_an_explicit_and_and_a_date_sort_keep_their_own_order(folder):
    index = Index(folder)
    assert index.search("barley AND tender", page_size=20).hits[0].id == "recipe"
    newest = [h.id for h in index.search(QUERY, sort="newest", page_size=20).hits]
    assert newest[0] == "recipe" and newest[1:] == [s["id"] for s in reversed(STORIES)]


def test_a_bag_gives_back_each_indexed_word_with_its_count():
    words = ["u.s", "oil", "price", "oil", "opec", "oil", "3.5"]
    counts, holders = word_bags.totals([word_bags.encoded(words).decode()])
    assert counts == {"u.s": 1, "oil": 3, "price": 1, "opec": 1, "3.5": 1}
    assert list(counts) == ["u.s", "oil", "price", "opec", "3.5"]  # as first written
    assert set(holders.values()) == {1}


def test_bags_summed_give_each_word_its_total_and_the_number_of_bags_holding_it():
    bags = [word_bags.encoded(w.split()).decode() for w in ("oil oil opec", "opec price", "")]
    counts, holders = word_bags.totals(bags)
    assert counts == {"oil": 2, "opec": 2, "price": 1}
    assert holders == {"oil": 1, "opec": 2, "price": 1}


def test_a_bag_gives_each_asked_word_its_count_and_no_count_to_a_longer_or_shorter_word(
    folder,
):
    searcher = _articles(folder)
    docs = list(range(searcher.doc_count_all()))
    bags = word_bags.texts(searcher, docs)
    each = [word_bags.totals([bag])[0] for bag in bags]
    words = sorted({w for bag in each for w in bag}) + ["tonnag", "ton", "tende"]
    found = word_bags.counts_in(bags, words)
    assert found.tolist() == [[bag.get(w, 0) for w in words] for bag in each]
    assert found[:, words.index("tender")].min() == 1  # in every article
    assert found[:, words.index("ton")].max() == 0


def _articles(folder):
    return Index(folder)._snapshot().articles


def test_feedback_reads_the_words_stored_at_index_time_as_the_bodies_give_them(folder, monkeypatch):
    searcher = _articles(folder)
    docs = list(range(searcher.doc_count_all()))
    assert all(word_bags.texts(searcher, docs))
    stored = feedback.key_terms(searcher, docs, {"barley", "tender"})
    assert "tonn" in dict(stored)
    # An index written before bags: the bodies are analysed instead, to the same words.
    monkeypatch.setattr(word_bags, "texts", lambda searcher, docnums: None)
    assert feedback.key_terms(searcher, docs, {"barley", "tender"}) == stored


def test_feedback_scores_the_candidates_from_their_bags_as_from_the_postings(folder, monkeypatch):
    ranked = Index(folder).search(QUERY, page_size=20).hits
    monkeypatch.setattr(word_bags, "texts", lambda *args: None)  # as an index without bags
    again = Index(folder).search(QUERY, page_size=20).hits
    assert [(h.id, h.score) for h in again] == [(h.id, h.score) for h in ranked]


def test_bags_survive_an_incremental_reindex(tmp_path):
    index = indexed(tmp_path, STORIES[:6])
    more = STORIES[:6] + [{**STORIES[0], "id": "late", "body": STORIES[0]["body"] + " Late."}]
    index.reindex([write_jsonl(tmp_path / "wire" / "wire.jsonl", more)])
    searcher = _articles(tmp_path / "index")
    live = [d for d in range(searcher.doc_count_all()) if not searcher.reader().is_deleted(d)]
    assert len(live) == 7
    assert all(word_bags.texts(searcher, live))
