"""Nothing lost, nothing half-built: crashes, concurrent writers, hostile input and queries."""

from __future__ import annotations

import errno
import json
import os
import signal
import string
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh.analysis import STOP_WORDS

from search.bundled import SAMPLE_DIR
from search.engine import term_writer as bulkwrite
from search.engine.parser import QueryError
from search.errors import DiskFull
from search.index import Index
from search.ingest.dates import DateError
from tests.conftest import DATELINE, run, serving, write_jsonl

PROBES = ("oil", "wheat", '"salt-mining town"', "said")
COPIES = 100


def answers(index: Index) -> dict[str, list[str]]:
    return {q: [h.id for h in index.search(q, page_size=20).hits] for q in PROBES}


@pytest.fixture(scope="module")
def big_archive(tmp_path_factory) -> Path:
    """The sample excerpt repeated with fresh ids, so a full reindex takes a few seconds (and
    is large enough to be split over writer processes)."""
    folder = tmp_path_factory.mktemp("big")
    lines = (SAMPLE_DIR / "reuters-excerpt.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    copies = [{**r, "id": f"{r['id']}-c{n}"} for n in range(COPIES) for r in rows]
    write_jsonl(folder / "big.jsonl", copies)
    return folder


def start_reindex(archive: Path, index_dir: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [DATELINE, "reindex", str(archive), "--index", str(index_dir), "--full", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_lock(index_dir: Path, proc: subprocess.Popen) -> None:
    lock = index_dir / "reindex.lock"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if lock.exists() and lock.read_text().strip() == str(proc.pid):
            return
        time.sleep(0.01)
    raise AssertionError("the reindex never took its lock")


def test_a_reindex_failing_while_writing_reports_why_and_keeps_the_old_index(tmp_path, monkeypatch):
    index = Index(tmp_path / "index")
    index.reindex([SAMPLE_DIR])
    before = answers(index)

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(bulkwrite._TermWriter, "write", disk_full)
    with pytest.raises(DiskFull, match="No space left.*was removed.*still published"):
        index.reindex([SAMPLE_DIR], full=True, procs=1)
    assert answers(Index(tmp_path / "index")) == before
    assert [p.name for p in (tmp_path / "index").iterdir() if p.name.startswith("gen")] == [
        index.store.current().name
    ]


def _new_generation(index_dir: Path, published: str) -> Path | None:
    found = [p for p in index_dir.glob("gen-*") if p.is_dir() and p.name != published]
    return found[0] if found else None


def _children(pid: int) -> list[int]:
    """The processes a build started (its writers, its quotation worker); Linux only."""
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _all_gone(pids: list[int], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not [pid for pid in pids if Path(f"/proc/{pid}").exists()]:
            return True
        time.sleep(0.05)
    return False


# Moments of a full build to kill it at, each recognised on disk (not guessed from a clock).
KILL_AT = {
    "lock taken": lambda gen, started: True,
    "generation created": lambda gen, started: gen is not None,
    "half-way": lambda gen, started: gen is not None and time.monotonic() - started > 1.5,
    "segment written": lambda gen, started: gen is not None and any(gen.glob("*.seg")),
}


@pytest.mark.parametrize("moment", list(KILL_AT))
def test_kill_9_during_reindex_leaves_the_old_index_answering(big_archive, tmp_path, moment):
    index_dir = tmp_path / "index"
    assert run("reindex", SAMPLE_DIR, "--index", index_dir).returncode == 0
    published = Index(index_dir).store.current().name
    before = answers(Index(index_dir))
    proc = start_reindex(big_archive, index_dir)
    wait_for_lock(index_dir, proc)
    started = time.monotonic()
    while not KILL_AT[moment](_new_generation(index_dir, published), started):
        assert proc.poll() is None, f"the reindex ended before the {moment!r} kill"
        time.sleep(0.005)
    assert proc.poll() is None, f"the reindex ended before the {moment!r} kill"
    helpers = _children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    assert _all_gone(helpers), "the reindex's helper processes outlived it"
    after_crash = Index(index_dir)
    assert after_crash.store.current().name == published
    assert answers(after_crash) == before
    rerun = run("reindex", big_archive, "--index", index_dir, "--full")
    assert rerun.returncode == 0, rerun.stderr
    assert Index(index_dir).stats().articles == COPIES * 39


def test_a_second_reindex_is_refused_while_one_runs(big_archive, tmp_path):
    index_dir = tmp_path / "index"
    first = start_reindex(big_archive, index_dir)
    try:
        wait_for_lock(index_dir, first)
        second = run("reindex", SAMPLE_DIR, "--index", index_dir)
        assert second.returncode == 1
        assert "another reindex" in second.stderr and str(first.pid) in second.stderr
    finally:
        first.communicate(timeout=120)
    assert first.returncode == 0
    waited = run("reindex", SAMPLE_DIR, "--index", index_dir, "--wait", "60")
    assert waited.returncode == 0


WORD = st.text(alphabet=string.ascii_lowercase, min_size=4, max_size=10).filter(
    lambda w: w not in STOP_WORDS
)
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"),
    max_size=300,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(word=WORD, before=TEXT, after=TEXT, title=TEXT, day=st.dates())
def test_any_article_comes_back_by_a_word_it_contains(
    tmp_path_factory, word, before, after, title, day
):
    folder = tmp_path_factory.mktemp("prop")
    body = f"{before} {word} {after}"
    record = {"id": "a/b c", "date": day.isoformat(), "title": title, "body": body}
    write_jsonl(folder / "one.jsonl", [record])
    index = Index(folder / "index")
    report = index.reindex([folder])
    assert report.read == 1 and report.skipped == 0
    ids = [h.id for h in index.search(f"body:{word}").hits]
    assert ids == ["a/b_c"]


QUERY = st.lists(
    st.sampled_from([*'abcoilwheat "()*?:-+^~\\', "AND", "OR", "NOT", "title:", "speaker:"]),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(query=QUERY, date_from=st.sampled_from(["", "1987", "Mar 1987", "junk", "2023-13-45"]))
def test_fuzzed_queries_never_raise_anything_but_a_helpful_error(sample_index, query, date_from):
    try:
        page = sample_index.search(query, date_from=date_from or None)
    except (QueryError, DateError) as exc:
        assert str(exc)
    else:
        assert page.total >= len(page.hits)


@pytest.mark.parametrize(
    "query",
    [
        " ".join(f"w{n}" for n in range(3000)),
        "(" * 500 + "oil" + ")" * 500,
        "s*",
        "oil " * 400,
    ],
)
def test_pathological_queries_are_refused_quickly(sample_index, query):
    with pytest.raises(QueryError):
        sample_index.search(query)


def test_huge_page_numbers_are_refused(sample_index):
    with pytest.raises(QueryError, match="page"):
        sample_index.search("oil", page=10**9)


def _version(folder: Path, tag: str, count: int = 30) -> None:
    rows = [
        {
            "id": f"story-{n}",
            "date": "2023-05-01",
            "title": f"{tag}-{n}",
            "body": f"Zebra {tag} {n}.",
        }
        for n in range(count)
    ]
    write_jsonl(folder / "stories.jsonl", rows)


def test_queries_during_a_reindex_see_the_old_or_the_new_index_never_a_mix(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    archive = tmp_path / "archive"
    _version(archive, "old")
    index_dir = tmp_path / "index"
    Index(index_dir).reindex([archive])

    def ask(base: str) -> tuple[float, int, set[str], int]:
        url = base + "/api/search?q=zebra&page_size=100"
        with urllib.request.urlopen(url, timeout=30) as response:
            payload = json.load(response)
            tags = {hit["title"].split("-")[0] for hit in payload["results"]}
            return time.monotonic(), response.status, tags, payload["total"]

    with serving(index_dir) as base, ThreadPoolExecutor(max_workers=4) as pool:
        _version(archive, "new")
        reindex = subprocess.Popen(
            [DATELINE, "reindex", str(archive), "--index", str(index_dir)],
            stdout=subprocess.PIPE,
            text=True,
        )
        pending = []
        while reindex.poll() is None:
            pending.append(pool.submit(ask, base))
            time.sleep(0.002)
        finished = time.monotonic()
        summary, _ = reindex.communicate()
        pending += [pool.submit(ask, base) for _ in range(20)]
        answers = [f.result() for f in pending]
    assert reindex.returncode == 0 and "updated 30" in summary
    assert all(status == 200 for _, status, _, _ in answers)
    assert all(tags in ({"old"}, {"new"}) and total == 30 for _, _, tags, total in answers)
    # The queries overlapped the reindex: some answered from the old index while it ran.
    assert any(at < finished and tags == {"old"} for at, _, tags, _ in answers)
    assert answers[-1][2] == {"new"}


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=QUERY, page=st.sampled_from(["1", "0", "-3", "x", "99999999999999999999"]))
def test_fuzzed_queries_through_the_json_api_never_500(client, query, page):
    response = client.get("/api/search", query_string={"q": query, "page": page})
    assert response.status_code in (200, 400)
    assert response.is_json and ("error" in response.get_json()) == (response.status_code == 400)


@pytest.mark.parametrize(
    "query", ["(((", '"', "title:", "speaker:", "*", "a" * 5000, "oil AND", "NOT", "\\"]
)
def test_hostile_queries_through_the_cli_give_a_message_not_a_traceback(sample_index, query):
    result = run("search", query, "--index", sample_index.path)
    assert result.returncode in (0, 2)
    assert "Traceback" not in result.stderr


def test_a_parallel_build_finds_the_quotations_and_speakers_a_serial_one_does(
    big_archive, tmp_path
):
    """A large build extracts quotations in a worker process; what it finds must not depend on
    that."""
    serial, parallel = Index(tmp_path / "serial"), Index(tmp_path / "parallel")
    serial.reindex([big_archive], full=True, procs=1)
    parallel.reindex([big_archive], full=True, procs=2)

    def quoted(index: Index, query: str) -> list[tuple]:
        page = index.quotes(query, page_size=50)
        return sorted((h.article_id, h.text, h.speaker) for h in page.hits)

    for query in ["oil", "stocks", "stability", "market"]:
        assert quoted(parallel, query) == quoted(serial, query)
        assert quoted(serial, query)  # the archive quotes somebody on each
    assert parallel.facets(None, size=20) == serial.facets(None, size=20)
    assert parallel.stats().articles == serial.stats().articles == COPIES * 39
