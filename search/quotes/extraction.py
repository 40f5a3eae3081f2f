"""Quotations and who said them, found by rules (no model): `extract_quotes(text)`.

A quote's `text` is exactly the words between its marks (`text[start:end]`). Scare quotes and
quoted titles are nobody's statement and are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from search.quotes.attribution import attribute
from search.quotes.spans import find_spans, is_scare_or_title


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None
    start: int
    end: int
    speaker_kind: str | None = None  # "person" | "organisation" | "unnamed"
    role: str | None = None
    sieve: str | None = None  # the sieve that decided the speaker


def extract_quotes(text: str) -> list[Quote]:
    spans, titles = [], []
    for span in find_spans(text):
        if span.end > span.start:
            (titles if is_scare_or_title(text, span) else spans).append(span)
    if not spans:
        return []  # most articles quote nobody: skip finding who they name
    quotes = []
    for span, decision in zip(spans, attribute(text, spans, titles), strict=True):
        if decision is None:
            quotes.append(Quote(text[span.start : span.end], None, span.start, span.end))
        else:
            quotes.append(
                Quote(
                    text[span.start : span.end],
                    decision.speaker,
                    span.start,
                    span.end,
                    decision.kind,
                    decision.role,
                    decision.sieve,
                )
            )
    return quotes
