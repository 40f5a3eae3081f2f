"""`reindex`: bring an index up to date with its sources, incrementally and crash-safely."""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from search.build import checksums, integrity
from search.build.documents import quote_documents, to_document
from search.build.generations import KEEP_PREVIOUS, IndexStore
from search.build.manifest import MANIFEST, NOT_CACHED, FileRecord, Manifest, file_digest, is_under
from search.build.near_duplicates import Grouper
from search.build.quote_pool import Later, QuotePool
from search.build.rules import rules_version
from search.engine.duplicates import BandLookUp
from search.engine.legacy import FORMAT
from search.engine.word_pairs import MIN_SAMPLE, common_words
from search.engine.writer import (
    GenerationWriter,
    built_by_older_version,
    learnt_common_words,
)
from search.errors import DiskFull, IndexDamaged, NothingToIndex
from search.ingest.articles import Article
from search.ingest.readers import (
    Problem,
    ReadMeter,
    SourceFile,
    Unchanged,
    find_sources,
    read_source,
)

# What a build's posting buffers may take, all writer processes together; beyond it they
# spill to disk, so memory stays flat however large the archive.
DEFAULT_MEMORY_MB = 384
# A fresh build of at least this much source text is split over `procs` writer processes.
PARALLEL_MIN_BYTES = 4_000_000
DEFAULT_PROCS = min(2, os.cpu_count() or 1)
# Articles wait in batches of up to this many (or this much text) for their near-duplicate
# signatures, which numpy computes for a batch at once.
GROUP_BATCH = 64
GROUP_BATCH_CHARS = 1_000_000
# Batches whose quotations are being extracted while the oldest is grouped and written.
IN_FLIGHT = 4
# New sources of this size or more, added to an index too small to have learnt its common
# words, rebuild it in full (enough text for the 200 articles word_pairs learns from).
LEARN_FROM_BYTES = 200_000


@dataclass
class ReindexReport:
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    undated: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    generation: str | None = None

    @property
    def skipped(self) -> int:
        return sum(1 for p in self.problems if p.skipped)

    @property
    def read(self) -> int:
        return self.added + self.updated + self.unchanged

    @property
    def exit_code(self) -> int:
        """0: everything read; 1: some articles skipped; 2: nothing could be read."""
        if self.skipped == 0:
            return 0
        return 1 if self.read else 2

    def summary(self) -> str:
        return (
            f"added {self.added}, updated {self.updated}, deleted {self.deleted}, "
            f"unchanged {self.unchanged}, errors {self.skipped}, undated {self.undated} "
            f"in {self.seconds:.2f}s"
        )


class _Batch:
    """The writer for one new generation, opened only when the first change arrives."""

    def __init__(self, store: IndexStore, full: bool, procs: int, memory_mb: int):
        self.store = store
        self.full = full
        self.procs = procs
        self.memory_mb = memory_mb
        self.generation: Path | None = None
        self.clone = False
        self.writer: GenerationWriter | None = None
        self.grouper = Grouper()
        self.look_up: BandLookUp | None = None
        self.pending: list[Article] = []
        self.pending_chars = 0
        self.quote_pool: QuotePool | None = None
        self.in_flight: deque[tuple[list[Article], Later]] = deque()

    def _start(self) -> Path:
        """The new generation, begun on the first change."""
        if self.generation is None:
            current = self.store.current()
            self.clone = not self.full and current is not None
            self.generation = self.store.new_generation(clone=self.clone)
            # Forked before the writers open their files.
            self.quote_pool = QuotePool(parallel=self.procs > 1)
            if self.clone:
                # Near-duplicates are looked for among the articles already indexed too.
                self.look_up = BandLookUp(current)
                self.grouper.close()
                self.grouper = Grouper(self.look_up)
        return self.generation

    def _open(self) -> GenerationWriter:
        """The generation's writers. A new index's are opened when the first batches are
        written, and learn from them which words are common (search.engine.word_pairs); a
        cloned index keeps its own."""
        if self.writer is None:
            generation = self._start()
            procs = 1 if self.clone else self.procs
            words = () if self.clone else common_words(a.body for a in self._waiting())
            self.writer = GenerationWriter(generation, self.clone, procs, self.memory_mb, words)
        return self.writer

    def _waiting(self) -> list[Article]:
        return [a for articles, _ in self.in_flight for a in articles] + self.pending

    def _close_pool(self, terminate: bool = False) -> None:
        if self.quote_pool is not None:
            self.quote_pool.close(terminate)
            self.quote_pool = None

    def _close_look_up(self) -> None:
        self.grouper.close()
        if self.look_up is not None:
            self.look_up.close()
            self.look_up = None

    def add(self, article: Article, replacing: bool) -> None:
        self._start()
        if replacing:
            self._open().delete(article.id)
        self.pending.append(article)
        self.pending_chars += len(article.body)
        if len(self.pending) >= GROUP_BATCH or self.pending_chars >= GROUP_BATCH_CHARS:
            self._write_pending()

    def _write_pending(self) -> None:
        articles, self.pending, self.pending_chars = self.pending, [], 0
        if articles:
            assert self.quote_pool is not None
            self.in_flight.append((articles, self.quote_pool.start([a.body for a in articles])))
        while len(self.in_flight) > IN_FLIGHT:
            self._write_oldest()

    def _write_oldest(self) -> None:
        writer = self._open()  # while the oldest batch is still among those it learns from
        articles, quotes_of = self.in_flight.popleft()
        groups = self.grouper.assign_all([(a.id, a.body, a.date, a.content_hash) for a in articles])
        for article, (group, bands), quotes in zip(articles, groups, quotes_of(), strict=True):
            document = to_document(article, quotes, group, bands)
            writer.add(document, quote_documents(article, quotes))

    def delete(self, article_id: str) -> None:
        self._open().delete(article_id)

    def commit(self, manifest: Manifest) -> str:
        assert self.generation is not None
        self._write_pending()
        while self.in_flight:
            self._write_oldest()
        self._close_pool()
        self._close_look_up()
        self._open().commit()
        self.writer = None
        manifest.save(self.generation)
        self.store.publish(self.generation)
        return self.generation.name

    def abandon(self) -> None:
        self.in_flight.clear()
        self._close_pool(terminate=True)
        self._close_look_up()
        if self.writer is not None:
            # Cancelling writes too, and fails the same way on a full disk: the error that
            # stopped the build is the one to report, and the generation goes either way.
            with contextlib.suppress(OSError):
                self.writer.cancel()
        if self.generation is not None and self.generation != self.store.current():
            self.store.discard(self.generation)

    @property
    def changed(self) -> bool:
        return self.generation is not None


def _known_lines(old: FileRecord | None) -> dict[str, str] | None:
    """Digest to id for the articles of a file as last indexed, unless it had problems then:
    those are read again so that they are reported again."""
    if old is None or old.mtime_ns == NOT_CACHED:
        return None
    return {digest: article_id for article_id, digest in old.articles.items()}


ProgressFn = Callable[[int], None]
# Told (bytes of the sources read so far, their total), the total known before any is read.
BytesFn = Callable[[int, int], None]


class _Reindexer:
    def __init__(
        self,
        store: IndexStore,
        full: bool,
        old: Manifest,
        progress: ProgressFn | None,
        procs: int = 1,
        memory_mb: int = DEFAULT_MEMORY_MB,
        on_bytes: BytesFn | None = None,
    ):
        self.store = store
        self.full = full
        self.progress = progress or (lambda n: None)
        self.meter = ReadMeter(0, on_bytes or (lambda done, total: None))
        self.old = old  # what the published generation was built from; empty for a full build
        self.old_hashes = self.old.article_hashes()
        self.new = Manifest()
        self.seen: dict[str, str] = {}
        self.report = ReindexReport()
        self.batch = _Batch(store, full, procs, memory_mb)

    def run(self, paths: list[str]) -> ReindexReport:
        roots = [os.path.abspath(p) for p in paths]
        self.new.roots = sorted(set(self.old.roots) | set(roots))
        sources, problems = find_sources(paths)
        self.report.problems.extend(problems)
        sizes = [s.path.stat().st_size for s in sources]
        if sum(sizes) < PARALLEL_MIN_BYTES:
            self.batch.procs = 1
        self.meter.total = sum(sizes)
        for source, size in zip(sources, sizes, strict=True):
            self._index_file(source)
            self.meter.file_done(size)
        self._carry_over_outside(roots)
        self._delete_gone(roots)
        if self.batch.changed:
            self.report.generation = self.batch.commit(self.new)
        elif (current := self.store.current()) is not None and not self.full:
            self.new.save(current)
            checksums.update(current, MANIFEST)
            self.report.generation = current.name
        return self.report

    def _index_file(self, source: SourceFile) -> None:
        path = str(source.path)
        st = source.path.stat()
        old = self.old.files.get(path)
        if old is not None and old.matches_stat(st):
            self._keep_file(path, old)
            return
        known = _known_lines(old)
        if known is not None and source.format == "jsonl":
            # Each line's digest tells what changed: hashing the whole file first would read it
            # twice to save a read only when it was touched but not changed.
            digest = ""
        else:
            digest = file_digest(source.path)
            # A file that had problems is read again, so that they are reported again.
            if old is not None and old.digest == digest and old.mtime_ns != NOT_CACHED:
                record = FileRecord(st.st_size, st.st_mtime_ns, digest, old.articles)
                self._keep_file(path, record)
                return
        record = FileRecord(st.st_size, st.st_mtime_ns, digest)
        for item in read_source(source, known, self.meter.read):
            if isinstance(item, Problem):
                self.report.problems.append(item)
                record.mtime_ns = NOT_CACHED  # re-read next time, so problems are reported again
            elif isinstance(item, Unchanged):
                self._keep_article(item, record, path)
            else:
                self._index_article(item, record)
        self.new.files[path] = record

    def _keep_file(self, path: str, record: FileRecord) -> None:
        self.new.files[path] = record
        for article_id in record.articles:
            self.seen[article_id] = path
        self.report.unchanged += len(record.articles)
        self.progress(len(record.articles))

    def _keep_article(self, item: Unchanged, record: FileRecord, path: str) -> None:
        if self._duplicate(item.article_id, path, item.line):
            return
        record.articles[item.article_id] = item.digest
        self.report.unchanged += 1
        self.progress(1)

    def _duplicate(self, article_id: str, path: str, line: int | None) -> bool:
        if article_id not in self.seen:
            self.seen[article_id] = path
            return False
        reason = f"duplicate id {article_id!r} (already read from {self.seen[article_id]})"
        self.report.problems.append(Problem(path, line, reason, skipped=True))
        return True

    def _index_article(self, article: Article, record: FileRecord) -> None:
        if self._duplicate(article.id, article.source, article.line):
            return
        digest = article.content_hash
        record.articles[article.id] = digest
        if article.date is None:
            self.report.undated += 1
        previous = self.old_hashes.get(article.id)
        if previous == digest:
            self.report.unchanged += 1
        else:
            self.batch.add(article, replacing=previous is not None)
            if previous is None:
                self.report.added += 1
            else:
                self.report.updated += 1
        self.progress(1)

    def _carry_over_outside(self, roots: list[str]) -> None:
        """Sources not named in this run stay as they were."""
        for path, record in self.old.files.items():
            if not is_under(path, roots) and path not in self.new.files:
                self.new.files[path] = record
                for article_id in record.articles:
                    self.seen.setdefault(article_id, path)

    def _delete_gone(self, roots: list[str]) -> None:
        if self.full:
            return
        for article_id in self.old_hashes.keys() - self.seen.keys():
            self.batch.delete(article_id)
            self.report.deleted += 1


def reindex(
    index_dir: str | os.PathLike[str],
    paths: Iterable[str | os.PathLike[str]] = (),
    *,
    full: bool = False,
    wait: float = 0.0,
    progress: ProgressFn | None = None,
    on_bytes: BytesFn | None = None,
    on_message: Callable[[str], None] | None = None,
    procs: int = DEFAULT_PROCS,
    memory_mb: int = DEFAULT_MEMORY_MB,
    keep: int = KEEP_PREVIOUS,
) -> ReindexReport:
    """Index `paths` (default: the paths this index was last built from) into `index_dir`.

    Incremental unless `full`: new articles are added, changed ones updated, ones gone from a
    given path deleted, unchanged ones untouched. The previous index stays published and
    searchable until the new one is complete. `progress` is told of each article read,
    `on_bytes` of the bytes of the sources read so far and their total.
    """
    started = time.perf_counter()
    store = IndexStore(index_dir, keep=keep)
    say = on_message or (lambda msg: None)
    asked_full = full

    def stale(pid: str) -> None:
        say(f"cleared a stale reindex lock left by process {pid}, which is no longer running")

    with store.writing(wait=wait, on_stale=stale):
        for leftover in store.remove_unpublished():
            say(f"removed {leftover.name}, left unfinished by an interrupted reindex")
        current = store.current()
        if _damaged(current, full, say):
            store.damaged.add(current)
            full = True
        # Read once: a large archive's manifest lists every article.
        if asked_full:
            old = None  # a full build asked for starts from nothing
        elif full:
            old = _readable_manifest(current)  # a damaged index's, where it can be read
        else:
            old = Manifest.load(current)
        if not full and (old.format < FORMAT or built_by_older_version(current)):
            say("this index was built by an older Dateline: rebuilding it in full")
            full = True
        if not full and current is not None and old.rules != rules_version():
            say(
                "the rules that find quotes, speakers and titles have changed since this index "
                "was built: reading every article again"
            )
            full = True
        given = [os.fspath(p) for p in paths]
        if not full and _learns_common_words(current, old, given):
            say(
                "this index was made from too few articles to learn its common words (which "
                "make phrases quick): with a new source, it is rebuilt in full from all of them"
            )
            full = True
        if full and not asked_full and given and old is not None:
            given = _with_old_roots(old, given)
        if not given:
            given = (old if old is not None else Manifest.load(current)).roots
        if not given:
            raise NothingToIndex("nothing to index: give the files or folders of articles")
        built_from = Manifest() if full else old
        worker = _Reindexer(store, full, built_from, progress, procs, memory_mb, on_bytes)
        try:
            report = worker.run(given)
        except BaseException as exc:
            worker.batch.abandon()
            if isinstance(exc, OSError) and exc.errno in _NO_SPACE:
                raise _disk_full(exc, worker.batch.generation, current) from exc
            raise
    report.seconds = time.perf_counter() - started
    return report


_NO_SPACE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def _readable_manifest(current: Path | None) -> Manifest | None:
    """The published generation's manifest, None where it cannot be read (a damaged index,
    rebuilt in full without it)."""
    try:
        return Manifest.load(current)
    except IndexDamaged:
        return None


def _with_old_roots(old: Manifest, given: list[str]) -> list[str]:
    """The given sources and those the index was built from that are still there: a rebuild
    the user did not ask for (an upgrade, or learning common words) must not drop the articles
    of a source left unnamed, as an incremental reindex would have kept them."""
    roots = {r for r in old.roots if os.path.exists(r)}
    return sorted({os.path.abspath(p) for p in given} | roots)


def _learns_common_words(current: Path | None, old: Manifest, given: list[str]) -> bool:
    """Whether to rebuild a small index in full so that it learns its common words: one made
    from fewer articles than that takes (the bundled sample a first `dateline serve` indexes)
    learnt none, and an incremental reindex keeps its lists, so a large archive added to it
    would never have word pairs. Only when new sources of some size are given, and every file
    the index was built from is still there to be read again."""
    if current is None or learnt_common_words(current):
        return False
    if sum(len(record.articles) for record in old.files.values()) >= MIN_SAMPLE:
        return False
    new = [p for p in given if not is_under(os.path.abspath(p), old.roots)]
    sources, _ = find_sources(new)
    if sum(source.path.stat().st_size for source in sources) < LEARN_FROM_BYTES:
        return False  # a few articles more could teach nothing either
    return all(os.path.exists(path) for path in old.files)


def _damaged(current: Path | None, full: bool, say: Callable[[str], None]) -> bool:
    """Whether the published generation is damaged, so that it must be neither built on nor
    kept to fall back to."""
    if current is None:
        return False
    problem = integrity.newer_format(current)
    if problem is not None and not full:
        raise problem
    damage = checksums.verify(current)
    if damage:
        rebuilding = "" if full else ": rebuilding it in full"
        say(f"the published index {current.name} is damaged ({damage[0]}){rebuilding}")
    return bool(damage) or problem is not None


def _disk_full(exc: OSError, generation: Path | None, current: Path | None) -> DiskFull:
    removed = f"; the unfinished {generation.name} was removed" if generation else ""
    kept = f"{current.name} is still published, unchanged" if current else "there is no index yet"
    return DiskFull(
        f"reindex stopped: no space left to write the index ({exc.strerror}){removed}; "
        f"{kept}. Free some space and run the reindex again."
    )
