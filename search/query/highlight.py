"""Highlighted passages: HTML-escaped text where only `<mark>` around matched words is markup.

Whoosh's own highlighter marks stray tokens when asked to respect phrases, so this one marks
exactly what the query matched: its single words, and its phrases only where they occur whole.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable, Iterable

from search.engine.terms import Wanted

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"
PASSAGE_CHARS = 220
PASSAGES = 3
_BEFORE = 70


# A text's words as the index saw them: (position, start, end, analysed word).
Tokens = list[tuple[int, int, int, str]]
Tokenizer = Callable[[str], Tokens]
# Where the words with these analysed forms stand in a text, or None if it cannot tell.
WordFinder = Callable[[str, frozenset[str]], list[tuple[int, int]] | None]


def match_spans(
    text: str, tokenize: Tokenizer, wanted: Wanted, find_words: WordFinder | None = None
) -> list[tuple[int, int]]:
    """Character spans of `text` to mark, in order. Without phrases, `find_words` (if given)
    finds the words without analysing the whole text."""
    if not wanted or not text:
        return []
    if find_words is not None and (found := find_words(text, frozenset(wanted.words))) is not None:
        if not wanted.phrases:
            return found
        if (phrases := _phrases_found(text, tokenize, wanted, find_words)) is not None:
            return sorted(set(found) | phrases)
    tokens = tokenize(text)
    spans = {(start, end) for _, start, end, word in tokens if word in wanted.words}
    for phrase in set(wanted.phrases):
        spans.update(_phrase_spans(tokens, phrase))
    return sorted(spans)


def _phrases_found(
    text: str, tokenize: Tokenizer, wanted: Wanted, find_words: WordFinder
) -> set[tuple[int, int]] | None:
    """The spans of the phrases' words where they occur whole, read only where a phrase's first
    word stands; None if the words cannot be found so (the whole text must be analysed)."""
    spans: set[tuple[int, int]] = set()
    for phrase in set(wanted.phrases):
        heads = find_words(text, frozenset(phrase[:1]))
        if heads is None:
            return None
        if len(phrase) > 1 and phrase[1] != phrase[0]:
            seconds = find_words(text, frozenset(phrase[1:2]))
            if seconds is None:
                return None
            heads = _followed(heads, [start for start, _ in seconds])
        for start, _ in heads:
            tokens = _tokens_from(text, start, len(phrase), tokenize)
            if [t[3] for t in tokens[: len(phrase)]] == list(phrase):
                spans.update((start + t[1], start + t[2]) for t in tokens[: len(phrase)])
    return spans


def _followed(heads: list[tuple[int, int]], seconds: list[int]) -> list[tuple[int, int]]:
    """The heads (spans of a phrase's first word) that its second word (starting at
    `seconds`) follows before the next head: the word after any other is not the second (it
    is at most the next head). A common first word ("bank") is then read at a few places
    rather than at every one."""
    kept = []
    for n, (start, end) in enumerate(heads):
        at = bisect.bisect_left(seconds, end)
        if at < len(seconds) and (n + 1 == len(heads) or seconds[at] < heads[n + 1][0]):
            kept.append((start, end))
    return kept


def _tokens_from(text: str, start: int, count: int, tokenize: Tokenizer) -> Tokens:
    """At least `count` words of `text` from `start` (a word's start), as `tokenize` gives them
    (positions from there), or all there are; read up to a space, so no word is cut."""
    size = 12 * count
    while True:
        end = text.find(" ", start + size)
        end = len(text) if end < 0 else end
        tokens = tokenize(text[start:end])
        if len(tokens) >= count or end == len(text):
            return tokens
        size *= 2


def _phrase_spans(tokens, phrase: tuple[str, ...]) -> Iterable[tuple[int, int]]:
    first, rest = phrase[0], range(1, len(phrase))
    for i, token in enumerate(tokens):
        if token[3] != first:
            continue
        window = tokens[i : i + len(phrase)]
        if len(window) == len(phrase) and all(
            window[k][3] == phrase[k] and window[k][0] - token[0] == k for k in rest
        ):
            yield from ((t[1], t[2]) for t in window)


def render(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    """`text[start:end]` escaped, with the spans inside it wrapped in <mark>."""
    end = len(text) if end is None else end
    out, cursor = [], start
    for s, e in spans:
        if s < cursor or e > end:
            continue
        out.append(html.escape(text[cursor:s], quote=False))
        out.append(MARK_OPEN + html.escape(text[s:e], quote=False) + MARK_CLOSE)
        cursor = e
    out.append(html.escape(text[cursor:end], quote=False))
    return "".join(out)


def passages(
    text: str, spans: list[tuple[int, int]], top: int = PASSAGES, chars: int = PASSAGE_CHARS
) -> list[str]:
    """Up to `top` passages of about `chars` characters, those with most distinct matches first.

    A passage is centred only on a match in the first copy of a paragraph, so that an article
    that repeats a paragraph (wire copy often does) does not show it twice."""
    windows = []
    starts = [a for a, _ in spans]
    for s, _ in _first_copies(text, spans):
        lo = _word_start(text, max(0, s - _BEFORE))
        hi = _word_end(text, min(len(text), lo + chars))
        # The spans from lo that end by hi: spans are in order, so only those starting inside.
        window = spans[bisect.bisect_left(starts, lo) : bisect.bisect_right(starts, hi)]
        inside = [sp for sp in window if sp[1] <= hi]
        distinct = len({text[a:b].lower() for a, b in inside})
        windows.append((-distinct, -len(inside), lo, hi))
    chosen: list[tuple[int, int]] = []
    for _, _, lo, hi in sorted(windows):
        if all(hi <= a or lo >= b for a, b in chosen):
            chosen.append((lo, hi))
        if len(chosen) == top:
            break
    return [_flatten(render(text, spans, lo, hi), lo > 0, hi < len(text)) for lo, hi in chosen]


def _first_copies(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans that do not lie in a repeat of an earlier paragraph (or line)."""
    seen: set[str] = set()
    repeats: list[tuple[int, int]] = []
    at = 0
    for line in text.split("\n"):
        end = at + len(line)
        if line:
            key = " ".join(line.split()).casefold()
            if key in seen:
                repeats.append((at, end))
            seen.add(key)
        at = end + 1
    if not repeats:
        return spans
    starts = [a for a, _ in repeats]
    kept = []
    for span in spans:
        i = bisect.bisect_right(starts, span[0]) - 1
        if i < 0 or span[0] >= repeats[i][1]:
            kept.append(span)
    return kept


def lead(text: str, chars: int = PASSAGE_CHARS) -> str:
    """The opening of a text, escaped, for results whose match is not in the body."""
    hi = _word_end(text, min(len(text), chars))
    return _flatten(html.escape(text[:hi], quote=False), False, hi < len(text))


def _flatten(fragment: str, cut_before: bool, cut_after: bool) -> str:
    body = " ".join(fragment.split())
    return ("… " if cut_before else "") + body + (" …" if cut_after else "")


def _word_start(text: str, i: int) -> int:
    while 0 < i < len(text) and not text[i - 1].isspace():
        i -= 1
    return i


def _word_end(text: str, i: int) -> int:
    while i < len(text) and not text[i].isspace():
        i += 1
    return i


_MARK = re.compile(f"{re.escape(MARK_OPEN)}(.*?){re.escape(MARK_CLOSE)}", re.S)


def to_terminal(fragment: str, style) -> str:
    """An HTML passage for a terminal: marks become `style(word)`, entities are unescaped."""
    pieces, last = [], 0
    for match in _MARK.finditer(fragment):
        pieces.append(html.unescape(fragment[last : match.start()]))
        pieces.append(style(html.unescape(match.group(1))))
        last = match.end()
    pieces.append(html.unescape(fragment[last:]))
    return "".join(pieces)
