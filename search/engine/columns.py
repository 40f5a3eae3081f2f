"""A segment's per-document columns (dates, field lengths, deletions) as numpy arrays."""

from __future__ import annotations

from datetime import date

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, byte_to_length
from whoosh.fields import DATETIME

# Whoosh's date column holds this for a document without a date.
UNDATED = np.uint64(DATETIME(sortable=True).column_type.default_value())
DAY_US = 86_400_000_000  # the date column counts microseconds
# Field lengths are stored as one byte each; this turns a column of them into lengths.
_LENGTHS = np.array([byte_to_length(b) or 0 for b in range(256)], dtype=np.float64)


def cached(owner, key: str, load):
    """What `load` gives, once per reader (a column of the segment) or searcher: read-only
    arrays, which every thread's searcher of a generation may share (`share`)."""
    cache = owner.__dict__.setdefault(_CACHE, {})
    if key not in cache:
        cache[key] = load()
    return cache[key]


def share(searcher, shared: dict, name: str) -> None:
    """Keep the columns of this searcher and of its segments' readers in `shared`, the dict of
    what a generation reads once: each thread has its own searcher, but a column is the same
    for all of them and is read once, not once a thread on its first pages."""
    searcher.__dict__[_CACHE] = shared.setdefault((name, "index"), {})
    for reader, _ in searcher.reader().leaf_readers():
        segment = getattr(reader, "_segid", None)  # an empty index's reader has none
        if segment is not None:
            reader.__dict__[_CACHE] = shared.setdefault((name, segment), {})


_CACHE = "_dateline_columns"


def lengths_array(perdoc, fieldname: str) -> np.ndarray:
    """Each document's length in a scored field, from a segment's per-document reader."""
    return _LENGTHS[column_array(perdoc, f"_{fieldname}_len", LENGTHS_COLUMN)]


def column_array(perdoc, column: str, column_type) -> np.ndarray:
    """A numeric column of a segment (its per-document reader) as an array."""
    size = perdoc.doc_count_all()
    if not perdoc.has_column(column):
        return np.full(size, column_type.default_value(), dtype=np.uint64)
    raw = perdoc.column_reader(column, column_type)
    stored = np.dtype(raw._typecode).newbyteorder(">")
    values = np.full(size, raw._default, dtype=stored.newbyteorder("="))
    data = raw._dbfile.get(raw._basepos, raw._count * raw._fixedlen)
    values[: raw._count] = np.frombuffer(data, dtype=stored)
    return values


def field_lengths(reader, fieldname: str) -> np.ndarray:
    """Each document's length in a scored field, as Whoosh's scorer sees it."""
    return cached(reader, f"_{fieldname}_len", lambda: lengths_array(reader._perdoc, fieldname))


def dates(reader) -> np.ndarray:
    """The segment's date column, UNDATED where an article has none."""
    column_type = reader.schema["date"].column_type
    return cached(reader, "date", lambda: column_array(reader._perdoc, "date", column_type))


def live(reader) -> np.ndarray:
    """True for each document of the segment that is not deleted (read-only: kept per reader,
    whose deletions never change)."""

    def load() -> np.ndarray:
        alive = np.ones(reader.doc_count_all(), dtype=bool)
        deleted = reader.deleted_docs_set
        if deleted:
            alive[np.fromiter(deleted, dtype=np.int64)] = False
        alive.flags.writeable = False
        return alive

    return cached(reader, "live", load)


def index_dates(searcher) -> np.ndarray:
    """The date column of the whole index by global docnum, UNDATED where there is none
    (read-only: joined once per searcher, not once per query)."""

    def load() -> np.ndarray:
        parts = [dates(reader) for reader, _ in searcher.reader().leaf_readers()]
        joined = np.concatenate([np.zeros(0, dtype=np.uint64), *parts])
        joined.flags.writeable = False
        return joined

    return cached(searcher, "index dates", load)


def index_days(searcher) -> tuple[np.ndarray, np.ndarray]:
    """Each distinct day of the index's date column (a day number, as `date.toordinal`),
    ascending, and each document's day as a place in them (one past the last where undated):
    with it, counting matches by day is one `bincount`, not a sort of their dates."""

    def load() -> tuple[np.ndarray, np.ndarray]:
        values = index_dates(searcher)
        dated = values != UNDATED
        days, which = np.unique(values[dated] // np.uint64(DAY_US), return_inverse=True)
        places = np.full(len(values), len(days), dtype=np.intp)
        places[dated] = which
        places.flags.writeable = False
        # Whoosh counts microseconds from datetime.min, which is day 1.
        return days.astype(np.int64) + 1, places

    return cached(searcher, "index days", load)


def numpy_days(days: np.ndarray) -> np.ndarray:
    """Day numbers (as `date.toordinal`, as `index_days` gives them) as numpy dates."""
    return (days - _EPOCH).astype("datetime64[D]")


# The day number of 1970-01-01, where numpy's days start.
_EPOCH = date(1970, 1, 1).toordinal()


def index_live(searcher) -> np.ndarray:
    """True for each live document of the index, by global docnum (read-only, once per
    searcher)."""

    def load() -> np.ndarray:
        parts = [live(reader) for reader, _ in searcher.reader().leaf_readers()]
        joined = np.concatenate([np.zeros(0, dtype=bool), *parts])
        joined.flags.writeable = False
        return joined

    return cached(searcher, "index live", load)
