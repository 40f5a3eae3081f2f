"""Dateline: a full-text search engine for news articles.

The pipeline, one package a stage: `ingest` (reading articles), `quotes` (who said what),
`build` (reindexing into generations), `query` (highlighting, periods, result types), with
`engine` the one layer that touches Whoosh. `Index` is the facade over all of them; the CLI
and the web app import only from here (and `search.errors`).
"""

from search.build.generations import KEEP_PREVIOUS
from search.build.integrity import CheckReport
from search.build.reindex import DEFAULT_MEMORY_MB, ReindexReport
from search.bundled import SAMPLE_DIR
from search.engine.counting import BUILT_IN as BUILT_IN_FACETS
from search.errors import (
    ArticleNotFound,
    DateError,
    DatelineError,
    DiskFull,
    FilterError,
    IndexBusy,
    IndexDamaged,
    IndexMissing,
    NothingToIndex,
    QueryError,
    SpeakerNotFound,
)
from search.index import ENV_INDEX, MAX_PAGE, MAX_PAGE_SIZE, Index, default_index_path
from search.query.export import FORMATS as EXPORT_FORMATS
from search.query.export import filename as export_filename
from search.query.export import lines as export_lines
from search.query.export import with_links as export_with_links
from search.query.filters import MAX_FILTERS, Filter
from search.query.highlight import to_terminal
from search.query.periods import GRANULARITIES, next_period
from search.query.results import (
    SORT_ALIASES,
    SORTS,
    ArticleQuote,
    ArticleView,
    FirstAppearance,
    Hit,
    QuoteHit,
    SearchPage,
    Similar,
    Stats,
    Timeline,
)
from search.query.speakers import SpeakerView

__version__ = "0.1.0"

__all__ = [
    "BUILT_IN_FACETS",
    "CheckReport",
    "DEFAULT_MEMORY_MB",
    "ENV_INDEX",
    "EXPORT_FORMATS",
    "GRANULARITIES",
    "KEEP_PREVIOUS",
    "MAX_FILTERS",
    "MAX_PAGE",
    "MAX_PAGE_SIZE",
    "SAMPLE_DIR",
    "SORTS",
    "SORT_ALIASES",
    "ArticleNotFound",
    "ArticleQuote",
    "ArticleView",
    "DateError",
    "DatelineError",
    "DiskFull",
    "Filter",
    "FilterError",
    "FirstAppearance",
    "Hit",
    "Index",
    "IndexBusy",
    "IndexDamaged",
    "IndexMissing",
    "NothingToIndex",
    "QueryError",
    "QuoteHit",
    "ReindexReport",
    "SearchPage",
    "Similar",
    "SpeakerNotFound",
    "SpeakerView",
    "Stats",
    "Timeline",
    "default_index_path",
    "export_filename",
    "export_lines",
    "export_with_links",
    "next_period",
    "to_terminal",
]
