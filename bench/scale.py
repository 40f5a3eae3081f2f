"""Dateline as the archive grows: the Reuters archive repeated 1×, 10×, 50× with fresh ids.

    python bench/scale.py --corpus ../shared/corpus/reuters21578.jsonl --scale 1,10 [--peers 1,10]

For each scale, a from-scratch `dateline reindex --full` in a child process (its build time,
throughput, peak RSS and index size), then the query mix of bench/queries.py: the engine
(`search.Index`, top 10 with highlights, in a child process of its own; again with exact totals,
which count every match and so never stop early; and with plain words joined by AND, the ranking
before the matching strategy, to measure what it costs), each query asked once per pass in a
fresh process, `--passes` times (3) interleaved, the median of the passes' p50 and p95 reported;
then the `/search` page over HTTP from `dateline serve` on a free port (each query once in a
freshly started server, `--passes` times, medians as for the engine), and requests a second
with 4 clients at once.
SQLite FTS5 and tantivy are built and queried beside it at the scales named by `--peers`.
Prints each scale's table, ratios against the 1× figures and against the peers of the same run.
Run by hand; never part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.compare import (  # noqa: E402
    RESULTS,
    percentile,
    query_in_child,
    scaled_corpus,
    size_mb,
    timed_child,
)

PEERS = ("sqlite-fts5", "tantivy")
CLIENTS = 4
DATELINE = [str(Path(sys.executable).with_name("dateline"))]


def timed_command(args: list[str]) -> tuple[float, float]:
    """Run a command in a child process: (seconds, peak RSS in MB of that child)."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: some articles skipped
        raise SystemExit(f"{args} failed with {status}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def build_dateline(corpus: Path, folder: Path) -> dict:
    seconds, rss = timed_command(
        [*DATELINE, "reindex", "--full", "--quiet", "--index", str(folder), str(corpus)]
    )
    articles = sum(1 for _ in corpus.open(encoding="utf-8"))
    return {
        "articles": articles,
        "build_s": seconds,
        "build_per_s": articles / seconds,
        "peak_rss_mb": rss,
        "size_mb": size_mb(folder),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def page_url(base: str, spec: dict) -> str:
    args = {"q": spec["dateline"], "from": spec.get("from"), "to": spec.get("to")}
    args.update(sort=spec.get("sort"), page=spec.get("page"))
    return f"{base}/search?" + urllib.parse.urlencode({k: v for k, v in args.items() if v})


def fetch(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


class Server:
    """`dateline serve` on a free port, for as long as the `with` block lasts."""

    def __init__(self, folder: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        args = [*DATELINE, "serve", "--index", str(folder), "--port", str(self.port)]
        # Waitress warns on stderr whenever a request waits for a thread: expected here.
        self.proc = subprocess.Popen(
            args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    def __enter__(self) -> Server:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                fetch(self.base + "/search?q=oil")  # also warms the searcher
                return self
            except OSError:
                time.sleep(0.2)
        self.proc.kill()
        raise SystemExit("dateline serve did not answer within 120 s")

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def served(folder: Path, specs: list[dict], passes: int) -> dict:
    """The /search page's latencies one request at a time, each query once in a freshly
    started server, `passes` times (the median of the passes' p50 and p95, as for the engine);
    then throughput with 4 clients."""
    runs = []
    for _ in range(passes):
        with Server(folder) as server:
            runs.append([fetch(page_url(server.base, spec)) for spec in specs])
    with Server(folder) as server:
        urls = [page_url(server.base, spec) for spec in specs]
        done, lock = [0], threading.Lock()

        def client(offset: int) -> None:
            for n in range(len(urls)):
                fetch(urls[(n + offset) % len(urls)])
                with lock:
                    done[0] += 1

        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(k * 37,)) for k in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        rate = done[0] / (time.perf_counter() - started)
    return {**median_percentiles(runs, "page_"), "rps": rate}


def variant_latencies(variant: str, folder: Path, specs: list[dict], work: Path) -> list[float]:
    """The engine's latencies over the same mix, in a child of its own, asked another way:
    `exact`, for exact totals (every match counted, no early stop); `strict`, with plain words
    joined by AND (every word required, no fewer-words tail and no feedback: the ranking before
    the matching strategy of issue 15, so its cost is measured in the same run)."""
    asked, answered = work / "specs.json", work / f"{variant}-answers.json"
    asked.write_text(json.dumps(specs))
    command = [sys.executable, __file__, "--child-variant", variant, str(folder), str(asked)]
    subprocess.run([*command, str(answered)], cwd=ROOT, check=True)
    return json.loads(answered.read_text())


def strict(spec: dict) -> dict:
    if spec["kind"] != "and":
        return spec
    return {**spec, "dateline": " AND ".join(spec["dateline"].split())}


def child_variant(variant: str, folder: str, asked: str, answered: str) -> None:
    from bench.compare import latencies
    from bench.engines.dateline import Dateline

    class Exact(Dateline):
        search_options = {"exact_total": True}

    eng = Exact() if variant == "exact" else Dateline()
    eng.open(Path(folder))
    specs = json.loads(Path(asked).read_text())
    times, _ = latencies(eng, [strict(s) for s in specs] if variant == "strict" else specs)
    Path(answered).write_text(json.dumps(times))


def measure_dateline(corpus: Path, work: Path, specs: list[dict], passes: int) -> dict:
    folder = work / "dateline"
    shutil.rmtree(folder, ignore_errors=True)
    row = build_dateline(corpus, folder)
    runs: dict[str, list[list[float]]] = {"": [], "exact_": [], "strict_": []}
    for _ in range(passes):  # interleaved, so that a slow spell of the machine hits all three
        runs[""].append(query_in_child("dateline", folder, specs, work)[0])
        runs["exact_"].append(variant_latencies("exact", folder, specs, work))
        runs["strict_"].append(variant_latencies("strict", folder, specs, work))
    for prefix, times in runs.items():
        row.update(median_percentiles(times, prefix))
    row.update(served(folder, specs, passes))
    shutil.rmtree(folder, ignore_errors=True)
    return row


def median_percentiles(passes: list[list[float]], prefix: str = "") -> dict:
    """Each pass's p50 and p95 (each query asked once, in a fresh process), the median over the
    passes: one pass's p95 is its 8th slowest query, which a busy moment of a shared machine
    moves by a third."""
    return {
        f"{prefix}p50_ms": statistics.median(percentile(t, 50) for t in passes),
        f"{prefix}p95_ms": statistics.median(percentile(t, 95) for t in passes),
    }


def measure_peer(name: str, corpus: Path, work: Path, specs: list[dict], passes: int) -> dict:
    folder = work / name
    shutil.rmtree(folder, ignore_errors=True)
    articles = sum(1 for _ in corpus.open(encoding="utf-8"))
    seconds, rss = timed_child(["--child-build", name, str(corpus), str(folder)])
    row = {"articles": articles, "build_s": seconds, "build_per_s": articles / seconds}
    row.update(size_mb=size_mb(folder), peak_rss_mb=rss)
    runs = [query_in_child(name, folder, specs, work)[0] for _ in range(passes)]
    row.update(median_percentiles(runs))
    shutil.rmtree(folder, ignore_errors=True)
    return row


COLUMNS = [
    ("articles", "articles", "{:,}"),
    ("build_s", "build s", "{:.1f}"),
    ("build_per_s", "art/s", "{:,.0f}"),
    ("peak_rss_mb", "RSS MB", "{:.0f}"),
    ("size_mb", "size MB", "{:.1f}"),
    ("p50_ms", "p50 ms", "{:.2f}"),
    ("p95_ms", "p95 ms", "{:.2f}"),
    ("exact_p50_ms", "exact p50", "{:.2f}"),
    ("exact_p95_ms", "exact p95", "{:.2f}"),
    ("strict_p95_ms", "AND p95", "{:.2f}"),
    ("page_p50_ms", "page p50", "{:.2f}"),
    ("page_p95_ms", "page p95", "{:.2f}"),
    ("rps", "req/s x4", "{:.0f}"),
]


def print_table(scale: int, rows: dict[str, dict], base: dict | None) -> None:
    print(f"\nscale {scale}×")
    print(f"{'engine':13}" + "".join(f"{label:>11}" for _, label, _ in COLUMNS))
    for name, row in rows.items():
        cells = [fmt.format(row[k]) if row.get(k) is not None else "—" for k, _, fmt in COLUMNS]
        print(f"{name:13}" + "".join(f"{c:>11}" for c in cells))
    ours = rows["dateline"]
    print(f"  dateline page p95 / engine p95: {ours['page_p95_ms'] / ours['p95_ms']:.2f}")
    print(f"  dateline engine p95 / exact-total p95: {ours['p95_ms'] / ours['exact_p95_ms']:.2f}")
    print(
        "  dateline engine p95 / every-word (AND) p95: "
        f"{ours['p95_ms'] / ours['strict_p95_ms']:.2f}"
    )
    for name in PEERS:
        if name in rows:
            peer = rows[name]
            print(
                f"  dateline / {name}: p50 {ours['p50_ms'] / peer['p50_ms']:.2f}, "
                f"p95 {ours['p95_ms'] / peer['p95_ms']:.2f}, "
                f"build art/s {ours['build_per_s'] / peer['build_per_s']:.2f}"
            )
    if base is not None and scale != 1:
        ratios = [
            f"{label} {ours[k] / base[k]:.2f}"
            for k, label, _ in COLUMNS
            if k != "articles" and ours.get(k) and base.get(k)
        ]
        print(f"  dateline {scale}× / 1×: " + ", ".join(ratios))


def main() -> None:
    if sys.argv[1:2] == ["--child-variant"]:
        child_variant(*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared/corpus/reuters21578.jsonl"
    )
    parser.add_argument("--scale", default="1,10", help="repeats of the corpus, e.g. 1,10,50")
    parser.add_argument("--peers", default="1,10", help="scales at which FTS5 and tantivy run")
    parser.add_argument(
        "--passes", type=int, default=3, help="passes over the query mix, medians reported"
    )
    args = parser.parse_args()
    scales = [int(s) for s in args.scale.split(",")]
    peer_scales = {int(s) for s in args.peers.split(",") if s}
    from bench.queries import build_mix

    work = Path(tempfile.mkdtemp(prefix="dateline-scale-"))
    RESULTS.mkdir(exist_ok=True)
    report: dict = {"cpus": os.cpu_count(), "load": os.getloadavg(), "scales": {}}
    base = None
    try:
        specs = build_mix(args.corpus.resolve())
        print(f"{len(specs)} distinct queries, load average {os.getloadavg()[0]:.2f}")
        for scale in scales:
            corpus = scaled_corpus(args.corpus.resolve(), scale, work)
            rows = {"dateline": measure_dateline(corpus, work, specs, args.passes)}
            if scale in peer_scales:
                for name in PEERS:
                    rows[name] = measure_peer(name, corpus, work, specs, args.passes)
            if scale == 1:
                base = rows["dateline"]
            print_table(scale, rows, base)
            report["scales"][scale] = rows
            if corpus != args.corpus.resolve():
                corpus.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report["load_after"] = os.getloadavg()
    out = RESULTS / f"scale-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(report, indent=1))
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}; written {out}")


if __name__ == "__main__":
    main()
