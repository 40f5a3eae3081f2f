"""Writing postings a block at a time leaves the same bytes on disk as Whoosh's own commit."""

from __future__ import annotations

from pathlib import Path

from whoosh.codec import base, whoosh3
from whoosh.filedb.filestore import FileStorage

from search.bundled import SAMPLE_DIR
from search.index import Index
from search.schema import MAIN_INDEX, QUOTES_INDEX


def segment_files(index_dir: Path, name: str) -> dict[str, bytes]:
    """Each posting and term file of the index's segments, by extension."""
    generation = Index(index_dir).store.current()
    storage = FileStorage(str(generation))
    out = {}
    for segment in storage.open_index(name)._segments():
        compound = segment.open_compound_file(storage)
        for filename in compound.list():
            if filename.endswith((".pst", ".trm")):
                out[filename.rsplit(".", 1)[1]] = compound.open_file(filename).read()
    return out


def test_block_writing_matches_whoosh_byte_for_byte(tmp_path, monkeypatch):
    Index(tmp_path / "ours").reindex([SAMPLE_DIR], procs=1)
    monkeypatch.setattr(whoosh3.W3FieldWriter, "add_postings", base.FieldWriter.add_postings)
    Index(tmp_path / "whoosh").reindex([SAMPLE_DIR], procs=1)
    for name in (MAIN_INDEX, QUOTES_INDEX):
        ours = segment_files(tmp_path / "ours", name)
        theirs = segment_files(tmp_path / "whoosh", name)
        assert set(ours) == {"pst", "trm"}
        assert ours == theirs
