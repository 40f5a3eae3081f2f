"""Dateline's faster way through Whoosh's writer (text postings made a batch of documents at a
time, grouped by term in the pool, written a block at a time) leaves the same bytes on disk as
Whoosh's own, spilling to disk or not."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh import writing
from whoosh.codec import base, whoosh3
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage

from search import blockformat, docwriter, postingpool, tuning
from search.articles import Article
from search.bundled import SAMPLE_DIR
from search.index import Index
from search.ingest import find_sources, read_source
from search.quotes import extract_quotes
from search.schema import MAIN_INDEX, QUOTES_INDEX, build_schema, to_document

WHOOSH_POOL = tuning.WHOOSH_POSTING_POOL
WHOOSH_WRITE_BLOCK = tuning.WHOOSH_WRITE_BLOCK


def segment_files(folder: Path, name: str) -> dict[str, bytes]:
    """Every file of an index's single segment (postings, terms, lengths, stored fields, columns),
    by what follows the segment's random id."""
    storage = FileStorage(str(folder))
    (segment,) = storage.open_index(name)._segments()
    compound = segment.open_compound_file(storage)
    return {
        filename.split(".", 1)[1]: compound.open_file(filename).read()
        for filename in compound.list()
    }


def plain_whoosh(monkeypatch) -> None:
    monkeypatch.setattr(whoosh3.W3FieldWriter, "add_postings", base.FieldWriter.add_postings)
    monkeypatch.setattr(writing, "PostingPool", WHOOSH_POOL)
    monkeypatch.setattr(writing.SegmentWriter, "add_document", docwriter.WHOOSH_ADD_DOCUMENT)


def sample_documents() -> list[dict]:
    sources, _ = find_sources([SAMPLE_DIR])
    articles = [a for s in sources for a in read_source(s) if isinstance(a, Article)]
    return [to_document(a, extract_quotes(a.body)) for a in articles]


def test_a_reindex_writes_what_whoosh_writes(tmp_path, monkeypatch):
    Index(tmp_path / "ours").reindex([SAMPLE_DIR], procs=1)
    plain_whoosh(monkeypatch)
    Index(tmp_path / "whoosh").reindex([SAMPLE_DIR], procs=1)
    for name in (MAIN_INDEX, QUOTES_INDEX):
        ours = segment_files(Index(tmp_path / "ours").store.current(), name)
        theirs = segment_files(Index(tmp_path / "whoosh").store.current(), name)
        assert {"pst", "trm", "_stored.col"} <= set(ours)
        assert any(part.endswith("_len.col") for part in ours)
        assert ours == theirs


@pytest.mark.parametrize(
    "limit_mb, batch_words, block, pack_from",
    [
        (0.01, 200_000, 128, 64),
        (64, 200_000, 128, 64),
        (64, 50, 128, 64),
        (64, 200_000, 3, 64),
        (64, 200_000, 128, 2),
    ],
    ids=["spilling", "in-memory", "many-batches", "many-blocks-per-term", "packed-blocks"],
)
def test_spilling_to_disk_writes_what_whoosh_writes(
    tmp_path, monkeypatch, limit_mb, batch_words, block, pack_from
):
    documents = sample_documents()
    monkeypatch.setattr(postingpool, "BATCH_WORDS", batch_words)
    monkeypatch.setattr(blockformat, "PACK_FROM_POSTINGS", pack_from)

    def build(folder: Path, limit: float) -> tuple[dict[str, bytes], int]:
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), build_schema())
        writer = ix.writer(limitmb=limit, codec=W3Codec(blocklimit=block))
        for doc in documents:
            writer.add_document(**doc)
        runs = len(getattr(writer.pool, "runs", []))
        writer.commit()
        return segment_files(folder, MAIN_INDEX), runs

    ours, spills = build(tmp_path / "ours", limit_mb)
    assert (spills > 1) == (limit_mb < 1)
    plain_whoosh(monkeypatch)
    theirs, _ = build(tmp_path / "whoosh", 64)
    assert ours == theirs


def every_posting(folder: Path) -> dict:
    """Each term's postings (id, weight, value) as Whoosh's own matchers read them."""
    ix = whoosh_index.open_dir(str(folder))
    with ix.reader() as reader:
        out = {}
        for fieldname, text in reader.all_terms():
            matcher = reader.postings(fieldname, text)
            found = []
            while matcher.is_active():
                found.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            out[(fieldname, text)] = found
        return out


def test_whoosh_reads_packed_blocks_as_it_reads_its_own(tmp_path, monkeypatch):
    documents = sample_documents()

    def build(folder: Path) -> dict:
        folder.mkdir()
        writer = whoosh_index.create_in(str(folder), build_schema()).writer()
        for doc in documents:
            writer.add_document(**doc)
        writer.commit()
        return every_posting(folder)

    monkeypatch.setattr(blockformat, "PACK_FROM_POSTINGS", 2)
    ours = build(tmp_path / "ours")
    plain_whoosh(monkeypatch)
    monkeypatch.setattr(whoosh3.W3PostingsWriter, "_write_block", WHOOSH_WRITE_BLOCK)
    theirs = build(tmp_path / "whoosh")
    assert ours == theirs
    assert sum(len(postings) > 1 for postings in ours.values()) > 100
