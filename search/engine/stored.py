"""Stored fields read straight from a segment's per-document reader.

Whoosh's reader checks each stored key of a document against the schema on every read (for a
field removed since it was written), one generator step and schema lookup a key: two thirds of
the time of reading a quotation's fields. Here the keys a segment's documents use are checked
once, and a document whose keys are all known is given as read.
"""

from __future__ import annotations

from typing import Any

from whoosh.reading import ReaderClosed


def stored_fields(searcher, docnum: int) -> dict[str, Any]:
    """The stored fields of a document (global docnum), as Whoosh's `stored_fields` gives them."""
    reader, local = segment_of(searcher, docnum)
    if reader.is_closed:
        raise ReaderClosed
    fields = reader._perdoc.stored_fields(local)
    known = reader.__dict__.setdefault(_KNOWN, set())
    if fields.keys() <= known:
        return fields
    known.update(key for key in fields if key in reader.schema)
    return {key: value for key, value in fields.items() if key in known}


def open_reader(reader) -> None:
    """Open a segment's stored-fields reader now rather than on the first read: Whoosh works
    out where each document's fields start in a Python loop over every document (a millisecond
    per 20,000 articles)."""
    reader._perdoc.stored_fields(0)


def segment_of(searcher, docnum: int):
    """The segment reader holding a global docnum, and the docnum there."""
    for reader, offset in reversed(searcher.reader().leaf_readers()):
        if docnum >= offset:
            return reader, docnum - offset
    raise IndexError(docnum)


_KNOWN = "_dateline_stored_keys"
