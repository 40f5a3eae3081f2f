"""Reading postings: the sorted-array helpers the scorer matches them with (the same answers as
numpy's own set functions, on either side of the switch from bisection to a mask), and the cache
of decoded blocks (the same postings as a fresh read)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.engine.block_cache import BLOCKS, BlockCache
from search.engine.postings_reader import intersect_sorted, isin_sorted, read_postings
from search.index import Index
from tests.conftest import engine_searcher
from tests.synthetic_wire import write_archive

# Docnums, dense or sparse (phrase keys: document * 2**33 + position).
values = st.one_of(
    st.sets(st.integers(-50, 300), max_size=200),
    st.sets(st.integers(-3, 2**40), max_size=50),
).map(lambda s: np.array(sorted(s), dtype=np.int64))


@given(values, values)
def test_isin_sorted_is_numpys_isin(a, b):
    assert isin_sorted(a, b).tolist() == np.isin(a, b).tolist()


@given(values, values)
def test_intersect_sorted_is_numpys_intersect1d(a, b):
    assert intersect_sorted(a, b).tolist() == np.intersect1d(a, b).tolist()


def test_the_block_cache_keeps_the_most_recently_used_blocks_within_its_bound():
    cache = BlockCache(limit=100)
    decoded = []

    def decode(key):
        def run():
            decoded.append(key)
            return (np.arange(3), key)

        return run

    for key in "abc":
        cache.get(key, decode(key), 40)
    assert decoded == ["a", "b", "c"] and cache.size == 80  # "a" made room for "c"
    cache.get("b", decode("b"), 40)  # kept, and now the most recently used
    cache.get("a", decode("a"), 40)  # decoded again; "c" goes
    cache.get("b", decode("b"), 40)
    cache.get("c", decode("c"), 40)
    assert decoded == ["a", "b", "c", "a", "c"] and cache.size <= 100
    assert cache.get("c", decode("c"), 40)[1] == "c" and len(decoded) == 5


def test_a_kept_block_cannot_be_changed_by_the_query_that_reads_it():
    block = BlockCache().get("k", lambda: (np.arange(3), np.ones(3), None), 48)
    with pytest.raises(ValueError):
        block[0][0] = 7


def test_postings_read_from_kept_blocks_are_those_read_afresh(tmp_path):
    index = Index(tmp_path / "index")
    assert index.reindex([write_archive(tmp_path / "wire.jsonl", 600)]).exit_code == 0
    searcher = engine_searcher(index)
    reader = searcher.reader().leaf_readers()[0][0]
    BLOCKS.clear()
    first = read_postings(reader, "body", b"reuter", values=True)
    assert BLOCKS.size > 0  # "reuter" closes every story: a block long enough to keep
    again = read_postings(reader, "body", b"reuter", values=True)
    for name in ("ids", "weights", "counts", "positions"):
        assert np.array_equal(getattr(first, name), getattr(again, name))
    assert len(first.ids) == 600
