"""Adjustments to Whoosh internals that cost it time; each says why. Imported for its effect."""

from __future__ import annotations

import ctypes
import pickle
import signal

from whoosh import multiproc, writing
from whoosh.codec import whoosh3
from whoosh.filedb import structfile

from search import bulkwrite, docwriter, mappedfile, postingpool

_MISSING = object()


def _cached_reader(self, fieldname, column):
    # Whoosh caches a field's length column but not its absence, so every posting of an
    # unscored field (ids, keywords) asked the file system again at commit time.
    reader = self._readers.get(fieldname, _MISSING)
    if reader is _MISSING:
        reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
        self._readers[fieldname] = reader
    return reader


whoosh3.W3PerDocReader._cached_reader = _cached_reader


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (no-op elsewhere)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


_PR_SET_PDEATHSIG = 1
_original_run = multiproc.SubWriterTask.run


def _run_unless_orphaned(self):
    # A parallel build's sub-writers wait on a queue forever if a kill -9 takes their parent.
    _die_with_parent()
    return _original_run(self)


multiproc.SubWriterTask.run = _run_unless_orphaned


def _dumps(obj, protocol=None):
    # Whoosh pickles posting blocks with protocol 2, which has no opcode for bytes: every
    # posting's positions become a call to codecs.encode. Protocol 5 makes the blocks about a
    # third the size and five times quicker to read. Readers take any protocol.
    data = pickle.dumps(obj, 5)
    if len(data) < _ONE_FRAME and data[2] == _FRAME:
        # Framing is optional; for Whoosh's many tiny pickles its header is a third of them.
        data = data[:2] + data[11:]
    return data


_FRAME = pickle.FRAME[0]
_ONE_FRAME = 64 * 1024  # pickle frames hold 64 KiB: a smaller pickle is a single frame


whoosh3.dumps = _dumps


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


writing.SegmentWriter._flush_segment = _flush_segment

WHOOSH_WRITE_BLOCK = whoosh3.W3PostingsWriter._write_block
whoosh3.W3PostingsWriter._write_block = bulkwrite.write_block

# Whoosh's commit passes postings to the block writer one call at a time; see bulkwrite.
whoosh3.W3FieldWriter.add_postings = bulkwrite.add_postings

# Whoosh buffers one tuple per posting and sorts them all; see postingpool.
WHOOSH_POSTING_POOL = writing.PostingPool
writing.PostingPool = postingpool.GroupingPool

# Whoosh makes text postings a word at a time per document; see docwriter and wordpostings.
writing.SegmentWriter.add_document = docwriter.add_document

# Whoosh copies each part of a memory-mapped segment when it opens it; see mappedfile.
structfile.BufferFile.__init__ = mappedfile.buffer_file_init
