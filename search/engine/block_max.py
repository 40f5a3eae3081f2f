"""Top k by BM25F that stops early: block-max over the posting blocks (issue 17).

The exhaustive scorer reads and scores every posting of every query word, so its cost grows
with the archive. A long block's header carries its best (weight, length) pairs
(block_format.BlockMax), an older block's its highest weight and shortest length, so the best
score any of its postings can reach is known without decompressing it. The document range is
cut at every block boundary of every term; each piece's bound is the sum of its blocks' bounds
(of a short term, one of a few blocks read whole at once, of its actual scores in the piece).
Pieces are scored best bound first, in growing batches, and scoring stops when no piece left can
beat (or, by a lower docnum, tie) the k-th best score found: the same top k as the exhaustive
path, the same scores to the last digit (the same expression, summed in the same order), from
the blocks that could reach it. In a piece where the long terms' bounds alone fall short of the
k-th score, only the documents of the short terms can still enter, as in MaxScore: a common
word's articles with it in the title. Those few are scored, the long terms' postings read for
them alone, rather than every posting of the piece.

The total is then not counted: it is at least the document frequency of the commonest term (less
any deleted documents), and reported as a lower bound, as Lucene's `track_total_hits` does.
Queries asked for an exact total, or whose lower bound is under the threshold, go the exhaustive
way (`scorer`), which counts every match.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from whoosh import query as wq
from whoosh.searching import Searcher

from search.engine import columns, scorer
from search.engine.bm25 import bm25_of
from search.engine.postings_reader import BlockIndex, block_index, isin_sorted

# Exact totals up to this many matches; past it, a lower bound.
COUNT_UP_TO = 10_000
# A term of at most this many blocks, fewer than another term's, is read whole at once (see
# `_Segment.pieces`).
SHORT_BLOCKS = 4
# A query's blocks are kept for its next top k (16 bytes a posting) up to this many postings.
KEEP_POSTINGS = 1_000_000


def total_lower_bound(searcher: Searcher, terms: list[wq.Term]) -> int:
    """At least this many live documents hold one of the terms."""
    total = 0
    for reader, _ in searcher.reader().leaf_readers():
        present = [_key(searcher, t) for t in terms]
        frequency = max((reader.doc_frequency(*k) for k in present if k in reader), default=0)
        total += max(0, frequency - (reader.doc_count_all() - reader.doc_count()))
    return total


def top(searcher: Searcher, terms: list[wq.Term], needed: int) -> tuple[list[int], list[float]]:
    """The `needed` best documents holding any of `terms` (global docnums) and their scores,
    ties to the lower docnum, reading only the blocks that can still reach them."""
    return TopK(searcher, terms).top(needed)


class TopK:
    """One query's top documents by block-max. Blocks read for one `top` are kept for the
    next: a collapsed ranking asks again for more when too few stories lead their group."""

    def __init__(self, searcher: Searcher, terms: list[wq.Term]):
        self.segments = [
            _Segment(searcher, reader, offset, terms)
            for reader, offset in searcher.reader().leaf_readers()
        ]
        self.pieces = [piece for segment in self.segments for piece in segment.pieces()]
        self.pieces.sort(key=lambda p: (-p.bound, p.first))

    def postings_read(self) -> int:
        """How many postings the blocks read so far hold (what keeping them costs)."""
        return sum(
            len(ids)
            for segment in self.segments
            for term in segment.terms
            for ids, _ in term.scored.values()
        )

    def top(self, needed: int) -> tuple[list[int], list[float]]:
        docs, scores = np.zeros(0, dtype=np.int64), np.zeros(0)
        at, size = 0, 1
        while at < len(self.pieces):
            batch = self.pieces[at : at + size]
            at += size
            few: list[_Piece] = []
            kth_score = 0.0
            if len(docs) >= needed:
                kth_doc, kth_score = docs[needed - 1], scores[needed - 1]
                batch = [p for p in batch if not _beaten(p.bound, p, kth_doc, kth_score)]
                if not batch:
                    break
                # Where the long terms alone cannot reach the k-th score, only the documents
                # of the short terms can (MaxScore): those alone are scored.
                few = [p for p in batch if _beaten(p.rest, p, kth_doc, kth_score)]
                batch = [p for p in batch if not _beaten(p.rest, p, kth_doc, kth_score)]
            # Batches growing fourfold: few merges where most pieces must be read, and the
            # k-th score looked at often while it rises fastest.
            size *= 4
            found = [_scored(batch), _scored(few, _Segment.score_few, kth_score)]
            docs = np.concatenate([docs, found[0][0], found[1][0]])
            scores = np.concatenate([scores, found[0][1], found[1][1]])
            best = scorer.best_first(docs, scores, needed)
            docs, scores = docs[best], scores[best]
        return docs.tolist(), scores.tolist()


def _scored(pieces: list[_Piece], how=None, *args) -> tuple[np.ndarray, np.ndarray]:
    """The live documents of these pieces holding any term, and their scores (`how`: a
    `_Segment` method scoring some of its pieces, given `args` too; `_Segment.score` unless
    given)."""
    by_segment: dict[int, list[_Piece]] = {}
    for piece in pieces:
        by_segment.setdefault(id(piece.segment), []).append(piece)
    how = how or _Segment.score
    found = [how(group[0].segment, group, *args) for group in by_segment.values()]
    empty = (np.zeros(0, dtype=np.int64), np.zeros(0))
    return np.concatenate([empty[0], *(f[0] for f in found)]), np.concatenate(
        [empty[1], *(f[1] for f in found)]
    )


def _best_in_each(ids: np.ndarray, scores: np.ndarray, lasts: np.ndarray) -> np.ndarray:
    """The highest of `scores` in each piece (previous last, last], 0 where it has none."""
    ends = np.searchsorted(ids, lasts, side="right")
    starts = np.concatenate([[0], ends[:-1]])
    out = np.zeros(len(lasts))
    held = ends > starts
    if held.any():
        # Empty pieces hold nothing between their neighbours' starts, so each reduction
        # covers exactly one piece.
        out[held] = np.maximum.reduceat(scores, starts[held])
    return out


def _beaten(bound: float, piece: _Piece, kth_doc: int, kth_score: float) -> bool:
    """Whether no document of `piece` scoring at most `bound` can enter a top k whose last
    entry is given."""
    return bound < kth_score or (bound == kth_score and piece.first > kth_doc)


def _key(searcher: Searcher, term: wq.Term) -> tuple[str, bytes]:
    return term.fieldname, searcher.schema[term.fieldname].to_bytes(term.text)


@dataclass
class _TermBlocks:
    """One term's blocks in one segment, each read and scored at most once."""

    fieldname: str
    boost: float
    bm25: Callable[[np.ndarray, np.ndarray], np.ndarray]
    index: BlockIndex
    bounds: np.ndarray
    scored: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    short: bool = False  # read whole at once


@dataclass
class _Piece:
    """Documents (first, last] of a segment (global docnums), within one block of each term."""

    segment: _Segment
    first: int
    last: int
    bound: float
    rest: float  # the bound of a document holding none of the short terms


class _Segment:
    def __init__(self, searcher: Searcher, reader, offset: int, terms: list[wq.Term]):
        self.searcher, self.reader, self.offset = searcher, reader, offset
        self.live = columns.live(reader)
        self.short_docs: tuple[np.ndarray, np.ndarray] | None = None
        self.terms: list[_TermBlocks] = []
        for term in terms:
            fieldname, text = _key(searcher, term)
            if (fieldname, text) in reader:
                index = block_index(reader, fieldname, text)
                bm25 = bm25_of(searcher, fieldname, text)
                # The same expression as the scores, at each block's best pairs.
                best = np.maximum.reduceat(
                    bm25(index.weights, index.lengths) * term.boost, index.starts
                )
                self.terms.append(_TermBlocks(fieldname, term.boost, bm25, index, best))
        longest = max((len(t.index.lasts) for t in self.terms), default=0)
        for t in self.terms:
            blocks = len(t.index.lasts)
            t.short = blocks == 1 or (blocks <= SHORT_BLOCKS and blocks < longest)

    def pieces(self) -> list[_Piece]:
        if not self.terms:
            return []
        lasts = np.unique(np.concatenate([t.index.lasts for t in self.terms]))
        bounds, rests = np.zeros(len(lasts)), np.zeros(len(lasts))
        for term in self.terms:
            if term.short:
                # A term of a few blocks (a word in titles, a rare word) is read at once: the
                # best of its scores in each piece bounds the piece far closer than its
                # blocks' best do.
                bounds += _best_in_each(*self._whole(term), lasts)
                continue
            # A piece (previous last, last] lies inside the first block ending at or after it.
            at = np.searchsorted(term.index.lasts, lasts)
            inside = at < len(term.index.lasts)
            bounds[inside] += term.bounds[at[inside]]
            rests[inside] += term.bounds[at[inside]]
        firsts = np.concatenate([[-1], lasts[:-1]]) + self.offset
        return [
            _Piece(self, first, last, bound, rest)
            for first, last, bound, rest in zip(
                firsts.tolist(),
                (lasts + self.offset).tolist(),
                bounds.tolist(),
                rests.tolist(),
                strict=True,
            )
        ]

    def score(self, pieces: list[_Piece]) -> tuple[np.ndarray, np.ndarray]:
        """The live documents in these pieces of this segment holding any term, and their
        scores."""
        pieces = sorted(pieces, key=lambda p: p.first)
        lows = np.array([p.first for p in pieces], dtype=np.int64) - self.offset
        highs = np.array([p.last for p in pieces], dtype=np.int64) - self.offset
        # Scores added up in an array over the span the pieces cover, in the terms' order, as
        # the exhaustive scorer adds them.
        base, span = int(lows[0]) + 1, int(highs[-1] - lows[0])
        scores, held = np.zeros(span), np.zeros(span, dtype=bool)
        for term in self.terms:
            blocks = np.unique(np.searchsorted(term.index.lasts, highs))
            ids, values = self._scored(term, blocks[blocks < len(term.index.lasts)].tolist())
            # The piece that could hold each posting: the first ending at or after it.
            at = np.minimum(np.searchsorted(highs, ids), len(highs) - 1)
            inside = (ids <= highs[at]) & (ids > lows[at])
            scores[ids[inside] - base] += values[inside]
            held[ids[inside] - base] = True
        docs = np.flatnonzero(held & self.live[base : base + span])
        return docs + base + self.offset, scores[docs]

    def score_few(self, pieces: list[_Piece], kth_score: float) -> tuple[np.ndarray, np.ndarray]:
        """`score`, for those documents of these pieces that hold a short term and whose
        short terms' scores with the piece's `rest` can reach `kth_score`: no other can. The
        long terms' postings are scored for those documents alone, and each document's
        scores added up in the terms' order, as `score` does."""
        lows = np.array([p.first for p in pieces], dtype=np.int64) - self.offset
        highs = np.array([p.last for p in pieces], dtype=np.int64) - self.offset
        rests = np.array([p.rest for p in pieces])
        order = np.argsort(lows)
        lows, highs, rests = lows[order], highs[order], rests[order]
        held, sums = self._short_docs()
        at = np.minimum(np.searchsorted(highs, held), len(highs) - 1)
        # A margin for the sums' rounding: a document too many is scored, never one too few.
        reach = sums + rests[at] >= kth_score - abs(kth_score) * 1e-9
        docs = held[(held <= highs[at]) & (held > lows[at]) & reach]
        docs = docs[self.live[docs]]
        scores = np.zeros(len(docs))
        for term in self.terms:
            ids, values = self._whole(term) if term.short else self._at(term, docs)
            inside = isin_sorted(ids, docs)
            scores[np.searchsorted(docs, ids[inside])] += values[inside]
        return docs + self.offset, scores

    def _short_docs(self) -> tuple[np.ndarray, np.ndarray]:
        """The documents holding any short term (local docnums, ascending) and the sum of
        their short terms' scores."""
        if self.short_docs is None:
            short = [self._whole(t) for t in self.terms if t.short]
            ids = np.concatenate([np.zeros(0, dtype=np.int64), *(s[0] for s in short)])
            values = np.concatenate([np.zeros(0), *(s[1] for s in short)])
            held, which = np.unique(ids, return_inverse=True)
            self.short_docs = held, np.bincount(which, values, minlength=len(held))
        return self.short_docs

    def _whole(self, term: _TermBlocks) -> tuple[np.ndarray, np.ndarray]:
        return self._scored(term, list(range(len(term.index.lasts))))

    def _at(self, term: _TermBlocks, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The term's postings of these documents (sorted) and their scores."""
        blocks = np.unique(np.searchsorted(term.index.lasts, docs))
        parts = [(np.zeros(0, dtype=np.int64), np.zeros(0))]
        for n in blocks[blocks < len(term.index.lasts)].tolist():
            if n in term.scored:
                parts.append(term.scored[n])
                continue
            ids, weights = term.index.read(n)
            keep = isin_sorted(ids, docs)
            ids = ids[keep]
            lengths = columns.field_lengths(self.reader, term.fieldname)[ids]
            parts.append((ids, term.bm25(weights[keep], lengths) * term.boost))
        return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])

    def _scored(self, term: _TermBlocks, blocks: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """These blocks' docnums and scores, one after another; each block read once, and
        those not read before scored together."""
        missing = [n for n in blocks if n not in term.scored]
        if missing:
            read = [term.index.read(n) for n in missing]
            ids = np.concatenate([r[0] for r in read])
            lengths = columns.field_lengths(self.reader, term.fieldname)[ids]
            values = term.bm25(np.concatenate([r[1] for r in read]), lengths) * term.boost
            ends = np.cumsum([len(r[0]) for r in read])[:-1]
            for n, block_ids, block_values in zip(
                missing, np.split(ids, ends), np.split(values, ends), strict=True
            ):
                term.scored[n] = block_ids, block_values
        if not blocks:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        return (
            np.concatenate([term.scored[n][0] for n in blocks]),
            np.concatenate([term.scored[n][1] for n in blocks]),
        )
