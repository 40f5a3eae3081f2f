"""Dateline's codec: Whoosh 3's file format, written and read by Dateline's own subclasses.

A segment pickles its codec, so every segment written with `DatelineCodec` is read back through
it too; Whoosh's own classes are never changed (see the package docstring for the list).
The class names here are part of the on-disk format.
"""

from __future__ import annotations

from whoosh.codec import whoosh3
from whoosh.filedb.compound import CompoundStorage

from search.engine import mapped_file, term_writer

# Postings per block (Whoosh: 128). Fewer, larger blocks compress better and cost less per
# posting to read whole, which is how the scorer reads them: from 512 to 2048, 3% smaller at
# 95,000 articles and the slowest queries 15% quicker.
BLOCK_POSTINGS = 2048

_MISSING = object()


class DatelineCodec(whoosh3.W3Codec):
    def __init__(self, blocklimit: int = BLOCK_POSTINGS, compression: int = 3, inlinelimit=1):
        super().__init__(blocklimit, compression, inlinelimit)

    def field_writer(self, storage, segment):
        return FieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return PostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def per_document_reader(self, storage, segment):
        return PerDocReader(storage, segment)

    def new_segment(self, storage, indexname):
        return Segment(self, indexname)


class FieldWriter(whoosh3.W3FieldWriter):
    # Whoosh's commit passes postings to the block writer one call at a time; see term_writer.
    add_postings = term_writer.add_postings


class PostingsWriter(whoosh3.W3PostingsWriter):
    # Whoosh's own posting path (merging old segments) writes blocks as term_writer does.
    _write_block = term_writer.write_block

    def _new_block(self):
        super()._new_block()
        # Each posting's field length, for the block's best pairs (block_format.BlockMax).
        self._lengths: list[int | None] = []

    def add_posting(self, id_, weight, vbytes, length=None):
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        super().add_posting(id_, weight, vbytes, length)
        self._lengths.append(length)


class PerDocReader(whoosh3.W3PerDocReader):
    def _cached_reader(self, fieldname, column):
        # Whoosh caches a field's length column but not its absence, so every posting of an
        # unscored field (ids, keywords) asked the file system again at commit time.
        reader = self._readers.get(fieldname, _MISSING)
        if reader is _MISSING:
            reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
            self._readers[fieldname] = reader
        return reader


class Segment(whoosh3.W3Segment):
    def open_compound_file(self, storage):
        name = self.make_filename(self.COMPOUND_EXT)
        return MappedCompoundStorage(storage.open_file(name), use_mmap=storage.supports_mmap)


class MappedCompoundStorage(CompoundStorage):
    # Whoosh copies each part of a memory-mapped segment when it opens it; see mapped_file.
    def open_file(self, name, *args, **kwargs):
        if self.is_closed or not self._source:
            return super().open_file(name, *args, **kwargs)
        offset, length = self.range(name)
        view = memoryview(self._source)[offset : offset + length]
        return mapped_file.MappedBufferFile(view, name=name)
