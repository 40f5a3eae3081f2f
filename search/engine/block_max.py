"""Top k by BM25F that stops early: block-max over the posting blocks (issue 17).

The exhaustive scorer reads and scores every posting of every query word, so its cost grows
with the archive. A long block's header carries its best (weight, length) pairs
(block_format.BlockMax), an older block's its highest weight and shortest length, so the best
score any of its postings can reach is known without decompressing it. The document range is
cut at every block boundary of every term; each piece's bound is the sum of its blocks' bounds
(of a one-block term, of its actual scores in the piece). Pieces are scored best bound first,
in growing batches, and scoring stops when no piece left can beat (or, by a lower docnum, tie)
the k-th best score found: the same top k as the exhaustive path, the same scores to the last
digit (the same expression, summed in the same order), from the blocks that could reach it.

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
from search.engine.postings_reader import BlockIndex, block_index

# Exact totals up to this many matches; past it, a lower bound.
COUNT_UP_TO = 10_000
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
            if len(docs) >= needed:
                kth_doc, kth_score = docs[needed - 1], scores[needed - 1]
                batch = [p for p in batch if not _beaten(p, kth_doc, kth_score)]
                if not batch:
                    break
            # Batches growing fourfold: few merges where most pieces must be read, and the
            # k-th score looked at often while it rises fastest.
            size *= 4
            found = _scored(batch)
            docs, scores = np.concatenate([docs, found[0]]), np.concatenate([scores, found[1]])
            best = scorer.best_first(docs, scores, needed)
            docs, scores = docs[best], scores[best]
        return docs.tolist(), scores.tolist()


def _scored(pieces: list[_Piece]) -> tuple[np.ndarray, np.ndarray]:
    """The live documents of these pieces holding any term, and their scores."""
    by_segment: dict[int, list[_Piece]] = {}
    for piece in pieces:
        by_segment.setdefault(id(piece.segment), []).append(piece)
    found = [group[0].segment.score(group) for group in by_segment.values()]
    return np.concatenate([f[0] for f in found]), np.concatenate([f[1] for f in found])


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


def _beaten(piece: _Piece, kth_doc: int, kth_score: float) -> bool:
    """Whether no document of `piece` can enter a top k whose last entry is given."""
    return piece.bound < kth_score or (piece.bound == kth_score and piece.first > kth_doc)


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


@dataclass
class _Piece:
    """Documents (first, last] of a segment (global docnums), within one block of each term."""

    segment: _Segment
    first: int
    last: int
    bound: float


class _Segment:
    def __init__(self, searcher: Searcher, reader, offset: int, terms: list[wq.Term]):
        self.searcher, self.reader, self.offset = searcher, reader, offset
        self.live = columns.live(reader)
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

    def pieces(self) -> list[_Piece]:
        if not self.terms:
            return []
        lasts = np.unique(np.concatenate([t.index.lasts for t in self.terms]))
        bounds = np.zeros(len(lasts))
        for term in self.terms:
            if len(term.index.lasts) == 1:
                # A term of one block (a word in titles, a rare word) is read at once: the
                # best of its scores in each piece bounds the piece far closer than its
                # block's best does.
                bounds += _best_in_each(*self._scored(term, [0]), lasts)
                continue
            # A piece (previous last, last] lies inside the first block ending at or after it.
            at = np.searchsorted(term.index.lasts, lasts)
            inside = at < len(term.index.lasts)
            bounds[inside] += term.bounds[at[inside]]
        firsts = np.concatenate([[-1], lasts[:-1]]) + self.offset
        return [
            _Piece(self, first, last, bound)
            for first, last, bound in zip(
                firsts.tolist(), (lasts + self.offset).tolist(), bounds.tolist(), strict=True
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
