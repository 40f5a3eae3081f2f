"""Phrases with a common word are found through indexed word pairs (search.engine.word_pairs):
the same articles as lining up every word's positions, checked here against the text itself."""

from __future__ import annotations

import json
import shutil
from itertools import pairwise
from pathlib import Path

import pytest

from search.bundled import SAMPLE_DIR
from search.engine.analysis import NewsAnalyzer
from search.engine.word_pairs import MIN_SAMPLE, MOST_COMMON, PairsAnalyzer, common_words
from search.index import Index
from tests.conftest import engine_searcher
from tests.synthetic_wire import write_archive

ARTICLES = 1_500
ANALYZER = NewsAnalyzer()


@pytest.fixture(scope="module")
def wire(tmp_path_factory) -> tuple[Index, list[dict]]:
    folder = tmp_path_factory.mktemp("pairs")
    source = write_archive(folder / "wire.jsonl", ARTICLES)
    index = Index(folder / "index")
    assert index.reindex([source]).exit_code == 0
    return index, [json.loads(line) for line in source.read_text().splitlines()]


def holding(records: list[dict], phrase: str) -> set[str]:
    """The articles whose title or body holds the phrase's indexed words one after another,
    read from the text."""
    wanted = ANALYZER.terms(phrase)[1]
    found = set()
    for record in records:
        for text in (record["title"], record["body"]):
            words = ANALYZER.terms(text)[1]
            if any(words[at : at + len(wanted)] == wanted for at in range(len(words))):
                found.add(record["id"])
    return found


def found(index: Index, phrase: str) -> set[str]:
    return {row["id"] for row in index.export(f'"{phrase}"')}


def phrases_from(records: list[dict], pairs) -> list[str]:
    """Phrases as the archive holds them: pairs and triples of neighbouring words, some with a
    common word and some without."""
    with_common, without, triples = [], [], []
    for record in records[:60]:
        words = ANALYZER.terms(record["body"])[1]
        for left, right in pairwise(words):
            (with_common if pairs.paired(left, right) else without).append(f"{left} {right}")
        triples.extend(" ".join(words[at : at + 3]) for at in range(0, len(words) - 2, 40))
    return with_common[::25][:12] + without[::40][:6] + triples[:8]


def test_a_new_index_learns_its_common_words_from_its_first_articles(wire):
    index, _ = wire
    pairs = engine_searcher(index).schema["body_pairs"].analyzer
    # "reuter" is on every story and "said" on most; the wire's commonest made-up words too.
    assert {"reuter", "said"} <= pairs.common and len(pairs.common) == MOST_COMMON
    # "said" is on most stories, so it pairs with any word, a made-up one too.
    assert pairs.paired("reuter", "said") and pairs.paired("said", "zzzz")
    assert "said" in pairs.everywhere <= pairs.common


def test_phrases_find_the_articles_that_hold_them(wire):
    index, records = wire
    pairs = engine_searcher(index).schema["body_pairs"].analyzer
    phrases = phrases_from(records, pairs)
    assert sum(len(p.split()) == 2 and pairs.paired(*p.split()) for p in phrases) >= 10
    for phrase in phrases:
        assert found(index, phrase) == holding(records, phrase), phrase


def test_the_total_counts_the_articles_holding_the_phrase(wire):
    index, records = wire
    for phrase in ("reuter said", "said reuter", "mln pct"):
        expected = holding(records, phrase)
        assert expected, phrase
        page = index.search(f'"{phrase}"', exact_total=True, collapse=False)
        assert page.total == len(expected)
        assert {hit.id for hit in page.hits} <= expected


def test_articles_added_later_are_found_by_their_pairs_too(tmp_path, wire):
    _, records = wire
    first, later = records[:400], records[400:700]
    index = Index(tmp_path / "index")
    source = tmp_path / "wire.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in first))
    assert index.reindex([source]).exit_code == 0
    source.write_text("".join(json.dumps(r) + "\n" for r in first + later))
    report = index.reindex([source])
    assert (report.added, report.unchanged) == (300, 400)
    for phrase in ("reuter said", "said reuter", "pct mln"):
        assert found(index, phrase) == holding(first + later, phrase), phrase


def test_a_small_archive_indexes_no_pairs_and_phrases_still_work(sample_index):
    assert not engine_searcher(sample_index).schema["body_pairs"].analyzer.common
    assert [row["id"] for row in sample_index.export('"oil prices"')]


def test_common_words_are_those_on_a_fifth_of_the_articles_or_more():
    bodies = []
    for n in range(MIN_SAMPLE):
        words = ["Reuter"] + ["said"] * (n % 2) + ["tonnes"] * (n % 3 == 0)
        bodies.append(" ".join(words + ["grain"] * (n % 10 == 0) + ["rye"] * (n == 7)))
    common, frequent, everywhere = common_words(bodies)
    assert common == ["reuter", "said", "tonn"] and everywhere == ["reuter", "said"]
    assert "grain" in frequent and "rye" not in frequent  # on a tenth, and on one
    assert common_words(bodies[: MIN_SAMPLE - 1]) == ([], [], [])
    pairs = PairsAnalyzer(common, frequent, everywhere)
    assert pairs.paired("rye", "said") and pairs.paired("tonn", "grain")
    assert not pairs.paired("tonn", "rye") and not pairs.paired("grain", "rye")


def copied_sample(tmp_path) -> tuple[Index, Path, int]:
    """The bundled sample, copied and indexed: an index too small to learn common words."""
    sample = tmp_path / "sample"
    shutil.copytree(SAMPLE_DIR, sample)
    index = Index(tmp_path / "index")
    return index, sample, index.reindex([sample]).added


def news_file(tmp_path, records: list[dict]) -> Path:
    news = tmp_path / "news.jsonl"
    news.write_text("".join(json.dumps(r) + "\n" for r in records))
    return news


def test_a_large_source_added_to_the_bundled_sample_rebuilds_it_to_learn(tmp_path, wire):
    records = wire[1][:600]
    index, _, first = copied_sample(tmp_path)
    assert not engine_searcher(index).schema["body_pairs"].analyzer.common
    messages: list[str] = []
    report = index.reindex([news_file(tmp_path, records)], on_message=messages.append)
    assert any("rebuilt in full" in m for m in messages)
    assert report.added == first + 600 and index.stats().articles == report.added
    assert {"reuter", "said"} <= engine_searcher(index).schema["body_pairs"].analyzer.common
    assert found(index, "reuter said") == holding(records, "reuter said")
    # Both sources stay the index's: a reindex with none given reads them again, unchanged.
    assert index.reindex().unchanged == report.added


def test_a_small_index_whose_files_are_gone_keeps_its_articles_instead(tmp_path, wire):
    records = wire[1][:600]
    index, sample, first = copied_sample(tmp_path)
    (sample / "soledar.txt").unlink()  # outside the new source: its article is kept
    report = index.reindex([news_file(tmp_path, records)])
    assert report.added == 600 and index.stats().articles == 600 + first
    assert not engine_searcher(index).schema["body_pairs"].analyzer.common
    assert found(index, "reuter said") == holding(records, "reuter said")
