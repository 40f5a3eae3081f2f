"""Quotations and who said them (placeholder: marks only; attribution comes with issue 4)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTED = re.compile(r'"([^"\n]+)"|“([^”\n]+)”|«([^»\n]+)»')


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None
    start: int
    end: int


def extract_quotes(text: str) -> list[Quote]:
    quotes = []
    for match in _QUOTED.finditer(text):
        group = next(g for g in range(1, 4) if match.group(g) is not None)
        quotes.append(Quote(match.group(group), None, match.start(group), match.end(group)))
    return quotes
