"""A batch of documents' words, turned into one text field's postings with numpy.

Whoosh makes a text field's postings one document and one word at a time: a generator step, a
tuple, a pool append and a packed position list per posting, half of a build's time. Buffering
many documents' words and grouping them by word with one sort does the same work in a few numpy
calls; only each posting's position bytes remain a Python object, as Whoosh's block writer wants.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain, pairwise

import numpy as np

# (term as bytes, docnums as uint32 bytes, weights as float64 bytes, each posting's positions)
TermPostings = tuple[bytes, bytes, bytes, list[bytes]]

_POSITION = np.dtype("<u4")


class _WordIds(dict):
    """Each distinct word's number, in order of first sight."""

    def __missing__(self, word: str) -> int:
        number = self[word] = len(self)
        return number


class WordBatch:
    """The analysed words of some documents of one field, in docnum order."""

    def __init__(self, boost: float):
        self.boost = boost
        self.docnums: list[int] = []
        self.firsts: list[int] = []
        self.documents: list[list[str]] = []
        self.words = 0
        # Each word's position, where the documents gave them (word_pairs' pairs).
        self.positions: list[list[int]] = []

    def add(
        self, docnum: int, first: int, words: list[str], positions: list[int] | None = None
    ) -> None:
        """`words` as `NewsAnalyzer.terms` gives them: the first one at position `first`, each
        next one a position further; or each at its one of `positions`. A batch's documents
        all give positions, or none does."""
        if self.docnums and docnum <= self.docnums[-1]:
            raise ValueError(f"document {docnum} after {self.docnums[-1]}: out of docnum order")
        if words:
            self.docnums.append(docnum)
            self.firsts.append(first)
            self.documents.append(words)
            self.words += len(words)
            if positions is not None:
                self.positions.append(positions)

    @property
    def position_bytes(self) -> int:
        return self.words * _POSITION.itemsize

    def postings(self) -> Iterator[TermPostings]:
        """Each word's postings, in first-seen word order, docnum order within a word."""
        if not self.words:
            return
        ids = _WordIds()
        word_ids = np.fromiter(
            map(ids.__getitem__, chain.from_iterable(self.documents)), np.int64, self.words
        )
        lengths = np.fromiter(map(len, self.documents), np.int64, len(self.documents))
        docs = np.repeat(np.array(self.docnums, np.int64), lengths)
        if self.positions:
            positions = np.fromiter(chain.from_iterable(self.positions), np.int64, self.words)
        else:
            offsets = np.cumsum(lengths) - lengths - np.array(self.firsts, np.int64)
            positions = np.arange(self.words, dtype=np.int64) - np.repeat(offsets, lengths)
        # A stable sort by word keeps each word's occurrences in docnum, then position, order.
        order = np.argsort(word_ids, kind="stable")
        word_ids, docs = word_ids[order], docs[order]
        starts = _run_starts((word_ids, docs))
        frequencies = np.diff(np.append(starts, self.words))
        values = _slices(positions[order].astype(_POSITION).tobytes(), starts, _POSITION.itemsize)
        posting_words = word_ids[starts]
        term_starts = _run_starts((posting_words,))
        id_bytes = docs[starts].astype(np.uint32).tobytes()
        weight_bytes = (frequencies * self.boost).astype(np.float64).tobytes()
        words = list(ids)
        term_ids = posting_words[term_starts].tolist()
        bounds = [*term_starts.tolist(), len(starts)]
        for word_id, (a, b) in zip(term_ids, pairwise(bounds), strict=True):
            yield (
                words[word_id].encode("utf-8"),
                id_bytes[4 * a : 4 * b],
                weight_bytes[8 * a : 8 * b],
                values[a:b],
            )


def _run_starts(keys: tuple[np.ndarray, ...]) -> np.ndarray:
    """Where each run of equal keys begins."""
    changed = np.zeros(len(keys[0]), dtype=bool)
    changed[0] = True
    for key in keys:
        changed[1:] |= key[1:] != key[:-1]
    return np.flatnonzero(changed)


def _slices(data: bytes, starts: np.ndarray, itemsize: int) -> list[bytes]:
    bounds = [*(starts * itemsize).tolist(), len(data)]
    return [data[a:b] for a, b in pairwise(bounds)]
