"""The layout's promises: only the engine touches Whoosh, the shells use only the facade, and
using Dateline leaves Whoosh exactly as other code in the same process expects it."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

from search import Index
from tests.conftest import write_jsonl

ROOT = Path(__file__).resolve().parent.parent
LEGACY = Path(__file__).parent / "data" / "legacy"

# Run in a fresh interpreter: this test process has imported Dateline already.
UNCHANGED_SCRIPT = r"""
import importlib, inspect, json, pkgutil, sys, tempfile
import whoosh

for info in pkgutil.walk_packages(whoosh.__path__, "whoosh."):
    try:
        importlib.import_module(info.name)
    except Exception:
        pass

def snapshot():
    out = {}
    for name, module in sorted(sys.modules.items()):
        if not (name == "whoosh" or name.startswith("whoosh.")) or module is None:
            continue
        for attr, value in vars(module).items():
            out[f"{name}.{attr}"] = value
            if inspect.isclass(value) and value.__module__ == name:
                for member, inner in vars(value).items():
                    # pickle caches a class's slot names on it: pickle's doing, not a patch
                    if member != "__slotnames__":
                        out[f"{name}.{attr}.{member}"] = inner
    return out

before = snapshot()
from search import Index
folder = tempfile.mkdtemp()
index = Index(folder + "/index")
index.reindex([sys.argv[1]], procs=2)
index.search("oil OR wheat")
index.quotes("said")
index.facets("oil")
index.article(index.search("oil").hits[0].id, query="oil")
after = snapshot()
changed = sorted(k for k in before if k in after and after[k] is not before[k])
added = sorted(set(after) - set(before))
print(json.dumps({"changed": changed, "added": added}))
"""


def test_using_dateline_leaves_whoosh_unchanged(tmp_path):
    from search.bundled import SAMPLE_DIR

    done = subprocess.run(
        [sys.executable, "-c", UNCHANGED_SCRIPT, str(SAMPLE_DIR)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report == {"changed": [], "added": []}


def _python_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def test_only_the_engine_mentions_whoosh():
    outside = [
        p.relative_to(ROOT).as_posix()
        for p in _python_files(ROOT / "search")
        if "whoosh" in p.read_text(encoding="utf-8") and "engine" not in p.parts
    ]
    assert outside == []


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_shells_import_only_the_facade():
    shells = [ROOT / "search" / "cli.py", *_python_files(ROOT / "webui")]
    reaching = {
        path.relative_to(ROOT).as_posix(): sorted(
            m for m in _imported_modules(path) if m.startswith("search.") and m != "search.errors"
        )
        for path in shells
    }
    assert {k: v for k, v in reaching.items() if v} == {}


def test_an_index_written_before_the_engine_moved_still_answers(tmp_path):
    """tests/data/legacy/index-v1 was built by the release before the move (format 1), whose
    pickles name search.analysis and search.blockformat."""
    copy = tmp_path / "index"
    shutil.copytree(LEGACY / "index-v1", copy)
    index = Index(copy)
    expected = json.loads((LEGACY / "answers-v1.json").read_text(encoding="utf-8"))
    for query, answer in expected.items():
        if query.startswith("quotes:"):
            page = index.quotes(query.split(":", 1)[1], page_size=20)
            got = [[h.article_id, h.speaker] for h in page.hits]
        else:
            page = index.search(query, page_size=20)
            got = [[h.id, h.score] for h in page.hits]
        assert {"total": page.total, "hits": got} == answer, query


def test_an_index_written_before_the_move_is_rebuilt_in_full_on_reindex(tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(LEGACY / "index-v1", copy)
    messages: list[str] = []
    report = Index(copy).reindex([LEGACY / "articles.jsonl"], on_message=messages.append)
    assert report.added == 70 and report.unchanged == 0
    assert any("older Dateline" in m for m in messages)
    assert Index(copy).search("market").total == 70
    again = Index(copy).reindex([LEGACY / "articles.jsonl"])
    assert again.unchanged == 70 and again.added == 0


def test_a_new_article_lands_in_a_legacy_index_only_after_the_rebuild(tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(LEGACY / "index-v1", copy)
    extra = write_jsonl(
        tmp_path / "extra.jsonl",
        [{"id": "fresh", "date": "2024-01-02", "title": "Zanzibar", "body": "Cloves rally."}],
    )
    Index(copy).reindex([LEGACY / "articles.jsonl", extra])
    assert [h.id for h in Index(copy).search("cloves").hits] == ["fresh"]
