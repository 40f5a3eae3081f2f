"""What every engine adapter offers the benchmark."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

_WORD = re.compile(r"[^\W_]+")


def plain_words(text: str) -> list[str]:
    """The lowercased words of a plain query: no operator, quote or field survives."""
    return _WORD.findall(text.lower())


def records(corpus: Path) -> Iterator[dict]:
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


class Engine:
    name = "engine"

    def build(self, corpus: Path, folder: Path) -> None:
        raise NotImplementedError

    def open(self, folder: Path) -> None:
        raise NotImplementedError

    def query(self, spec: dict) -> list[tuple[str, list[str]]]:
        """Top 10 as (id, highlighted passages) for a query spec (see bench/queries.py)."""
        raise NotImplementedError

    def search(self, query: str, k: int = 10) -> list[str]:
        """Ids of the top k articles, best first, for a plain-words query (bench/relevance.py)."""
        raise NotImplementedError
