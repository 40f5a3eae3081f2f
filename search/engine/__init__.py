"""The engine: the one layer of Dateline that imports Whoosh or touches its internals.

Everything above it (ingest, quotes, build, query, the facade in `search.index`, the shells)
talks to Whoosh only through the functions and classes here, and no Whoosh object is handed
out of `search.index`.

Pinned: whoosh-reloaded 2.7.5 (pyproject.toml: >=2.7.5,<2.8). Nothing of Whoosh's is patched:
Dateline's behaviour comes from subclasses, passed to Whoosh where it takes them (the writer
class, `writer(codec=...)`; a segment pickles its codec, so readers follow). What each replaces,
and why:

- `codec.DatelineCodec` (`whoosh3.W3Codec`): hands out the classes below; 2,048 postings a block.
- `codec.FieldWriter.add_postings` (`W3FieldWriter.add_postings`): each term's postings in one
  step (`term_writer`).
- `codec.PostingsWriter._write_block` (`W3PostingsWriter._write_block`): packed blocks
  (`block_format`), pickled with protocol 5 (`block_format.dumps`, for Whoosh's protocol 2);
  `add_posting` and `_new_block` keep each posting's field length, for a long block's best
  (weight, length) pairs, carried in its header as the max weight (`block_format.BlockMax`).
- `codec.PerDocReader._cached_reader` (`W3PerDocReader`): caches a missing length column too.
- `codec.Segment.open_compound_file`, `codec.MappedCompoundStorage.open_file` (`W3Segment`,
  `CompoundStorage`): segment parts read through the memory map, not copied (`mapped_file`).
- `writer.SegmentWriter` (`writing.SegmentWriter`: `add_document`, `_flush_segment`, `pool`):
  text a batch of documents at a time (`document_writer`, `inversion`), postings grouped by
  term (`posting_pool`), files closed when a commit fails.
- `writer.ParallelWriter`, `writer._SubWriterTask.run` (`multiproc.MpWriter`,
  `SubWriterTask.run`): sub-writers are Dateline's, and die with their parent; `stop_adding`
  lets them finish their segments while the quotation index is written.
- `analysis.NewsAnalyzer`, `analysis.PackedPositions` (`Analyzer`, `formats.Positions`):
  one-pass tokenising and stemming with a cache; positions as packed arrays.
- `word_pairs.PairsAnalyzer` (`Analyzer`): a body's neighbouring words where one is common, as
  one term (Lucene's CommonGrams), written from the body's words (`document_writer`); its word
  lists are pickled with the schema.
- Read directly, not subclassed: the terms table and posting files (`postings_reader`; long
  blocks kept decoded for the next query, `block_cache`), the
  numeric columns (`columns`), BM25F's statistics (`bm25`, `scorer`), each body's word bag
  column for feedback words (`word_bags`, `feedback`; stored bodies where an older segment has
  none), stored fields from a segment's per-document reader, each key checked against the
  schema once (`stored`), query trees (`parser`, `terms`).

Module paths pickled into an index are its format: see `legacy` for format 1's.
"""

# numpy imports numpy.ma on a process's first np.unique or np.isin, some 10 ms: paid here, when
# Dateline starts, rather than by the first query that needs one.
import numpy.ma  # noqa: F401

from search.engine import legacy

legacy.install()
