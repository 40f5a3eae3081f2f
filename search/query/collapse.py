"""Near-duplicate stories collapsed in a ranking: each group's best-ranked article stands for
it, the others are listed beside it ("n similar stories")."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np

NO_GROUP = 0


class Ranked(NamedTuple):
    """The best matches in order, how many match (or at least, if `lower_bound`), and how many
    match every word."""

    docnums: list[int]
    scores: list[float]
    total: int
    complete: int
    lower_bound: bool = False


def leaders(docnums: Sequence[int], groups: np.ndarray) -> list[int]:
    """The positions in `docnums` of the first (best-ranked) article of each group."""
    seen: set[int] = set()
    out = []
    for n, key in enumerate(groups[np.asarray(docnums, dtype=np.int64)].tolist()):
        if key == NO_GROUP:
            out.append(n)
        elif key not in seen:
            seen.add(key)
            out.append(n)
    return out


def collapsed(
    rank: Callable[[int], Ranked], groups: np.ndarray | None, wanted: int
) -> tuple[Ranked, int | None]:
    """At least the first `wanted` group leaders of a ranking (`rank(needed)` gives its first
    `needed` matches), asking for more of it until that many are found or it is exhausted; and
    the number of groups, when the whole ranking was read. The totals are the ranking's: every
    matching article counts. Without `groups`, the ranking as it is."""
    if groups is None:
        return rank(wanted), None
    needed = 2 * wanted + 10
    while True:
        ranked = rank(needed)
        firsts = leaders(ranked.docnums, groups)
        exhausted = len(ranked.docnums) >= ranked.total and not ranked.lower_bound
        if len(firsts) >= wanted or exhausted or len(ranked.docnums) < needed:
            docnums = [ranked.docnums[n] for n in firsts]
            scores = [ranked.scores[n] for n in firsts]
            return ranked._replace(docnums=docnums, scores=scores), (
                len(firsts) if exhausted else None
            )
        needed *= 4
