"""Searching the bundled sample: ranking, phrases, fields, dates, sorting, paging, highlights."""

from __future__ import annotations

from datetime import date

import pytest

from search.engine.parser import QueryError
from search.index import ArticleNotFound, Index
from search.ingest.dates import DateError
from tests.conftest import SEED_ID, engine_searcher, write_jsonl, write_seed_article


def ids(page) -> list[str]:
    return [hit.id for hit in page.hits]


def test_phrase_finds_the_seed_with_the_whole_phrase_marked(sample_index):
    page = sample_index.search('"salt-mining town"')
    assert ids(page) == [SEED_ID]
    marked = "<mark>salt</mark>-<mark>mining</mark> <mark>town</mark>"
    assert any(marked in passage for passage in page.hits[0].highlights)


def test_a_phrase_needs_its_words_together_and_in_order(sample_index):
    assert sample_index.search('"town salt"').total == 0
    assert SEED_ID in ids(sample_index.search("town salt"))


def test_single_words_outside_a_phrase_are_not_marked_as_part_of_it(sample_index):
    passages = " ".join(sample_index.search('"salt-mining town"').hits[0].highlights)
    assert "small <mark>town</mark>" not in passages


@pytest.mark.parametrize("bound", ["2023-01-13", "13 Jan 2023", "Jan 2023", "2023-01", "2023"])
def test_every_date_bound_form_includes_the_seed_day(sample_index, bound):
    page = sample_index.search('"salt-mining town"', date_from=bound, date_to=bound)
    assert ids(page) == [SEED_ID]


@pytest.mark.parametrize(
    ("date_from", "date_to"),
    [("2023-02", None), (None, "2023-01-12"), ("2024", "2025"), (None, "Dec 2022")],
)
def test_ranges_that_exclude_the_seed_day_find_nothing(sample_index, date_from, date_to):
    page = sample_index.search('"salt-mining town"', date_from=date_from, date_to=date_to)
    assert page.total == 0 and page.hits == []


@pytest.mark.parametrize("query", ["said", "sai*"])  # ranked by blocks, and by Whoosh
def test_date_range_filters_reuters_articles_by_month(sample_index, query):
    everything = sample_index.search(query, page_size=100)
    march = sample_index.search(query, date_from="Mar 1987", date_to="Mar 1987", page_size=100)
    assert 0 < march.total < everything.total
    assert all(hit.date and hit.date.month == 3 and hit.date.year == 1987 for hit in march.hits)
    expected = sum(
        1 for h in everything.hits if h.date and (h.date.year, h.date.month) == (1987, 3)
    )
    assert march.total == expected


def test_reversed_and_unparseable_ranges_are_refused(sample_index):
    with pytest.raises(DateError, match="reversed"):
        sample_index.search("oil", date_from="2023-02-01", date_to="2023-01-01")
    with pytest.raises(DateError, match="cannot understand"):
        sample_index.search("oil", date_from="the day after")


def test_field_queries_search_only_that_field(sample_index):
    in_titles = sample_index.search("title:oil", page_size=100)
    assert in_titles.total > 0
    assert all("oil" in hit.title.lower() for hit in in_titles.hits)
    assert sample_index.search("title:soledar").total == 0
    assert ids(sample_index.search("body:soledar")) == [SEED_ID]


def test_boolean_operators(sample_index):
    oil = sample_index.search("oil", page_size=100).total
    wheat = sample_index.search("wheat", page_size=100).total
    both = sample_index.search("oil AND wheat", page_size=100).total
    either = sample_index.search("oil OR wheat", page_size=100).total
    only_oil = sample_index.search("oil NOT wheat", page_size=100)
    assert either == oil + wheat - both
    assert only_oil.total == oil - both
    assert all("wheat" not in " ".join(h.highlights).lower() for h in only_oil.hits)


@pytest.mark.parametrize(
    ("minus", "written"),
    [
        ("oil -wheat", "oil NOT wheat"),
        ("-wheat oil", "oil NOT wheat"),
        ('oil -"crude oil"', 'oil NOT "crude oil"'),
        ("oil -places:usa", "oil NOT places:usa"),
        ("oil -(wheat OR opec)", "oil NOT (wheat OR opec)"),
    ],
)
def test_a_minus_leaves_out_what_follows_it(sample_index, minus, written):
    """As on Google or in Lucene: "oil -wheat" is oil without wheat, not oil or wheat."""
    left_out = sample_index.search(minus, page_size=100)
    assert left_out.total == sample_index.search(written).total > 0
    assert [h.id for h in left_out.hits] == [
        h.id for h in sample_index.search(written, page_size=100).hits
    ]


def test_a_hyphen_inside_a_word_or_before_a_number_is_not_a_minus(sample_index):
    assert SEED_ID in [h.id for h in sample_index.search("salt-mining", page_size=50).hits]
    assert sample_index.search("oil -5").total == sample_index.search("oil 5").total


def test_sort_by_date_newest_and_oldest(sample_index):
    newest = [h.date for h in sample_index.search("said", sort="newest", page_size=50).hits]
    oldest = [h.date for h in sample_index.search("said", sort="oldest", page_size=50).hits]
    assert newest == sorted(newest, reverse=True)
    assert oldest == sorted(oldest)
    assert newest[0] == date(2023, 1, 13)


def test_pages_are_disjoint_and_together_equal_one_long_page(sample_index):
    first = sample_index.search("said", page=1, page_size=5)
    second = sample_index.search("said", page=2, page_size=5)
    both = sample_index.search("said", page=1, page_size=10)
    assert first.total == second.total == both.total > 10
    assert ids(first) + ids(second) == ids(both)
    assert second.first_rank == 6 and first.pages == -(-first.total // 5)


def test_a_page_past_the_end_is_empty_and_says_so(sample_index):
    page = sample_index.search("soledar", page=7)
    assert page.hits == [] and page.past_end and page.total == 1


def test_results_are_ranked_by_relevance(sample_index):
    page = sample_index.search("soledar bakhmut")
    assert page.hits[0].id == SEED_ID
    scores = [h.score for h in sample_index.search("oil", page_size=20).hits]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "type something"),
        ('"unclosed phrase', "quotation mark"),
        ("(oil OR wheat", "not closed"),
        ("oil)", "never opened"),
        ("colour:red", "unknown field"),
        ("*", "matches everything"),
        ("a*", "wildcard"),
        ("the", "no searchable words"),
        ("x" * 2000, "limit"),
        ("((((((((((oil))))))))))", "nested"),
    ],
)
def test_malformed_queries_get_a_helpful_message(sample_index, query, message):
    with pytest.raises(QueryError, match=message):
        sample_index.search(query)


def test_wildcards_expand_and_are_highlighted(sample_index):
    page = sample_index.search("soled*")
    assert ids(page) == [SEED_ID]
    assert "<mark>Soledar</mark>" in " ".join(page.hits[0].highlights)


def test_article_view_marks_every_query_word(sample_index):
    article = sample_index.article(SEED_ID, query="bakhmut")
    assert article.date == date(2023, 1, 13)
    assert article.body_html.count("<mark>Bakhmut</mark>") == article.body.count("Bakhmut") > 1
    with pytest.raises(ArticleNotFound):
        sample_index.article("no-such-article")


def test_stats_describe_the_archive(sample_index):
    stats = sample_index.stats()
    assert stats.articles > 30
    assert stats.first_date.year == 1987 and stats.last_date == date(2023, 1, 13)
    assert stats.size_bytes > 0 and stats.undated == 0


def test_text_is_escaped_and_only_marks_are_markup(tmp_path):
    body = 'Officials said <script>alert("x")</script> and <b>bold</b> cocoa prices rose.'
    write_jsonl(tmp_path / "a.jsonl", [{"id": "x1", "date": "2020-01-01", "body": body}])
    index = Index(tmp_path / "index")
    index.reindex([tmp_path / "a.jsonl"])
    passage = index.search("cocoa").hits[0].highlights[0]
    assert "<script>" not in passage and "&lt;script&gt;" in passage
    assert "<mark>cocoa</mark>" in passage
    assert "<script>" not in index.article("x1", query="cocoa").body_html


def test_title_matches_rank_above_body_matches(tmp_path):
    write_seed_article(tmp_path / "a" / "body.txt", "2020-01-01", "A story mentioning wheat once.")
    write_jsonl(
        tmp_path / "a" / "t.jsonl",
        [{"id": "t", "date": "2020-01-02", "title": "Wheat", "body": "A story about wheat."}],
    )
    index = Index(tmp_path / "index")
    index.reindex([tmp_path / "a"])
    assert ids(index.search("wheat")) == ["t", "body"]


def test_total_counts_every_match_not_just_the_first_page(sample_index):
    import json
    import re

    from search.bundled import SAMPLE_DIR

    lines = (SAMPLE_DIR / "reuters-excerpt.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [(r["title"] + " " + r["body"]) for r in map(json.loads, lines)]
    texts.append((SAMPLE_DIR / "soledar.txt").read_text(encoding="utf-8"))
    for word in ("said", "pct", "mln"):
        expected = sum(1 for t in texts if re.search(rf"\b{word}\b", t, re.I))
        assert sample_index.search(word, page_size=1).total == expected > 5, word


@pytest.mark.parametrize(
    "query", ["said", "oil OR wheat", "said NOT oil", "(oil OR gas) NOT opec", "oil AND said"]
)
def test_totals_agree_with_every_match_counted_one_by_one(sample_index, query):
    from search.engine.parser import parse_query

    searcher = engine_searcher(sample_index)
    expected = len(searcher.search(parse_query(query, searcher.reader()), limit=None))
    assert sample_index.search(query, page_size=1).total == expected


def test_a_match_in_the_title_only_marks_the_title_and_shows_the_opening(tmp_path):
    records = [
        {"id": "t", "date": "2020-01-01", "title": "Cocoa talks", "body": "Delegates met in Accra."}
    ]
    write_jsonl(tmp_path / "a.jsonl", records)
    index = Index(tmp_path / "index")
    index.reindex([tmp_path / "a.jsonl"])
    hit = index.search("cocoa").hits[0]
    assert hit.title_html == "<mark>Cocoa</mark> talks"
    assert hit.highlights == [] and hit.summary == "Delegates met in Accra."
    body_match = index.search("accra").hits[0]
    assert body_match.summary == "" and "<mark>Accra</mark>" in body_match.highlights[0]


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_sorting_by_date_puts_undated_articles_last_and_breaks_ties_by_relevance(tmp_path, sort):
    records = [
        {"id": "undated", "date": "", "body": "Wheat wheat wheat harvest."},
        {"id": "old", "date": "2020-01-01", "body": "Wheat harvest."},
        {"id": "new-weak", "date": "2021-06-01", "body": "Wheat, and many other words here."},
        {"id": "new-strong", "date": "2021-06-01", "body": "Wheat wheat."},
    ]
    write_jsonl(tmp_path / "a.jsonl", records)
    index = Index(tmp_path / "index")
    index.reindex([tmp_path / "a.jsonl"])
    newest_first = ["new-strong", "new-weak", "old", "undated"]
    expected = newest_first if sort == "newest" else ["old", *newest_first[:2], "undated"]
    assert ids(index.search("wheat", sort=sort)) == expected
    assert ids(index.search("whea*", sort=sort)) == expected  # a wildcard: Whoosh finds them


def test_a_long_article_shows_the_passage_with_every_word_first(tmp_path):
    """Hundreds of matches of one word, and one paragraph near the end holding both: that
    paragraph is the first passage."""
    from tests.conftest import indexed

    said = [f"Oil output rose {n} percent in district {n}, the ministry said." for n in range(400)]
    both = "Opec ministers said oil quotas would hold until June."
    body = "\n".join([*said, both])
    index = indexed(
        tmp_path, [{"id": "long", "date": "2023-03-01", "title": "Output", "body": body}]
    )
    passages = index.search("oil opec").hits[0].highlights
    assert "<mark>Opec</mark> ministers" in passages[0] and "<mark>oil</mark>" in passages[0]
    assert len(passages) == 3 and len(set(passages)) == 3
