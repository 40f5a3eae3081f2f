"""tantivy (Rust, through its Python bindings) with the en_stem tokenizer and SnippetGenerator."""

from __future__ import annotations

from pathlib import Path

import tantivy

from bench.engines.base import Engine, plain_words, records


def _day_number(iso: str) -> int:
    return int(iso.replace("-", ""))


class Tantivy(Engine):
    name = "tantivy"

    def _schema(self):
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        builder.add_text_field("title", stored=True, tokenizer_name="en_stem")
        builder.add_text_field("body", stored=True, tokenizer_name="en_stem")
        builder.add_integer_field("date", stored=True, indexed=True, fast=True)
        return builder.build()

    def build(self, corpus: Path, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        index = tantivy.Index(self._schema(), path=str(folder))
        writer = index.writer()
        for r in records(corpus):
            writer.add_document(
                tantivy.Document(
                    id=r["id"], title=r["title"], body=r["body"], date=_day_number(r["date"])
                )
            )
        writer.commit()
        writer.wait_merging_threads()

    def open(self, folder: Path) -> None:
        self.schema = self._schema()
        self.index = tantivy.Index(self.schema, path=str(folder))
        self.index.reload()
        self.searcher = self.index.searcher()

    def query(self, spec: dict) -> list[tuple[str, list[str]]]:
        text = spec["tantivy"]
        if spec.get("from"):
            low, high = _day_number(spec["from"]), _day_number(spec["to"])
            text = f"({text}) AND date:[{low} TO {high}]"
        q = self.index.parse_query(text, ["title", "body"])
        offset = (spec.get("page", 1) - 1) * 10
        options = {"order_by_field": "date"} if spec.get("sort") else {}
        hits = self.searcher.search(q, 10, offset=offset, **options).hits
        snippets = tantivy.SnippetGenerator.create(self.searcher, q, self.schema, "body")
        out = []
        for _, address in hits:
            doc = self.searcher.doc(address)
            html = snippets.snippet_from_doc(doc).to_html()
            out.append((doc["id"][0], [html]))
        return out

    def search(self, query: str, k: int = 10) -> list[str]:
        # Lowercased words: no AND/OR/NOT operator; tantivy's default joins them with OR.
        words = plain_words(query)
        if not words:
            return []
        q = self.index.parse_query(" ".join(words), ["title", "body"])
        hits = self.searcher.search(q, k).hits
        return [self.searcher.doc(address)["id"][0] for _, address in hits]
