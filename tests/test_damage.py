"""Fault injection: a damaged index is detected, explained and recovered from, never a traceback.

Each test damages a copy of a real index of two generations (the sample archive, then the same
with a few more articles), then asks the CLI, the API and `dateline check`.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from search.build import integrity
from search.bundled import SAMPLE_DIR
from search.engine import scorer
from search.errors import IndexDamaged
from search.index import Index
from tests.conftest import DATELINE, serving, write_jsonl
from tests.test_cli import run

PROBES = ("oil", "wheat", '"salt-mining town"', "said", "zebra")
EXTRA = [
    {"id": f"extra-{n}", "date": f"2023-02-0{n + 1}", "title": f"Zebra oil {n}", "body": b}
    for n, b in enumerate(["Zebra oil prices rose, traders said.", "Oil and wheat fell."])
]


def answers(index: Index) -> dict[str, list[str]]:
    return {q: [h.id for h in index.search(q, page_size=20).hits] for q in PROBES}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict]:
    """An index whose previous generation (the sample) answers otherwise than its published
    one (the sample and two more articles); and the previous one's answers."""
    root = tmp_path_factory.mktemp("damage")
    archive = root / "archive"
    shutil.copytree(SAMPLE_DIR, archive)
    index = Index(root / "index")
    index.reindex([archive])
    previous = answers(index)
    write_jsonl(archive / "extra.jsonl", EXTRA)
    index.reindex([archive])
    assert answers(index) != previous
    return root / "index", previous


@pytest.fixture
def index_dir(built, tmp_path) -> Path:
    copy = tmp_path / "index"
    shutil.copytree(built[0], copy)
    return copy


def published(index_dir: Path) -> Path:
    return Index(index_dir).store.current()


def largest_segment(index_dir: Path) -> Path:
    return max(published(index_dir).glob("*.seg"), key=lambda p: p.stat().st_size)


def flip(path: Path, at: float, count: int = 64) -> None:
    data = bytearray(path.read_bytes())
    start = min(int(len(data) * at), len(data) - 1)
    for n in range(start, min(start + count, len(data))):
        data[n] ^= 0xFF
    path.write_bytes(bytes(data))


def flip_middle(index_dir: Path) -> str:
    seg = largest_segment(index_dir)
    flip(seg, 0.5, 4096)
    return seg.name


def truncate(index_dir: Path) -> str:
    seg = largest_segment(index_dir)
    with open(seg, "r+b") as fh:
        fh.truncate(seg.stat().st_size // 2)
    return seg.name


def delete_segment(index_dir: Path) -> str:
    seg = largest_segment(index_dir)
    seg.unlink()
    return seg.name


def delete_toc(index_dir: Path) -> str:
    toc = next(published(index_dir).glob("_MAIN_*.toc"))
    toc.unlink()
    return toc.name


def unreadable(index_dir: Path) -> str:
    # chmod cannot stop root from reading; a directory in a file's place cannot be read by anyone.
    seg = largest_segment(index_dir)
    seg.unlink()
    seg.mkdir()
    return seg.name


def damage_manifest(index_dir: Path) -> str:
    flip(published(index_dir) / "manifest.json", 0.3, 8)
    return "manifest.json"


def damage_checksums(index_dir: Path) -> str:
    flip(published(index_dir) / "checksums.json", 0.5, 4)
    return "checksums.json"


FAULTS: dict[str, Callable[[Path], str]] = {
    "bytes flipped mid-segment": flip_middle,
    "segment truncated": truncate,
    "segment deleted": delete_segment,
    "table of contents deleted": delete_toc,
    "segment unreadable": unreadable,
    "manifest damaged": damage_manifest,
    "checksums damaged": damage_checksums,
}


def assert_clean_error(result: subprocess.CompletedProcess, code: int, *words: str) -> None:
    assert result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stdout + result.stderr


@pytest.mark.parametrize("fault", FAULTS)
def test_each_fault_is_named_then_repaired_to_the_previous_generation(index_dir, built, fault):
    name = FAULTS[fault](index_dir)
    assert_clean_error(run("search", "oil", "--index", index_dir), 2, name, "--repair")
    assert_clean_error(run("stats", "--index", index_dir), 2, name)

    from webui import create_app

    client = create_app(index_dir).test_client()
    api = client.get("/api/search", query_string={"q": "oil"})
    assert api.status_code == 503 and name in api.get_json()["error"]
    page = client.get("/search", query_string={"q": "oil"})
    assert page.status_code == 503 and name.encode() in page.data

    assert_clean_error(run("check", "--index", index_dir), 1, name, "DAMAGED")
    assert_clean_error(run("check", "--repair", "--index", index_dir), 0, "now serving")
    assert answers(Index(index_dir)) == built[1]
    assert run("check", "--index", index_dir).returncode == 0


def test_check_finds_a_byte_flipped_anywhere_in_any_file(index_dir, tmp_path):
    generation = published(index_dir)
    pristine = tmp_path / "pristine"
    shutil.copytree(generation, pristine)
    files = sorted(p.name for p in pristine.iterdir() if p.stat().st_size)
    assert any(f.endswith(".seg") for f in files) and "checksums.json" in files
    for name in files:
        for at in (0.0, 0.37, 0.5, 0.81, 1.0):
            flip(generation / name, at, 1)
            report = Index(index_dir).check()
            assert not report.healthy and name in " ".join(report.damage), (name, at)
            shutil.copy2(pristine / name, generation / name)
    assert Index(index_dir).check().healthy


def test_check_reports_a_healthy_index(index_dir):
    result = run("check", "--index", index_dir)
    assert result.returncode == 0 and "healthy, 42 articles" in result.stdout


# Whoosh leaves the table of contents open when unpickling it fails; Python closes it later.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_read_that_fails_is_explained_when_the_files_are_too_large_to_check_on_open(
    index_dir, monkeypatch
):
    monkeypatch.setattr(integrity, "FULL_CHECK_BYTES", 0)
    toc = next(published(index_dir).glob("_MAIN_*.toc"))
    flip(toc, 0.5, 16)
    with pytest.raises(IndexDamaged, match=toc.name):
        Index(index_dir).search("oil")


def test_a_fault_in_dateline_on_a_healthy_index_is_not_called_damage(index_dir, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("a bug, not damage")

    monkeypatch.setattr(scorer, "rank", broken)
    with pytest.raises(KeyError, match="a bug"):
        Index(index_dir).search("oil")


def test_an_index_from_a_newer_dateline_is_refused_with_a_message(index_dir):
    path = published(index_dir) / "checksums.json"
    recorded = json.loads(path.read_text())
    path.write_text(json.dumps({**recorded, "format": 99}))
    assert_clean_error(run("search", "oil", "--index", index_dir), 2, "newer Dateline")
    assert_clean_error(run("reindex", "--index", index_dir), 2, "newer Dateline")


def test_reindex_after_damage_rebuilds_in_full_and_keeps_the_good_generation(index_dir, built):
    old = published(index_dir)
    flip_middle(index_dir)
    result = run("reindex", "--index", index_dir)
    assert_clean_error(result, 0, "damaged", "rebuilding it in full")
    assert not old.exists(), "a damaged generation is not kept to fall back to"
    assert run("check", "--index", index_dir).returncode == 0
    assert len(Index(index_dir).store.generations()) == 2
    assert run("reindex", "--full", "--index", index_dir).returncode == 0


def test_the_server_falls_back_to_the_previous_generation_at_start_up(index_dir, built):
    flip_middle(index_dir)
    with serving(index_dir) as base:
        for query in PROBES:
            url = f"{base}/api/search?" + urllib.parse.urlencode({"q": query, "page_size": 20})
            with urllib.request.urlopen(url, timeout=30) as response:
                ids = [hit["id"] for hit in json.load(response)["results"]]
            assert ids == built[1][query]


def _limit_file_size(limit: int) -> Callable[[], None]:
    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limited


def test_disk_full_mid_reindex_stops_cleanly_and_keeps_the_published_index(index_dir):
    before = answers(Index(index_dir))
    generations = Index(index_dir).store.generations()
    largest = largest_segment(index_dir).stat().st_size
    result = subprocess.run(
        [DATELINE, "reindex", "--full", "--index", str(index_dir)],
        capture_output=True,
        text=True,
        preexec_fn=_limit_file_size(largest // 2),
        env={**os.environ},
        timeout=120,
    )
    assert_clean_error(result, 1, "no space left", "was removed", "still published")
    assert Index(index_dir).store.generations() == generations
    assert answers(Index(index_dir)) == before
    assert run("check", "--index", index_dir).returncode == 0
