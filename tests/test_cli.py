"""The `dateline` command, run for real as a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.bundled import SAMPLE_DIR
from tests.conftest import SEED_ID, run, write_jsonl, write_seed_article


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    index = tmp_path_factory.mktemp("cli") / "index"
    result = run("reindex", SAMPLE_DIR, "--index", index)
    assert result.returncode == 0, result.stderr
    assert "added" in result.stdout and "errors 0" in result.stdout
    return index


def test_search_prints_ranked_highlighted_results(sample):
    result = run(
        "search", '"salt-mining town"', "--from", "2023-01", "--to", "2023-01", "--index", sample
    )
    assert result.returncode == 0, result.stderr
    assert "1 articles" in result.stdout and SEED_ID in result.stdout
    assert "salt-mining town" in result.stdout


def test_search_outside_the_range_finds_nothing(sample):
    result = run("search", '"salt-mining town"', "--from", "2023-02", "--index", sample)
    assert result.returncode == 0 and "No articles found" in result.stdout


def test_json_output_has_ids_dates_scores_and_safe_highlights(sample):
    result = run("search", "bakhmut", "--json", "--index", sample)
    payload = json.loads(result.stdout)
    assert payload["total"] == 1
    hit = payload["results"][0]
    assert hit["id"] == SEED_ID and hit["date"] == "2023-01-13" and hit["score"] > 0
    assert any("<mark>Bakhmut</mark>" in h for h in hit["highlights"])


def test_sort_limit_and_page(sample):
    first = json.loads(
        run("search", "said", "--sort", "date", "--limit", "3", "--json", "--index", sample).stdout
    )
    second = json.loads(
        run(
            "search",
            "said",
            "--sort",
            "date",
            "--limit",
            "3",
            "--page",
            "2",
            "--json",
            "--index",
            sample,
        ).stdout
    )
    dates = [r["date"] for r in first["results"] + second["results"]]
    assert dates == sorted(dates, reverse=True) and len(dates) == 6


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("search", '"open phrase'), "quotation mark"),
        (("search", "oil", "--from", "2023-02", "--to", "2023-01"), "reversed"),
        (("search", "oil", "--from", "whenever"), "cannot understand"),
    ],
)
def test_bad_queries_and_dates_give_a_message_not_a_traceback(sample, args, message):
    result = run(*args, "--index", sample)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_missing_index_is_explained(tmp_path):
    result = run("search", "oil", "--index", tmp_path / "nowhere")
    assert result.returncode == 1 and "dateline reindex" in result.stderr


def test_index_location_from_the_environment(sample, tmp_path):
    result = run("stats", env={"DATELINE_INDEX": str(sample)}, cwd=tmp_path)
    assert result.returncode == 0 and "2023-01-13" in result.stdout


def test_stats_json(sample):
    stats = json.loads(run("stats", "--json", "--index", sample).stdout)
    assert stats["articles"] > 30 and stats["last_date"] == "2023-01-13"


def test_exit_codes_say_whether_articles_were_skipped(tmp_path):
    good = write_seed_article(tmp_path / "ok" / "a.txt", "2023-01-01", "Fine story.")
    assert run("reindex", good.parent, "--index", tmp_path / "i1").returncode == 0
    mixed = tmp_path / "mixed"
    write_seed_article(mixed / "a.txt", "2023-01-01", "Fine story.")
    write_jsonl(mixed / "b.jsonl", [{"id": "nobody", "date": "2023-01-01", "title": "x"}])
    result = run("reindex", mixed, "--index", tmp_path / "i2")
    assert result.returncode == 1
    assert "b.jsonl:1" in result.stderr and "body" in result.stderr
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "c.jsonl").write_bytes(b"\xff\xfe\x00junk\x00\x00")
    assert run("reindex", broken, "--index", tmp_path / "i3").returncode == 2


def test_second_run_reports_everything_unchanged(tmp_path):
    folder = tmp_path / "a"
    write_seed_article(folder / "a.txt", "2023-01-01", "Fine story.")
    run("reindex", folder, "--index", tmp_path / "ix")
    result = run("reindex", "--index", tmp_path / "ix")
    assert "added 0, updated 0, deleted 0, unchanged 1" in result.stdout
