"""Whoosh's `SegmentWriter.add_document`, with Dateline's text fields handed to the posting pool
as words, so that their postings are made a batch of documents at a time (see wordpostings).

Every other field goes through Whoosh's steps unchanged; a document using Whoosh features that
Dateline does not (boosts, vectors, spelling fields) goes through Whoosh's own method whole.
"""

from __future__ import annotations

from collections.abc import Hashable

from whoosh import writing

from search.engine import word_bags
from search.engine.analysis import NewsAnalyzer, PackedPositions
from search.engine.schema import PAIRED_FIELD, PAIRS_FIELD, WORDS_FIELD

WHOOSH_ADD_DOCUMENT = writing.SegmentWriter.add_document


def add_document(self, **fields) -> None:
    """Drop-in for `whoosh.writing.SegmentWriter.add_document`."""
    names = tuple(sorted(fields))
    if not _plain(self, names):
        return WHOOSH_ADD_DOCUMENT(self, **fields)
    self._check_state()
    perdoc = self.perdocwriter
    perdoc.start_doc(self.docnum)
    try:
        for name in names:
            if fields[name] is not None:
                _add_field(self, name, self.schema[name], fields[name])
    except Exception:
        perdoc.cancel_doc()
        raise
    perdoc.finish_doc()
    self._added = True
    self.docnum += 1


def _plain(self, names: tuple[str, ...]) -> bool:
    """Whether a document with these fields takes the words path (asked once per set of names)."""
    known = self.__dict__.setdefault("_plain_documents", {})
    if names not in known:
        if any(name.startswith("_") for name in names):  # boosts and custom stored values
            known[names] = False
        else:
            self._check_fields(self.schema, names)
            fields = [self.schema[name] for name in names]
            known[names] = not any(f.vector or f.separate_spelling() for f in fields)
    return known[names]


def _add_field(self, name: str, field, value) -> None:
    length = 0
    if _as_words(field, value):
        first, words = _terms(self, name, field, value)
        self.pool.add_words(name, self.docnum, first, words, field.format.field_boost)
        length = len(words)
        if name == PAIRED_FIELD:
            _add_body_extras(self, first, words)
    elif field.indexed:
        for btext, freq, weight, vbytes in _indexed(self, name, field, value):
            if field.scorable:
                length += freq
            self.pool.add((name, btext, self.docnum, weight, vbytes))
    self.perdocwriter.add_field(name, field, value if field.stored else None, length)
    if field.column_type:
        self.perdocwriter.add_column_value(name, field.column_type, field.to_column_value(value))


def _add_body_extras(self, first: int, words: list[str]) -> None:
    """The body's word bag, and its pairs of words where one is common (word_pairs)."""
    schema = self.schema
    if WORDS_FIELD in schema:
        column = schema[WORDS_FIELD].column_type
        self.perdocwriter.add_column_value(WORDS_FIELD, column, word_bags.encoded(words))
    if PAIRS_FIELD in schema:
        positions, pairs = schema[PAIRS_FIELD].analyzer.pairs(first, words)
        if pairs:
            self.pool.add_words(PAIRS_FIELD, self.docnum, first, pairs, 1.0, positions)


def _terms(self, name: str, field, value: str) -> tuple[int, list[str]]:
    """`field.analyzer.terms(value)`, remembered for the field's last value: the quotes of one
    speaker's run each index the whole run (search.build.documents), the same text again."""
    last = self.__dict__.setdefault("_last_terms", {})
    known = last.get(name)
    if known is None or known[0] != value:
        known = last[name] = (value, field.analyzer.terms(value))
    return known[1]


def _indexed(self, name: str, field, value) -> list[tuple]:
    """`field.index(value)`, remembered: keywords, speakers and dates repeat across documents."""
    if field.unique or not isinstance(value, Hashable):
        return list(field.index(value))
    known = self.__dict__.setdefault("_indexed_values", {})
    items = known.get((name, value))
    if items is None:
        if len(known) >= _REMEMBERED_VALUES:
            known.clear()
        items = known[(name, value)] = list(field.index(value))
    return items


_REMEMBERED_VALUES = 50_000


def _as_words(field, value) -> bool:
    return (
        isinstance(value, str)
        and isinstance(field.format, PackedPositions)
        and isinstance(field.analyzer, NewsAnalyzer)
        and field.scorable
    )
