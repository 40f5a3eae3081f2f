"""What finding quotations and their speakers costs a full build, against a baseline measured in
the same run: the same code with the quotation extraction of an earlier commit swapped in
(`--before`, default the commit before attribution's sieves), and with none at all.

    python bench/build_cost.py --corpus ../shared/corpus/reuters21578.jsonl --rounds 7

Each build is `Index.reindex(full=True)` in a child process of its own, the three kinds
alternating round by round so that the machine's load falls on each alike; wall and CPU
seconds (the child's and its workers') are reported as medians and means, and the current
rules' cost as a ratio over each baseline.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# 94cb657 brought attribution as sieves; its parent extracted quotations with the first rules.
BEFORE = "072e679"

CHILD = """
import importlib.util, sys
from search import Index
from search.build import quote_pool
from search.quotes import Quote

kind, corpus, folder, old_module = sys.argv[1:5]
if kind == "none":
    quote_pool.extract_quotes = lambda body: []
elif kind == "before":
    spec = importlib.util.spec_from_file_location("extraction_before", old_module)
    old = importlib.util.module_from_spec(spec)
    sys.modules["extraction_before"] = old
    spec.loader.exec_module(old)
    # The earlier rules knew no kinds: a named speaker counts as a person.
    quote_pool.extract_quotes = lambda body: [
        Quote(q.text, q.speaker, q.start, q.end, "person" if q.speaker else None)
        for q in old.extract_quotes(body)
    ]
Index(folder).reindex([corpus], full=True)
"""

KINDS = ("now", "before", "none")


def old_extraction(commit: str, folder: Path) -> Path:
    """The earlier commit's quotation extraction, written out as a module of its own."""
    source = subprocess.run(
        ["git", "show", f"{commit}:search/quotes/extraction.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    path = folder / "extraction_before.py"
    path.write_text(source, encoding="utf-8")
    return path


def build(kind: str, corpus: Path, work: Path, old_module: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the build and every process it started)."""
    folder = work / f"index-{kind}"
    shutil.rmtree(folder, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(corpus), str(folder), str(old_module)],
        cwd=ROOT,
        check=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    shutil.rmtree(folder, ignore_errors=True)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--before", default=BEFORE, help="commit whose extraction is the baseline")
    args = parser.parse_args()
    runs: dict[str, list[tuple[float, float]]] = {kind: [] for kind in KINDS}
    with tempfile.TemporaryDirectory(prefix="dateline-build-cost-") as tmp:
        work = Path(tmp)
        old_module = old_extraction(args.before, work)
        for n in range(args.rounds):
            for kind in KINDS:
                runs[kind].append(build(kind, args.corpus, work, old_module))
                wall, cpu = runs[kind][-1]
                print(f"round {n + 1} {kind:7s} wall {wall:6.2f} s  cpu {cpu:6.2f} s", flush=True)
    report(runs, args)


def report(runs: dict[str, list[tuple[float, float]]], args: argparse.Namespace) -> None:
    figures = {}
    print(f"\n{'quotations':26s} {'wall median':>12s} {'wall mean':>10s} {'cpu median':>11s}")
    labels = {"now": "as now", "before": f"rules of {args.before}", "none": "none extracted"}
    for kind in KINDS:
        walls = [w for w, _ in runs[kind]]
        cpus = [c for _, c in runs[kind]]
        figures[kind] = {
            "wall_median": statistics.median(walls),
            "wall_mean": statistics.mean(walls),
            "cpu_median": statistics.median(cpus),
            "walls": walls,
            "cpus": cpus,
        }
        f = figures[kind]
        wall = f"{f['wall_median']:12.2f} {f['wall_mean']:10.2f}"
        print(f"{labels[kind]:26s} {wall} {f['cpu_median']:11.2f}")
    now = figures["now"]
    for kind in ("before", "none"):
        base = figures[kind]
        print(
            f"as now / {labels[kind]}: wall median {now['wall_median'] / base['wall_median']:.3f}, "
            f"mean {now['wall_mean'] / base['wall_mean']:.3f}, "
            f"cpu median {now['cpu_median'] / base['cpu_median']:.3f}"
        )
    out = ROOT / "bench" / "results" / f"build-cost-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"corpus": str(args.corpus), "before": args.before, **figures}))
    print(f"written {out}")


if __name__ == "__main__":
    main()
