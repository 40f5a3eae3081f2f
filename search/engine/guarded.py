"""A `Snapshot` whose every read reports its failures, so that the layer above can tell a
damaged index from a fault in Dateline.

Damaged bytes surface from deep inside Whoosh as whatever the decoder in hand raises; only the
facade's checksums can say whether the files are at fault, so each failure is handed to
`on_read_error`, which raises a user-facing error if they are and returns if they are not.
"""

from __future__ import annotations

import errno
import functools
import pickle
import zlib
from collections.abc import Callable
from pathlib import Path

import zstandard
from whoosh.index import IndexError as WhooshIndexError

from search.engine.searcher import Snapshot
from search.errors import DatelineError

# Raised only by bytes that are not what was written (or files that cannot be read at all).
_BAD_BYTES = (pickle.UnpicklingError, zlib.error, zstandard.ZstdError, WhooshIndexError)
_UNREADABLE = {errno.EIO, errno.EACCES, errno.EPERM, errno.EISDIR, errno.ENOENT}

# Called with the exception and whether it can only come from a damaged or unreadable file.
ReadErrorHandler = Callable[[Exception, bool], None]


def only_from_bad_bytes(exc: Exception) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in _UNREADABLE
    return isinstance(exc, _BAD_BYTES)


class GuardedSnapshot(Snapshot):
    def __init__(
        self, generation: Path, on_read_error: ReadErrorHandler, shared: dict | None = None
    ):
        self._on_read_error = on_read_error
        _reading(Snapshot.__init__)(self, generation, shared)


def _reading(method: Callable) -> Callable:
    @functools.wraps(method)
    def guarded(self: GuardedSnapshot, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except DatelineError:
            raise
        except Exception as exc:
            self._on_read_error(exc, only_from_bad_bytes(exc))
            raise

    return guarded


for _name, _member in vars(Snapshot).items():
    if callable(_member) and not _name.startswith("_") and _name != "close":
        setattr(GuardedSnapshot, _name, _reading(_member))
