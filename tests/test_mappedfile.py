"""Segment parts are read through a view of the memory map, which must read as a copy would."""

from __future__ import annotations

import io
import pickle

from hypothesis import given
from hypothesis import strategies as st

from search.engine.mapped_file import MappedView

OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("read"), st.integers(-1, 40)),
        st.tuples(st.just("readline"), st.integers(-1, 40)),
        st.tuples(st.just("seek"), st.integers(0, 120)),
        st.tuples(st.just("seek_end"), st.integers(-60, 0)),
        st.tuples(st.just("seek_cur"), st.integers(-10, 10)),
    ),
    max_size=25,
)


def apply(f, operation: str, n: int):
    if operation == "seek_end":
        return f.seek(n, io.SEEK_END)
    if operation == "seek_cur":
        return f.seek(max(n, -f.tell()), io.SEEK_CUR)
    return getattr(f, operation)(n)


@given(st.binary(max_size=100).map(lambda b: b.replace(b"\x00", b"\n")), OPERATIONS)
def test_a_view_reads_seeks_and_tells_as_a_copy_would(data, operations):
    view, copy = MappedView(memoryview(data)), io.BytesIO(data)
    for operation, n in operations:
        assert apply(view, operation, n) == apply(copy, operation, n)
        assert view.tell() == copy.tell()


def test_pickles_load_from_a_view_one_after_another():
    small = [pickle.dumps((n, n * 2.5, None, b"x" * n), 5) for n in range(50)]
    large = pickle.dumps({"terms": list(range(1000)), "name": "x" * 5000}, 2)
    view = MappedView(memoryview(b"".join(small) + large))
    assert [pickle.load(view) for _ in small] == [pickle.loads(p) for p in small]
    assert pickle.load(view) == pickle.loads(large)
    assert view.read() == b""
