"""The words and phrases a parsed query looks for in a field, for marking them in a text."""

from __future__ import annotations

from dataclasses import dataclass, field

from whoosh import query as wq
from whoosh.reading import IndexReader


@dataclass
class Wanted:
    """What to mark in one field: analysed words, and phrases as analysed word sequences."""

    words: set[str] = field(default_factory=set)
    phrases: list[tuple[str, ...]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases)


def wanted_terms(q: wq.Query, fieldname: str, reader: IndexReader) -> Wanted:
    """The words and phrases of `q` in `fieldname`, wildcards expanded, negated parts left out."""
    wanted = Wanted()
    _collect(q, fieldname, reader, wanted)
    return wanted


def _collect(q: wq.Query, fieldname: str, reader: IndexReader, wanted: Wanted) -> None:
    if isinstance(q, wq.Not):
        return
    if isinstance(q, wq.Phrase):
        if q.fieldname == fieldname:
            wanted.phrases.append(tuple(q.words))
        return
    if isinstance(q, wq.Term):
        if q.fieldname == fieldname:
            wanted.words.add(str(q.text))
        return
    if isinstance(q, wq.MultiTerm):
        if q.fieldname == fieldname:
            wanted.words.update(t.decode("utf-8") for t in q._btexts(reader))
        return
    if isinstance(q, wq.AndNot):
        _collect(q.a, fieldname, reader, wanted)
        return
    for child in q.children():
        _collect(child, fieldname, reader, wanted)
