"""Facets, attention over time, export and more-like-this, checked against the raw JSONL."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from datetime import date

import pytest

from search.bundled import SAMPLE_DIR
from search.cli import write_rows
from search.engine.parser import QueryError
from search.engine.searcher import Snapshot

EXCERPT = SAMPLE_DIR / "reuters-excerpt.jsonl"


def records_matching(word: str) -> list[dict]:
    """Records whose title or body has `word` as a whole word, read straight from the JSONL."""
    pattern = re.compile(rf"\b{word}\b", re.I)
    rows = [json.loads(line) for line in EXCERPT.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if pattern.search(r["body"]) or pattern.search(r.get("title", ""))]


# "said" is in most articles, whose facets are counted over every (value, article) pair; the
# others in a few, whose facets are counted from their own values.
@pytest.mark.parametrize("word", ["said", "cocoa", "gold"])
@pytest.mark.parametrize("field", ["places", "topics"])
def test_keyword_facet_counts_match_the_source_records(sample_index, field, word):
    expected = Counter(v for r in records_matching(word) for v in r.get(field, []))
    counts = dict(sample_index.facets(word, names=[field], size=100)[field])
    assert counts == dict(expected)


def test_month_facet_counts_match_the_source_records(sample_index):
    expected = Counter(r["date"][:7] for r in records_matching("said"))
    counts = dict(sample_index.facets("said", names=["month"])["month"])
    assert {k: v for k, v in counts.items() if k.startswith("1987")} == dict(expected)


def test_facets_respect_the_date_range(sample_index):
    march = dict(sample_index.facets("said", date_from="Mar 1987", date_to="Mar 1987")["month"])
    assert list(march) == ["1987-03"]


def test_facet_names_are_what_the_facets_count_by(sample_index):
    names = sample_index.facet_names()
    assert names[:3] == ["year", "month", "speaker"] and "places" in names
    assert list(sample_index.facets(None)) == names


def test_unknown_facet_is_refused(sample_index):
    with pytest.raises(QueryError, match="no facet"):
        sample_index.facets("oil", names=["colour"])


def test_timeline_counts_sum_to_the_total_and_align_across_queries(sample_index):
    timeline = sample_index.timeline(["oil", "wheat"], granularity="month")
    assert timeline.granularity == "month"
    for query in ("oil", "wheat"):
        assert len(timeline.series[query]) == len(timeline.periods)
        assert sum(timeline.series[query]) == sample_index.search(query).total
    assert all(p.day == 1 for p in timeline.periods)


def test_timeline_granularity_follows_the_range(sample_index):
    short = sample_index.timeline(["oil"], date_from="1987-03-01", date_to="1987-03-20")
    assert short.granularity == "day" and short.periods[0] == date(1987, 3, 1)
    assert len(short.periods) == 20


def test_export_streams_every_match_not_just_one_page(sample_index):
    total = sample_index.search("said").total
    out = io.StringIO()
    assert write_rows(sample_index.export("said"), "csv", out) == total
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == total > 10
    assert {"id", "date", "title", "places", "topics"} <= set(rows[0])
    lines = io.StringIO()
    write_rows(sample_index.export("said", sort="newest"), "jsonl", lines)
    dates = [json.loads(line)["date"] for line in lines.getvalue().splitlines()]
    assert len(dates) == total and dates == sorted(dates, reverse=True)


def test_more_like_this_finds_articles_sharing_key_terms(sample_index):
    oil = records_matching("crude")
    seed = oil[0]["id"]
    similar = sample_index.more_like_this(seed, top=3)
    assert similar and seed not in [h.id for h in similar]
    crude_ids = {r["id"] for r in oil}
    assert similar[0].id in crude_ids


def test_more_like_this_ranks_the_key_terms_as_whoosh_does(sample_index):
    """The key terms are Whoosh's (`more_like`); the block scorer ranks them, to the same
    scores but for the last bits of their sums, and so the same articles in the same order
    wherever no two scores are that close."""
    snapshot = Snapshot(sample_index.store.current())
    searcher = snapshot.articles
    for docnum in range(0, searcher.doc_count_all(), 97):
        ours = snapshot.more_like(docnum, 10, None)
        text = searcher.stored_fields(docnum).get("body", "")
        theirs = [(h.docnum, h.score) for h in searcher.more_like(docnum, "body", text, 10, 12)]
        assert [s for _, s in ours] == pytest.approx([s for _, s in theirs], rel=1e-12)
        scores = [round(s, 9) for _, s in theirs]
        for (mine, _), (whoosh, score) in zip(ours, theirs, strict=True):
            if scores.count(round(score, 9)) == 1:
                assert mine == whoosh


def test_more_like_this_within_a_date_window(sample_index):
    seed = records_matching("crude")[0]
    day = date.fromisoformat(seed["date"])
    for hit in sample_index.more_like_this(seed["id"], top=5, window_days=2):
        assert hit.date is not None and abs((hit.date - day).days) <= 2
