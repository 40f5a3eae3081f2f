"""Whoosh's commit, writing each term's postings a block at a time.

At commit, Whoosh feeds every posting to the posting writer one at a time: a field-length
lookup, a type check, four appends and statistics per posting, about a third of a build. Here
each term's postings arrive as one group, and each block of them is handed to Whoosh's own block
writer whole. The bytes on disk are the same.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter

from whoosh.codec import whoosh3
from whoosh.util.numeric import length_to_byte

from search.postingpool import TermGroups

Posting = tuple[str, bytes, int, float, bytes | None]

# Whoosh means not to compress a block's pickle under 20 bytes, but a slip compresses them all;
# zlib makes a pickle under about 48 bytes larger, and most terms have only one short block.
COMPRESS_FROM_BYTES = 48

_FIELD_AND_TERM = itemgetter(0, 1)


def add_postings(self, schema, lengths, items: Iterable[Posting]) -> None:
    """Drop-in for `whoosh.codec.base.FieldWriter.add_postings` on a W3FieldWriter."""
    field_lengths = _FieldLengths(lengths)
    groups = items.groups() if isinstance(items, TermGroups) else _grouped(items)
    current = None
    for (fieldname, btext), (ids, weights, values) in groups:
        if fieldname != current:
            if current is not None:
                self.finish_field()
            self.start_field(fieldname, schema[fieldname])
            current = fieldname
        self.start_term(btext)
        _write_term(self._postwriter, ids, weights, values, field_lengths.of(fieldname))
        self.finish_term()
    if current is not None:
        self.finish_field()


def _grouped(items: Iterable[Posting]) -> Iterator[tuple[tuple[str, bytes], tuple]]:
    """Whoosh's sorted postings, a term at a time."""
    # Whoosh marks words for its spelling graph with docnum -1; they are not postings.
    postings = (item for item in items if item[2] != -1)
    for key, group in groupby(postings, key=_FIELD_AND_TERM):
        block = list(group)
        yield key, ([p[2] for p in block], [p[3] for p in block], [p[4] for p in block])


def _write_term(writer, ids, weights, values, lengths: list[int] | None) -> None:
    limit = writer._blocklimit
    for start in range(0, len(ids), limit):
        block_ids = ids[start : start + limit]
        block_weights = weights[start : start + limit]
        writer._ids = array("I", block_ids)
        writer._weights = array("f", block_weights)
        writer._values = [v for v in values[start : start + limit] if v]
        writer._maxweight = max(0, *block_weights)
        found = [n for n in (lengths[d] for d in block_ids) if n] if lengths else []
        writer._minlength = min(found) if found else None
        writer._maxlength = max(found) if found else 0
        # Whoosh writes a block when the next posting arrives; the last one is finish_term's.
        if start + limit < len(ids):
            writer._write_block()


class _FieldLengths:
    """Each scored field's length per document, read once from the new segment."""

    def __init__(self, reader):
        self.reader = reader
        self.cache: dict[str, list[int] | None] = {}

    def of(self, fieldname: str) -> list[int] | None:
        if fieldname not in self.cache:
            self.cache[fieldname] = self._read(fieldname)
        return self.cache[fieldname]

    def _read(self, fieldname: str) -> list[int] | None:
        reader = self.reader
        if reader is None or not reader.has_column(f"_{fieldname}_len"):
            return None
        return [reader.doc_field_length(d, fieldname) or 0 for d in range(reader.doc_count_all())]


def write_block(self, last: bool = False) -> None:
    """Drop-in for `W3PostingsWriter._write_block`: Whoosh's block, compressed only when that
    makes it smaller. Whoosh's reader reads either, by the flag in the block's header."""
    if not self._blockcount:
        self._postfile.write(whoosh3.WHOOSH3_HEADER_MAGIC)
    self._terminfo.add_block(self)
    data = whoosh3.dumps((self._mini_ids(), self._mini_weights(), self._mini_values()), 2)
    compression = self._compression if len(data) >= COMPRESS_FROM_BYTES else 0
    if compression:
        data = whoosh3.zlib.compress(data, compression)
    ids = self._ids
    info = (
        len(ids),
        ids[-1],
        self._maxweight,
        compression,
        length_to_byte(self._minlength),
        length_to_byte(self._maxlength),
    )
    infobytes = whoosh3.dumps(info, 2)
    length = len(infobytes) + len(data)
    self._postfile.write_int(-length if last else length)
    self._postfile.write(infobytes)
    self._postfile.write(data)
    self._blockcount += 1
    self._new_block()
