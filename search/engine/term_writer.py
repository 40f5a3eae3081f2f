"""Whoosh's commit, writing each term's postings and term-table row in one step.

At commit, Whoosh feeds every posting to the posting writer one at a time (a field-length lookup,
a type check, four appends and statistics per posting), then spends a dozen calls per term on
its block and term-info objects: together most of a commit. Here each term's postings arrive as
one group and are written, with the term's statistics, straight into Whoosh's files. The bytes
on disk are the ones Whoosh's own writer gives with the same block encoding (`write_block`, for
which see blockformat): tests/test_bulkwrite.py.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from operator import itemgetter

from whoosh.codec import whoosh3
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import length_to_byte

from search.engine.block_format import (
    PACK_FROM_POSTINGS,
    BlockMax,
    PackedBlock,
    best_pairs,
    block_data,
    dumps,
)
from search.engine.columns import lengths_array
from search.engine.posting_pool import TermGroups

Posting = tuple[str, bytes, int, float, bytes | None]

# Whoosh means not to compress a block's pickle under 20 bytes, but a slip compresses them all;
# zlib makes a pickle under about 48 bytes larger, and most terms have only one short block.
COMPRESS_FROM_BYTES = 48

_FIELD_AND_TERM = itemgetter(0, 1)


def add_postings(self, schema, lengths, items: Iterable[Posting]) -> None:
    """Drop-in for `whoosh.codec.base.FieldWriter.add_postings` on a W3FieldWriter."""
    field_lengths = _FieldLengths(lengths)
    groups = items.groups() if isinstance(items, TermGroups) else _grouped(items)
    current = terms = None
    for (fieldname, btext), (ids, weights, values) in groups:
        if fieldname != current:
            if current is not None:
                self.finish_field()
            self.start_field(fieldname, schema[fieldname])
            current = fieldname
            terms = _TermWriter(self, field_lengths.of(fieldname))
        terms.write(btext, ids, weights, values)
    if current is not None:
        self.finish_field()


def _grouped(items: Iterable[Posting]) -> Iterator[tuple[tuple[str, bytes], tuple]]:
    """Whoosh's sorted postings, a term at a time."""
    # Whoosh marks words for its spelling graph with docnum -1; they are not postings.
    postings = (item for item in items if item[2] != -1)
    for key, group in groupby(postings, key=_FIELD_AND_TERM):
        block = list(group)
        yield key, ([p[2] for p in block], [p[3] for p in block], [p[4] for p in block])


class _TermWriter:
    """One field's terms, written as W3FieldWriter.start_term / add / finish_term would."""

    def __init__(self, fieldwriter, lengths: list[int] | None):
        postwriter = fieldwriter._postwriter
        self.postfile = fieldwriter._postfile
        self.table = fieldwriter._tindex
        self.prefix = pack_ushort(fieldwriter._fieldid)
        self.limit = postwriter._blocklimit
        self.compression = postwriter._compression
        self.fixedsize = fieldwriter._format.fixed_value_size()
        self.lengths = lengths

    def write(self, btext: bytes, ids: Sequence[int], weights: Sequence[float], values) -> None:
        start = self.postfile.tell()
        # The term's blocks, gathered for one write: most terms have one short block.
        out = [whoosh3.WHOOSH3_HEADER_MAGIC]
        total, minlength, maxlength, maxweight = 0, None, 0, 0
        for first in range(0, len(ids), self.limit):
            end = first + self.limit
            block = _Block(ids[first:end], weights[first:end], values[first:end], self.lengths)
            out.extend(self._block_bytes(block, last=end >= len(ids)))
            total += sum(block.stored_weights)
            # Whoosh's TermInfo.add_block, min and max kept the same way.
            minlength = block.minlength if minlength is None else min(minlength, block.minlength)
            maxlength = max(maxlength, block.maxlength)
            maxweight = max(maxweight, block.maxweight)
        info = whoosh3.W3TermInfo._struct.pack(
            False,
            total,
            len(ids),
            0 if minlength is None else length_to_byte(minlength),
            length_to_byte(maxlength),
            maxweight,
            ids[0],
            ids[-1],
        )
        postings = b"".join(out)
        self.postfile.write(postings)
        extent = pack_long(start) + pack_int(len(postings))
        self.table.add(self.prefix + btext, info + extent)

    def _block_bytes(self, block: _Block, last: bool) -> tuple[bytes, bytes, bytes]:
        infobytes, data = _encoded(
            block.ids,
            block.stored_weights,
            block.values,
            self.fixedsize,
            self.compression,
            (block.maxweight, block.minlength, block.maxlength),
            block.bests,
        )
        length = len(infobytes) + len(data)
        return pack_int(-length if last else length), infobytes, data


class _Block:
    """Up to a block's worth of one term's postings, with Whoosh's block statistics."""

    def __init__(self, ids, weights, values, lengths: list[int] | None):
        self.ids = ids
        self.values = values
        self.stored_weights = array("f", weights)
        self.maxweight = max(0, max(weights))
        each = list(map(lengths.__getitem__, ids)) if lengths else []
        found = list(filter(None, each))
        self.minlength = min(found) if found else None
        self.maxlength = max(found) if found else 0
        self.bests = _bests(self.stored_weights, each)


def _bests(weights: array, lengths: list) -> tuple | None:
    """A long block's best (weight, length) pairs, for its header (see block_format.BlockMax);
    a short block is cheap enough to read whole, and an unscored field has no lengths."""
    if len(weights) < PACK_FROM_POSTINGS or len(lengths) != len(weights) or None in lengths:
        return None
    return best_pairs(weights, lengths)


def write_block(self, last: bool = False) -> None:
    """Drop-in for `W3PostingsWriter._write_block`: Whoosh's block, packed as blockformat says,
    compressed only when that makes it smaller (Whoosh's reader reads either, by the flag in the
    block's header)."""
    if not self._blockcount:
        self._postfile.write(whoosh3.WHOOSH3_HEADER_MAGIC)
    self._terminfo.add_block(self)
    infobytes, data = _encoded(
        self._ids,
        self._weights,
        self._values,
        self._format.fixed_value_size(),
        self._compression,
        (self._maxweight, self._minlength, self._maxlength),
        _bests(self._weights, self._lengths),
    )
    length = len(infobytes) + len(data)
    self._postfile.write_int(-length if last else length)
    self._postfile.write(infobytes)
    self._postfile.write(data)
    self._blockcount += 1
    self._new_block()


def _encoded(
    ids, weights: array, values, fixedsize, level: int, stats: tuple, bests: tuple | None
) -> tuple[bytes, bytes]:
    """A block's pickled header (count, last id, max weight, compression, min and max length)
    and its data, as Whoosh's reader reads them; the max weight carries the block's best
    pairs when there are some."""
    packed = block_data(ids, weights, values, fixedsize)
    data = dumps(packed)
    compression = _compression(level, packed, data)
    if compression:
        data = zlib.compress(data, compression)
    maxweight, minlength, maxlength = stats
    if bests:
        maxweight = BlockMax(maxweight, bests)
    header = (
        len(ids),
        ids[-1],
        maxweight,
        compression,
        length_to_byte(minlength),
        length_to_byte(maxlength),
    )
    return dumps(header), data


def _compression(level: int, packed: tuple, data: bytes) -> int:
    if isinstance(packed, PackedBlock):
        return 0  # compressed inside, in two parts
    return level if len(data) >= COMPRESS_FROM_BYTES else 0


class _FieldLengths:
    """Each scored field's length per document, read once from the new segment."""

    def __init__(self, perdoc):
        self.perdoc = perdoc
        self.cache: dict[str, list[int] | None] = {}

    def of(self, fieldname: str) -> list[int] | None:
        if fieldname not in self.cache:
            self.cache[fieldname] = self._read(fieldname)
        return self.cache[fieldname]

    def _read(self, fieldname: str) -> list[int] | None:
        if self.perdoc is None or not self.perdoc.has_column(f"_{fieldname}_len"):
            return None
        return lengths_array(self.perdoc, fieldname).astype(int).tolist()
