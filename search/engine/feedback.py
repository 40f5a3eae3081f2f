"""Pseudo-relevance feedback for plain words: the best matches say what the words are about.

A reader who types "barley sales tender" means the barley tender stories, and the best few
matches share words the query left out ("tonnes", "wheat", "shipment"). Those words, weighted by
how much more often they occur in the best matches than in the archive (Amati's Bo1, as in
Terrier and Whoosh's `Expander`), raise the scores of the top candidates that hold them. Only
articles that already match move, and only within the ranking's tiers (every word first), so
totals, counts and highlights stay the query's own.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
from whoosh.searching import Searcher

from search.engine import columns, word_bags
from search.engine.bm25 import bm25_of
from search.engine.postings_reader import read_postings

# Tuned on the dev queries of bench/relevance.py; the figures are flat around these values
# (5-15 articles, 10-30 words, 50-500 candidates, a weight of 0.6-1.0); of those, the cheaper.
DOCS = 10  # best matches read for feedback words
TERMS = 10  # feedback words kept
CANDIDATES = 50  # best matches re-scored
WEIGHT = 1.0  # of the feedback words' score, against the query's own
# A word from one article alone says what that article is about, not what the query is.
MIN_HOLDERS = 2
# Only the words most of the best articles share have their archive frequency looked up (each
# lookup reads every segment's term table); the rest rarely make the cut.
LOOKED_UP = 40
_MAX_REMEMBERED = 100_000


def bonus_of(
    searcher: Searcher, best: list[int], candidates: np.ndarray, exclude: set[str]
) -> np.ndarray:
    """Score to add to each candidate (global docnums, ascending) for the key terms of the
    `best` articles (among the candidates), leaving out the query's own words. Each article's
    bag is read once for both."""
    bags = word_bags.texts(searcher, candidates.tolist())
    if bags is None:  # an index written before bags
        return bonus(searcher, candidates, key_terms(searcher, best, exclude), None)
    of_doc = dict(zip(candidates.tolist(), bags, strict=True))
    terms = key_terms(searcher, best, exclude, [of_doc[d] for d in best])
    return bonus(searcher, candidates, terms, bags)


def key_terms(
    searcher: Searcher, docnums: list[int], exclude: set[str], bags: list[str] | None = None
) -> list[tuple[str, float]]:
    """The `TERMS` words most telling of these articles' bodies, with their Bo1 weights.
    `bags`: the articles' stored bags, where already read."""
    if bags is None:
        bags = word_bags.texts(searcher, docnums)
    counts, holders = _analysed(searcher, docnums) if bags is None else word_bags.totals(bags)
    total_docs = max(searcher.doc_count_all(), 1)
    weighted = []
    shared = [t for t, n in holders.items() if n >= MIN_HOLDERS and t not in exclude]
    # By holders, then count, then first appearance (each sort keeps the order of ties).
    shared.sort(key=counts.__getitem__, reverse=True)
    shared.sort(key=holders.__getitem__, reverse=True)
    for text in shared[:LOOKED_UP]:
        tf = counts[text]
        mean = _frequency(searcher, text) / total_docs
        if mean > 0:
            weighted.append((tf * math.log2((1 + mean) / mean) + math.log2(1 + mean), text))
    weighted.sort(reverse=True)
    return [(text, weight) for weight, text in weighted[:TERMS]]


def _analysed(searcher: Searcher, docnums: list[int]) -> tuple[Counter[str], Counter[str]]:
    """`word_bags.totals` for an index written before bags: the bodies analysed again."""
    analyzer = searcher.schema["body"].analyzer
    counts: Counter[str] = Counter()
    holders: Counter[str] = Counter()
    for docnum in docnums:
        bag = Counter(analyzer.terms(searcher.stored_fields(docnum).get("body", ""))[1])
        counts.update(bag)
        holders.update(bag.keys())
    return counts, holders


def bonus(
    searcher: Searcher,
    candidates: np.ndarray,
    terms: list[tuple[str, float]],
    bags: list[str] | None,
) -> np.ndarray:
    """Score to add to each candidate (global docnums, ascending): each feedback word's BM25F in
    the body, in proportion to its weight. The words' counts come from the candidates' bags
    (a few dozen short strings; None for an index written before bags: the words' postings)."""
    out = np.zeros(len(candidates))
    if not terms:
        return out
    top = max(weight for _, weight in terms)
    if bags is None:
        return WEIGHT * _bonus_from_postings(searcher, candidates, terms, top)
    field = searcher.schema["body"]
    found = word_bags.counts_in(bags, [text for text, _ in terms])
    lengths = np.zeros(len(candidates))
    for reader, inside, local in _by_segment(searcher, candidates):
        lengths[inside] = columns.field_lengths(reader, "body")[local]
    for n, (text, weight) in enumerate(terms):
        has = found[:, n] > 0
        score = bm25_of(searcher, "body", field.to_bytes(text))(found[has, n], lengths[has])
        out[has] += weight / top * score
    return WEIGHT * out


def _bonus_from_postings(searcher: Searcher, candidates: np.ndarray, terms, top: float):
    """`bonus` for an index written before bags: the words' postings, in the blocks holding a
    candidate."""
    out = np.zeros(len(candidates))
    field = searcher.schema["body"]
    for reader, inside, local in _by_segment(searcher, candidates):
        lengths = columns.field_lengths(reader, "body")
        part = np.zeros(len(local))
        for text, weight in terms:
            btext = field.to_bytes(text)
            if ("body", btext) not in reader:
                continue
            found = read_postings(reader, "body", btext, within=local)
            score = bm25_of(searcher, "body", btext)(found.weights, lengths[found.ids])
            part[np.searchsorted(local, found.ids)] += weight / top * score
        out[inside] = part
    return out


def _by_segment(searcher: Searcher, candidates: np.ndarray):
    """(segment reader, which candidates it holds, their docnums there), for each segment
    holding any (candidates: global docnums)."""
    for reader, offset in searcher.reader().leaf_readers():
        inside = (candidates >= offset) & (candidates < offset + reader.doc_count_all())
        if inside.any():
            yield reader, inside, candidates[inside] - offset


def _frequency(searcher: Searcher, text: str) -> int:
    """How often the word occurs in all bodies. Kept for the generation, shared by its threads'
    searchers: the words of news articles recur from one query's feedback to the next."""
    known = columns.cached(searcher, "body word frequencies", dict)
    if text not in known:
        if len(known) > _MAX_REMEMBERED:
            known.clear()
        known[text] = searcher.frequency("body", text)
    return known[text]
