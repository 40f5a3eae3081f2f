"""Shared fixtures: real Whoosh indexes built on disk in temporary directories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.bundled import SAMPLE_DIR
from search.index import Index

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


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory) -> Index:
    """The bundled sample archive, indexed once per test session. Do not modify it."""
    index = Index(tmp_path_factory.mktemp("sample") / "index")
    report = index.reindex([SAMPLE_DIR])
    assert report.exit_code == 0, [str(p) for p in report.problems]
    return index
