"""Plain words whose articles holding every word fill the page: the fewer-words tail unread.

Plain words rank the articles holding every word first (`scorer`). When one of the words alone
is in so many articles that the total is only reported as a lower bound, and the articles
holding every word are enough to fill the page (and the feedback's candidates), the articles
holding fewer words can never be shown: they are not read. The rarest word's postings give the
candidates; each commoner word is read only in the blocks holding a candidate. Scores,
proximity and feedback are the exhaustive path's, added in the same order, so the page is the
same to the last digit (`tests/test_early_stop.py`).
"""

from __future__ import annotations

import numpy as np
from whoosh import query as wq
from whoosh.searching import Searcher

from search.engine import block_max, columns, feedback, proximity, scorer
from search.engine.bm25 import bm25
from search.engine.parser import PlainWords
from search.engine.postings_reader import distinct_of_runs, read_postings


def rank(searcher: Searcher, q: wq.Query, needed: int, count_up_to: int) -> scorer.Ranking | None:
    """The first `needed` of plain words `q` as `scorer.rank` gives them, from the articles
    holding every word alone, when one word alone is known to be in `count_up_to` articles or
    more; None otherwise, when those are too few, or when `q` is not plain words."""
    if not isinstance(q, PlainWords):
        return None
    words = [scorer.any_of_terms(searcher, word) for word in q.subqueries]
    if any(word is None for word in words):
        return None
    if max(block_max.total_lower_bound(searcher, word) for word in words) < count_up_to:
        return None
    found = _holding_every_word(searcher, q, words)
    if len(found.docs) < max(needed, feedback.CANDIDATES + 1):
        return None
    scorer.with_feedback(searcher, scorer.expanded(searcher, q), found)
    return scorer.ranking_of(searcher, found, "relevance", needed)


def _holding_every_word(searcher: Searcher, q: PlainWords, words) -> scorer.Found:
    """The articles holding every word, scored; kept on the searcher for the next call (a
    collapsed ranking asks again for more)."""
    last = searcher.__dict__.get("_dateline_every_word")
    if last is not None and last[0] == q:
        return last[1]
    found = _find(searcher, q, words)
    searcher.__dict__["_dateline_every_word"] = (q, found)
    return found


def _find(searcher: Searcher, q: PlainWords, words: list[list[wq.Term]]) -> scorer.Found:
    expanded = scorer.expanded(searcher, q)
    weights = scorer.word_weights(searcher, expanded)
    parts = [
        _segment(searcher, reader, offset, expanded, words, weights)
        for reader, offset in searcher.reader().leaf_readers()
    ]
    return scorer.joined(parts, plain=True)


def _segment(searcher, reader, offset: int, q, words, weights) -> scorer.Found:
    """One segment's articles holding every word (global docnums) with their scores."""
    rarest_first = sorted(range(len(words)), key=lambda i: _frequency(searcher, reader, words[i]))
    docs: np.ndarray | None = None
    for i in rarest_first:
        held = _holders(searcher, reader, words[i], docs)
        docs = held if docs is None else docs[np.isin(docs, held, assume_unique=True)]
    assert docs is not None
    # The words' scores are added in the query's order, as the exhaustive scorer adds them.
    scores = np.zeros(len(docs))
    for word in words:
        scores += _scores(searcher, reader, word, docs)
    weight = np.full(len(docs), sum(weights))  # summed in order, as the exhaustive scorer sums
    proximity.add_to_best(searcher, reader, q.subqueries, docs, scores, float(np.mean(weights)))
    keep = columns.live(reader)[docs]
    return scorer.Found(
        docs[keep] + offset, scores[keep], np.ones(int(keep.sum()), dtype=bool), weight[keep]
    )


def _frequency(searcher, reader, terms: list[wq.Term]) -> int:
    return sum(
        reader.doc_frequency(*_key(searcher, t)) for t in terms if _key(searcher, t) in reader
    )


def _holders(searcher, reader, terms: list[wq.Term], within: np.ndarray | None) -> np.ndarray:
    """The documents (local, ascending) holding any of the terms, among `within` if given."""
    found = [np.zeros(0, dtype=np.int64)]
    for term in terms:
        key = _key(searcher, term)
        if key in reader:
            postings = read_postings(reader, *key, within=within)
            found.append(postings.ids)
    return distinct_of_runs(np.concatenate(found))


def _scores(searcher, reader, terms: list[wq.Term], docs: np.ndarray) -> np.ndarray:
    """A word's score in each of `docs`: its terms' BM25F, added in order from zero."""
    out = np.zeros(len(docs))
    for term in terms:
        key = _key(searcher, term)
        if key not in reader or not len(docs):
            continue
        postings = read_postings(reader, *key, within=docs)
        lengths = columns.field_lengths(reader, term.fieldname)[postings.ids]
        values = bm25(searcher, key[0], key[1], postings.weights, lengths) * term.boost
        out[np.searchsorted(docs, postings.ids)] += values
    return out


def _key(searcher, term: wq.Term) -> tuple[str, bytes]:
    return term.fieldname, searcher.schema[term.fieldname].to_bytes(term.text)
