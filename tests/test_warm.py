"""What every results page counts with (facet values, the speaker map) is read once per
generation and shared by every thread's view of the index, and never outlives its generation."""

from __future__ import annotations

import threading

from search.index import Index
from tests.conftest import indexed, write_jsonl


def article(n: int, place: str) -> dict:
    return {
        "id": f"a-{n}",
        "date": f"2023-01-{n:02d}",
        "title": f"Cocoa report {n}",
        "body": f'Cocoa exports rose, traders said. "Prices held," said Ana Ruiz {n}.',
        "places": [place],
    }


def in_thread(call):
    out = []
    thread = threading.Thread(target=lambda: out.append(call()))
    thread.start()
    thread.join(30)
    return out[0]


def test_threads_share_one_reading_of_the_generation(tmp_path):
    index = indexed(tmp_path, [article(1, "brazil")])
    index.warm()
    mine = index._snapshot().shared
    theirs = in_thread(lambda: index._snapshot().shared)
    assert theirs is mine and "speaker_map" in mine


def test_threads_share_each_facets_values_read_once(tmp_path):
    from search.engine import counting

    index = indexed(tmp_path, [article(1, "brazil"), article(2, "chile")])
    index.warm()
    mine = counting._keyword_table(index._snapshot().articles, "meta_places")
    theirs = in_thread(lambda: counting._keyword_table(index._snapshot().articles, "meta_places"))
    assert theirs is mine and mine.values == ["brazil", "chile"]


def test_threads_share_each_column_read_once(tmp_path):
    """Each thread has its own searcher, but a generation's columns (dates, lengths,
    deletions) are read once for all of them."""
    from search.engine import columns

    index = indexed(tmp_path, [article(1, "brazil"), article(2, "chile")])
    index.search("cocoa")
    mine = index._snapshot().articles
    dates = columns.index_dates(mine)
    theirs = in_thread(lambda: index._snapshot().articles)
    assert theirs is not mine
    assert columns.index_dates(theirs) is dates
    for (reader, _), (their_reader, _) in zip(
        mine.reader().leaf_readers(), theirs.reader().leaf_readers(), strict=True
    ):
        assert columns.dates(their_reader) is columns.dates(reader)


def test_every_thread_counts_the_new_generation_after_a_reindex(tmp_path):
    index = indexed(tmp_path, [article(1, "brazil")])
    index.warm()
    assert in_thread(lambda: index.facets("cocoa", names=["places"])) == {"places": [("brazil", 1)]}
    wire = write_jsonl(
        tmp_path / "wire" / "wire.jsonl", [article(1, "brazil"), article(2, "chile")]
    )
    assert index.reindex([wire]).exit_code == 0
    expected = {"places": [("brazil", 1), ("chile", 1)]}
    assert index.facets("cocoa", names=["places"]) == expected
    assert in_thread(lambda: index.facets("cocoa", names=["places"])) == expected


def test_warming_without_an_index_does_nothing(tmp_path):
    index = Index(tmp_path / "nothing-here")
    index.warm()
    assert not index.exists()


def test_serving_works_out_the_home_page_before_the_first_reader(tmp_path):
    from webui import create_app
    from webui.server import warm_at_start

    index = indexed(tmp_path, [article(1, "brazil"), article(2, "brazil")])
    app = create_app(index=index)
    warm_at_start(index, app)
    assert len(app.extensions["dateline_home"]) == 1
    (examples,) = app.extensions["dateline_home"].values()
    assert any(example.q == "places:brazil" for example, _ in examples)


def test_warming_opens_a_snapshot_ahead_for_each_thread_to_come(tmp_path):
    """A server's worker threads each take a snapshot opened at start, its readers open, rather
    than opening one on their first page; a thread past those opens its own."""
    index = indexed(tmp_path, [article(1, "brazil"), article(2, "chile")])
    index.warm(threads=2)
    _, ahead = index._spare
    opened = set(map(id, ahead))
    assert len(opened) == 2
    for snap in ahead:
        for reader, _ in snap.articles.reader().leaf_readers():
            assert "_stored" in reader._perdoc._readers
    taken = [in_thread(lambda: index._snapshot()) for _ in range(3)]
    assert {id(s) for s in taken[:2]} == opened and id(taken[2]) not in opened
    assert in_thread(lambda: index.search("cocoa").total) == 2


def test_a_thread_after_a_reindex_never_takes_a_snapshot_of_the_old_generation(tmp_path):
    index = indexed(tmp_path, [article(1, "brazil")])
    index.warm(threads=2)
    wire = write_jsonl(
        tmp_path / "wire" / "wire.jsonl", [article(1, "brazil"), article(2, "chile")]
    )
    assert index.reindex([wire]).exit_code == 0
    assert in_thread(lambda: index.search("cocoa").total) == 2
    assert index._spare == ("", [])


def test_threads_share_the_archive_frequencies_feedback_looked_up(tmp_path):
    from search.engine import feedback

    index = indexed(tmp_path, [article(n, "brazil") for n in range(1, 20)])
    mine = index._snapshot().articles
    assert feedback._frequency(mine, "cocoa") == 19
    theirs = in_thread(lambda: index._snapshot().articles)
    assert "cocoa" in columns_cache(theirs)["body word frequencies"]


def columns_cache(searcher) -> dict:
    from search.engine import columns

    return searcher.__dict__[columns._CACHE]
