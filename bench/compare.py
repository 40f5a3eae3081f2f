"""Dateline side by side with naive Whoosh, SQLite FTS5 and tantivy, measured in one run.

    python bench/compare.py --corpus ../shared/corpus/reuters21578.jsonl [--scale 1,2,5]

Prints one table per scale and the ratios Dateline/baseline, and writes the same as JSON under
bench/results/. Run by hand; never part of the test suite. Absolute times depend on the machine;
only ratios measured in the same run mean anything.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.engines.base import records  # noqa: E402

ENGINES = {
    "dateline": ("bench.engines.dateline", "Dateline"),
    "naive-whoosh": ("bench.engines.naive_whoosh", "NaiveWhoosh"),
    "sqlite-fts5": ("bench.engines.fts5", "Fts5"),
    "tantivy": ("bench.engines.tantivy_engine", "Tantivy"),
}
RESULTS = Path(__file__).parent / "results"
_MARK = re.compile(r"<mark>|<b>", re.I)


def engine(name: str):
    module, cls = ENGINES[name]
    return getattr(__import__(module, fromlist=[cls]), cls)()


def timed_child(args: list[str]) -> tuple[float, float]:
    """Run a build step in a child process: (seconds, peak RSS in MB of that child)."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, *args], cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"child {args} failed with {proc.returncode}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def scaled_corpus(corpus: Path, scale: int, folder: Path) -> Path:
    """The corpus `scale` times: each copy with fresh ids and its dates `k` years later, so
    that it is an archive of more years, not each story re-sent `scale` times (near-duplicate
    grouping joins copies dated within days of each other into one result)."""
    if scale == 1:
        return corpus
    target = folder / f"corpus-x{scale}.jsonl"
    with target.open("w", encoding="utf-8") as out:
        for k in range(scale):
            for r in records(corpus):
                copy = {**r, "id": f"{r['id']}-s{k}", "date": _years_later(r.get("date"), k)}
                out.write(json.dumps(copy) + "\n")
    return target


def _years_later(value, years: int):
    if not isinstance(value, str) or not value[:4].isdigit() or not years:
        return value
    return f"{int(value[:4]) + years:04d}{value[4:]}"


def changed_copy(corpus: Path, folder: Path, every: int = 100) -> Path:
    target = folder / "changed.jsonl"
    with target.open("w", encoding="utf-8") as out:
        for n, r in enumerate(records(corpus)):
            if n % every == 0:
                r = {**r, "body": r["body"] + " Corrected."}
            out.write(json.dumps(r) + "\n")
    return target


def size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def latencies(eng, specs: list[dict]) -> tuple[list[float], list[list[tuple[str, list[str]]]]]:
    eng.query(specs[0])  # warm: the index opened, one query asked
    times, answers = [], []
    for spec in specs:
        started = time.perf_counter()
        answers.append(eng.query(spec))
        times.append((time.perf_counter() - started) * 1000)
    return times, answers


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def measure(name: str, corpus: Path, work: Path, specs: list[dict]) -> tuple[dict, list]:
    folder = work / name
    shutil.rmtree(folder, ignore_errors=True)
    articles = sum(1 for _ in records(corpus))
    # Dateline indexes a copy, so that 1% of it can then be edited in place.
    source = work / "live.jsonl" if name == "dateline" else corpus
    if name == "dateline":
        shutil.copy(corpus, source)
    seconds, rss = timed_child(["--child-build", name, str(source), str(folder)])
    row = {"articles": articles, "build_s": seconds, "build_per_s": articles / seconds}
    row.update(size_mb=size_mb(folder), peak_rss_mb=rss)
    if name == "dateline":
        row["noop_s"], _ = timed_child(["--child-reindex", name, str(source), str(folder)])
        shutil.copy(changed_copy(corpus, work), source)
        row["one_pct_s"], _ = timed_child(["--child-reindex", name, str(source), str(folder)])
    times, answers = query_in_child(name, folder, specs, work)
    row.update(p50_ms=percentile(times, 50), p95_ms=percentile(times, 95))
    return row, answers


def query_in_child(name: str, folder: Path, specs: list[dict], work: Path):
    """Each engine queried in its own process: Dateline's Whoosh adjustments stay out of naive
    Whoosh's figures."""
    asked, answered = work / "specs.json", work / f"{name}-answers.json"
    asked.write_text(json.dumps(specs))
    timed_child(["--child-query", name, str(asked), str(folder), str(answered)])
    result = json.loads(answered.read_text())
    answers = [[(i, passages) for i, passages in answer] for answer in result["answers"]]
    return result["times"], answers


def check(specs, dateline_answers, naive_answers) -> dict:
    overlaps = []
    for spec, ours, theirs in zip(specs, dateline_answers, naive_answers, strict=True):
        if spec["kind"] in ("word", "and", "phrase", "or", "not", "field", "dates") and theirs:
            shared = {i for i, _ in ours} & {i for i, _ in theirs}
            overlaps.append(len(shared) / min(10, len(theirs)))
    unmarked = sum(
        1
        for answer in dateline_answers
        for _, passages in answer
        for p in passages
        if not _MARK.search(p)
    )
    return {
        "mean_overlap_at_10": statistics.mean(overlaps) if overlaps else None,
        "passages_without_mark": unmarked,
    }


COLUMNS = [
    ("build_per_s", "build art/s", "{:.0f}"),
    ("noop_s", "noop s", "{:.2f}"),
    ("one_pct_s", "1% s", "{:.2f}"),
    ("size_mb", "size MB", "{:.1f}"),
    ("peak_rss_mb", "RSS MB", "{:.0f}"),
    ("p50_ms", "p50 ms", "{:.2f}"),
    ("p95_ms", "p95 ms", "{:.2f}"),
]


def print_table(scale: int, rows: dict[str, dict]) -> None:
    print(f"\nscale {scale}: {next(iter(rows.values()))['articles']} articles")
    print(f"{'engine':14}" + "".join(f"{label:>13}" for _, label, _ in COLUMNS))
    for name, row in rows.items():
        cells = [fmt.format(row[k]) if row.get(k) is not None else "—" for k, _, fmt in COLUMNS]
        print(f"{name:14}" + "".join(f"{c:>13}" for c in cells))
    ours = rows.get("dateline")
    if not ours:
        return
    print("ratios dateline / baseline:")
    for name, row in rows.items():
        if name == "dateline":
            continue
        ratios = [
            f"{label} {ours[k] / row[k]:.2f}"
            for k, label, _ in COLUMNS
            if row.get(k) and ours.get(k) is not None
        ]
        print(f"  vs {name:12} " + ", ".join(ratios))
    print(
        f"  noop / build {ours['noop_s'] / ours['build_s']:.3f}, "
        f"1% / build {ours['one_pct_s'] / ours['build_s']:.3f}"
    )


def child(argv: list[str]) -> None:
    if argv[0] == "--child-query":
        _, name, asked, folder, answered = argv
        eng = engine(name)
        eng.open(Path(folder))
        times, answers = latencies(eng, json.loads(Path(asked).read_text()))
        Path(answered).write_text(json.dumps({"times": times, "answers": answers}))
        return
    mode, name, corpus, folder = argv
    eng = engine(name)
    if mode == "--child-build":
        eng.build(Path(corpus), Path(folder))
    else:
        eng.reindex(Path(corpus), Path(folder))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1].startswith("--child-"):
        child(sys.argv[1:])
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared/corpus/reuters21578.jsonl"
    )
    parser.add_argument("--scale", default="1")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--queries", type=int, default=150)
    args = parser.parse_args()
    names = args.engines.split(",")
    work = Path(tempfile.mkdtemp(prefix="dateline-bench-"))
    RESULTS.mkdir(exist_ok=True)
    machine = os.uname()
    report = {
        "machine": f"{machine.sysname} {machine.release} {machine.machine}",
        "cpus": os.cpu_count(),
        "scales": {},
    }
    # Imported here, not at the top: the timed child processes must not pay for it.
    from bench.queries import build_mix

    try:
        specs = build_mix(args.corpus.resolve())
        (RESULTS / "queries.json").write_text(json.dumps(specs, indent=1))
        print(f"{len(specs)} distinct queries")
        for scale in (int(s) for s in args.scale.split(",")):
            corpus = scaled_corpus(args.corpus.resolve(), scale, work)
            rows, answers = {}, {}
            for name in names:
                rows[name], answers[name] = measure(name, corpus, work, specs)
            if "dateline" in answers and "naive-whoosh" in answers:
                rows["dateline"]["checks"] = check(
                    specs, answers["dateline"], answers["naive-whoosh"]
                )
                print("checks:", rows["dateline"]["checks"])
            print_table(scale, rows)
            report["scales"][scale] = rows
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = RESULTS / f"compare-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(report, indent=1))
    print(f"\nwritten {out}")


if __name__ == "__main__":
    main()
