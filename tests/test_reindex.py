"""Incremental, crash-safe reindexing of a real index on disk."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from search.build.generations import IndexBusy, IndexStore
from search.build.reindex import NothingToIndex
from search.bundled import SAMPLE_DIR
from search.engine import block_format as blockformat
from search.engine import writer as engine_writer
from search.engine.analysis import NewsPositions, PackedPositions
from search.engine.schema import build_schema
from search.index import Index
from tests.conftest import engine_searcher, write_jsonl, write_seed_article


def snapshot(index: Index) -> dict[str, int]:
    current = index.store.current()
    return {f.name: f.stat().st_mtime_ns for f in current.iterdir()}


def test_first_reindex_adds_everything(archive, tmp_path):
    index = Index(tmp_path / "index")
    report = index.reindex([archive])
    assert (report.added, report.updated, report.deleted, report.unchanged) == (3, 0, 0, 0)
    assert [h.id for h in index.search("nickel").hits] == ["nickel"]


def test_unchanged_articles_are_not_rewritten(archive, archive_index, tmp_path):
    index = archive_index
    before = snapshot(index)
    generation = index.store.current_name()
    report = index.reindex([archive])
    assert (report.added, report.updated, report.deleted, report.unchanged) == (0, 0, 0, 3)
    assert index.store.current_name() == generation
    assert {k: v for k, v in snapshot(index).items() if k != "manifest.json"} == {
        k: v for k, v in before.items() if k != "manifest.json"
    }


def test_a_touched_but_identical_file_is_not_reindexed(archive, archive_index, tmp_path):
    index = archive_index
    os.utime(archive / "zinc.txt", ns=(1, 1))
    report = index.reindex([archive])
    assert (report.added, report.updated, report.unchanged) == (0, 0, 3)


def indexed_wire(tmp_path: Path, count: int) -> tuple[Path, list[dict], Index]:
    """A JSON Lines file of `count` short reports, indexed."""
    rows = [
        {"id": f"a{n}", "date": "2020-01-01", "body": f"Cocoa report {n}."} for n in range(count)
    ]
    source = write_jsonl(tmp_path / "wire.jsonl", rows)
    index = Index(tmp_path / "index")
    index.reindex([source])
    return source, rows, index


def test_a_touched_but_identical_jsonl_file_is_not_reindexed(tmp_path):
    source, _, index = indexed_wire(tmp_path, 3)
    generation = index.store.current_name()
    os.utime(source, ns=(1, 1))
    report = index.reindex([source])
    assert (report.added, report.updated, report.deleted, report.unchanged) == (0, 0, 0, 3)
    assert index.store.current_name() == generation


def test_one_changed_file_is_one_update(archive, archive_index, tmp_path):
    index = archive_index
    write_seed_article(archive / "zinc.txt", "2023-01-03", "Prices of tin fell.")
    report = index.reindex([archive])
    assert (report.added, report.updated, report.deleted, report.unchanged) == (0, 1, 0, 2)
    assert [h.id for h in index.search("tin").hits] == ["zinc"]
    assert index.search("zinc").total == 0
    assert index.stats().articles == 3
    assert index.search("prices", page_size=1).total == 3  # the replaced version is not counted


def test_a_deleted_file_is_removed_from_the_index(archive, archive_index, tmp_path):
    index = archive_index
    (archive / "nickel.txt").unlink()
    report = index.reindex([archive])
    assert (report.deleted, report.unchanged) == (1, 2)
    assert index.search("nickel").total == 0
    assert index.stats().articles == 2


def test_sources_not_named_in_a_run_are_kept(archive, tmp_path):
    other = write_jsonl(
        tmp_path / "other.jsonl", [{"id": "j1", "date": "2022-05-05", "body": "Gold rallied."}]
    )
    index = Index(tmp_path / "index")
    index.reindex([archive])
    report = index.reindex([other])
    assert (report.added, report.deleted) == (1, 0)
    assert index.stats().articles == 4


def test_reindex_without_paths_reuses_the_remembered_ones(archive, tmp_path):
    index = Index(tmp_path / "index")
    with pytest.raises(NothingToIndex):
        index.reindex([])
    index.reindex([archive])
    write_seed_article(archive / "lead.txt", "2023-01-09", "Lead output grew.")
    assert index.reindex([]).added == 1


def test_full_rebuild_builds_a_new_generation(archive, archive_index, tmp_path):
    index = archive_index
    first = index.store.current_name()
    report = index.reindex([archive], full=True)
    assert report.added == 3 and index.store.current_name() != first
    assert index.search("copper").total == 1


def test_an_interrupted_rebuild_leaves_the_old_index_answering(archive, archive_index, tmp_path):
    index = archive_index
    published = index.store.current_name()
    for n in range(20):
        write_seed_article(archive / f"extra{n}.txt", "2023-02-01", f"Extra story {n} on cobalt.")

    def interrupt(done: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        index.reindex([archive], full=True, progress=interrupt)
    assert index.store.current_name() == published
    assert [g.name for g in index.store.generations()] == [published]
    assert index.search("copper").total == 1 and index.search("cobalt").total == 0
    assert index.reindex([archive]).added == 20
    assert index.search("cobalt").total == 20


def test_a_searcher_follows_a_reindex_without_reopening(archive, archive_index, tmp_path):
    index = archive_index
    assert index.search("tin").total == 0
    write_seed_article(archive / "tin.txt", "2023-01-05", "Tin hit a record.")
    Index(tmp_path / "index").reindex([archive])
    assert index.search("tin").total == 1


def test_a_second_reindex_at_once_is_refused_with_a_clear_message(archive, tmp_path):
    index = Index(tmp_path / "index")
    with IndexStore(index.path).writing(), pytest.raises(IndexBusy, match="another reindex"):
        index.reindex([archive])


def test_a_stale_lock_from_a_dead_process_is_cleared_with_a_message(archive, tmp_path):
    index = Index(tmp_path / "index")
    index.path.mkdir(parents=True)
    (index.path / "reindex.lock").write_text("999999")
    messages: list[str] = []
    report = index.reindex([archive], on_message=messages.append)
    assert report.added == 3
    assert any("stale" in m and "999999" in m for m in messages)


def test_bad_articles_are_skipped_and_the_good_ones_indexed(tmp_path):
    folder = tmp_path / "mixed"
    write_seed_article(folder / "good.txt", "2023-01-01", "Good article about cocoa.")
    (folder / "bad.jsonl").write_text(
        '{"id": "ok", "date": "2023-01-02", "body": "Fine cocoa story."}\n{not json}\n',
        encoding="utf-8",
    )
    report = Index(tmp_path / "index").reindex([folder])
    assert report.added == 2 and report.skipped == 1 and report.exit_code == 1
    problem = next(p for p in report.problems if p.skipped)
    assert problem.path.endswith("bad.jsonl") and problem.line == 2


def test_undated_articles_are_indexed_and_counted(tmp_path):
    data = [{"id": "u", "date": "someday", "body": "Undated coffee news."}]
    index = Index(tmp_path / "index")
    report = index.reindex([write_jsonl(tmp_path / "u.jsonl", data)])
    assert report.undated == 1 and report.exit_code == 0
    assert index.search("coffee").total == 1
    assert index.stats().undated == 1
    assert index.search("coffee", date_from="1900").total == 0


def test_an_index_from_an_older_dateline_is_rebuilt_in_full(archive, tmp_path, monkeypatch):
    def older_schema(words=()):
        schema = build_schema(words)
        for name in ("title", "body", "quotes"):
            schema[name].format = NewsPositions(field_boost=schema[name].format.field_boost)
        return schema

    index = Index(tmp_path / "index")
    monkeypatch.setattr(engine_writer, "build_schema", older_schema)
    index.reindex([archive])
    monkeypatch.undo()
    messages: list[str] = []
    report = index.reindex([archive], on_message=messages.append)
    assert report.added == 3 and report.unchanged == 0
    assert any("older Dateline" in m for m in messages)
    assert type(engine_searcher(index).schema["body"].format) is PackedPositions
    assert [h.id for h in index.search('"prices of zinc"').hits] == ["zinc"]
    assert index.reindex([archive]).unchanged == 3


def test_one_changed_json_line_is_one_update(tmp_path):
    source, records, index = indexed_wire(tmp_path, 5)
    records[2]["body"] = "Cocoa report revised."
    write_jsonl(source, records)
    report = index.reindex([source])
    assert (report.added, report.updated, report.unchanged) == (0, 1, 4)
    assert [h.id for h in index.search("revised").hits] == ["a2"]


def test_lines_without_ids_are_renumbered_when_a_line_is_inserted(tmp_path):
    records = [{"date": "2020-01-01", "body": f"Nickel note {word}."} for word in ("one", "two")]
    source = write_jsonl(tmp_path / "a.jsonl", records)
    index = Index(tmp_path / "index")
    index.reindex([source])
    write_jsonl(source, [{"date": "2020-01-01", "body": "Nickel note zero."}, *records])
    report = index.reindex([source])
    assert report.exit_code == 0 and not report.problems
    assert index.stats().articles == 3
    assert [h.id for h in index.search("two").hits] == ["a-3"]


def test_a_warning_is_reported_again_on_every_reindex(tmp_path):
    records = [{"id": "x", "date": "someday", "body": "Zinc prices."}, {"id": "y", "body": "Tin."}]
    source = write_jsonl(tmp_path / "a.jsonl", records)
    index = Index(tmp_path / "index")
    first, second = index.reindex([source]), index.reindex([source])
    assert len(first.problems) == len(second.problems) == 2
    assert second.unchanged == 2


def test_many_small_reindexes_answer_as_one_full_build(tmp_path, monkeypatch):
    """Fifteen updates leave segments that Whoosh merges; the merged postings, packed blocks
    among them, must answer as a fresh build does."""
    monkeypatch.setattr(blockformat, "PACK_FROM_POSTINGS", 2)
    excerpt = SAMPLE_DIR / "reuters-excerpt.jsonl"
    rows = [json.loads(line) for line in excerpt.read_text(encoding="utf-8").splitlines()]
    source = write_jsonl(tmp_path / "wire.jsonl", rows)
    updated = Index(tmp_path / "updated")
    updated.reindex([source], procs=1)
    for round_ in range(15):
        for row in rows[round_ % 5 :: 5]:
            row["body"] += f" Update {round_} on oil and wheat."
        write_jsonl(source, rows)
        updated.reindex([source])
    fresh = Index(tmp_path / "fresh")
    fresh.reindex([source], full=True, procs=1)
    assert len(engine_searcher(updated).reader().leaf_readers()) < 15
    for query in ["oil", '"oil and wheat"', '"update 3"', "said", "prices NOT opec"]:
        ours, theirs = updated.search(query, page_size=50), fresh.search(query, page_size=50)
        assert ours.total == theirs.total > 0
        assert {h.id for h in ours.hits} == {h.id for h in theirs.hits}


def test_new_analysis_rules_read_every_article_again(tmp_path, archive, monkeypatch):
    """An upgrade that finds quotes or titles differently must not leave old answers in place:
    the manifest records the rules' version, and a reindex under other rules reads everything."""
    from search.build import manifest, reindex

    index = Index(tmp_path / "index")
    index.reindex([archive])
    recorded = json.loads((index.store.current() / "manifest.json").read_text())["rules"]
    assert recorded
    # The next release's rules:
    monkeypatch.setattr(manifest, "rules_version", lambda: "next-release")
    monkeypatch.setattr(reindex, "rules_version", lambda: "next-release")
    messages: list[str] = []
    report = index.reindex([archive], on_message=messages.append)
    assert report.added + report.updated == 3
    assert any("rules" in m for m in messages)
    assert index.reindex([archive]).unchanged == 3


def test_a_rebuild_after_an_upgrade_keeps_the_sources_not_named(tmp_path, archive, monkeypatch):
    """The first reindex after an upgrade rebuilds in full; given only a new folder, it still
    reads the one the index was built from, as an incremental reindex would have kept it."""
    from search.build import manifest, reindex

    index = Index(tmp_path / "index")
    index.reindex([archive])
    more = write_jsonl(tmp_path / "more" / "more.jsonl", [{"id": "m", "body": "Cobalt rises."}])
    monkeypatch.setattr(manifest, "rules_version", lambda: "next-release")
    monkeypatch.setattr(reindex, "rules_version", lambda: "next-release")
    report = index.reindex([more.parent])
    assert report.added == 4 and index.stats().articles == 4
    assert index.reindex([archive]).unchanged == 3
