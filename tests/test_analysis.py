"""Dateline's analyzer indexes exactly the words, at exactly the positions, that Whoosh's
StemmingAnalyzer would: queries parsed by Whoosh and documents indexed by Dateline must agree."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.analysis import StemmingAnalyzer

from search.bundled import SAMPLE_DIR
from search.engine.analysis import NewsAnalyzer
from search.engine.terms import Wanted
from search.query import highlight

WHOOSH = StemmingAnalyzer()


def whoosh_terms(text: str) -> list[tuple[int, str]]:
    return [(t.pos, t.text) for t in WHOOSH(text, positions=True)]


def dateline_terms(analyzer: NewsAnalyzer, text: str) -> list[tuple[int, str]]:
    first, words = analyzer.terms(text)
    return list(enumerate(words, start=first))


def sample_texts() -> list[str]:
    lines = (SAMPLE_DIR / "reuters-excerpt.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["body"] for line in lines]
    return texts + [(SAMPLE_DIR / "soledar.txt").read_text(encoding="utf-8")]


def test_the_sample_archive_is_analysed_as_whoosh_would():
    analyzer = NewsAnalyzer()
    for text in sample_texts():
        assert dateline_terms(analyzer, text) == whoosh_terms(text)


def test_case_dots_stop_words_and_unicode_are_analysed_as_whoosh_would():
    analyzer = NewsAnalyzer()
    for text in [
        "",
        "the of a",
        "The U.S.A. said 3.5 pct, not 3..5; e.g. x*y",
        "İstanbul ÉCOLE Straße naïve café ΑΘΗΝΑ",
        "a  Running RUNS ran runner's",
    ]:
        assert dateline_terms(analyzer, text) == whoosh_terms(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aeiouxyzAEİß .*,'-1\n\t"), max_size=60))
def test_any_text_is_analysed_as_whoosh_would(text):
    analyzer = NewsAnalyzer()
    # The same analyzer twice: its cache of stems must give what a fresh one gives.
    assert dateline_terms(analyzer, text) == whoosh_terms(text)
    assert dateline_terms(analyzer, text) == whoosh_terms(text)


def marked(analyzer: NewsAnalyzer, text: str, words: frozenset[str]) -> list[tuple[int, int]]:
    """What highlighting marks by analysing the whole text."""
    return [(start, end) for _, start, end, word in analyzer.spans(text) if word in words]


def test_finding_words_from_their_stems_marks_what_analysing_everything_marks():
    analyzer = NewsAnalyzer()
    tricky = (
        "Oysters and oyster beds; the U.S. oil. Oil.price .oil x.oil STABILITY stabilise "
        "stable, stabilising; companies' company; said saying; Ability abilities; toys toyed"
    )
    for text in [*sample_texts(), tricky]:
        for stem in {word for _, _, _, word in analyzer.spans(text)}:
            words = frozenset({stem})
            assert analyzer.word_spans(text, words) == marked(analyzer, text, words), stem


def test_text_whose_lower_case_moves_characters_is_left_to_full_analysis():
    assert NewsAnalyzer().word_spans("İstanbul oil", frozenset({"oil"})) is None


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("aoilysbtAOILY .*,'-1\n"), max_size=60),
    st.sampled_from(["oil", "oi", "toy", "ball", "li", "soil", "ye"]),
)
def test_any_text_marks_the_same_words_either_way(text, stem):
    analyzer = NewsAnalyzer()
    words = frozenset({stem})
    found = analyzer.word_spans(text, words)
    assert found is None or found == marked(analyzer, text, words)


def _phrase_marks(text: str, wanted: Wanted, fast: bool) -> list[tuple[int, int]]:
    analyzer = NewsAnalyzer()
    find_words = analyzer.word_spans if fast else None
    return highlight.match_spans(text, analyzer.spans, wanted, find_words)


def test_phrases_are_marked_from_their_first_words_as_from_the_whole_text():
    analyzer = NewsAnalyzer()
    texts = [
        *sample_texts(),
        "Bank profits rose. The bank's profits fell; bank of profits, bank\nprofits, "
        "banks profit-taking. U.S. bank profits at U.S. banks",
    ]
    for text in texts:
        words = [w for _, _, _, w in analyzer.spans(text)]
        phrases = {tuple(words[i : i + n]) for n in (2, 3) for i in range(0, len(words), 7)}
        wanted = Wanted({words[0]} if words else set(), sorted(phrases))
        assert _phrase_marks(text, wanted, fast=True) == _phrase_marks(text, wanted, fast=False)
    two = Wanted(set(), [("bank", "profit")])
    marks = _phrase_marks(texts[-1], two, fast=True)
    assert len(marks) == 12  # six whole phrases, "banks profit-taking" among them


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("aoilysbt AOILY.,'\n"), max_size=80),
    st.sampled_from([("oil", "toy"), ("oil", "oil"), ("li", "soil", "ye"), ("ball",)]),
)
def test_any_text_marks_the_same_phrases_either_way(text, phrase):
    wanted = Wanted({"ye"}, [phrase])
    assert _phrase_marks(text, wanted, fast=True) == _phrase_marks(text, wanted, fast=False)
