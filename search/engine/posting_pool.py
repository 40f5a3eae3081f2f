"""Whoosh's posting pool, grouped by term instead of one tuple per posting.

Whoosh buffers every posting of a segment as a 5-tuple, sorts them all at commit, and when its
memory limit is reached pickles them to disk one posting at a time and merges them back the same
way: on a large build, a third of the time. Documents arrive in docnum order, so grouping each
term's postings as they come needs no sort at all, and a spill writes and reads one pickle per
term. `bulkwrite` then hands each group to the block writer whole.
"""

from __future__ import annotations

import heapq
import pickle
import random
import string
from array import array
from collections.abc import Iterator

from search.engine.inversion import WordBatch

Key = tuple[str, bytes]
# (docnums, weights, values): one term's postings in docnum order.
Group = tuple[array, array, list]

# Rough bytes of Python memory per buffered posting (id, weight, list slot, value object) and
# per distinct term, so that `limitmb`
# means about what the buffers really take.
_PER_POSTING = 56
_PER_TERM = 420
_PER_WORD = 16  # a buffered word: a list slot and its share of the batch's arrays
# Words buffered per text field before they become postings: large enough that numpy's
# per-call cost and the per-term work of joining a batch to the pool are small.
BATCH_WORDS = 200_000


class TermGroups:
    """The pool's postings in (field, term, docnum) order: iterable as Whoosh's 5-tuples, or
    term by term through `groups()`."""

    def __init__(self, groups: Iterator[tuple[Key, Group]]):
        self._groups = groups

    def groups(self) -> Iterator[tuple[Key, Group]]:
        return self._groups

    def __iter__(self):
        for (fieldname, btext), (ids, weights, values) in self._groups:
            for docnum, weight, value in zip(ids, weights, values, strict=True):
                yield fieldname, btext, docnum, weight, value


class GroupingPool:
    """Drop-in for `whoosh.writing.PostingPool` as SegmentWriter uses it."""

    def __init__(self, tempstore, segment, limitmb: float = 128, **kwargs):
        self.tempstore = tempstore
        self.segment = segment
        self.limit = limitmb * 1024 * 1024
        self.terms: dict[Key, Group] = {}
        self.size = 0
        self.runs: list[str] = []
        self.fieldnames: set[str] = set()
        self.batches: dict[str, WordBatch] = {}

    def add_words(
        self,
        fieldname: str,
        docnum: int,
        first: int,
        words: list[str],
        boost: float,
        positions: list[int] | None = None,
    ):
        """A text field's words for one document (see `WordBatch.add`), made into postings a
        batch at a time."""
        batch = self.batches.get(fieldname)
        if batch is None:
            batch = self.batches[fieldname] = WordBatch(boost)
        batch.add(docnum, first, words, positions)
        self.size += _PER_WORD * len(words)
        if batch.words >= BATCH_WORDS:
            self._add_batch(fieldname)
        if self.size > self.limit:
            self._spill()

    def _add_batch(self, fieldname: str) -> None:
        batch = self.batches.pop(fieldname)
        self.size -= _PER_WORD * batch.words
        postings = 0
        for btext, ids, weights, values in batch.postings():
            group = self._group(fieldname, btext)
            group[0].frombytes(ids)
            group[1].frombytes(weights)
            group[2].extend(values)
            postings += len(values)
        self.size += _PER_POSTING * postings + batch.position_bytes

    def add(self, item) -> None:
        fieldname, btext, docnum, weight, value = item
        if fieldname in self.batches:
            self._add_batch(fieldname)
        group = self._group(fieldname, btext)
        if group[0] and group[0][-1] >= docnum:
            # Whoosh adds documents, and merges segments, in docnum order; grouping relies on it.
            raise ValueError(f"posting for document {docnum} after {group[0][-1]} in {fieldname}")
        group[0].append(docnum)
        group[1].append(weight)
        group[2].append(value)
        self.size += _PER_POSTING + (len(value) if value else 0)
        if self.size > self.limit:
            self._spill()

    def _group(self, fieldname: str, btext: bytes) -> Group:
        group = self.terms.get((fieldname, btext))
        if group is None:
            group = self.terms[(fieldname, btext)] = (array("I"), array("d"), [])
            self.fieldnames.add(fieldname)
            self.size += _PER_TERM + len(btext)
        return group

    def _add_batches(self) -> None:
        for fieldname in list(self.batches):
            self._add_batch(fieldname)

    def iter_postings(self) -> TermGroups:
        self._add_batches()
        if not self.runs:
            return TermGroups(iter(sorted(self.terms.items())))
        self._spill()
        return TermGroups(self._merged())

    def cleanup(self) -> None:
        for name in self.runs:
            if self.tempstore.file_exists(name):
                self.tempstore.delete_file(name)
        self.runs = []

    def _spill(self) -> None:
        self._add_batches()
        if not self.terms:
            return
        name = "".join(random.choices(string.ascii_lowercase + string.digits, k=16)) + ".grp"
        with self.tempstore.create_file(name).raw_file() as fh:
            for key, group in sorted(self.terms.items()):
                pickle.dump((key, group), fh, pickle.HIGHEST_PROTOCOL)
        self.runs.append(name)
        self.terms = {}
        self.size = 0

    def _read_run(self, name: str, order: int) -> Iterator[tuple[Key, int, Group]]:
        with self.tempstore.open_file(name).raw_file() as fh:
            while True:
                try:
                    key, group = pickle.load(fh)
                except EOFError:
                    return
                yield key, order, group

    def _merged(self) -> Iterator[tuple[Key, Group]]:
        """Each term once, its groups from every run joined in run (so docnum) order."""
        runs = [self._read_run(name, order) for order, name in enumerate(self.runs)]
        current, parts = None, []
        for key, _, group in heapq.merge(*runs, key=lambda entry: entry[:2]):
            if key != current and parts:
                yield current, _join(parts)
                parts = []
            current = key
            parts.append(group)
        if parts:
            yield current, _join(parts)


def _join(parts: list[Group]) -> Group:
    if len(parts) == 1:
        return parts[0]
    ids, weights, values = array("I"), array("d"), []
    for part_ids, part_weights, part_values in parts:
        ids.extend(part_ids)
        weights.extend(part_weights)
        values.extend(part_values)
    return ids, weights, values
