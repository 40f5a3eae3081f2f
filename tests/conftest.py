"""Shared fixtures, in the manner of Flask's tutorial: real indexes built on disk in temporary
directories, the Flask app and its test client over one, and the `dateline` command run for
real as a subprocess."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from search.bundled import SAMPLE_DIR
from search.engine.searcher import Snapshot
from search.index import Index
from webui import create_app

DATELINE = shutil.which("dateline", path=str(Path(sys.executable).parent)) or "dateline"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEED = SAMPLE_DIR / "soledar.txt"
SEED_ID = "soledar"


def write_seed_article(path: Path, day: str, body: str) -> Path:
    """An article in the seed text format: ` date <day> <first words>`, then the body."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f" date {day} {body}", encoding="utf-8")
    return path


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def indexed(folder: Path, records: list[dict]) -> Index:
    """`records` as a JSON Lines archive in `folder`, indexed into `folder / "index"`; every
    record must index cleanly."""
    index = Index(folder / "index")
    report = index.reindex([write_jsonl(folder / "wire" / "wire.jsonl", records)])
    assert report.exit_code == 0, [str(p) for p in report.problems]
    return index


def run(*args: str, env: dict | None = None, cwd: Path | None = None):
    """`dateline ARGS...` in a subprocess, as a user runs it."""
    return subprocess.run(
        [DATELINE, *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def archive(tmp_path) -> Path:
    """A folder of three articles in the seed format, which a test may change."""
    folder = tmp_path / "articles"
    for n, word in enumerate(["copper", "nickel", "zinc"]):
        write_seed_article(folder / f"{word}.txt", f"2023-01-0{n + 1}", f"Prices of {word} rose.")
    return folder


@pytest.fixture
def archive_index(tmp_path, archive) -> Index:
    """`archive` indexed into a fresh index of the test's own."""
    index = Index(tmp_path / "index")
    report = index.reindex([archive])
    assert report.exit_code == 0, [str(p) for p in report.problems]
    return index


@pytest.fixture
def app(sample_index):
    """The Flask app over the shared sample index."""
    return create_app(index=sample_index)


@pytest.fixture
def client(app):
    return app.test_client()


def engine_searcher(index: Index):
    """The published generation's article searcher, for tests that check the engine against
    Whoosh itself (the facade hands out no Whoosh objects)."""
    return Snapshot(index.store.current()).articles


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory) -> Index:
    """The bundled sample archive, indexed once per test session. Do not modify it."""
    index = Index(tmp_path_factory.mktemp("sample") / "index")
    report = index.reindex([SAMPLE_DIR])
    assert report.exit_code == 0, [str(p) for p in report.problems]
    return index


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(index_dir: Path) -> Iterator[str]:
    """`dateline serve` on a free port, stopped (and reaped) however the test ends."""
    port = free_port()
    proc = subprocess.Popen(
        [DATELINE, "serve", "--index", str(index_dir), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/api/search?q=oil", timeout=2) as response:
                json.load(response)
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("dateline serve did not start")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright, once for the whole run."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run tests/prepare.sh (README's test command does)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh desktop-sized page; `page.dialogs` collects any dialog a script opened."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()
