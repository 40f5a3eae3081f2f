"""Neighbouring body words indexed as one term where one is common: Lucene's CommonGrams.

A phrase is found by lining up its words' positions. For a phrase of common words that means
reading the positions of most of the archive: at ten times Reuters, "net reuter" read 95,000
postings' positions to find twenty articles, and the slowest phrases took 20 ms, growing with
the archive. With "net reuter" indexed as a term of its own, the phrase is one short posting
list.

Pairs of a common word and a frequent one are indexed, and a word on most articles ("said")
with any neighbour. A phrase of rare words is already quick, and all of a rare word's pairs
would be most of the pairs (tens of thousands of one-article terms) for little gain, its
articles being few.

Which words are common and frequent is decided once, when an index is created, from its first
articles, and kept in the schema (the pair field's analyzer) for the index's life: a later
reindex adds pairs by the same lists, so every segment is searched the same way. A full reindex
decides again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import pairwise

from whoosh.analysis import Analyzer, Token

from search.engine.analysis import NewsAnalyzer

# A word is common if at least this share of the sampled articles hold it...
COMMON_SHARE = 0.2
# ...up to this many words, the commonest first.
MOST_COMMON = 16
# A word is frequent, and paired with common ones, if at least this share hold it.
FREQUENT_SHARE = 0.01
# A word on at least this share of the articles ("said", and "reuter" on a wire) is paired with
# every neighbour, rare ones too: "Volcker said" is what a reader of quotations types.
EVERYWHERE_SHARE = 0.5
# Fewer sampled articles than this tell nothing reliable: no pairs are indexed.
MIN_SAMPLE = 200
# Pair terms join their words with a space, which no indexed word holds.
SEPARATOR = " "


def common_words(bodies: Iterable[str]) -> tuple[list[str], list[str], list[str]]:
    """The common words of these articles, commonest first, the frequent ones, and those on
    most of them."""
    analyzer = NewsAnalyzer()
    held: Counter[str] = Counter()
    count = 0
    for body in bodies:
        held.update(set(analyzer.terms(body)[1]))
        count += 1
    if count < MIN_SAMPLE:
        return [], [], []
    ranked = sorted(held.items(), key=lambda item: (-item[1], item[0]))
    common = [word for word, n in ranked[:MOST_COMMON] if n >= COMMON_SHARE * count]
    frequent = [word for word, n in ranked if n >= FREQUENT_SHARE * count]
    everywhere = [word for word, n in ranked[:MOST_COMMON] if n >= EVERYWHERE_SHARE * count]
    return common, frequent, everywhere


class PairsAnalyzer(Analyzer):
    """The pair field's analyzer: the pairs of neighbouring words, one common and the other
    frequent, each at its first word's position. Its lists are pickled with the schema."""

    def __init__(
        self, common: Iterable[str] = (), frequent: Iterable[str] = (), everywhere=()
    ) -> None:
        self.common = frozenset(common)
        # A common word is frequent too.
        self.frequent = frozenset(frequent) | self.common
        self.everywhere = frozenset(everywhere)
        self._words = NewsAnalyzer()

    def __getstate__(self) -> dict:
        return {
            "common": sorted(self.common),
            "frequent": sorted(self.frequent),
            "everywhere": sorted(self.everywhere),
        }

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["common"], state["frequent"], state.get("everywhere", ()))

    def __eq__(self, other) -> bool:
        return type(other) is type(self) and other.__getstate__() == self.__getstate__()

    def __hash__(self) -> int:
        return hash((type(self), self.common))

    def paired(self, left: str, right: str) -> bool:
        """Whether two neighbouring words are indexed as a pair."""
        everywhere, common, frequent = self.everywhere, self.common, self.frequent
        return (
            left in everywhere
            or right in everywhere
            or (left in common and right in frequent)
            or (right in common and left in frequent)
        )

    def pairs(self, first: int, words: list[str]) -> tuple[list[int], list[str]]:
        """The positions and terms of the pairs of `words` (as `NewsAnalyzer.terms` gives them:
        the first at position `first`)."""
        positions: list[int] = []
        pairs: list[str] = []
        if not self.common:
            return positions, pairs
        everywhere, common, frequent = self.everywhere, self.common, self.frequent
        # `paired`, written out: this runs for every word indexed.
        for at, (left, right) in enumerate(pairwise(words), start=first):
            if (
                left in everywhere
                or right in everywhere
                or (left in common and right in frequent)
                or (right in common and left in frequent)
            ):
                positions.append(at)
                pairs.append(left + SEPARATOR + right)
        return positions, pairs

    def __call__(self, value, positions=False, chars=False, mode="", **kwargs):
        # Whoosh's own paths (a query typed on this field): the same terms as the writer's.
        token = Token(positions, chars, mode=mode, **kwargs)
        for position, pair in zip(*self.pairs(*self._words.terms(value)), strict=True):
            token.text, token.boost, token.stopped = pair, 1.0, False
            if positions:
                token.pos = position
            yield token


def phrase_parts(words: list[str], analyzer: PairsAnalyzer | None) -> list[tuple[bool, str, int]]:
    """How to find a phrase of these (indexed) words: (whether a pair, term, offset in the
    phrase) for each pair the index holds, and each word left in none of them."""
    parts: list[tuple[bool, str, int]] = []
    in_pair = [False] * len(words)
    for at in range(len(words) - 1) if analyzer else ():
        if analyzer.paired(words[at], words[at + 1]):
            parts.append((True, words[at] + SEPARATOR + words[at + 1], at))
            in_pair[at] = in_pair[at + 1] = True
    parts.extend((False, word, at) for at, word in enumerate(words) if not in_pair[at])
    return parts
