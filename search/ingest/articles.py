"""The one article type every reader produces and the index stores."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s")
# Where a clause ends: a comma, semicolon, colon or dash followed by a space.
_CLAUSE_END = re.compile(r"\s*(?:[,;:]|\s[—–-])\s")
TITLE_MAX = 120
# A clause shorter than this says too little to stand as a title on its own.
TITLE_MIN_CLAUSE = 40


@dataclass(frozen=True)
class Article:
    id: str
    body: str
    date: date | None = None
    title: str = ""
    source: str = ""
    line: int | None = None
    metadata: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The reader's fingerprint of the article's source text (a JSON line), when it has one.
    digest: str = ""

    @property
    def display_title(self) -> str:
        return self.title.strip() or title_from_body(self.body)

    @property
    def content_hash(self) -> str:
        """Fingerprint of everything that ends up in the index, for incremental reindex."""
        if self.digest:
            return self.digest
        digest = hashlib.blake2b(digest_size=16)
        day = self.date.isoformat() if self.date else ""
        metadata = repr(sorted(self.metadata.items()))
        for part in (self.id, self.display_title, self.body, day, metadata):
            # Length-prefixed, so that no two different articles join into the same bytes.
            data = part.encode("utf-8")
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)
        return digest.hexdigest()


def title_from_body(body: str) -> str:
    """A display title from the first sentence: the whole of it when short enough, else up to
    the last clause boundary that fits, else cut at a word and marked with an ellipsis."""
    text = " ".join(body.split())
    if not text:
        return "(untitled)"
    match = _SENTENCE_END.search(text)
    sentence = text[: match.end()].rstrip() if match else text
    if len(sentence) <= TITLE_MAX:
        return sentence
    clauses = [m.start() for m in _CLAUSE_END.finditer(sentence, 0, TITLE_MAX + 1)]
    if clauses and clauses[-1] >= TITLE_MIN_CLAUSE:
        return sentence[: clauses[-1]]
    cut = sentence[:TITLE_MAX].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—–- ") + "…"
