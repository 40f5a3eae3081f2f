"""Each article's body words with their counts, written beside it at index time.

Pseudo-relevance feedback needs the words of the best matches; analysing their bodies again
costs a few milliseconds a query, most of it stemming words the process has not seen yet.
Lucene keeps term vectors for the same reason. A bag is the distinct indexed words, a word
used more than once followed by ":" and its count ("oil:3 price opec:2").
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from search.engine.schema import WORDS_FIELD
from search.engine.stored import segment_of


def encoded(words: list[str]) -> bytes:
    """The bag of an article's indexed body words, as its column stores it."""
    counted = Counter(words)
    return " ".join(w if n == 1 else f"{w}:{n}" for w, n in counted.items()).encode("utf-8")


def texts(searcher, docnums: list[int]) -> list[str] | None:
    """Each article's bag as stored (see `encoded`), or None where a segment has no bags."""
    out = []
    for docnum in docnums:
        reader, local = segment_of(searcher, docnum)
        column = _column(reader)
        if column is None:
            return None
        out.append(column[local].decode("utf-8"))
    return out


def totals(bags: list[str]) -> tuple[Counter[str], Counter[str]]:
    """Each word's count summed over the bags, and how many bags hold it; words in the order
    they first appear. (The bags read as one string: counting happens in C, not per word.)"""
    joined = " " + " ".join(bags)
    holders = Counter(_COUNT.sub("", joined).split())
    counts = holders.copy()
    for word, count in _COUNTED.findall(joined):
        counts[word] += int(count) - 1
    return counts, holders


def counts_in(bags: list[str], words: list[str]) -> np.ndarray:
    """How often each of `words` occurs in each bag (a row per bag), found in the stored text
    without decoding it: a word is a whole item, alone or followed by ":" and its count."""
    out = np.zeros((len(bags), len(words)))
    for row, bag in enumerate(bags):
        padded = f" {bag} "
        for n, word in enumerate(words):
            out[row, n] = _count_in(padded, f" {word}")
    return out


def _count_in(padded: str, key: str) -> int:
    """The count a bag (with a space at each end) gives the word of `key` (" word"), 0 if none;
    a longer word starting with the same letters is passed over."""
    at = padded.find(key)
    while at >= 0:
        end = at + len(key)
        after = padded[end]
        if after == " ":
            return 1
        if after == ":":
            return int(padded[end + 1 : padded.index(" ", end)])
        at = padded.find(key, end)
    return 0


# A word's count in a bag: indexed words hold no ":" (`search.engine.analysis`).
_COUNT = re.compile(r":\d+")
_COUNTED = re.compile(r" ([^ :]+):(\d+)")


def open_reader(reader) -> None:
    """Open a segment's bag reader now rather than for the first search's feedback (see
    `stored.open_reader`)."""
    _column(reader)


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
