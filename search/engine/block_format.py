"""How a long posting block is packed: arrays and two compressed strings, not a Python object
per posting, and positions inflated only when they are read.

Whoosh pickles a block as tuples of gaps between ids, of weights and of value strings, then
compresses the whole with zlib: reading a block of 512 postings inflates every position and
builds some 1,500 Python objects, even for a one-word search that needs no positions. A packed
block keeps the ids, weights and value lengths in one compressed string and the values
(positions) in another, inflated on first use; numpy reads the arrays without copying. They are
compressed with Zstandard, which inflates about twice as fast as zlib and compresses three times
as fast, to the same size. Whoosh's own reader reads these blocks too: a `PackedBlock` is the
same (ids, weights, values) triple, the arrays sequences of the same numbers, `PackedValues` a
sequence of the same strings.
"""

from __future__ import annotations

import pickle
import sys
import threading
from array import array
from collections.abc import Iterator, Sequence
from itertools import accumulate

import numpy as np
import zstandard
from whoosh.util.numlists import delta_encode

# Below this many postings a block keeps Whoosh's tuples: a packed block's pickled header
# (about 100 bytes) would outweigh what it saves, and most terms have only a few postings.
PACK_FROM_POSTINGS = 64
_LITTLE = sys.byteorder == "little"


class _Zstd(threading.local):
    """A compressor and a decompressor per thread: making one costs more than using it, and
    they must not be shared between threads."""

    def __init__(self) -> None:
        self.compress = zstandard.ZstdCompressor(level=3).compress
        self.decompress = zstandard.ZstdDecompressor().decompress


_ZSTD = _Zstd()


class PackedValues:
    """Each posting's value (its positions, for text): their lengths, and the values joined,
    inflated when first read."""

    __slots__ = ("lengths", "_data", "_compressed", "_starts")

    def __init__(self, lengths: array, data: bytes | None = None, compressed: bytes = b""):
        self.lengths = lengths
        self._data = data
        self._compressed = compressed
        self._starts: list[int] | None = None

    @property
    def data(self) -> bytes:
        if self._data is None:
            self._data = _ZSTD.decompress(self._compressed)
        return self._data

    def __len__(self) -> int:
        return len(self.lengths)

    def __getitem__(self, n: int) -> bytes:
        if self._starts is None:
            self._starts = [0, *accumulate(self.lengths)]
        return self.data[self._starts[n] : self._starts[n + 1]]

    def __iter__(self) -> Iterator[bytes]:
        return (self[n] for n in range(len(self)))


class PackedBlock(tuple):
    """(gaps between ids, weights, PackedValues), pickled as two compressed strings."""

    def __reduce__(self):
        gaps, weights, values = self
        arrays = [gaps, *([weights] if isinstance(weights, array) else []), values.lengths]
        head = b"".join(_little_endian(a) for a in arrays)
        stored = True if isinstance(weights, array) else weights
        return _unpack, (
            len(gaps),
            stored,
            _ZSTD.compress(head),
            _ZSTD.compress(values.data),
        )


# Indexes name this function in every packed block: renaming or moving it breaks them.
def _unpack(count: int, weights, head: bytes, values: bytes) -> PackedBlock:
    head = _ZSTD.decompress(head)
    gaps = _array("I", head, 0, count)
    at = 4 * count
    if weights is True:
        weights = _array("f", head, at, count)
        at += 4 * count
    lengths = _array("I", head, at, count)
    return PackedBlock((gaps, weights, PackedValues(lengths, compressed=values)))


def _array(typecode: str, data: bytes, at: int, count: int) -> array:
    out = array(typecode)
    out.frombytes(data[at : at + out.itemsize * count])
    if not _LITTLE:
        out.byteswap()
    return out


def _little_endian(values: array) -> bytes:
    if _LITTLE:
        return values.tobytes()
    swapped = array(values.typecode, values)
    swapped.byteswap()
    return swapped.tobytes()


class BlockMax(float):
    """A block's highest weight, as Whoosh's block header holds it, carrying the block's best
    (weight, field length) pairs, flattened: those that no other posting of the block beats on
    both. BM25 rises with the weight and falls with the length, so whatever the collection's
    statistics at search time, the block's best score is one of theirs: the top-k search
    (block_max) bounds a block without decompressing it. Whoosh reads it as the number it is."""

    bests: tuple

    def __new__(cls, weight: float, bests: tuple) -> BlockMax:
        made = super().__new__(cls, weight)
        made.bests = bests
        return made

    def __reduce__(self):
        return _block_max, (float(self), self.bests)


# Indexes name this function in the header of every long block: renaming or moving it breaks them.
def _block_max(weight: float, bests: tuple) -> BlockMax:
    return BlockMax(weight, bests)


def best_pairs(weights: Sequence[float], lengths: Sequence[int]) -> tuple:
    """The (weight, length) pairs of postings no other beats with a weight at least as high and
    a length at most as long, heaviest first, flattened: (w1, l1, w2, l2, ...)."""
    weight = np.asarray(weights, dtype=np.float64)
    length = np.asarray(lengths, dtype=np.float64)
    order = np.lexsort((length, -weight))
    weight, length = weight[order], length[order]
    shortest_before = np.minimum.accumulate(length)
    keep = np.concatenate(([True], length[1:] < shortest_before[:-1]))
    return tuple(np.column_stack((weight[keep], length[keep])).ravel().tolist())


def block_data(ids: Sequence[int], weights: array, values: Sequence[bytes], fixedsize) -> tuple:
    """What a block pickles: gaps between ids, weights (Whoosh's minified forms) and values;
    a `PackedBlock`, which compresses itself, for a long block of positions."""
    values = [v for v in values if v]
    gaps = delta_encode(ids)
    if len(ids) >= PACK_FROM_POSTINGS and (fixedsize is None or fixedsize < 0):
        lengths = array("I", map(len, values))
        packed_values = PackedValues(lengths, b"".join(values))
        return PackedBlock((array("I", gaps), _weights(weights, packed=True), packed_values))
    return tuple(gaps), _weights(weights, packed=False), _values(values, fixedsize)


def _weights(weights: array, packed: bool):
    """Whoosh's: None when all are 1.0, one number when all are equal, else all of them."""
    first = weights[0]
    if weights.count(first) == len(weights):
        return None if first == 1.0 else first
    return weights if packed else tuple(weights)


def _values(values: list[bytes], fixedsize: int | None):
    if fixedsize is None or fixedsize < 0:
        return tuple(values)
    return None if fixedsize == 0 else b"".join(values)


_FRAME = pickle.FRAME[0]
_ONE_FRAME = 64 * 1024  # pickle frames hold 64 KiB: a smaller pickle is a single frame


def dumps(obj) -> bytes:
    """Whoosh pickles posting blocks with protocol 2, which has no opcode for bytes: every
    posting's positions become a call to codecs.encode. Protocol 5 makes the blocks about a
    third the size and five times quicker to read. Readers take any protocol."""
    data = pickle.dumps(obj, 5)
    if len(data) < _ONE_FRAME and data[2] == _FRAME:
        # Framing is optional; for Whoosh's many tiny pickles its header is a third of them.
        data = data[:2] + data[11:]
    return data
