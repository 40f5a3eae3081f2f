"""Block ranking gives Whoosh's own BM25F answers: same documents, order, scores and totals."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from whoosh import query as wq

from search.bundled import SAMPLE_DIR
from search.engine import block_format as blockformat
from search.engine import scorer as blockrank
from search.engine.parser import parse_query
from search.index import Index
from tests.conftest import engine_searcher, write_jsonl

EXCERPT = SAMPLE_DIR / "reuters-excerpt.jsonl"
QUERIES = [
    "oil",
    "said",
    "reuter",
    "oil wheat",
    "oil OR wheat OR gold",
    "price NOT opec",
    "title:oil",
    "body:bank AND (rate OR rates)",
    "quotes:oil",
    "speaker:dauster",
    "nosuchwordanywhere",
    '"oil prices"',
    '"said it"',
    '"mln dlrs"',
    'title:"oil prices" OR wheat',
    '"oil prices" NOT opec',
    "oil*",
    "pric*",
    "title:oil*",
    "oil compan*",
    "wheat NOT pric*",
    "wh?at",
    "said~",
    "nosuchprefix*",
    "price NOT nosuchprefix*",
    # Keywords, which Whoosh scores by their weight, not BM25F:
    "places:usa",
    "places:usa oil",
    "places:usa OR places:japan",
    "topics:earn NOT places:usa",
    "places:us*",
    "price OR nosuchprefix*",
]


@pytest.fixture(scope="module", params=["small-blocks", "packed-blocks"])
def index_with_deletions(tmp_path_factory, request) -> Index:
    """Two segments, the first with deleted documents (articles updated in place); with the
    excerpt's short posting lists in Whoosh's block form, or packed (blockformat) as long lists
    are."""
    folder = tmp_path_factory.mktemp("ranking")
    records = [json.loads(line) for line in EXCERPT.read_text(encoding="utf-8").splitlines()]
    source = write_jsonl(folder / "articles.jsonl", records)
    index = Index(folder / "index")
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "packed-blocks":
            patch.setattr(blockformat, "PACK_FROM_POSTINGS", 2)
        index.reindex([source], procs=1)
        for record in records[::5]:
            record["body"] += " Revised: oil and wheat prices."
        write_jsonl(source, records)
        index.reindex([source])
    return index


def whoosh_answer(searcher, q, date_filter=None):
    results = searcher.search(q, limit=None, filter=date_filter)
    return [(hit.docnum, hit.score) for hit in results[:10]], results.scored_length()


@pytest.mark.parametrize("text", QUERIES)
def test_same_top_ten_scores_and_total_as_whoosh(index_with_deletions, text):
    searcher = engine_searcher(index_with_deletions)
    assert searcher.reader().has_deletions()
    q = parse_query(text, searcher.reader())
    ranking = blockrank.rank(searcher, q, 10)
    assert ranking is not None
    expected, total = whoosh_answer(searcher, q)
    assert ranking.total == total
    assert ranking.docnums == [docnum for docnum, _ in expected]
    assert ranking.scores == pytest.approx([score for _, score in expected], rel=1e-9)


@pytest.mark.parametrize("text", ["oil", "oil OR wheat", "price NOT opec", '"oil prices"'])
def test_a_date_range_keeps_only_articles_dated_inside_it(index_with_deletions, text):
    searcher = engine_searcher(index_with_deletions)
    q = parse_query(text, searcher.reader())
    low, high = datetime(1987, 3, 2), datetime(1987, 5, 31, 23, 59, 59)
    ranking = blockrank.rank(searcher, q, 10, (low, high))
    expected, total = whoosh_answer(searcher, q, wq.DateRange("date", low, high))
    assert 0 < ranking.total == total
    assert ranking.docnums == [docnum for docnum, _ in expected]
    everything = blockrank.rank(searcher, q, 10)
    assert ranking.total < everything.total


@pytest.mark.parametrize("text", ["id:x", '"oil prices"~3'])
def test_other_query_shapes_are_left_to_whoosh(index_with_deletions, text):
    searcher = engine_searcher(index_with_deletions)
    assert blockrank.rank(searcher, parse_query(text, searcher.reader()), 10) is None
