"""Dateline's faster way through Whoosh's writer (text postings made a batch of documents at a
time, grouped by term in the pool, written a block at a time) leaves the same bytes on disk as
Whoosh's own, spilling to disk or not."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh import writing
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage

from search.build.documents import quote_documents, to_document
from search.build.near_duplicates import Grouper
from search.bundled import SAMPLE_DIR
from search.engine import block_format as blockformat
from search.engine import posting_pool as postingpool
from search.engine import word_bags
from search.engine.codec import DatelineCodec
from search.engine.schema import (
    MAIN_INDEX,
    QUOTES_INDEX,
    WORDS_FIELD,
    build_quote_schema,
    build_schema,
)
from search.engine.writer import SegmentWriter
from search.index import Index
from search.ingest.articles import Article
from search.ingest.readers import find_sources, read_source
from search.quotes import extract_quotes


class WhooshPathCodec(DatelineCodec):
    """Whoosh's own way through the writer (its pool, document path and commit), writing blocks
    as Dateline encodes them, so that the bytes can be compared."""

    field_writer = W3Codec.field_writer


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


def sample_articles() -> list[Article]:
    sources, _ = find_sources([SAMPLE_DIR])
    return [a for s in sources for a in read_source(s) if isinstance(a, Article)]


def sample_documents() -> list[dict]:
    grouper = Grouper()  # near-duplicate groups, as a reindex assigns them
    try:
        return [
            to_document(
                a, extract_quotes(a.body), *grouper.assign(a.id, a.body, a.date, a.content_hash)
            )
            for a in sample_articles()
        ]
    finally:
        grouper.close()


def with_bags(documents: list[dict]) -> list[dict]:
    """Documents as Whoosh's own path must be given them: with the body's word bag, which
    Dateline's writer makes from the words it indexes."""
    analyzer = build_schema()["body"].analyzer
    return [{**d, WORDS_FIELD: word_bags.encoded(analyzer.terms(d["body"])[1])} for d in documents]


def whoosh_build(folder: Path, schema, name: str, documents: list[dict], codec, limit=64) -> None:
    """`documents` written through Whoosh's own SegmentWriter."""
    folder.mkdir(exist_ok=True)
    ix = whoosh_index.create_in(str(folder), schema, indexname=name)
    writer = writing.SegmentWriter(ix, limitmb=limit, codec=codec)
    for doc in documents:
        writer.add_document(**doc)
    writer.commit()


def test_a_reindex_writes_what_whoosh_writes(tmp_path):
    Index(tmp_path / "ours").reindex([SAMPLE_DIR], procs=1)
    articles = sample_articles()
    quotes = [q for a in articles for q in quote_documents(a, extract_quotes(a.body))]
    theirs_dir = tmp_path / "whoosh"
    main = with_bags(sample_documents())
    whoosh_build(theirs_dir, build_schema(), MAIN_INDEX, main, WhooshPathCodec())
    whoosh_build(theirs_dir, build_quote_schema(), QUOTES_INDEX, quotes, WhooshPathCodec())
    for name in (MAIN_INDEX, QUOTES_INDEX):
        ours = segment_files(Index(tmp_path / "ours").store.current(), name)
        theirs = segment_files(theirs_dir, name)
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
        writer = SegmentWriter(ix, limitmb=limit, codec=DatelineCodec(blocklimit=block))
        for doc in documents:
            writer.add_document(**doc)
        runs = len(writer.pool.runs)
        writer.commit()
        return segment_files(folder, MAIN_INDEX), runs

    ours, spills = build(tmp_path / "ours", limit_mb)
    assert (spills > 1) == (limit_mb < 1)
    theirs = with_bags(documents)
    whoosh_build(tmp_path / "whoosh", build_schema(), MAIN_INDEX, theirs, WhooshPathCodec(block))
    assert ours == segment_files(tmp_path / "whoosh", MAIN_INDEX)


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

    monkeypatch.setattr(blockformat, "PACK_FROM_POSTINGS", 2)
    folder = tmp_path / "ours"
    folder.mkdir()
    writer = SegmentWriter(
        whoosh_index.create_in(str(folder), build_schema()), codec=DatelineCodec()
    )
    for doc in documents:
        writer.add_document(**doc)
    writer.commit()
    ours = every_posting(folder)
    # Whoosh's own writer and codec, untouched by Dateline.
    whoosh_build(tmp_path / "whoosh", build_schema(), MAIN_INDEX, documents, W3Codec())
    theirs = every_posting(tmp_path / "whoosh")
    assert ours == theirs
    assert sum(len(postings) > 1 for postings in ours.values()) > 100
