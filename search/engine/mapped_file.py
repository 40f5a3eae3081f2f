"""A read-only file over a slice of a memory-mapped segment, without copying it.

Whoosh maps each segment file into memory, then opens every part of it (terms, postings,
columns) as `BufferFile(memoryview)`, whose `io.BytesIO` copies the whole part into memory just to
read a header: opening a searcher on a 45 MB index copied 41 MB, and every searcher held its own
copy. Reading through the view instead leaves the pages to the operating system's cache.
"""

from __future__ import annotations

import io
import os

from whoosh.filedb.structfile import BufferFile

_LINE_CHUNK = 4096
# What `peek` offers: enough for the small pickles Whoosh reads from a file (block headers), so
# that the unpickler asks once instead of once per opcode; it asks again if it needs more.
_PEEK = 1024


class MappedView(io.RawIOBase):
    def __init__(self, buf: memoryview):
        super().__init__()
        self._buf = buf
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: len(self._buf)}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def read(self, size: int | None = -1) -> bytes:
        end = len(self._buf) if size is None or size < 0 else self._pos + size
        data = bytes(self._buf[self._pos : end])
        self._pos += len(data)
        return data

    def peek(self, size: int = 0) -> bytes:
        return bytes(self._buf[self._pos : self._pos + _PEEK])

    def readinto(self, target) -> int:
        data = self.read(len(target))
        target[: len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        limit = len(self._buf)
        if size is not None and size >= 0:
            limit = min(limit, self._pos + size)
        end = self._pos
        while end < limit:
            chunk = bytes(self._buf[end : min(end + _LINE_CHUNK, limit)])
            found = chunk.find(b"\n")
            if found >= 0:
                end += found + 1
                break
            end += len(chunk)
        return self.read(max(0, min(end, limit) - self._pos))


class MappedBufferFile(BufferFile):
    """Whoosh's `BufferFile`, reading through the view instead of a copy of it."""

    def __init__(self, buf: memoryview, name: str | None = None, onclose=None):
        super().__init__(b"", name, onclose)
        self._buf = buf
        self.file = MappedView(buf)

    def subset(self, position: int, length: int, name: str | None = None) -> MappedBufferFile:
        return MappedBufferFile(self._buf[position : position + length], name=name or self._name)
