"""BM25F as Whoosh computes it, on whole arrays of term weights and field lengths."""

from __future__ import annotations

import numpy as np
from whoosh.searching import Searcher


def bm25(searcher: Searcher, fieldname: str, text: bytes, weights, lengths) -> np.ndarray:
    """Whoosh's bm25(), on whole arrays of term weights and field lengths."""
    return bm25_of(searcher, fieldname, text)(weights, lengths)


def bm25_of(searcher: Searcher, fieldname: str, text: bytes):
    """Whoosh's bm25() for one term, as a function of arrays of weights and field lengths.
    Rising with the weight and falling with the length: at a block's best (weight, length)
    pairs it gives the best score of any posting in the block."""
    weighting = searcher.weighting
    b = weighting._field_B.get(fieldname, weighting.B)
    k1 = weighting.K1
    idf = searcher.idf(fieldname, text)
    avgfl = searcher.avg_field_length(fieldname) or 1

    def score(weights, lengths) -> np.ndarray:
        return idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / avgfl)))

    return score
