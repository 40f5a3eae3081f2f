"""How a posting block's ids, weights and positions are packed: standard arrays and one bytes
object, not a Python object per posting.

Whoosh pickles a block as tuples of gaps between ids, of weights and of value strings, so
reading a block of 512 postings builds some 1,500 Python objects. An array pickles as its raw
bytes, so a block unpickles as a handful of objects that numpy reads without copying. Whoosh's
own reader reads these blocks too: an array is a sequence of the same numbers, `PackedValues` a
sequence of the same strings.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from itertools import accumulate

from whoosh.util.numlists import delta_encode


class PackedValues:
    """Each posting's value (its positions, for text), as their lengths and one joined string."""

    __slots__ = ("lengths", "data", "_starts")

    def __init__(self, lengths: array, data: bytes):
        self.lengths = lengths
        self.data = data
        self._starts: list[int] | None = None

    @classmethod
    def of(cls, values: Sequence[bytes]) -> PackedValues:
        return cls(array("I", map(len, values)), b"".join(values))

    def __reduce__(self):
        return PackedValues, (self.lengths, self.data)

    def __len__(self) -> int:
        return len(self.lengths)

    def __getitem__(self, n: int) -> bytes:
        if self._starts is None:
            self._starts = [0, *accumulate(self.lengths)]
        return self.data[self._starts[n] : self._starts[n + 1]]

    def __iter__(self) -> Iterator[bytes]:
        return (self[n] for n in range(len(self)))


# Below this many postings a block keeps Whoosh's tuples: the arrays' pickled headers (about
# 140 bytes) would outweigh what they save, and most terms have only a few postings.
PACK_FROM_POSTINGS = 64


def block_data(ids: Sequence[int], weights: array, values: Sequence[bytes], fixedsize) -> tuple:
    """What a block pickles: gaps between ids, weights (Whoosh's minified forms) and values."""
    packed = len(ids) >= PACK_FROM_POSTINGS
    gaps = delta_encode(ids)
    return (
        array("I", gaps) if packed else tuple(gaps),
        _weights(weights, packed),
        _values([v for v in values if v], fixedsize, packed),
    )


def _weights(weights: array, packed: bool):
    """Whoosh's: None when all are 1.0, one number when all are equal, else all of them."""
    first = weights[0]
    if weights.count(first) == len(weights):
        return None if first == 1.0 else first
    return weights if packed else tuple(weights)


def _values(values: list[bytes], fixedsize: int | None, packed: bool):
    if fixedsize is None or fixedsize < 0:
        return PackedValues.of(values) if packed else tuple(values)
    return None if fixedsize == 0 else b"".join(values)
