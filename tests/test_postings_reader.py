"""The sorted-array helpers the scorer matches postings with: the same answers as numpy's own
set functions, on either side of the switch from bisection to a mask."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from search.engine.postings_reader import intersect_sorted, isin_sorted

# Docnums, dense or sparse (phrase keys: document * 2**33 + position).
values = st.one_of(
    st.sets(st.integers(0, 300), max_size=200),
    st.sets(st.integers(-3, 2**40), max_size=50),
).map(lambda s: np.array(sorted(s), dtype=np.int64))


@given(values, values)
def test_isin_sorted_is_numpys_isin(a, b):
    assert isin_sorted(a, b).tolist() == np.isin(a, b).tolist()


@given(values, values)
def test_intersect_sorted_is_numpys_intersect1d(a, b):
    assert intersect_sorted(a, b).tolist() == np.intersect1d(a, b).tolist()
