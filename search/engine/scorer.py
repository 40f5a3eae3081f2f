"""Ranking for words, phrases, wildcards, fuzzy words, AND, OR and NOT, scored a whole posting
block at a time.

Whoosh scores each matching document with several Python calls (its posting, its field length,
its BM25F score), so a common word costs milliseconds. Here each term's postings are read a
block at a time into arrays and scored with numpy in one expression, and a phrase's positions
are compared as arrays too. The formula, statistics and field lengths are Whoosh's, so are the
scores; the exact total comes for free. Other query shapes (ranges, near, unscored fields)
return None and stay with Whoosh.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.fields import KEYWORD
from whoosh.searching import Searcher

from search.engine import columns, feedback, postings_reader, proximity, word_pairs
from search.engine.analysis import PackedPositions
from search.engine.bm25 import bm25
from search.engine.columns import UNDATED
from search.engine.parser import PlainWords
from search.engine.postings_reader import read_postings
from search.engine.schema import PAIRED_FIELD, PAIRS_FIELD

# A date range as the date column is compared with it: either end may be open.
DateBounds = tuple[datetime | None, datetime | None]


@dataclass
class Ranking:
    """Matching documents, best first (global docnums), with their scores, the total and how
    many of them match every word."""

    docnums: list[int]
    scores: list[float]
    total: int
    complete: int


@dataclass
class _Matches:
    """A segment's matching documents (local docnums, ascending) and their scores. Sparse: the
    work grows with the matches, not with the archive (a million articles' worth of flags and
    scores per word cost more than the word's postings)."""

    ids: np.ndarray  # int64
    scores: np.ndarray  # float64, one per id

    @staticmethod
    def nothing() -> _Matches:
        return _Matches(np.zeros(0, dtype=np.int64), np.zeros(0))


def _union(parts: list[_Matches], size: int, scored: bool = True) -> _Matches:
    """Documents in any of the parts (of a segment of `size` documents), each scored by the sum
    of its parts' scores, added part by part in order (so the sums are those of adding whole
    arrays, to the last digit); every score 0 unless `scored`."""
    if len(parts) == 1:
        return parts[0]
    every = np.concatenate([p.ids for p in parts])
    if len(every) * _DENSE_FROM > size:
        # Most of the segment: one pass over a score (or a flag) per document is cheaper than
        # merging.
        if not scored:
            flags = np.zeros(size, dtype=bool)
            flags[every] = True
            held = np.flatnonzero(flags)
            return _Matches(held, np.zeros(len(held)))
        held = np.flatnonzero(np.bincount(every, minlength=size))
        sums = np.bincount(every, np.concatenate([p.scores for p in parts]), minlength=size)
        return _Matches(held, sums[held])
    ids = postings_reader.distinct_of_runs(every)
    scores = np.zeros(len(ids))
    for part in parts if scored else ():
        scores[np.searchsorted(ids, part.ids)] += part.scores
    return _Matches(ids, scores)


# Postings per document of the segment past which a union is summed over the whole segment.
_DENSE_FROM = 8


def _intersection(parts: list[_Matches]) -> _Matches:
    """Documents in every part, scored as `_union` scores them."""
    if len(parts) == 1:
        return parts[0]
    ids = parts[0].ids
    for part in parts[1:]:
        ids = postings_reader.among(ids, part.ids)
    scores = np.zeros(len(ids))
    for part in parts:
        scores += part.scores[np.searchsorted(part.ids, ids)]
    return _Matches(ids, scores)


@dataclass
class Found:
    """Every match (global docnums, ascending) with its score; for plain words also whether it
    holds every word and the summed weight (IDF) of the words it holds."""

    docs: np.ndarray
    scores: np.ndarray
    complete: np.ndarray | None = None
    weight: np.ndarray | None = None
    rescored: bool = False  # by pseudo-relevance feedback


def rank(
    searcher: Searcher,
    q: wq.Query,
    needed: int,
    date_range: DateBounds | None = None,
    sort: str = "relevance",
    allowed: np.ndarray | None = None,
) -> Ranking | None:
    """The first `needed` matches of `q`, by BM25F or by date ("newest", "oldest": undated
    articles last, ties by score), or None when `q` has another shape. Plain words rank the
    articles holding every word first, then those holding the rarer words. `allowed` (one
    flag a document) keeps only the documents a filter lets through."""
    found = _matches(searcher, q, date_range, allowed)
    if found is None:
        return None
    if sort == "relevance" and found.weight is not None:
        with_feedback(searcher, expanded(searcher, q), found)
    return ranking_of(searcher, found, sort, needed)


def any_of_terms(searcher: Searcher, q: wq.Query) -> list[wq.Term] | None:
    """The terms of `q` when it is scored as the sum of whichever of them a document holds (a
    word, a word in several fields, a wildcard's expansion), else None."""
    q = expanded(searcher, q)
    if q is wq.NullQuery or not _supported(q, searcher):
        return None
    if isinstance(q, wq.Term):
        terms = [q]
    elif type(q) is wq.Or and all(type(s) is wq.Term for s in q.subqueries):
        terms = list(q.subqueries)
    else:
        return None
    # The early stop bounds BM25F scores; a keyword scores its weight (`_supported`).
    return terms if all(searcher.schema[t.fieldname].scorable for t in terms) else None


def matching(
    searcher: Searcher,
    q: wq.Query,
    date_range: DateBounds | None,
    allowed: np.ndarray | None = None,
) -> np.ndarray | None:
    """Every live document matching `q` (global docnums, ascending), or None for other shapes.

    The ranking's matches when it read them all; else the documents alone, unscored: after a
    ranking that stopped early, the facets and the timeline of the page still count every
    match, and scores no one reads would cost as much again as the postings."""
    key = _key(q, date_range, allowed)
    if (found := _recalled(searcher, _LAST_MATCHES, key)) is not _NOT_KEPT:
        return None if found is None else found.docs
    return _remembered(
        searcher, _LAST_DOCS, key, lambda: _find_docs(searcher, q, date_range, allowed)
    )


# Where a searcher keeps its last matches (scored) and its last documents (unscored).
_LAST_MATCHES = "_dateline_last_matches"
_LAST_DOCS = "_dateline_last_docs"


def _key(q: wq.Query, date_range, allowed) -> tuple | None:
    """What a set of matches is kept under, or None for a query Whoosh cannot hash."""
    key = (q, date_range, None if allowed is None else hash(allowed.tobytes()))
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _matches(searcher: Searcher, q: wq.Query, date_range, allowed=None) -> Found | None:
    """Every match of `q` with its score. The last answer is kept on the searcher: a results
    page asks for the same matches three times (the ranking, the facets, the timeline)."""
    key = _key(q, date_range, allowed)
    return _remembered(
        searcher, _LAST_MATCHES, key, lambda: _find_matches(searcher, q, date_range, allowed)
    )


def _remembered(searcher: Searcher, slot: str, key: tuple | None, find: Callable[[], Any]):
    """`find()`, or the answer kept in `slot` of the searcher when it was for `key` (None: a
    query that cannot be kept)."""
    if (answer := _recalled(searcher, slot, key)) is not _NOT_KEPT:
        return answer
    answer = find()
    if key is not None:
        searcher.__dict__[slot] = (key, answer)
    return answer


_NOT_KEPT = object()


def _recalled(searcher: Searcher, slot: str, key: tuple | None) -> Any:
    """The answer kept in `slot` of the searcher for `key`, else `_NOT_KEPT`."""
    last = searcher.__dict__.get(slot)
    if key is None or last is None or last[0] != key:
        return _NOT_KEPT
    return last[1]


def _find_matches(searcher: Searcher, q: wq.Query, date_range, allowed=None) -> Found | None:
    q = expanded(searcher, q)
    if not _supported(q, searcher):
        return None
    weights = word_weights(searcher, q) if isinstance(q, PlainWords) else None
    parts: list[Found] = []
    for reader, offset in searcher.reader().leaf_readers():
        segment = _SegmentScorer(searcher, reader)
        if weights is None:
            matches, complete, weight = segment.evaluate(q), None, None
        else:
            matches, complete, weight = segment.words(q, weights)
        keep = _kept(searcher, reader, offset, matches.ids, date_range, allowed)
        parts.append(
            Found(
                matches.ids[keep] + offset,
                matches.scores[keep],
                None if complete is None else complete[keep],
                None if weight is None else weight[keep],
            )
        )
    return joined(parts, plain=weights is not None)


def _find_docs(searcher: Searcher, q: wq.Query, date_range, allowed=None) -> np.ndarray | None:
    """The documents `_find_matches` finds, without their scores."""
    q = expanded(searcher, q)
    if not _supported(q, searcher):
        return None
    parts = [np.zeros(0, dtype=np.int64)]
    for reader, offset in searcher.reader().leaf_readers():
        segment = _SegmentScorer(searcher, reader, scored=False)
        if isinstance(q, PlainWords):  # any of the words, as `words` finds them
            ids = segment.union([segment.evaluate(word) for word in q.subqueries]).ids
        else:
            ids = segment.evaluate(q).ids
        parts.append(ids[_kept(searcher, reader, offset, ids, date_range, allowed)] + offset)
    return np.concatenate(parts)


def _kept(searcher: Searcher, reader, offset: int, ids: np.ndarray, date_range, allowed):
    """Which of a segment's matches are live, in the date range and let through."""
    keep = columns.live(reader)[ids]
    if date_range is not None:
        keep &= within(searcher, columns.dates(reader)[ids], *date_range)
    if allowed is not None:
        keep &= allowed[offset + ids]
    return keep


def with_feedback(searcher: Searcher, q: wq.Query, found: Found) -> None:
    """Raise the scores of the best plain-word matches by the words of the very best
    (`feedback`); once per set of matches, which the searcher keeps for the next page."""
    if found.rescored or not feedback.WEIGHT or "body" not in searcher.schema:
        return
    found.rescored = True
    best = _best_words(found, feedback.CANDIDATES)
    if len(best) <= feedback.DOCS:  # every match would be its own feedback: nothing to learn
        return
    words = {text for fieldname, text in q.iter_all_terms() if fieldname == "body"}
    top = found.docs[best[: feedback.DOCS]].tolist()
    candidates = best[np.argsort(found.docs[best])]
    found.scores[candidates] += feedback.bonus_of(searcher, top, found.docs[candidates], words)


def joined(parts: list[Found], plain: bool) -> Found:
    """The segments' matches, one segment after another (so still ascending)."""

    def join(arrays, dtype):
        return np.concatenate([np.zeros(0, dtype=dtype), *arrays])

    return Found(
        join([p.docs for p in parts], np.int64),
        join([p.scores for p in parts], np.float64),
        join([p.complete for p in parts], bool) if plain else None,
        join([p.weight for p in parts], np.float64) if plain else None,
    )


def word_weights(searcher: Searcher, q: PlainWords) -> list[float]:
    """Each word's rarity: the IDF of its commonest form (usually the body's)."""
    weights = []
    for word in q.subqueries:
        idfs = [searcher.idf(fieldname, text) for fieldname, text in word.iter_all_terms()]
        weights.append(min(idfs, default=0.0))
    return weights


def order(
    searcher: Searcher,
    docnums: list[int],
    scores: list[float],
    date_range: DateBounds | None,
    sort: str,
    needed: int,
    allowed: np.ndarray | None = None,
) -> Ranking:
    """Matches found some other way (Whoosh's matchers), kept within the dates (and `allowed`)
    and put in the same order as `rank` gives."""
    docs, values = np.asarray(docnums, dtype=np.int64), np.asarray(scores, dtype=np.float64)
    keep = dated_in(searcher, docs, date_range)
    if allowed is not None:
        keep &= allowed[docs]
    return ranking_of(searcher, Found(docs[keep], values[keep]), sort, needed)


def ranking_of(searcher: Searcher, found: Found, sort: str, needed: int) -> Ranking:
    docs, scores = found.docs, found.scores
    complete = np.ones(len(docs), dtype=bool) if found.complete is None else found.complete
    if sort == "relevance" and found.weight is None:
        best = best_first(docs, scores, needed)
    elif sort == "relevance":
        best = _best_words(found, needed)
    else:
        dates = columns.index_dates(searcher)[docs]
        best = _by_date(docs, scores, dates, complete, sort == "newest", needed)
    return Ranking(docs[best].tolist(), scores[best].tolist(), len(docs), int(complete.sum()))


def dated_in(searcher: Searcher, docs: np.ndarray, date_range: DateBounds | None) -> np.ndarray:
    """Which of `docs` (global docnums) lie within `date_range` (all of them when it is None)."""
    if date_range is None:
        return np.ones(len(docs), dtype=bool)
    return within(searcher, columns.index_dates(searcher)[docs], *date_range)


def within(searcher: Searcher, dates: np.ndarray, low: datetime | None, high: datetime | None):
    """Which of these date-column values are dated and inside [low, high]."""
    field = searcher.schema["date"]
    inside = dates != UNDATED
    if low is not None:
        inside &= dates >= field.to_column_value(low)
    if high is not None:
        inside &= dates <= field.to_column_value(high)
    return inside


def _by_date(docnums, scores, dates, complete, newest: bool, needed: int) -> np.ndarray:
    undated = dates == UNDATED
    days = dates.astype(np.int64)
    primary = np.where(undated, np.iinfo(np.int64).max, -days if newest else days)
    return np.lexsort((docnums, -scores, primary, ~complete))[:needed]


def _best_words(found: Found, needed: int) -> np.ndarray:
    """Indexes of the first `needed` plain-word matches: those holding every word by score,
    then the others by the weight of the words they hold, then by score."""
    assert found.complete is not None and found.weight is not None
    full = np.flatnonzero(found.complete)
    best = full[best_first(found.docs[full], found.scores[full], needed)]
    wanted = needed - len(best)
    if wanted <= 0:
        return best
    rest = np.flatnonzero(~found.complete)
    if len(rest) > wanted:
        # Only documents at or above the wanted-th weight can be in the answer.
        weight = found.weight[rest]
        rest = rest[weight >= _kth_largest(weight, wanted)]
    docs, scores = found.docs[rest], found.scores[rest]
    tail = rest[np.lexsort((docs, -scores, -found.weight[rest]))[:wanted]]
    return np.concatenate([best, tail])


def _kth_largest(weights: np.ndarray, k: int) -> float:
    """The k-th largest of `weights`. A weight is the sum of the IDFs of the words a document
    holds, so it takes a few values, each held by many documents: numpy's partition is slow on
    so many ties (1.4 ms for 13,800 of two values), a pass per value from the top is not."""
    level = weights.max()
    for _ in range(8):
        if np.count_nonzero(weights >= level) >= k:
            return float(level)
        level = weights[weights < level].max()
    return float(np.partition(weights, len(weights) - k)[len(weights) - k])


def best_first(docnums: np.ndarray, scores: np.ndarray, needed: int) -> np.ndarray:
    """Indexes of the `needed` highest scores; ties go to the lower docnum, as in Whoosh."""
    if len(scores) > needed:
        # Only candidates at or above the needed-th score can be in the answer.
        cut = np.partition(scores, len(scores) - needed)[len(scores) - needed]
        candidates = np.flatnonzero(scores >= cut)
    else:
        candidates = np.arange(len(scores))
    order = np.lexsort((docnums[candidates], -scores[candidates]))
    return candidates[order][:needed]


# Word patterns that Whoosh answers as the Or of the words they expand to (a single word as that
# word alone), each scored by BM25F, the pattern's boost left out.
_PATTERNS = (wq.Prefix, wq.Wildcard, wq.FuzzyTerm)


def expanded(searcher: Searcher, q: wq.Query) -> wq.Query:
    """`q` with each word pattern replaced by what Whoosh scores it as."""
    if isinstance(q, _PATTERNS) and q.fieldname in searcher.schema:
        field = searcher.schema[q.fieldname]
        words = [field.from_bytes(text) for text in q._btexts(searcher.reader()) if text]
        terms = [wq.Term(q.fieldname, word) for word in words]
        return terms[0] if len(terms) == 1 else wq.Or(terms) if terms else wq.NullQuery
    if isinstance(q, wq.Not):
        return wq.Not(expanded(searcher, q.query))
    if type(q) in (wq.And, wq.Or, PlainWords):
        return q.__class__([expanded(searcher, s) for s in q.subqueries], boost=q.boost)
    return q


def _supported(q: wq.Query, searcher: Searcher) -> bool:
    if q is wq.NullQuery:
        return True
    if isinstance(q, wq.Phrase):
        # Whoosh's slop 1 means the words next to each other, in order.
        if q.fieldname not in searcher.schema or q.slop != 1 or not q.words:
            return False
        field = searcher.schema[q.fieldname]
        return field.scorable and isinstance(field.format, PackedPositions)
    if isinstance(q, wq.Term):
        if q.fieldname not in searcher.schema or isinstance(q.text, bytes):
            return False
        field = searcher.schema[q.fieldname]
        # A keyword Whoosh does not score by BM25 (places:, topics:) scores its weight.
        return field.scorable or isinstance(field, KEYWORD)
    if type(q) in (wq.And, wq.Or, PlainWords) and q.subqueries and q.boost == 1.0:
        if isinstance(q, wq.Or) and (q.minmatch or q.scale):
            return False
        positive = [s for s in q.subqueries if not isinstance(s, wq.Not)]
        negated = [s.query for s in q.subqueries if isinstance(s, wq.Not)]
        if not positive or (negated and isinstance(q, wq.Or)):
            return False
        return all(_supported(s, searcher) for s in positive + negated)
    return False


class _SegmentScorer:
    """A segment's matches of a query; `scored=False` finds the same documents with every score
    left at 0."""

    def __init__(self, searcher: Searcher, reader, scored: bool = True):
        self.searcher = searcher
        self.reader = reader
        self.size = reader.doc_count_all()
        self.scored = scored

    def union(self, parts: list[_Matches]) -> _Matches:
        return _union(parts, self.size, self.scored)

    def evaluate(self, q: wq.Query) -> _Matches:
        if q is wq.NullQuery:
            return _Matches.nothing()
        if isinstance(q, wq.Term):
            return self._any_term([q])
        if isinstance(q, wq.Phrase):
            return self._phrase(q)
        if isinstance(q, wq.Or) and all(isinstance(s, wq.Term) for s in q.subqueries):
            return self._any_term(q.subqueries)
        positive = [self.evaluate(s) for s in q.subqueries if not isinstance(s, wq.Not)]
        negated = [self.evaluate(s.query) for s in q.subqueries if isinstance(s, wq.Not)]
        found = _intersection(positive) if isinstance(q, wq.And) else self.union(positive)
        for part in negated:
            keep = ~postings_reader.isin_sorted(found.ids, part.ids)
            found = _Matches(found.ids[keep], found.scores[keep])
        # Whoosh's matcher for NOT inside AND scores each document it lets through as 1.
        return _Matches(found.ids, found.scores + len(negated)) if negated else found

    def words(self, q: PlainWords, weights: list[float]) -> tuple[_Matches, np.ndarray, np.ndarray]:
        """Documents holding any of the words, scored by the sum of theirs; whether each holds
        every word; and the summed weights of the words it holds."""
        parts = [self.evaluate(word) for word in q.subqueries]
        found = _union(parts, self.size)
        held = np.zeros(len(found.ids), dtype=np.int64)
        weight = np.zeros(len(found.ids))
        for part, word_weight in zip(parts, weights, strict=True):
            at = np.searchsorted(found.ids, part.ids)
            held[at] += 1
            weight[at] += word_weight
        complete = held == len(parts)
        scores = found.scores.copy()
        self._near_words(q, found.ids, complete, scores, float(np.mean(weights)))
        return _Matches(found.ids, scores), complete, weight

    def _near_words(self, q: PlainWords, ids, complete, scores, idf: float) -> None:
        """Raise the scores of the best articles holding every word, where the words stand
        near each other (or all in the title)."""
        full = ids[complete]
        held = scores[complete]
        proximity.add_to_best(self.searcher, self.reader, q.subqueries, full, held, idf)
        scores[complete] = held

    def _any_term(self, terms: list[wq.Term]) -> _Matches:
        """Documents holding any of the words, each scored by the sum of theirs (a wildcard can
        stand for hundreds of words)."""
        parts = []
        for q in terms:
            text = self.searcher.schema[q.fieldname].to_bytes(q.text)
            if (q.fieldname, text) in self.reader:
                postings = read_postings(self.reader, q.fieldname, text)
                if self.scored:
                    score = self._term(q.fieldname, text, postings.ids, postings.weights) * q.boost
                else:
                    score = np.zeros(len(postings.ids))
                parts.append(_Matches(postings.ids, score))
        return self.union(parts) if parts else _Matches.nothing()

    def _phrase(self, q: wq.Phrase) -> _Matches:
        """Documents holding the words one after another, scored as Whoosh does: the sum of
        the words' scores."""
        field = self.searcher.schema[q.fieldname]
        texts = [field.to_bytes(word) for word in q.words]
        parts = self._phrase_parts(q.fieldname, q.words)
        if any(key not in self.reader for key, _ in parts):
            return _Matches.nothing()
        docs = self._holding(parts)
        # Only the documents holding the phrase are scored, often few of many candidates.
        scores = np.zeros(len(docs))
        for text in texts:
            # Every document holding the phrase holds each word: these are `docs`' postings.
            word = read_postings(self.reader, q.fieldname, text, within=docs)
            scores += self._bm25(q.fieldname, text, docs, word.weights)
        return _Matches(docs, scores * q.boost)

    def _phrase_parts(
        self, fieldname: str, words: list[str]
    ) -> list[tuple[tuple[str, bytes], int]]:
        """((field, term), offset in the phrase) for each part to line up: pairs holding a
        common word where the index has them (word_pairs), the words themselves otherwise."""
        schema = self.searcher.schema
        pairs = None
        if fieldname == PAIRED_FIELD and PAIRS_FIELD in schema:
            pairs = schema[PAIRS_FIELD].analyzer
        return [
            ((PAIRS_FIELD if paired else fieldname, text.encode("utf-8")), offset)
            for paired, text, offset in word_pairs.phrase_parts(words, pairs)
        ]

    def _holding(self, parts: list[tuple[tuple[str, bytes], int]]) -> np.ndarray:
        """The documents where every part stands at its offset from the phrase's start."""
        if len(parts) == 1:
            return read_postings(self.reader, *parts[0][0]).ids
        # Rarest first: the documents holding it are the only candidates, and the commoner
        # parts' blocks that hold none of them are never decompressed.
        rarest_first = sorted(
            {key for key, _ in parts}, key=lambda k: self.reader.doc_frequency(*k)
        )
        candidates, postings = None, {}
        for key in rarest_first:
            found = read_postings(self.reader, *key, values=True, within=candidates)
            postings[key] = found
            candidates = (
                found.ids if candidates is None else postings_reader.among(candidates, found.ids)
            )
        assert candidates is not None
        keys = None
        for key, offset in parts:
            # One key per (document, where the phrase would start): a phrase is a key that
            # every part has. Keys come sorted (documents, then positions within each).
            part_keys = postings_reader.position_keys(postings[key].restricted_to(candidates))
            part_keys -= offset
            keys = part_keys if keys is None else postings_reader.intersect_sorted(keys, part_keys)
        return postings_reader.distinct_sorted(keys // postings_reader.KEY_SPAN)

    def _term(self, fieldname: str, text: bytes, ids: np.ndarray, weights: np.ndarray):
        """A term's scores: BM25F, or, in a field Whoosh does not score, the postings' weights
        (its `WeightScorer`)."""
        if not self.searcher.schema[fieldname].scorable:
            return weights
        return self._bm25(fieldname, text, ids, weights)

    def _bm25(self, fieldname: str, text: bytes, ids: np.ndarray, weights: np.ndarray):
        lengths = columns.field_lengths(self.reader, fieldname)[ids]
        return bm25(self.searcher, fieldname, text, weights, lengths)
