"""The text analysis of every TEXT field: Whoosh's StemmingAnalyzer, in one tight loop.

Same tokens as `StemmingAnalyzer()` (word pattern, lowercase, stop words, Porter stems), but
Whoosh chains five generators per token; indexing spends most of its time there.
"""

from __future__ import annotations

import re
import struct
from collections import defaultdict

import numpy as np
from whoosh.analysis import STOP_WORDS, Analyzer, Token
from whoosh.formats import Positions
from whoosh.lang.porter import stem

_WORD = re.compile(r"[\w*]+(?:\.[\w*]+)*")
_WORD_CHAR = re.compile(r"[\w*]")
_MIN_SIZE = 2


class _Stems(dict):
    """Word as written to its indexed form, or "" for a stop word; filled on first sight, so a
    document's words map to stems in one C-level pass."""

    def __missing__(self, word: str) -> str:
        lower = word.lower()
        stemmed = "" if len(lower) < _MIN_SIZE or lower in STOP_WORDS else stem(lower)
        self[word] = stemmed
        return stemmed


class NewsAnalyzer(Analyzer):
    def __init__(self) -> None:
        self._stems = _Stems()

    def __getstate__(self) -> dict:
        # The schema is pickled into every index; the stem caches must not be.
        return {}

    def __setstate__(self, state: dict) -> None:
        self.__init__()

    def __eq__(self, other) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def terms(self, text: str) -> tuple[int, list[str]]:
        """The indexed words of `text` in order, and the position of the first one: like Whoosh's
        StopFilter, positions count on from the first kept word."""
        stems = list(map(self._stems.__getitem__, _WORD.findall(text)))
        kept = list(filter(None, stems))
        return (stems.index(kept[0]) if kept else 0), kept

    def word_spans(self, text: str, words: frozenset[str]) -> list[tuple[int, int]] | None:
        """(start, end) of every word of `text` whose indexed form is in `words`, in order: what
        `spans` would find, without analysing all of `text`. Every form of a word begins with
        one of its stem's probes (`_probes`), so only the words starting where a probe occurs
        are analysed. None when lower-casing moves the characters (`spans` must be used)."""
        lower = text.lower()
        if len(lower) != len(text):
            return None
        found = set()
        for probe in {p for word in words for p in _probes(word)}:
            at = lower.find(probe)
            while at >= 0:
                span = self._word_at(text, at, words)
                if span is not None:
                    found.add(span)
                at = lower.find(probe, at + 1)
        return sorted(found)

    def _word_at(self, text: str, at: int, words: frozenset[str]) -> tuple[int, int] | None:
        """The span of the word starting at `at`, if it starts there and is one of `words`."""
        if at and _WORD_CHAR.match(text, at - 1):
            return None  # inside a word
        if at and text[at - 1] == ".":
            # A dotted word ("U.S.") may run on through `at`: find where the word holding it
            # starts by reading the words from the last character no word can hold.
            start = at - 1
            while start and (text[start - 1] == "." or _WORD_CHAR.match(text, start - 1)):
                start -= 1
            match = next((m for m in _WORD.finditer(text, start) if m.end() > at), None)
            if match is None or match.start() != at:
                return None
        else:
            match = _WORD.match(text, at)
        if match is None or self._stems[match.group()] not in words:
            return None
        return match.span()

    def spans(self, text: str) -> list[tuple[int, int, int, str]]:
        """(position, start, end, indexed word) for each kept word: highlighting's fast path."""
        stems = self._stems
        out = []
        kept = None
        for raw, match in enumerate(_WORD.finditer(text)):
            stemmed = stems[match.group()]
            if not stemmed:
                continue
            kept = raw if kept is None else kept + 1
            out.append((kept, match.start(), match.end(), stemmed))
        return out

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        kept = None
        for raw, match in enumerate(_WORD.finditer(value), start=start_pos):
            stemmed = self._stems[match.group()]
            stopped = not stemmed
            if stopped and removestops:
                continue
            token.text = match.group().lower() if stopped else stemmed
            if keeporiginal:
                token.original = match.group()
            token.stopped = stopped
            token.boost = 1.0
            if positions:
                if stopped:
                    token.pos = raw
                else:
                    kept = raw if kept is None else kept + 1
                    token.pos = kept
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


def _probes(stem: str) -> set[str]:
    """Strings one of which begins every word whose Porter stem is `stem`, lower-cased: the stem
    less the suffix its last steps may have rewritten ("stabl" from "stability", "-ble" from
    "-biliti"), and with "y" for a last "i" ("oi" from "oyster")."""
    probe = stem[: max(2, len(stem) - 3)]
    return {probe, probe[:-1] + "y"} if probe.endswith("i") else {probe}


class NewsPositions(Positions):
    """Positions postings, built straight from `NewsAnalyzer.terms` when it is the analyzer."""

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(analyzer, NewsAnalyzer):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        poses: dict[str, list[int]] = defaultdict(list)
        first, words = analyzer.terms(value)
        for pos, word in enumerate(words, start=first):
            poses[word].append(pos)
        boost = self.field_boost
        for word, poslist in poses.items():
            yield word, len(poslist), len(poslist) * boost, self.encode(poslist)


class PackedPositions(NewsPositions):
    """Each posting's positions as raw little-endian 32-bit integers.

    Whoosh pickles each posting's position list; raw integers let a whole block of postings
    decode in one numpy call, which is what makes phrase search fast (see blockrank). Indexes
    built with `NewsPositions` keep it.
    """

    DTYPE = np.dtype("<u4")

    def encode(self, poslist) -> bytes:
        return struct.pack(f"<{len(poslist)}I", *poslist)

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return list(struct.unpack(f"<{len(valuestring) // 4}I", valuestring))

    def decode_frequency(self, valuestring: bytes) -> int:
        return len(valuestring) // self.DTYPE.itemsize
