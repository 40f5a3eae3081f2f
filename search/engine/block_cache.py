"""Decoded posting blocks, kept for the next query: the longest lists are the common words',
and they come back in query after query ("said" in every "... said" phrase).

Decoding a block of 2,048 postings (inflating it, unpickling, summing the gaps) costs some 50
microseconds in Python, and a common word has a block per 2,048 articles: at ten times Reuters,
"said" alone took 3 ms to read, in every query that held it. A block is kept decoded, least
recently used first out, up to a bound on memory shared by the process's threads. Segments
never change once written, so a kept block is never stale; it is keyed by its segment's id and
its place in the segment's postings file.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import numpy as np

# Memory the kept blocks may take, all threads together.
CACHE_BYTES = 64 * 1024 * 1024
# Shorter blocks are cheap to decode again, and would fill the cache with small entries.
FROM_POSTINGS = 256


class BlockCache:
    """Least recently used decoded blocks, up to `limit` bytes."""

    def __init__(self, limit: int = CACHE_BYTES):
        self.limit = limit
        self.size = 0
        self._blocks: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, decode: Callable[[], tuple], size: int) -> tuple:
        """The decoded block at `key`, decoded by `decode` if not kept; `size` is what keeping
        it costs, in bytes."""
        with self._lock:
            kept = self._blocks.get(key)
            if kept is not None:
                self._blocks.move_to_end(key)
                return kept[0]
        block = decode()
        for part in block:
            if isinstance(part, np.ndarray):
                part.flags.writeable = False  # shared by every query from now on
        with self._lock:
            if key not in self._blocks and size <= self.limit:
                self._blocks[key] = (block, size)
                self.size += size
                while self.size > self.limit:
                    _, (_, dropped) = self._blocks.popitem(last=False)
                    self.size -= dropped
        return block

    def clear(self) -> None:
        with self._lock:
            self._blocks.clear()
            self.size = 0


BLOCKS = BlockCache()
