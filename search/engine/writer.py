"""Dateline's index writers: Whoosh's segment writer and its parallel variant, subclassed to take
Dateline's posting pool, document path and commit (nothing of Whoosh's is replaced)."""

from __future__ import annotations

import ctypes
import signal
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import multiproc, writing
from whoosh import query as wq

from search.engine import document_writer
from search.engine.codec import DatelineCodec
from search.engine.posting_pool import GroupingPool
from search.engine.schema import (
    MAIN_INDEX,
    PAIRS_FIELD,
    QUOTES_INDEX,
    build_quote_schema,
    build_schema,
    layout,
)


class SegmentWriter(writing.SegmentWriter):
    """A writer whose postings go to the grouping pool, text fields a batch of documents at a
    time (document_writer), each term's postings in one step at commit (term_writer)."""

    def __init__(self, ix, limitmb: float = 128, **kwargs):
        super().__init__(ix, limitmb=limitmb, **kwargs)
        # Whoosh buffers one tuple per posting and sorts them all; see posting_pool.
        self.pool = GroupingPool(self._tempstorage, self.newsegment, limitmb=limitmb)

    add_document = document_writer.add_document

    def _flush_segment(self):
        # Whoosh's own leaves the segment's files open when writing the postings fails (a full
        # disk): the failed reindex must close them, so that its generation can be removed whole.
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        try:
            self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        finally:
            self.fieldwriter.close()
            if lengths is not None:
                lengths.close()
            self.pool.cleanup()


class ParallelWriter(multiproc.MpWriter):
    """Whoosh's multi-process writer, its sub-writers Dateline's SegmentWriter, each writing a
    segment of its own (merging them would cost what the processes saved)."""

    def __init__(self, ix, procs: int, **kwargs):
        super().__init__(ix, procs=procs, multisegment=True, **kwargs)

    def stop_adding(self) -> None:
        """Let the sub-writers write their segments while this process does other work; the
        commit waits for them (and tells them again, which they no longer hear)."""
        if self.docbuffer:
            self._enqueue()
        for _ in self.tasks:
            self.jobqueue.put(None)

    def _new_task(self):
        task = _SubWriterTask(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        self.tasks.append(task)
        task.start()
        return task


class _SubWriterTask(multiproc.SubWriterTask):
    def run(self):
        # A parallel build's sub-writers wait on a queue forever if a kill -9 takes their parent.
        die_with_parent()
        # Whoosh's run, with Dateline's writer (its loop names Whoosh's class directly).
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = SegmentWriter(ix, _lk=False, **self.kwargs)
        while self.running:
            jobinfo = self.jobqueue.get()
            if jobinfo is None:
                break
            self._process_file(*jobinfo)
        if not self.running:
            writer.cancel()
        else:
            fieldnames = writer.pool.fieldnames
            self.resultqueue.put((None, fieldnames, writer._finalize_segment()), timeout=5)


_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (no-op elsewhere)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


class GenerationWriter:
    """The writers of a new generation: one for articles (in `procs` processes on a fresh
    build), one for quotations. Deletions wait for the commit, in one query each."""

    def __init__(
        self,
        generation: Path,
        clone: bool,
        procs: int,
        memory_mb: int,
        words: tuple[Sequence[str], ...] = (),
    ):
        # Each main writer process and the quote writer get an equal share.
        limit = max(4, memory_mb // (procs + 1))
        # A new index's word lists for its word pairs (search.engine.word_pairs).
        schema = partial(build_schema, words)
        self.articles = _writer(generation, clone, schema, MAIN_INDEX, limit, procs)
        self.quotes = _writer(generation, clone, build_quote_schema, QUOTES_INDEX, limit)
        self.deleted: list[str] = []

    def add(self, article: dict[str, Any], quotes: list[dict[str, Any]]) -> None:
        self.articles.add_document(**article)
        for quote in quotes:
            self.quotes.add_document(**quote)

    def delete(self, article_id: str) -> None:
        # Deletions reach only the segments the generation started with, never the articles
        # added by this writer, so they can wait for the commit.
        self.deleted.append(article_id)

    def commit(self) -> None:
        if self.deleted:
            self.articles.delete_by_query(_any_of("id", self.deleted))
            self.quotes.delete_by_query(_any_of("article", self.deleted))
        if isinstance(self.articles, ParallelWriter):
            self.articles.stop_adding()
        self.quotes.commit(optimize=False)
        self.articles.commit(optimize=False)

    def cancel(self) -> None:
        for writer in (self.articles, self.quotes):
            # A writer whose commit failed half-way is closed already; its files go with the
            # generation, and the error that stopped it is the one to report.
            if not writer.is_closed:
                writer.cancel()


def built_by_older_version(generation: Path | None) -> bool:
    """Whether the published generation's documents look other than this Dateline writes them."""
    if generation is None:
        return False
    return any(
        layout(whoosh_index.open_dir(str(generation), indexname=name).schema) != layout(schema())
        for name, schema in ((MAIN_INDEX, build_schema), (QUOTES_INDEX, build_quote_schema))
    )


def learnt_common_words(generation: Path) -> bool:
    """Whether the generation's articles index pairs of common words (search.engine.word_pairs):
    an index created from too few articles learnt none, and keeps none while it is cloned."""
    schema = whoosh_index.open_dir(str(generation), indexname=MAIN_INDEX).schema
    return PAIRS_FIELD in schema and bool(schema[PAIRS_FIELD].analyzer.common)


def _any_of(fieldname: str, values: list[str]) -> wq.Or:
    return wq.Or([wq.Term(fieldname, value) for value in values])


def _writer(
    generation: Path, clone: bool, schema, name: str, limit_mb: int, procs: int = 1
) -> writing.SegmentWriter:
    if clone:
        ix = whoosh_index.open_dir(str(generation), indexname=name)
    else:
        ix = whoosh_index.create_in(str(generation), schema(), indexname=name)
    if procs > 1:
        return ParallelWriter(ix, procs=procs, limitmb=limit_mb, codec=DatelineCodec())
    return SegmentWriter(ix, limitmb=limit_mb, codec=DatelineCodec())
