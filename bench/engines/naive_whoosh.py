"""Whoosh as its quickstart shows it: default writer, StandardAnalyzer, QueryParser."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from whoosh import index
from whoosh.fields import DATETIME, ID, TEXT, Schema
from whoosh.qparser import AndGroup, MultifieldParser, OrGroup
from whoosh.query import DateRange

from bench.engines.base import Engine, plain_words, records


class NaiveWhoosh(Engine):
    name = "naive-whoosh"
    group = AndGroup  # the parser's default: every word required

    def build(self, corpus: Path, folder: Path) -> None:
        schema = Schema(
            id=ID(stored=True, unique=True),
            title=TEXT(stored=True),
            body=TEXT(stored=True),
            date=DATETIME(stored=True, sortable=True),
        )
        folder.mkdir(parents=True, exist_ok=True)
        writer = index.create_in(str(folder), schema).writer()
        for r in records(corpus):
            day = datetime.fromisoformat(r["date"])
            writer.add_document(id=r["id"], title=r["title"], body=r["body"], date=day)
        writer.commit()

    def open(self, folder: Path) -> None:
        self.ix = index.open_dir(str(folder))
        self.searcher = self.ix.searcher()
        self.parser = MultifieldParser(["title", "body"], self.ix.schema, group=self.group)

    def query(self, spec: dict) -> list[tuple[str, list[str]]]:
        q = self.parser.parse(spec["dateline"])
        options: dict = {}
        if spec.get("from"):
            start = datetime.fromisoformat(spec["from"])
            end = datetime.fromisoformat(spec["to"]).replace(hour=23, minute=59)
            options["filter"] = DateRange("date", start, end)
        if spec.get("sort"):
            options.update(sortedby="date", reverse=True)
        page = spec.get("page", 1)
        results = self.searcher.search_page(q, page, pagelen=10, **options)
        return [(hit["id"], [hit.highlights("body")]) for hit in results]

    def search(self, query: str, k: int = 10) -> list[str]:
        words = plain_words(query)  # lowercased: no AND/OR/NOT operator
        if not words:
            return []
        results = self.searcher.search(self.parser.parse(" ".join(words)), limit=k)
        return [hit["id"] for hit in results]


class NaiveWhooshOr(NaiveWhoosh):
    """The same index with the parser's OrGroup: any word may match, BM25F ranks."""

    name = "naive-whoosh-or"
    group = OrGroup
