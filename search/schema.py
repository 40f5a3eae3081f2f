"""The Whoosh schema, and how an Article becomes an indexed document."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, time
from typing import Any

from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema

from search import tuning  # noqa: F401  (Whoosh speed fixes)
from search.analysis import NewsAnalyzer, PackedPositions
from search.articles import Article
from search.quotes import Quote

# Quotes are joined with a gap wider than any phrase, so a phrase never spans two quotes.
QUOTE_SEPARATOR = "\n\n"
METADATA_PREFIX = "meta_"
TEXT_FIELDS = ("title", "body", "quotes")
# Quoted words are in the body too: searching quotes by default would only add work.
DEFAULT_FIELDS = ("title", "body")
MAIN_INDEX = "MAIN"  # Whoosh's default index name
QUOTES_INDEX = "QUOTES"
_WORDS = re.compile(r"\w+")
FIELD_BOOSTS = {"title": 2.0, "body": 1.0, "quotes": 1.0}


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


def build_schema() -> Schema:
    # One shared analyzer instance keeps one stemming cache for all text fields.
    analyzer = NewsAnalyzer()
    schema = Schema(
        id=ID(unique=True, stored=True),
        date=_date(),
        title=_text(analyzer, field_boost=FIELD_BOOSTS["title"]),
        body=_text(analyzer),
        quotes=_text(analyzer, stored=False),
        speaker=KEYWORD(stored=True, commas=True, scorable=True),
        source=STORED,
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


def quote_fingerprint(text: str) -> str:
    """Equal for quotes that differ only in case, punctuation or spacing."""
    words = " ".join(_WORDS.findall(text.lower()))
    # A digest, not the words: the quote's text is stored beside it already.
    return hashlib.blake2b(words.encode("utf-8"), digest_size=10).hexdigest()


def quote_documents(article: Article, quotes: list[Quote]) -> list[dict[str, Any]]:
    common: dict[str, Any] = {"article": article.id}
    if article.date is not None:
        common["date"] = datetime.combine(article.date, time())
    utterances = _utterances(quotes)
    return [
        {
            **common,
            "position": n,
            "text": q.text,
            "utterance": utterances[n],
            "speaker": (q.speaker or "").replace(",", " "),
            "fingerprint": quote_fingerprint(q.text),
        }
        for n, q in enumerate(quotes)
    ]


def _utterances(quotes: list[Quote]) -> list[str]:
    """For each quote, the text of the run of consecutive quotes by the same speaker."""
    runs: list[list[int]] = []
    for n, quote in enumerate(quotes):
        if runs and quote.speaker and quotes[runs[-1][-1]].speaker == quote.speaker:
            runs[-1].append(n)
        else:
            runs.append([n])
    out = [""] * len(quotes)
    for run in runs:
        joined = QUOTE_SEPARATOR.join(quotes[n].text for n in run)
        for n in run:
            out[n] = joined
    return out


def to_document(article: Article, quotes: list[Quote]) -> dict[str, Any]:
    speakers = sorted({q.speaker for q in quotes if q.speaker})
    doc: dict[str, Any] = {
        "id": article.id,
        "title": article.display_title,
        "body": article.body,
        "quotes": QUOTE_SEPARATOR.join(q.text for q in quotes),
        "speaker": ",".join(s.replace(",", " ") for s in speakers),
        "source": article.source,
    }
    if article.date is not None:
        doc["date"] = datetime.combine(article.date, time())
    for name, values in article.metadata.items():
        key = METADATA_PREFIX + _field_safe(name)
        doc[key] = ",".join(v.replace(",", " ") for v in values)
    return doc


def _field_safe(name: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in name.lower())
