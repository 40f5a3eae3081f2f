"""How an article and its quotations become the documents of the two indexes."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time
from typing import Any

from search.engine.schema import BANDS_FIELD, GROUP_FIELD, METADATA_PREFIX
from search.ingest.articles import Article
from search.quotes import Quote
from search.quotes.fingerprint import quote_fingerprint

# Quotes are joined with a gap wider than any phrase, so a phrase never spans two quotes.
QUOTE_SEPARATOR = "\n\n"


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
            "kind": q.speaker_kind,
            "role": q.role,
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


def to_document(
    article: Article, quotes: list[Quote], group: int = 0, bands: bytes | None = None
) -> dict[str, Any]:
    """The article's document; `group` is its near-duplicate group, `bands` the MinHash bands
    by which later builds find it (search.build.near_duplicates)."""
    # Unnamed sources ("trader", "officials") stay with their quotes: the article's speakers,
    # and so its facet, are people and organisations.
    named = Counter(q.speaker for q in quotes if q.speaker and q.speaker_kind != "unnamed")
    # A name once per quotation: term frequency ranks an article built around a speaker's
    # statements above one quoting them in passing. Stored, the repeats are dropped on reading.
    speakers = [name for name in sorted(named) for _ in range(named[name])]
    doc: dict[str, Any] = {
        "id": article.id,
        "title": article.display_title,
        "body": article.body,
        "quotes": QUOTE_SEPARATOR.join(q.text for q in quotes),
        "speaker": ",".join(s.replace(",", " ") for s in speakers),
        "source": article.source,
        GROUP_FIELD: group,
    }
    if bands:
        doc[BANDS_FIELD] = bands
    if article.date is not None:
        doc["date"] = datetime.combine(article.date, time())
    for name, values in article.metadata.items():
        key = METADATA_PREFIX + _field_safe(name)
        doc[key] = ",".join(v.replace(",", " ") for v in values)
    return doc


def _field_safe(name: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in name.lower())
