"""The index directory: complete generations side by side, one published at a time.

Layout of an index directory:
    CURRENT          name of the published generation, replaced atomically
    gen-000007/      a complete Whoosh index plus its manifest
    reindex.lock     held (flock) by the one process allowed to write; records its pid

Whoosh is not crash-safe by itself, so a generation is never written after it is published:
a reindex builds a new one beside it (a hard-link clone for incremental work, since Whoosh
never rewrites a file it has written) and only then points CURRENT at it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from search.build import checksums
from search.errors import IndexBusy

CURRENT = "CURRENT"
LOCK = "reindex.lock"
GEN_PREFIX = "gen-"
WHOOSH_LOCKS = ("_WRITELOCK", "_READLOCK")
# Older generations kept after a publish: searchers may still have them open, and
# `dateline check --repair` falls back to the newest good one.
KEEP_PREVIOUS = 1


class IndexStore:
    def __init__(self, root: str | os.PathLike[str], keep: int = KEEP_PREVIOUS):
        self.root = Path(root)
        self.keep = keep
        # Found damaged: never kept as a generation to fall back to.
        self.damaged: set[Path] = set()
        # CURRENT's (inode, mtime, size) and content when last read.
        self._current: tuple[tuple, str] | None = None

    def current(self) -> Path | None:
        try:
            name = self._current_name()
        except FileNotFoundError:
            return None
        path = self.root / name
        return path if name.startswith(GEN_PREFIX) and path.is_dir() else None

    def _current_name(self) -> str:
        """CURRENT's content, read again only when the file is replaced: a results page asks
        three times."""
        marker = self.root / CURRENT
        found = os.stat(marker)
        key = (found.st_ino, found.st_mtime_ns, found.st_size)
        if self._current is None or self._current[0] != key:
            self._current = (key, marker.read_text(encoding="utf-8").strip())
        return self._current[1]

    def current_name(self) -> str | None:
        current = self.current()
        return current.name if current else None

    def generations(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        return sorted(p for p in self.root.iterdir() if p.name.startswith(GEN_PREFIX))

    def new_generation(self, clone: bool) -> Path:
        """An unpublished generation: a hard-link copy of the current one, or empty."""
        existing = [int(p.name[len(GEN_PREFIX) :]) for p in self.generations() if _is_gen(p)]
        path = self.root / f"{GEN_PREFIX}{max(existing, default=0) + 1:06d}"
        path.mkdir(parents=True)
        source = self.current()
        if clone and source is not None:
            for item in source.iterdir():
                if item.is_file() and not item.name.endswith(WHOOSH_LOCKS):
                    os.link(item, path / item.name)
        return path

    def publish(self, generation: Path) -> None:
        """Record the checksums of a finished generation, point CURRENT at it durably, and drop
        all but the `keep` generations before it."""
        previous = self.current()
        checksums.record(generation, previous)
        _fsync_tree(generation)
        self.point_at(generation)
        older = [g for g in self.generations() if g < generation and g not in self.damaged]
        keep = {generation, *_newest(older, self.keep)}
        for path in self.generations():
            if path not in keep:
                shutil.rmtree(path, ignore_errors=True)

    def point_at(self, generation: Path) -> None:
        """Make `generation` the published one, atomically and durably."""
        tmp = self.root / f"{CURRENT}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(generation.name + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.root / CURRENT)
        _fsync_dir(self.root)

    def discard(self, generation: Path) -> None:
        shutil.rmtree(generation, ignore_errors=True)

    def remove_unpublished(self) -> list[Path]:
        """Delete generations left by an interrupted reindex, and older ones beyond `keep`;
        call only while holding the lock."""
        current = self.current()
        older = [g for g in self.generations() if current is not None and g < current]
        keep = {current, *_newest(older, self.keep)}
        removed = [g for g in self.generations() if g not in keep]
        for path in removed:
            shutil.rmtree(path, ignore_errors=True)
        return removed

    @contextlib.contextmanager
    def writing(self, wait: float = 0.0, on_stale=None) -> Iterator[None]:
        """Hold the reindex lock. flock dies with its process, so a crash never leaves it held."""
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / LOCK
        with open(path, "a+", encoding="utf-8") as fh:
            self._acquire(fh, wait)
            fh.seek(0)
            old_pid = fh.read().strip()
            if old_pid and on_stale is not None:
                on_stale(old_pid)
            fh.seek(0)
            fh.truncate()
            fh.write(str(os.getpid()))
            fh.flush()
            try:
                yield
            finally:
                fh.seek(0)
                fh.truncate()
                fh.flush()
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _acquire(self, fh, wait: float) -> None:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    fh.seek(0)
                    pid = fh.read().strip() or "unknown"
                    raise IndexBusy(
                        f"another reindex (process {pid}) is writing {self.root}; "
                        "wait for it to finish, or pass --wait SECONDS"
                    ) from None
                time.sleep(0.1)


def _newest(generations: list[Path], count: int) -> list[Path]:
    return generations[-count:] if count > 0 else []


def _is_gen(path: Path) -> bool:
    return path.name[len(GEN_PREFIX) :].isdigit()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(path: Path) -> None:
    for item in path.iterdir():
        if item.is_file():
            with open(item, "rb") as fh:
                os.fsync(fh.fileno())
    _fsync_dir(path)
