"""The engine of this tree against an earlier commit's, on the same index, in the same run.

    python bench/engine_ab.py --index /tmp/ix10 --before HEAD~1 [--rounds 3]

The earlier commit is checked out into a temporary git worktree. In each round, each side asks
the query mix of bench/queries.py (top 10 with highlights, as bench/scale.py does) in a fresh
process of its own, each query once, the two sides alternating so that the machine's load falls
on both alike. Per query, the median over the rounds of its CPU time (the process's, which the
machine's other work disturbs less than the wall clock) and of its wall time; then the p50 and
p95 of those medians, the ratio of this tree's over the earlier commit's, and each side's
slowest queries. The index must be one both sides can read. Run by hand; never in the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.compare import percentile  # noqa: E402

CHILD = r"""
import json, sys, time
from pathlib import Path
from bench.engines.dateline import Dateline
from bench.queries import build_mix

specs = build_mix(Path(sys.argv[2]))
engine = Dateline()
engine.open(Path(sys.argv[1]))
engine.query({"dateline": "oil"})  # opening the index is not a query's cost
out = []
for spec in specs:
    cpu, wall = time.process_time(), time.perf_counter()
    engine.query(spec)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    out.append([spec["kind"] + ":" + spec["dateline"], cpu * 1000, wall * 1000])
print(json.dumps(out))
"""


def one_pass(tree: Path, index: Path, corpus: Path) -> list[list]:
    """[query, CPU ms, wall ms] for each query of the mix, asked by `tree`'s code."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(index), str(corpus)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def per_query_medians(passes: list[list[list]]) -> dict[str, tuple[float, float]]:
    return {
        query: (
            statistics.median(p[n][1] for p in passes),
            statistics.median(p[n][2] for p in passes),
        )
        for n, (query, _, _) in enumerate(passes[0])
    }


def summary(medians: dict[str, tuple[float, float]]) -> dict[str, float]:
    cpu = [c for c, _ in medians.values()]
    wall = [w for _, w in medians.values()]
    return {
        "cpu_p50": percentile(cpu, 50),
        "cpu_p95": percentile(cpu, 95),
        "wall_p50": percentile(wall, 50),
        "wall_p95": percentile(wall, 95),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--before", required=True, help="the commit to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared/corpus/reuters21578.jsonl"
    )
    args = parser.parse_args()
    index, corpus = args.index.resolve(), args.corpus.resolve()
    with tempfile.TemporaryDirectory(prefix="dateline-ab-") as tmp:
        before = Path(tmp) / "before"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(before), args.before],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        try:
            sides = {"before": before, "now": ROOT}
            passes: dict[str, list] = {side: [] for side in sides}
            for n in range(args.rounds):
                for side, tree in sides.items():
                    passes[side].append(one_pass(tree, index, corpus))
                    cpu = [q[1] for q in passes[side][-1]]
                    print(f"round {n + 1} {side:6s} CPU p95 {percentile(cpu, 95):6.2f} ms")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(before)], cwd=ROOT)
    report({side: per_query_medians(p) for side, p in passes.items()}, args.before)


def report(medians: dict[str, dict], before: str) -> None:
    figures = {side: summary(m) for side, m in medians.items()}
    print(
        f"\n{'ms, per-query medians':24s} {'CPU p50':>8s} {'CPU p95':>8s} {'wall p50':>9s}", end=""
    )
    print(f" {'wall p95':>9s}")
    for side, f in figures.items():
        name = f"before ({before})" if side == "before" else "now"
        print(f"{name:24s} {f['cpu_p50']:8.2f} {f['cpu_p95']:8.2f} {f['wall_p50']:9.2f}", end="")
        print(f" {f['wall_p95']:9.2f}")
    ratios = {k: figures["now"][k] / figures["before"][k] for k in figures["now"]}
    print("now / before: " + ", ".join(f"{k} {v:.3f}" for k, v in ratios.items()))
    for side, m in medians.items():
        slowest = sorted(m, key=lambda q: -m[q][0])[:10]
        print(f"slowest by CPU, {side}: " + "; ".join(f"{q} {m[q][0]:.1f}" for q in slowest))


if __name__ == "__main__":
    main()
