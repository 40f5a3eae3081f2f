"""The index's side of near-duplicate stories: each article's group and MinHash bands, from
their columns, and the articles sharing a band, for a build that adds to the index."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh.util.times import long_to_datetime

from search.engine import columns
from search.engine.schema import BANDS, BANDS_FIELD, GROUP_FIELD, MAIN_INDEX
from search.engine.stored import stored_fields

NO_GROUP = np.uint64(0)


def groups(searcher) -> np.ndarray:
    """Each article's group key by global docnum; NO_GROUP for a deleted article, or one
    indexed before groups were (each of those is alone). Read-only, joined once per searcher."""

    def load() -> np.ndarray:
        parts = [_live_groups(reader) for reader, _ in searcher.reader().leaf_readers()]
        joined = np.concatenate([np.zeros(0, dtype=np.uint64), *parts])
        joined.flags.writeable = False
        return joined

    return columns.cached(searcher, "groups", load)


def members(searcher, docnum: int) -> list[int]:
    """The other articles of `docnum`'s group, by docnum. Found in the keys sorted once per
    searcher: a scan of every key for each result cost 40 us at 190,000 articles."""
    keys = groups(searcher)
    key = keys[docnum]
    if key == NO_GROUP:
        return []
    order, ordered = columns.cached(searcher, "groups sorted", lambda: _sorted(keys))
    first, last = np.searchsorted(ordered, key, "left"), np.searchsorted(ordered, key, "right")
    return [d for d in order[first:last].tolist() if d != docnum]


def _sorted(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(keys, kind="stable")
    return order, keys[order]


def _live_groups(reader) -> np.ndarray:
    def load() -> np.ndarray:
        if GROUP_FIELD not in reader.schema:  # an index built before groups were
            return np.zeros(reader.doc_count_all(), dtype=np.uint64)
        column_type = reader.schema[GROUP_FIELD].column_type
        keys = columns.column_array(reader._perdoc, GROUP_FIELD, column_type).astype(np.uint64)
        keys[~columns.live(reader)] = NO_GROUP
        return keys

    return columns.cached(reader, GROUP_FIELD, load)


def _bands(reader) -> np.ndarray:
    """The segment's bands, one row of BANDS values a document; zeros for none or deleted."""
    perdoc = reader._perdoc
    size = perdoc.doc_count_all()
    out = np.zeros((size, BANDS), dtype=np.uint32)
    if BANDS_FIELD in reader.schema and perdoc.has_column(BANDS_FIELD):
        raw = perdoc.column_reader(BANDS_FIELD, reader.schema[BANDS_FIELD].column_type)
        data = raw._dbfile.get(raw._basepos, raw._count * raw._fixedlen)
        out[: raw._count] = np.frombuffer(data, dtype="<u4").reshape(-1, BANDS)
    out[~columns.live(reader)] = 0
    return out


class BandLookUp:
    """The articles of a published generation that share a band, as
    `search.build.near_duplicates.LookUp` wants them. Its bands are read on the first look-up
    (a few milliseconds for twenty thousand articles), sorted, and searched."""

    def __init__(self, generation: Path):
        self.searcher = whoosh_index.open_dir(str(generation), indexname=MAIN_INDEX).searcher()
        self._keys: np.ndarray | None = None
        self._docnums: np.ndarray | None = None

    def _load(self) -> tuple[np.ndarray, np.ndarray]:
        if self._keys is None:
            readers = [reader for reader, _ in self.searcher.reader().leaf_readers()]
            values = np.concatenate([np.zeros((0, BANDS), np.uint32), *map(_bands, readers)])
            places = np.arange(BANDS, dtype=np.uint64) << np.uint64(32)
            keys = (values.astype(np.uint64) | places).ravel()
            docnums = np.repeat(np.arange(len(values)), BANDS)
            present = values.ravel() != 0
            order = np.argsort(keys[present], kind="stable")
            self._keys, self._docnums = keys[present][order], docnums[present][order]
            self.groups = groups(self.searcher)
            self.dates = columns.index_dates(self.searcher)
        return self._keys, self._docnums

    def __call__(
        self, keys: list[int], article_id: str, near: Callable[[date | None], bool]
    ) -> list[tuple[str, int, str, date | None]]:
        sorted_keys, docnums = self._load()
        wanted = np.array(keys, dtype=np.uint64)
        left = np.searchsorted(sorted_keys, wanted, "left")
        right = np.searchsorted(sorted_keys, wanted, "right")
        found = {int(d) for lo, hi in zip(left, right, strict=True) for d in docnums[lo:hi]}
        found.discard(self.searcher.document_number(id=article_id))
        # Dates come from their column: bodies are read only for articles close in time.
        close = [(d, day) for d in sorted(found) if near(day := self._day(d))]
        return [self._article(d, day) for d, day in close]

    def _day(self, docnum: int) -> date | None:
        value = self.dates[docnum]
        return None if value == columns.UNDATED else long_to_datetime(int(value)).date()

    def _article(self, docnum: int, day: date | None) -> tuple[str, int, str, date | None]:
        fields = stored_fields(self.searcher, docnum)
        return fields["id"], int(self.groups[docnum]), fields.get("body", ""), day

    def close(self) -> None:
        self.searcher.close()
