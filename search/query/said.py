"""What the speaker a search asks for (`speaker:volcker`) said: their quotations as a result's
passages, and marked where they stand in the article's body."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from search.query.highlight import render

SAID_OPEN, SAID_CLOSE = '<mark class="said">', "</mark>"


def by_speakers(quotes: Iterable[dict[str, Any]], names: Iterable[str]) -> list[dict[str, Any]]:
    """The stored quotations (in article order) said by any of `names`."""
    wanted = set(names)
    return [q for q in quotes if q.get("speaker") in wanted]


def passages(texts: list[str], mark: Callable[[str], str], top: int) -> list[str]:
    """Up to `top` quotations as HTML passages, query words marked, in quotation marks: those
    holding query words first, then in article order."""
    marked = [mark(text) for text in texts]
    ranked = sorted(marked, key=lambda html: -html.count("<mark>"))
    return [f"“{html}”" for html in ranked[:top]]


def spans_in(body: str, texts: Iterable[str]) -> list[tuple[int, int]]:
    """Where each quotation stands in `body`, searched in order (a quote repeated later in the
    article is found again after the previous one)."""
    found, cursor = [], 0
    for text in texts:
        at = body.find(text, cursor)
        if at < 0:
            at = body.find(text)
        if at >= 0:
            found.append((at, at + len(text)))
            cursor = at + len(text)
    return _disjoint(found)


def render_marked(body: str, said: list[tuple[int, int]], words: list[tuple[int, int]]) -> str:
    """`body` escaped, each quotation in `said` inside a `said` mark, query words in <mark>
    (within and outside the quotations)."""
    out, cursor = [], 0
    for start, end in said:
        out.append(render(body, words, cursor, start))
        out.append(SAID_OPEN + render(body, words, start, end) + SAID_CLOSE)
        cursor = end
    out.append(render(body, words, cursor, len(body)))
    return "".join(out)


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out
