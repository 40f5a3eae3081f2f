"""A term's postings as numpy arrays, read a whole block at a time.

Whoosh hands postings out one at a time; reading a block's ids, weights and positions as arrays
is what lets the scorer and the facets work on whole posting lists at C speed.
"""

from __future__ import annotations

import io
import pickle
import struct
import zlib
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, byte_to_length

from search.engine import block_cache
from search.engine.analysis import PackedPositions
from search.engine.block_format import PackedValues

# Wider than any position, so document and position share one int64 key.
KEY_SPAN = 1 << 33
# Every length a one-byte length column can give back, ascending.
_STORED_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
# Each posting block starts with its length, negative for a term's last block.
_BLOCK_SIZE = struct.Struct("!i")


@dataclass
class Postings:
    """A term's postings as arrays; `counts` and `positions` are empty unless positions were
    asked for."""

    ids: np.ndarray
    weights: np.ndarray
    counts: np.ndarray  # how many positions each posting has
    positions: np.ndarray  # every posting's positions, one posting after another

    def restricted_to(self, docs: np.ndarray) -> Postings:
        keep = isin_sorted(self.ids, docs)
        if not len(self.counts):
            return Postings(self.ids[keep], self.weights[keep], self.counts, self.positions)
        positions = self.positions[np.repeat(keep, self.counts)]
        return Postings(self.ids[keep], self.weights[keep], self.counts[keep], positions)


# A mask over the values' range is used while it is at most this many times their number.
_MASK_PER_VALUE = 4


def isin_sorted(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Whether each of `values` (sorted) is in `sorted_set`."""
    if not len(sorted_set) or not len(values):
        return np.zeros(len(values), dtype=bool)
    base = int(min(values[0], sorted_set[0]))
    span = int(max(values[-1], sorted_set[-1])) - base + 1
    if span <= _MASK_PER_VALUE * (len(values) + len(sorted_set)):
        # Docnums: marking a mask and reading it back is linear, where bisection for each of
        # tens of thousands of values misses the cache at every step.
        mask = np.zeros(span, dtype=bool)
        mask[sorted_set - base] = True
        return mask[values - base]
    at = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[at] == values


def intersect_sorted(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The values in both of two sorted arrays of distinct values, sorted. A stable sort
    merges the two runs in linear time, where bisecting one in the other misses the cache."""
    both = np.sort(np.concatenate([a, b]), kind="stable")
    return both[:-1][both[1:] == both[:-1]]


def distinct_sorted(values: np.ndarray) -> np.ndarray:
    """The distinct values of a sorted array (np.unique sorts again)."""
    if not len(values):
        return values
    return values[np.concatenate(([True], values[1:] != values[:-1]))]


def distinct_of_runs(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted, of an array made of sorted runs (sorted arrays joined). A
    stable sort merges the runs in linear time; np.unique (and numpy's default sort) sorts them
    from scratch."""
    return distinct_sorted(np.sort(values, kind="stable"))


def among(candidates: np.ndarray, ids: np.ndarray) -> np.ndarray:
    return candidates[isin_sorted(candidates, ids)]


def read_postings(
    reader, fieldname: str, text: bytes, values: bool = False, within: np.ndarray | None = None
) -> Postings:
    """A term's postings; with `within` (sorted docnums), only theirs, from the blocks that
    may hold them."""
    # Unfiltered postings: deleted documents are masked out afterwards.
    # (Whoosh can keep a short list inline in the term's entry, but its writer cannot in this
    # version, so every term has a posting list.)
    postfile, offset, length = _extent(reader, fieldname, text)
    segment = _segment_of(reader)
    parts: list[tuple] = [(np.zeros(0, dtype=np.int64), np.zeros(0), _NO_COUNTS, _NO_POSITIONS)]
    # A list: bisecting it per block is cheaper than a numpy call per block.
    wanted = None if within is None else within.tolist()
    previous_last = -1
    for where, header, stored in _blocks(postfile, offset, length):
        last = header[1]
        if wanted is None:
            parts.append(_read(_block(segment, where, header, stored), values))
        else:
            start, end = bisect_right(wanted, previous_last), bisect_right(wanted, last)
            if start < end:
                block = _block(segment, where, header, stored)
                # Only the wanted documents' postings: a few articles' positions are then
                # sliced out of a common word's blocks, not all of them kept and matched.
                parts.append(_read(block, values, within[start:end]))
        previous_last = last
    return Postings(*(np.concatenate(arrays) for arrays in zip(*parts, strict=True)))


_NO_COUNTS = np.zeros(0, dtype=np.int64)
_NO_POSITIONS = np.zeros(0, dtype=PackedPositions.DTYPE)


def _read(block: tuple, values: bool, within: np.ndarray | None = None) -> tuple:
    """(ids, weights, counts, positions) of a decoded block, of the `within` documents only
    if given; counts and positions empty unless `values`."""
    ids, weights, stored_values = block
    counts, positions = _positions(stored_values) if values else (_NO_COUNTS, _NO_POSITIONS)
    if within is None:
        return ids, weights, counts, positions
    keep = isin_sorted(ids, within)
    if values:
        positions, counts = positions[np.repeat(keep, counts)], counts[keep]
    return ids[keep], weights[keep], counts, positions


def _extent(reader, fieldname: str, text: bytes) -> tuple[object, int, int]:
    info = reader._terms.term_info(fieldname, text)
    offset, length = info.extent()
    # Whoosh reads a stored entry's length back as a 1-tuple.
    return reader._terms._postfile, offset, length[0] if isinstance(length, tuple) else length


@dataclass
class BlockIndex:
    """A term's posting blocks as their headers describe them, none of them decompressed: each
    block's last docnum; (weight, field length) pairs whose best score is that of the block's
    best posting (block_format.BlockMax) or, in blocks written without them, bounds it (the
    highest weight with the shortest length); and its stored data, decoded on demand by `read`.
    """

    lasts: np.ndarray
    weights: np.ndarray  # the pairs of every block, one block after another
    lengths: np.ndarray  # decoded as the length column is: 0 where unknown
    starts: np.ndarray  # where each block's pairs start
    stored: list[tuple[int, tuple, bytes]]
    segment: str | None

    def read(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Block `n`'s docnums and weights."""
        ids, weights, _ = _block(self.segment, *self.stored[n])
        return ids, weights


def block_index(reader, fieldname: str, text: bytes) -> BlockIndex:
    # Every block header (Whoosh's own, and term_writer's) holds the block's count, last id,
    # maximum weight, compression and minimum and maximum length bytes.
    stored = list(_blocks(*_extent(reader, fieldname, text)))
    pairs, starts = [], []
    for _, header, _ in stored:
        starts.append(len(pairs) // 2)
        bests = getattr(header[2], "bests", None)
        pairs.extend(bests or (header[2] or 0.0, byte_to_length(header[4]) or 0))
    flat = np.array(pairs, dtype=np.float64)
    return BlockIndex(
        np.array([header[1] for _, header, _ in stored], dtype=np.int64),
        flat[0::2],
        _as_stored(flat[1::2]),
        np.array(starts, dtype=np.int64),
        stored,
        _segment_of(reader),
    )


def _as_stored(lengths: np.ndarray) -> np.ndarray:
    """Lengths as the length column gives them back, one byte each (the scorer's lengths)."""
    at = np.minimum(np.searchsorted(_STORED_LENGTHS, lengths), len(_STORED_LENGTHS) - 1)
    return _STORED_LENGTHS[at]


def _segment_of(reader) -> str | None:
    """The id of a segment's reader (None for any other reader): what keeps its blocks apart
    from every other segment's in the cache."""
    return getattr(reader, "_segid", None)


def _block(segment: str | None, where: int, header: tuple, stored: bytes) -> tuple:
    """A block's docnums, weights and stored values (inflated when first read); a long block's
    from the cache of decoded blocks."""
    if segment is None or header[0] < block_cache.FROM_POSTINGS:
        return _decode(header, stored)
    # Kept: the arrays, 16 bytes a posting, and about as much as the stored data for values.
    size = 16 * header[0] + 4 * len(stored)
    return block_cache.BLOCKS.get((segment, where), lambda: _decode(header, stored), size)


def _decode(header: tuple, stored: bytes) -> tuple:
    gaps, stored_weights, stored_values = pickle.loads(
        zlib.decompress(stored) if header[3] else stored
    )
    ids = np.cumsum(np.asarray(gaps, dtype=np.int64))
    return ids, _block_weights(stored_weights, len(ids)), stored_values


def _blocks(postfile, offset: int, length: int) -> Iterator[tuple[int, tuple, bytes]]:
    """(where, header, stored data) for each block of a term's postings, read as Whoosh's
    W3LeafMatcher reads them, but from one read of the whole posting list. The header is
    (count, last docnum, max weight, compression, min length byte, max length byte); `where`,
    the block's place in the postings file."""
    extent = postfile.get(offset, length)
    if extent[:4] != WHOOSH3_HEADER_MAGIC:
        raise ValueError(f"no posting list at {offset}: the index is damaged")
    stream = io.BytesIO(extent)
    at = 4
    while at < length:
        (size,) = _BLOCK_SIZE.unpack_from(extent, at)
        stream.seek(at + _BLOCK_SIZE.size)
        header = pickle.load(stream)
        start = at
        at += _BLOCK_SIZE.size + abs(size)
        yield offset + start, header, extent[stream.tell() : at]


def _positions(block) -> tuple[np.ndarray, np.ndarray]:
    """Positions per posting, and all positions, from a block's values: packed (blockformat)
    or, in indexes written before it, a string per posting."""
    if isinstance(block, PackedValues):
        lengths = np.frombuffer(block.lengths, dtype=np.dtype(block.lengths.typecode))
        data = block.data
    else:
        lengths = np.fromiter(map(len, block), dtype=np.int64, count=len(block))
        data = b"".join(block)
    counts = lengths.astype(np.int64) // PackedPositions.DTYPE.itemsize
    return counts, np.frombuffer(data, dtype=PackedPositions.DTYPE)


def _block_weights(stored, count: int) -> np.ndarray:
    # Whoosh keeps equal weights as one number (None for all 1.0), which its reader expands
    # one posting at a time.
    if stored is None:
        return np.ones(count)
    if isinstance(stored, float):
        return np.full(count, stored, dtype=np.float32).astype(np.float64)  # as Whoosh rounds it
    return np.asarray(stored, dtype=np.float64)


def position_keys(postings: Postings) -> np.ndarray:
    """document * KEY_SPAN + position, for every position of every posting."""
    return np.repeat(postings.ids, postings.counts) * KEY_SPAN + postings.positions
