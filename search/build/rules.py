"""Which version of the analysis rules built an index: the code that finds quotations, speakers
and titles. An incremental reindex re-reads an unchanged article only when these change."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import search.ingest.articles
import search.quotes

# What decides an article's indexed quotes, speakers and derived title.
_RULE_SOURCES = (
    *sorted(Path(search.quotes.__file__).parent.glob("*.py")),
    Path(search.ingest.articles.__file__),
)


@cache
def rules_version() -> str:
    digest = hashlib.blake2b(digest_size=8)
    for source in _RULE_SOURCES:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()
