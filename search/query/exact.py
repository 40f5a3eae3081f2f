"""`exact:"interest rates"`: the words as written, where a phrase finds their stems too."""

from __future__ import annotations

import re


class ExactWords:
    """Whether a text holds each of the phrases with their words as written (ignoring case and
    the punctuation or spaces between words)."""

    def __init__(self, phrases: list[str]):
        self.patterns = [_pattern(p) for p in phrases if re.search(r"\w", p)]

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def __call__(self, text: str) -> bool:
        return all(p.search(text) for p in self.patterns)


def _pattern(phrase: str) -> re.Pattern[str]:
    words = re.findall(r"\w+", phrase)
    return re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)
