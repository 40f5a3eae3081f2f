"""SQLite FTS5 with the porter tokenizer, bm25() ranking and snippet()."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.engines.base import Engine, records


class Fts5(Engine):
    name = "sqlite-fts5"

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
