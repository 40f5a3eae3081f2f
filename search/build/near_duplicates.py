"""Near-duplicate stories (wire re-sends, corrections, updates), found when articles are indexed.

Each article's body becomes a MinHash signature over its word 3-shingles; the signature is cut
into bands, and two articles sharing a band are candidates (locality-sensitive hashing). A
candidate dated within `WINDOW_DAYS` whose signature agrees on at least `THRESHOLD` of its
hashes (an estimate of the Jaccard similarity of the two shingle sets) is a near-duplicate,
and the article joins its group. The thresholds were chosen on Reuters pairs judged by eye (see
README, "Duplicate stories"): below them, and across weeks, similar stories are mostly the same
template with new figures ("hog and cattle slaughter guesstimates"), not the same story.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
import zlib
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial

import numpy as np

from search.engine.schema import BANDS

HASHES = 64
# 16 bands of 4 hashes: a pair at Jaccard 0.6 is a candidate 96% of the time, at 0.8 always.
ROWS = HASHES // BANDS
THRESHOLD = 0.6
WINDOW_DAYS = 3
# Shorter bodies say too little to call two stories the same ("Qtly div 10 cts vs 10 cts").
MIN_WORDS = 25
# Only a body's opening is compared: stories whose first 2,000 words agree are the same story,
# and the work (HASHES numbers a word) stays bounded for an article of millions of characters.
MAX_WORDS = 2000
NO_GROUP = 0

Signature = np.ndarray  # HASHES uint32 values


def _splitmix64(seed: int, count: int) -> np.ndarray:
    """Fixed pseudo-random constants, the same on every machine and numpy version (signatures
    are compared with ones computed by earlier builds)."""
    mask, out = (1 << 64) - 1, []
    for _ in range(count):
        seed = (seed + 0x9E3779B97F4A7C15) & mask
        z = ((seed ^ (seed >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        out.append(z ^ (z >> 31))
    return np.array(out, dtype=np.uint64)


_CONSTANTS = _splitmix64(15, 2 * HASHES + 3 + ROWS)
_A = _CONSTANTS[:HASHES] | np.uint64(1)
_B = _CONSTANTS[HASHES : 2 * HASHES]
_MIX = _CONSTANTS[2 * HASHES : 2 * HASHES + 3]
_BAND_MIX = _CONSTANTS[2 * HASHES + 3 :]
_HIGH = np.uint64(32)


def signature(body: str) -> Signature | None:
    """The MinHash signature of a body's word 3-shingles, or None when it is too short."""
    return signatures([body])[0]


def signatures(bodies: list[str]) -> list[Signature | None]:
    """The signatures of many bodies, in one pass of numpy (a tenth of the cost of one a time).

    Words are split at white space and keep their punctuation: cheap, and as good for telling
    the same text.
    """
    words = [body.lower().encode().split()[:MAX_WORDS] for body in bodies]
    long = [n for n, w in enumerate(words) if len(w) >= MIN_WORDS]
    out: list[Signature | None] = [None] * len(bodies)
    if not long:
        return out
    sizes = np.array([len(words[n]) for n in long])
    hashed = np.fromiter(
        (h for n in long for h in map(zlib.crc32, words[n])), np.uint64, int(sizes.sum())
    )
    shingles = hashed[:-2] * _MIX[0] + hashed[1:-1] * _MIX[1] + hashed[2:] * _MIX[2]
    # The shingles that would straddle two bodies are dropped.
    ends = np.cumsum(sizes)
    inside = np.ones(len(shingles), dtype=bool)
    inside[np.concatenate([ends[:-1] - 2, ends[:-1] - 1])] = False
    mixed = np.multiply.outer(_A, shingles[inside])
    mixed += _B[:, None]
    mixed >>= _HIGH
    starts = np.concatenate([[0], np.cumsum(sizes - 2)[:-1]])
    minima = np.minimum.reduceat(mixed, starts, axis=1).T.astype(np.uint32)
    for n, sig in zip(long, minima, strict=True):
        out[n] = sig
    return out


def bands(sig: Signature) -> np.ndarray:
    """The signature's bands, each as a number (never 0): two articles sharing one, at the same
    place, are compared. Stored with the article, BANDS uint32 values."""
    rows = sig.reshape(BANDS, ROWS).astype(np.uint64)
    return (((rows * _BAND_MIX).sum(axis=1) >> _HIGH) | np.uint64(1)).astype(np.uint32)


def band_keys(values: np.ndarray) -> list[int]:
    """Each band with its place, as one number."""
    return [(n << 32) | int(v) for n, v in enumerate(values)]


def similarity(a: Signature, b: Signature) -> float:
    """The estimated Jaccard similarity of two articles' shingle sets."""
    return float(np.count_nonzero(a == b)) / HASHES


def new_group(article_id: str, content_hash: str) -> int:
    """A new group's key. Each version of an article gets its own: one changed so that it no
    longer belongs to its old group must not take that group's key with it."""
    digest = hashlib.blake2b(f"{article_id}\0{content_hash}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") | 1  # never NO_GROUP


def _close_in_time(a: date | None, b: date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= WINDOW_DAYS


# The articles of the index built on that share one of these band keys, other than the one with
# this id and those whose date fails the test: (id, group key, body, date) for each.
LookUp = Callable[
    [list[int], str, Callable[[date | None], bool]],
    Iterable[tuple[str, int, str, date | None]],
]


class Grouper:
    """Assigns each article indexed in one build its group: that of its most similar
    near-duplicate among the articles indexed before it (in this build or, through `look_up`,
    in the index built on), or a new one.

    What it remembers of the build's articles (their bands, signatures, ids, groups and dates)
    is in a temporary SQLite file, not in memory: a build's memory stays bounded by --memory
    however many articles it reads. `close` removes the file."""

    def __init__(self, look_up: LookUp | None = None):
        self.look_up = look_up
        self._store: _Seen | None = None

    @property
    def _seen(self) -> _Seen:
        if self._store is None:  # a reindex that changes nothing makes no file
            self._store = _Seen()
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def assign(
        self, article_id: str, body: str, day: date | None, content_hash: str
    ) -> tuple[int, bytes | None]:
        """The article's group key, and its bands (stored, so that later builds find it)."""
        return self._assign(article_id, signature(body), day, content_hash)

    def assign_all(
        self, articles: list[tuple[str, str, date | None, str]]
    ) -> list[tuple[int, bytes | None]]:
        """`assign` for each (id, body, date, content hash), in order, the signatures in one go."""
        sigs = signatures([body for _, body, _, _ in articles])
        return [
            self._assign(article_id, sig, day, content_hash)
            for (article_id, _, day, content_hash), sig in zip(articles, sigs, strict=True)
        ]

    def _assign(
        self, article_id: str, sig: Signature | None, day: date | None, content_hash: str
    ) -> tuple[int, bytes | None]:
        if sig is None:
            return new_group(article_id, content_hash), None
        values = bands(sig)
        keys = band_keys(values)
        group = self._best(article_id, sig, day, keys) or new_group(article_id, content_hash)
        self._seen.add(article_id, group, day, sig, keys)
        return group, values.astype("<u4").tobytes()

    def _best(self, article_id: str, sig: Signature, day: date | None, keys: list[int]) -> int:
        best, best_group = THRESHOLD, NO_GROUP
        for other_id, group, other, other_day in self._candidates(article_id, day, keys):
            # Its own previous version is about to be replaced.
            if other_id == article_id or not _close_in_time(day, other_day):
                continue
            score = similarity(sig, other)
            if score >= best:
                best, best_group = score, group
        return best_group

    def _candidates(
        self, article_id: str, day: date | None, keys: list[int]
    ) -> Iterable[tuple[str, int, Signature, date | None]]:
        yield from self._seen.sharing(keys)
        if self.look_up is None:
            return
        near = partial(_close_in_time, day)
        for other_id, group, body, other_day in self.look_up(keys, article_id, near):
            # Articles indexed again in this build are compared as they are now, above.
            other = signature(body) if not self._seen.has(other_id) else None
            if other is not None:
                yield other_id, group, other, other_day


class _Seen:
    """The articles of this build so far, on disk: each with its group, date and signature,
    and the first of them to have each band."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="dateline-groups-")
        self._db = sqlite3.connect(os.path.join(self._folder.name, "seen.sqlite"))
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-8192"):
            self._db.execute(f"PRAGMA {pragma}")
        self._db.executescript(
            "CREATE TABLE seen (row INTEGER PRIMARY KEY, id TEXT, grp INTEGER, day INTEGER,"
            " sig BLOB); CREATE INDEX seen_id ON seen (id);"
            " CREATE TABLE bands (key INTEGER PRIMARY KEY, row INTEGER);"
        )

    def add(self, article_id: str, group: int, day: date | None, sig: Signature, keys) -> None:
        ordinal = day.toordinal() if day else None
        row = self._db.execute(
            "INSERT INTO seen (id, grp, day, sig) VALUES (?, ?, ?, ?)",
            (article_id, _signed(group), ordinal, sig.tobytes()),
        ).lastrowid
        self._db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)", [(k, row) for k in keys])

    def sharing(self, keys: list[int]) -> Iterable[tuple[str, int, Signature, date | None]]:
        """The articles that were first to have one of these bands, in the order indexed."""
        marks = ",".join("?" * len(keys))
        found = self._db.execute(
            "SELECT id, grp, sig, day FROM seen WHERE row IN"
            f" (SELECT row FROM bands WHERE key IN ({marks})) ORDER BY row",
            keys,
        )
        for article_id, group, sig, ordinal in found.fetchall():
            day = date.fromordinal(ordinal) if ordinal else None
            yield article_id, _unsigned(group), np.frombuffer(sig, dtype=np.uint32), day

    def has(self, article_id: str) -> bool:
        found = self._db.execute("SELECT 1 FROM seen WHERE id = ? LIMIT 1", (article_id,))
        return found.fetchone() is not None

    def close(self) -> None:
        self._db.close()
        self._folder.cleanup()


def _signed(group: int) -> int:
    """A 64-bit group key as SQLite's signed integer."""
    return group - (1 << 64) if group >= 1 << 63 else group


def _unsigned(stored: int) -> int:
    return stored + (1 << 64) if stored < 0 else stored
