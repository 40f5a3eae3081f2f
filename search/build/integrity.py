"""Is the published index as it was written? Cheap checks on opening, a full check on demand,
a diagnosis of any read that fails, and the fall-back to the previous good generation."""

from __future__ import annotations

import contextlib
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path

from search.build import checksums
from search.build.checksums import Damage
from search.build.generations import IndexStore
from search.build.manifest import Manifest
from search.engine.guarded import GuardedSnapshot
from search.engine.legacy import FORMAT
from search.engine.searcher import Snapshot
from search.errors import DatelineError, IndexDamaged, QueryError


def remedy(root: Path) -> str:
    return (
        f"run `dateline check --repair --index {root}` to go back to the previous good "
        f"generation, or `dateline reindex --full --index {root}` to rebuild it from its sources"
    )


def damaged(generation: Path, damage: list[Damage]) -> IndexDamaged:
    first = damage[0]
    more = f" (and {len(damage) - 1} more)" if len(damage) > 1 else ""
    return IndexDamaged(
        f"the index is damaged: {generation / first.name}: {first.problem}{more}; "
        + remedy(generation.parent)
    )


def newer_format(generation: Path) -> IndexDamaged | None:
    """An error if a newer Dateline wrote this generation, which this one cannot read."""
    try:
        written = json.loads((generation / checksums.CHECKSUMS).read_bytes()).get("format", 1)
    except (OSError, ValueError, AttributeError):
        return None  # none recorded, or damaged: the checksums say which
    if not isinstance(written, int) or written <= FORMAT:
        return None
    return IndexDamaged(
        f"the index at {generation.parent} was written by a newer Dateline (index format "
        f"{written}; this one reads up to {FORMAT}): upgrade Dateline, or rebuild the index "
        f"with this one: dateline reindex --full --index {generation.parent}"
    )


# Up to this size a generation is read in full against its checksums the first time a process
# opens it (3 GB/s: a 45 MB index costs 15 ms), so that damage no query happens to read is found
# too; a larger one has its file sizes checked, and the rest is left to `dateline check`.
FULL_CHECK_BYTES = 256 << 20


def open_snapshot(generation: Path, shared: dict | None = None) -> Snapshot:
    """The generation opened for searching, after it is checked against its checksums (only
    file sizes, if large); a read that fails later is checked against them in full. `shared`:
    see `Snapshot`."""
    problem = newer_format(generation)
    if problem is not None:
        raise problem
    damage = checksums.check_sizes(generation)
    if not damage and checksums.total_size(generation) <= FULL_CHECK_BYTES:
        damage = _verify_once(generation)
    if damage:
        raise damaged(generation, damage)
    return GuardedSnapshot(
        generation, lambda exc, bad_bytes: diagnose(generation, exc, bad_bytes), shared
    )


_verified: dict[tuple, list[Damage]] = {}
_verified_lock = threading.Lock()


def diagnose(generation: Path, exc: Exception, bad_bytes: bool) -> None:
    """Raise IndexDamaged if the files show damage, or the error can only come from it;
    return (so the error stands as it is) if the files are sound."""
    damage = _verify_once(generation)
    if damage:
        raise damaged(generation, damage) from exc
    if bad_bytes:
        detail = f"{type(exc).__name__}: {exc}"
        raise IndexDamaged(
            f"the index at {generation} cannot be read ({detail}); " + remedy(generation.parent)
        ) from exc


def _verify_once(generation: Path) -> list[Damage]:
    """A full check, done again only when a file of the generation changes."""
    try:
        key = tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in generation.iterdir())
    except OSError:
        key = None
    with _verified_lock:
        if key is not None and (generation, key) in _verified:
            return _verified[generation, key]
    damage = checksums.verify(generation)
    with _verified_lock:
        if len(_verified) > 64:  # a long-running server sees a generation per reindex
            _verified.clear()
        _verified[generation, key] = damage
    return damage


@dataclass
class CheckReport:
    """What `dateline check` found in one generation."""

    generation: str | None
    damage: list[str] = field(default_factory=list)
    articles: int | None = None
    expected: int | None = None
    recorded: bool = True

    @property
    def healthy(self) -> bool:
        return self.generation is not None and not self.damage


def check_generation(generation: Path) -> CheckReport:
    """Every file against its checksum, then whether the index opens and answers with as many
    articles as its manifest lists."""
    report = CheckReport(generation.name)
    report.recorded = (generation / checksums.CHECKSUMS).exists()
    problem = newer_format(generation)
    if problem is not None:
        report.damage.append(str(problem))
        return report
    report.damage += [f"{generation / d.name}: {d.problem}" for d in checksums.verify(generation)]
    if report.damage:
        return report
    try:
        report.expected = len(Manifest.load(generation).article_hashes())
        report.articles = _answer(generation)
    except DatelineError as exc:
        report.damage.append(str(exc))
        return report
    except Exception as exc:  # what a search would meet: say so rather than end in a traceback
        report.damage.append(f"{generation}: cannot be searched ({type(exc).__name__}: {exc})")
        return report
    if report.articles != report.expected:
        report.damage.append(
            f"{generation}: holds {report.articles} articles, but its manifest lists "
            f"{report.expected}"
        )
    return report


def _answer(generation: Path) -> int:
    """Open the generation and read from it as a search would: stored fields, dates, a query."""
    snap = open_snapshot(generation)
    try:
        count = snap.doc_count()
        if count:
            title = snap.stored(0).get("title", "")
            snap.date_span()
            for word in [w for w in title.split() if w.isalpha()][:1]:
                with contextlib.suppress(QueryError):  # a stop word, say
                    snap.rank(snap.parse(word), None, None, "relevance", 10)
        return count
    finally:
        snap.close()


def check(store: IndexStore) -> CheckReport:
    current = store.current()
    return CheckReport(None) if current is None else check_generation(current)


def repair(store: IndexStore) -> tuple[CheckReport, str | None]:
    """Fall back from a damaged published generation to the newest good one before it;
    returns the check and what was done (None if there was nothing to repair)."""
    with store.writing():
        report = check(store)
        if report.generation is None or report.healthy:
            return report, None
        current = store.current()
        assert current is not None
        for older in reversed([g for g in store.generations() if g < current]):
            if check_generation(older).healthy:
                store.point_at(older)
                store.discard(current)
                return report, f"now serving {older.name}; removed the damaged {current.name}"
        return report, (
            "no good generation to fall back to: rebuild the index from its sources with "
            f"`dateline reindex --full --index {store.root}`"
        )
