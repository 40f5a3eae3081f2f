"""Proximity for plain words, on the few best candidates of a segment.

BM25F scores each word alone: an article where "jet" and "fuel" stand side by side scores no
higher than one that mentions jets in one paragraph and fuel prices in another. Reading the
positions of every match would cost as much as a phrase search per pair of words, so only the
best candidates by BM25F are looked at, and their scores raised.
"""

from __future__ import annotations

import numpy as np
from whoosh import query as wq

from search.engine import postings_reader
from search.engine.postings_reader import KEY_SPAN, read_postings

# How many of a segment's best matches holding every word are re-scored.
CANDIDATES = 200
# Two words count as near when at most this many positions apart, in either order.
WINDOW = 3
# Score added, in units of the words' mean IDF, for each pair of consecutive query words that
# stand near each other. Tuned on the dev queries of bench/relevance.py (a bonus for a title
# holding every word did not help there: the title's boost already does that).
NEAR_WEIGHT = 0.5


def add_to_best(searcher, reader, words, docs: np.ndarray, scores: np.ndarray, idf: float) -> None:
    """Add the bonus to `scores` (one per doc of `docs`: sorted local docnums holding every
    word) for the `CANDIDATES` best of them."""
    chosen = np.arange(len(docs))
    if len(docs) > CANDIDATES:
        cut = len(docs) - CANDIDATES
        chosen = np.sort(np.argpartition(scores, cut)[cut:])
    if len(chosen):
        scores[chosen] += bonus(searcher, reader, words, docs[chosen], idf)


def bonus(searcher, reader, words: list[wq.Query], docs: np.ndarray, idf: float) -> np.ndarray:
    """Score to add to each of `docs` (sorted local docnums, holding every word)."""
    out = np.zeros(len(docs))
    body = [_single(searcher, word, "body") for word in words]
    for first, second in zip(body, body[1:], strict=False):
        if first is not None and second is not None and first != second:
            out += NEAR_WEIGHT * idf * _near(reader, first, second, docs)
    return out


def _single(searcher, word: wq.Query, fieldname: str) -> bytes | None:
    """The one term a word looks for in this field (None for patterns and multi-word forms)."""
    found = {text for field, text in word.iter_all_terms() if field == fieldname}
    if len(found) != 1:
        return None
    return searcher.schema[fieldname].to_bytes(found.pop())


def _near(reader, first: bytes, second: bytes, docs: np.ndarray) -> np.ndarray:
    """Per doc, the share of `first`'s occurrences with `second` within WINDOW positions,
    saturating: 1 occurrence near counts 1/2, 3 count 3/4."""
    keys = [_keys(reader, "body", text, docs) for text in (first, second)]
    if not len(keys[0]) or not len(keys[1]):
        return np.zeros(len(docs))
    at = np.searchsorted(keys[1], keys[0] - WINDOW)
    inside = at < len(keys[1])
    near = np.zeros(len(keys[0]), dtype=bool)
    near[inside] = keys[1][at[inside]] <= keys[0][inside] + WINDOW
    counts = np.bincount(np.searchsorted(docs, keys[0][near] // KEY_SPAN), minlength=len(docs))
    return counts / (counts + 1.0)


def _keys(reader, fieldname: str, text: bytes, docs: np.ndarray) -> np.ndarray:
    if (fieldname, text) not in reader:
        return np.zeros(0, dtype=np.int64)
    postings = read_postings(reader, fieldname, text, values=True, within=docs)
    return postings_reader.position_keys(postings)
