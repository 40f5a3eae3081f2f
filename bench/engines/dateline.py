"""Dateline through its public Python API."""

from __future__ import annotations

from pathlib import Path

from bench.engines.base import Engine

try:
    from search import Index
except ImportError:  # before the package facade exists
    from search.index import Index


class Dateline(Engine):
    name = "dateline"
    # More keyword arguments for each query's Index.search (bench/scale.py asks exact totals).
    search_options: dict = {}

    def build(self, corpus: Path, folder: Path) -> None:
        Index(folder).reindex([corpus], full=True)

    def reindex(self, corpus: Path, folder: Path) -> None:
        Index(folder).reindex([corpus])

    def open(self, folder: Path) -> None:
        self.index = Index(folder)

    def query(self, spec: dict) -> list[tuple[str, list[str]]]:
        page = self.index.search(
            spec["dateline"],
            date_from=spec.get("from"),
            date_to=spec.get("to"),
            sort=spec.get("sort") or "relevance",
            page=spec.get("page", 1),
            page_size=10,
            **self.search_options,
        )
        return [(hit.id, hit.highlights) for hit in page.hits]

    def search(self, query: str, k: int = 10) -> list[str]:
        # Plain words as typed: Dateline's own parser is what is being judged.
        try:
            page = self.index.search(query, page_size=k, highlights=0)
        except TypeError:  # a facade without the highlights option
            page = self.index.search(query, page_size=k)
        return [hit.id for hit in page.hits]


class DatelineEach(Dateline):
    """Dateline with near-duplicate stories listed each on its own, as the peers list them: the
    same unit (one article a rank) for comparing rankings."""

    name = "dateline-each"

    def search(self, query: str, k: int = 10) -> list[str]:
        page = self.index.search(query, page_size=k, highlights=0, collapse=False)
        return [hit.id for hit in page.hits]
