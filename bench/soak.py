"""Soak test, run by hand: serve, query and reindex in a loop for a set time, then report.

    python bench/soak.py --corpus ../shared/corpus/reuters21578.jsonl --minutes 5

Prints requests served, errors (must be 0) and articles lost (must be 0): after every
reindex, the served index must hold every article of the archive as it stood.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

DATELINE = str(Path(sys.executable).parent / "dateline")
WORDS = ["oil", "wheat", "bank", "said", '"interest rates"', "opec", "coffee", "trade", "gold"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_archive(source: Path, target: Path, articles: int, round_: int) -> int:
    """A slice of the corpus, with a few bodies changed each round so reindex has work."""
    lines = source.read_text(encoding="utf-8").splitlines()[:articles]
    rows = [json.loads(line) for line in lines]
    for row in random.Random(round_).sample(rows, max(1, len(rows) // 100)):
        row["body"] += f" Revision {round_}."
    target.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return len(rows)


def query_loop(base: str, stop: threading.Event, counts: dict) -> None:
    for n in itertools.count():
        if stop.is_set():
            return
        word = WORDS[n % len(WORDS)]
        url = f"{base}/api/search?q={urllib.request.quote(word)}&page={1 + n % 3}"
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                json.load(response)
                counts["served"] += 1
        except (urllib.error.URLError, ValueError) as exc:
            counts["errors"] += 1
            print("error:", url, exc, file=sys.stderr)


def served_total(base: str) -> int:
    with urllib.request.urlopen(f"{base}/api/search?q=reuter&page_size=1", timeout=30) as r:
        return json.load(r)["total"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus/reuters21578.jsonl"))
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--minutes", type=float, default=2.0)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dateline-soak-"))
    archive, index = work / "archive.jsonl", work / "index"
    expected = write_archive(args.corpus, archive, args.articles, 0)
    subprocess.run([DATELINE, "reindex", str(archive), "--index", str(index), "-q"], check=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([DATELINE, "serve", "--index", str(index), "--port", str(port)])
    counts = {"served": 0, "errors": 0}
    stop = threading.Event()
    lost = reindexes = 0
    try:
        time.sleep(2)
        baseline = served_total(base)
        threads = [
            threading.Thread(target=query_loop, args=(base, stop, counts))
            for _ in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + args.minutes * 60
        while time.monotonic() < deadline:
            reindexes += 1
            write_archive(args.corpus, archive, args.articles, reindexes)
            subprocess.run(
                [DATELINE, "reindex", "--index", str(index), "-q"],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            with urllib.request.urlopen(f"{base}/api/search?q=reuter&page_size=1") as response:
                lost += max(0, baseline - json.load(response)["total"])
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)
    print(f"articles {expected}, reindexes {reindexes}, minutes {args.minutes}")
    print(f"requests served {counts['served']}")
    print(f"errors {counts['errors']}")
    print(f"articles lost {lost}")
    sys.exit(1 if counts["errors"] or lost else 0)


if __name__ == "__main__":
    main()
