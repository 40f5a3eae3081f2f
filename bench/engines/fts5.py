"""SQLite FTS5 with the porter tokenizer, bm25() ranking and snippet()."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.engines.base import Engine, plain_words, records


class Fts5(Engine):
    name = "sqlite-fts5"
    joiner = " "

    def build(self, corpus: Path, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(folder / "fts.db")
        db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, date UNINDEXED, title, body, "
            "tokenize='porter unicode61')"
        )
        rows = ((r["id"], r["date"], r["title"], r["body"]) for r in records(corpus))
        db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?)", rows)
        db.commit()
        db.close()

    def open(self, folder: Path) -> None:
        self.db = sqlite3.connect(folder / "fts.db")

    def query(self, spec: dict) -> list[tuple[str, list[str]]]:
        where, params = "docs MATCH ?", [spec["fts"]]
        if spec.get("from"):
            where += " AND date BETWEEN ? AND ?"
            params += [spec["from"], spec["to"]]
        order = "date DESC" if spec.get("sort") else "bm25(docs)"
        offset = (spec.get("page", 1) - 1) * 10
        sql = (
            "SELECT id, snippet(docs, 3, '<mark>', '</mark>', '…', 32) FROM docs "
            f"WHERE {where} ORDER BY {order} LIMIT 10 OFFSET {offset}"
        )
        return [(row[0], [row[1]]) for row in self.db.execute(sql, params)]

    def search(self, query: str, k: int = 10) -> list[str]:
        # Each word quoted so that none is read as an operator; FTS5 joins them with AND.
        words = plain_words(query)
        if not words:
            return []
        match = self.joiner.join(f'"{w}"' for w in words)
        sql = "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?"
        return [row[0] for row in self.db.execute(sql, (match, k))]


class Fts5Or(Fts5):
    """The same index, its words joined with OR (not part of the default relevance run)."""

    name = "sqlite-fts5-or"
    joiner = " OR "
