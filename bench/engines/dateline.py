"""Dateline through its public Python API."""

from __future__ import annotations

from pathlib import Path

from bench.engines.base import Engine
from search.index import Index


class Dateline(Engine):
    name = "dateline"

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
        )
        return [(hit.id, hit.highlights) for hit in page.hits]
