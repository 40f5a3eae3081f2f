"""Each article's body words with their counts, written beside it at index time.

Pseudo-relevance feedback needs the words of the best matches; analysing their bodies again
costs a few milliseconds a query, most of it stemming words the process has not seen yet.
Lucene keeps term vectors for the same reason. A bag is the distinct indexed words, a word
used more than once followed by ":" and its count ("oil:3 price opec:2").
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from search.engine.schema import WORDS_FIELD


def encoded(words: list[str]) -> bytes:
    """The bag of an article's indexed body words, as its column stores it."""
    counted = Counter(words)
    return " ".join(w if n == 1 else f"{w}:{n}" for w, n in counted.items()).encode("utf-8")


def decoded(stored: bytes) -> dict[str, int]:
    bag = {}
    for item in stored.decode("utf-8").split():
        word, _, count = item.rpartition(":")
        if word:
            bag[word] = int(count)
        else:
            bag[count] = 1
    return bag


def bag_of(searcher, docnum: int) -> dict[str, int] | None:
    """The article's body words and counts, or None where its segment has no bags (an index
    written before them); the caller analyses the body instead."""
    reader, local = _segment_of(searcher, docnum)
    column = _column(reader)
    if column is None:
        return None
    stored = column[local]
    return decoded(stored) if stored else None


def counts(searcher, docnums: list[int], words: list[str]) -> np.ndarray | None:
    """How often each of `words` occurs in each article's body (a row per docnum), read from
    the bags without decoding them whole; None if a segment has no bags."""
    out = np.zeros((len(docnums), len(words)))
    for row, docnum in enumerate(docnums):
        reader, local = _segment_of(searcher, docnum)
        column = _column(reader)
        if column is None:
            return None
        bag = column[local].decode("utf-8")
        for n, word in enumerate(words):
            out[row, n] = _count_in(bag, word)
    return out


def _count_in(bag: str, word: str) -> int:
    """The count the bag gives `word`, 0 if it has none. (str.find over a few hundred
    characters: several times quicker than decoding the bag or one regular expression.)"""
    at = bag.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or bag[at - 1] == " ") and (end == len(bag) or bag[end] in " :"):
            if end == len(bag) or bag[end] == " ":
                return 1
            space = bag.find(" ", end)
            return int(bag[end + 1 : space if space >= 0 else len(bag)])
        at = bag.find(word, at + 1)
    return 0


def _segment_of(searcher, docnum: int):
    for reader, offset in reversed(searcher.reader().leaf_readers()):
        if docnum >= offset:
            return reader, docnum - offset
    raise IndexError(docnum)


def _column(reader):
    # A reader of the column, kept with this thread's segment reader (not shared between
    # threads, as the columns' arrays are).
    if _READER not in reader.__dict__:
        perdoc = reader._perdoc
        if WORDS_FIELD not in reader.schema or not perdoc.has_column(WORDS_FIELD):
            reader.__dict__[_READER] = None
        else:
            column_type = reader.schema[WORDS_FIELD].column_type
            reader.__dict__[_READER] = perdoc.column_reader(WORDS_FIELD, column_type)
    return reader.__dict__[_READER]


_READER = "_dateline_bags"
