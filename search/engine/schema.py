"""The Whoosh schemas of the two indexes of a generation: articles, and single quotations."""

from __future__ import annotations

from collections.abc import Iterable

from whoosh.columns import CompressedBytesColumn, FixedBytesColumn, NumericColumn
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, STORED, TEXT, Schema

from search.engine.analysis import NewsAnalyzer, PackedPositions
from search.engine.word_pairs import PairsAnalyzer

METADATA_PREFIX = "meta_"
TEXT_FIELDS = ("title", "body", "quotes")
# Quoted words are in the body too: searching quotes by default would only add work.
DEFAULT_FIELDS = ("title", "body")
MAIN_INDEX = "MAIN"  # Whoosh's default index name
QUOTES_INDEX = "QUOTES"
FIELD_BOOSTS = {"title": 2.0, "body": 1.0, "quotes": 1.0}
# Near-duplicate stories (search.build.near_duplicates): each article's group, a number in a
# column (0: none), and its MinHash bands (uint32 values, 0: none), in a column too, by which a
# later build finds its near-duplicates (as terms they would double the size of the index).
GROUP_FIELD = "group"
BANDS_FIELD = "bands"
BANDS = 16
# Each article's body words with their counts (search.engine.word_bags), in a column: feedback
# reads the best matches' words there rather than analysing their bodies again.
WORDS_FIELD = "body_words"
# Neighbouring body words, either of them common, as one term (search.engine.word_pairs).
PAIRS_FIELD = "body_pairs"
PAIRED_FIELD = "body"


def _text(analyzer: NewsAnalyzer, stored: bool = True, field_boost: float = 1.0) -> TEXT:
    field = TEXT(analyzer=analyzer, stored=stored, field_boost=field_boost)
    field.format = PackedPositions(field_boost=field_boost)
    return field


def _date() -> DATETIME:
    field = DATETIME(sortable=True, stored=True)
    # Whoosh indexes each date as 8 terms at 8 precisions, for range queries; ranking and
    # facets read the date column instead, so one exact term is enough (ranges still work).
    field.shift_step = 64
    return field


def build_schema(words: tuple[Iterable[str], ...] = ()) -> Schema:
    """The articles' schema; `words`, the common, frequent and everywhere words whose pairs
    are indexed too (word_pairs), fixed for the index's life."""
    # One shared analyzer instance keeps one stemming cache for all text fields.
    analyzer = NewsAnalyzer()
    pairs = TEXT(analyzer=PairsAnalyzer(*words), stored=False)
    # Found, never scored: a phrase is scored by its words.
    pairs.format, pairs.scorable = PackedPositions(), False
    schema = Schema(
        id=ID(unique=True, stored=True),
        date=_date(),
        title=_text(analyzer, field_boost=FIELD_BOOSTS["title"]),
        body=_text(analyzer),
        quotes=_text(analyzer, stored=False),
        speaker=KEYWORD(stored=True, commas=True, scorable=True),
        source=STORED,
        **{PAIRS_FIELD: pairs},
        **{
            GROUP_FIELD: COLUMN(NumericColumn("Q", default=0)),
            BANDS_FIELD: COLUMN(FixedBytesColumn(4 * BANDS)),
            WORDS_FIELD: COLUMN(CompressedBytesColumn()),
        },
    )
    schema.add(f"{METADATA_PREFIX}*", KEYWORD(stored=True, commas=True, lowercase=True), glob=True)
    return schema


def build_quote_schema() -> Schema:
    """One document per quotation, in a second index beside the articles."""
    analyzer = NewsAnalyzer()
    return Schema(
        article=ID(stored=True),
        position=STORED,
        text=STORED,
        # A split or continued quote is one utterance: a search for any of its words finds
        # every part.
        utterance=_text(analyzer, stored=False),
        speaker=KEYWORD(stored=True, commas=True, scorable=True),
        kind=STORED,  # person, organisation or unnamed (source)
        # As the article gives it ("Federal Reserve Board Chairman"); indexed whole, so that a
        # speaker's roles are read from a table rather than each quotation's stored fields.
        role=ID(stored=True),
        # Computed again from the stored text when needed, so not stored.
        fingerprint=ID(stored=False),
        date=_date(),
    )


def layout(schema: Schema) -> list[tuple]:
    """What an index's documents look like on disk, to tell an index built by an older Dateline.

    (Whoosh schemas do not compare equal even to themselves.)
    """
    return [
        (name, type(f).__name__, type(f.format).__name__, f.stored, f.scorable)
        for name, f in sorted(schema.items())
    ]
