"""Top-k that stops early (issue 17): the same top 10 as counting every match, and totals
exact up to 10,000 and "10,000+" past it unless the exact total is asked for."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from bench.queries import build_mix
from search.engine import block_max, columns, scorer
from search.engine.block_format import PACK_FROM_POSTINGS
from search.engine.bm25 import bm25_of
from search.engine.postings_reader import block_index
from search.engine.searcher import Snapshot
from search.index import Index
from tests.conftest import engine_searcher, run
from tests.synthetic_wire import write_archive
from webui import create_app

LEGACY = Path(__file__).parent / "data" / "legacy"
# Enough articles that a word on nearly every one ("reuter" closes each wire story) passes
# 10,000, and that the commonest words' postings span many blocks.
ARTICLES = 12_000


@pytest.fixture(scope="module")
def reuters(tmp_path_factory) -> tuple[Index, Path]:
    """12,000 wire-like articles (tests/synthetic_wire.py), indexed once for this module."""
    folder = tmp_path_factory.mktemp("wire")
    source = write_archive(folder / "wire.jsonl", ARTICLES)
    index = Index(folder / "index")
    assert index.reindex([source]).exit_code == 0
    return index, source


def top10(index: Index, spec: dict, **options) -> list[tuple[str, float]]:
    page = index.search(
        spec["dateline"],
        date_from=spec.get("from"),
        date_to=spec.get("to"),
        sort=spec.get("sort") or "relevance",
        page=spec.get("page", 1),
        highlights=0,
        **options,
    )
    return [(hit.id, hit.score) for hit in page.hits]


def same_ranking(ours: list[tuple[str, float]], exhaustive: list[tuple[str, float]]) -> bool:
    """Same ids in the same order, except that articles of equal score may swap."""
    if [score for _, score in ours] != [score for _, score in exhaustive]:
        return False
    by_score = {}
    for hits in (ours, exhaustive):
        for article, score in hits:
            by_score.setdefault(score, [set(), set()])[hits is exhaustive].add(article)
    return all(a == b for a, b in by_score.values())


def test_the_early_stop_ranks_the_query_mix_as_counting_every_match(reuters):
    index, source = reuters
    specs = build_mix(source)
    stopped = 0
    for spec in specs:
        early = top10(index, spec, count_up_to=50)
        exhaustive = top10(index, spec, exact_total=True)
        assert same_ranking(early, exhaustive), spec["dateline"]
        page = index.search(spec["dateline"], count_up_to=50, highlights=0)
        stopped += page.total_is_lower_bound
    # The early stop is what this test is about: it must have run on many of the queries.
    assert stopped >= 40


@pytest.mark.parametrize(
    "query", ["reuter oil", "reuter said tonnes", "said wheat reuter", "mln pct reuter"]
)
def test_words_whose_every_word_articles_fill_the_page_rank_as_counting_everything(reuters, query):
    """ "reuter" alone is past 10,000 articles: the articles holding every word are ranked
    without reading those holding fewer, and the page is the exhaustive one, to the digit."""
    index, _ = reuters
    spec = {"dateline": query}
    for page in (1, 3):
        early = top10(index, {**spec, "page": page})
        assert same_ranking(early, top10(index, {**spec, "page": page}, exact_total=True))
    stopped, counted = index.search(query), index.search(query, exact_total=True)
    assert stopped.total_is_lower_bound and stopped.total_text == "10,000+"
    assert stopped.total_all_words == counted.total_all_words < counted.total
    every = f"{counted.total_all_words:,} articles match all words"
    assert stopped.word_counts.startswith(f"{every}, at least ")
    assert counted.word_counts == f"{every}, {counted.total - counted.total_all_words:,} match some"


@pytest.mark.parametrize("word", ["babo", "baco", "bade", "baburu"])
def test_a_common_word_in_some_titles_ranks_as_counting_everything(reuters, word):
    """Once the k-th score is out of the body's reach, only articles with the word in the
    title can still enter (MaxScore), and the body is read for them alone: the same pages,
    to the digit, as scoring every match."""
    index, _ = reuters
    for page in (1, 2, 3):
        spec = {"dateline": word, "page": page}
        assert same_ranking(top10(index, spec), top10(index, spec, exact_total=True))
    # What makes this test about that path: the body's blocks were not all scored.
    snapshot = Snapshot(index.store.current())
    terms = scorer.any_of_terms(snapshot.articles, snapshot.parse(word))
    top = block_max.TopK(snapshot.articles, terms)
    top.top(30)
    body = [t for t in terms if t.fieldname == "body"][0]
    in_bodies = snapshot.articles.doc_frequency("body", body.text)
    assert top.postings_read() < in_bodies


def test_past_10000_matches_the_total_is_a_lower_bound(reuters):
    index, _ = reuters
    page = index.search("reuter")
    assert page.total == 10_000 and page.total_is_lower_bound
    assert page.total_text == "10,000+"
    assert page.to_dict()["total_is_lower_bound"] is True
    counted = index.search("reuter", exact_total=True)
    assert counted.total > 10_000 and not counted.total_is_lower_bound
    assert [h.id for h in counted.hits] == [h.id for h in page.hits]


def test_under_10000_matches_the_total_is_exact(reuters):
    index, _ = reuters
    page = index.search("oil")
    assert not page.total_is_lower_bound
    assert page.total == index.search("oil", exact_total=True).total < 10_000


def test_facets_stay_exact_when_the_total_is_a_lower_bound(reuters):
    index, _ = reuters
    years = dict(index.facets("reuter", names=["year"])["year"])
    assert sum(years.values()) == index.search("reuter", exact_total=True).total


@pytest.mark.parametrize(
    "query", ["reuter", "said oil", '"said it"', "oil OR wheat", "reuter NOT oil", "body:reuter"]
)
def test_a_page_that_stopped_early_counts_the_same_facets_and_timeline(reuters, query):
    """Facets and the timeline of a page whose ranking stopped early find the matches without
    scoring them: the same counts as after a ranking that scored every match."""
    index, _ = reuters
    index.search(query)
    found = index.facets(query, size=20), index.timeline([query], granularity="month")
    index.search(query, exact_total=True)
    assert (index.facets(query, size=20), index.timeline([query], granularity="month")) == found
    assert sum(n for _, n in found[0]["year"]) > 0


def test_the_cli_shows_10000_plus_and_counts_them_all_with_exact_total(reuters):
    index, _ = reuters
    shown = run("search", "reuter", "--index", index.path, "--limit", "1")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("10,000+ articles")
    counted = run("search", "reuter", "--index", index.path, "--exact-total", "--json")
    payload = json.loads(counted.stdout)
    assert payload["total"] > 10_000 and payload["total_is_lower_bound"] is False


def test_the_api_takes_exact_total(reuters):
    index, _ = reuters
    client = create_app(index=index).test_client()
    bounded = client.get("/api/search?q=reuter").get_json()
    assert bounded["total"] == 10_000 and bounded["total_is_lower_bound"] is True
    exact = client.get("/api/search?q=reuter&exact_total=1").get_json()
    assert exact["total"] > 10_000 and exact["total_is_lower_bound"] is False
    refused = client.get("/api/search?q=reuter&exact_total=maybe")
    assert refused.status_code == 400 and "exact_total" in refused.get_json()["error"]


def test_an_index_without_stored_block_maxima_stops_early_the_same(tmp_path):
    """Blocks written before their best pairs were stored are bounded by their headers' max
    weight and min length."""
    copy = tmp_path / "index"
    shutil.copytree(LEGACY / "index-v1", copy)
    index = Index(copy)
    for word in ("said", "oil", "pct", "mln", "tonnes", "compan*"):
        spec = {"dateline": word}
        early = index.search(word, count_up_to=1, highlights=0)
        assert same_ranking(top10(index, spec, count_up_to=1), top10(index, spec, exact_total=True))
        assert early.total_is_lower_bound or early.total == 0


def test_each_long_block_knows_the_best_score_in_it(reuters):
    """The pairs stored in a long block's header give exactly its best posting's score (so
    the early stop skips only blocks that cannot place); a short block's header bounds it."""
    index, _ = reuters
    searcher = engine_searcher(index)
    checked = 0
    for reader, _ in searcher.reader().leaf_readers():
        for word in ("said", "reuter", "mln", "oil", "wheat", "tonnes"):
            for fieldname in ("title", "body"):
                if (fieldname, word.encode()) not in reader:
                    continue
                blocks = block_index(reader, fieldname, word.encode())
                bm25 = bm25_of(searcher, fieldname, word.encode())
                bounds = np.maximum.reduceat(bm25(blocks.weights, blocks.lengths), blocks.starts)
                for n, bound in enumerate(bounds):
                    ids, weights = blocks.read(n)
                    best = bm25(weights, columns.field_lengths(reader, fieldname)[ids]).max()
                    assert best <= bound
                    if len(ids) >= PACK_FROM_POSTINGS:
                        assert best == bound
                        checked += 1
    assert checked >= 20
