"""Relevance on judged queries: Dateline side by side with naive Whoosh (AND and OR), SQLite FTS5
and tantivy, in one run.

    python bench/relevance.py [--split dev|test|both] [--limit N] [--details]

The queries are `bench/data/relevance_queries.json` (see bench/README.md): topical queries judged
by the Reuters editors' topic labels (relevant = the articles carrying that topic), scored by P@10
and nDCG@10 with binary relevance, and known-item queries (one target article), scored by MRR and
success@1 / @10. Each engine builds its index over the whole corpus once, in a temporary folder
and in a child process of its own (so no engine's memory or caches help another), then answers
every query. Run by hand; never part of the test suite. Nothing is
cached: the indexes are removed at the end.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = Path(__file__).parent / "data" / "relevance_queries.json"
# name: (module, class, build) — engines with the same build share one index.
ENGINES = {
    "dateline": ("bench.engines.dateline", "Dateline", "dateline"),
    "dateline-each": ("bench.engines.dateline", "DatelineEach", "dateline"),
    "naive-whoosh": ("bench.engines.naive_whoosh", "NaiveWhoosh", "whoosh"),
    "naive-whoosh-or": ("bench.engines.naive_whoosh", "NaiveWhooshOr", "whoosh"),
    "sqlite-fts5": ("bench.engines.fts5", "Fts5", "fts5"),
    "tantivy": ("bench.engines.tantivy_engine", "Tantivy", "tantivy"),
    # Not in the default run; ask for it with --engines.
    "sqlite-fts5-or": ("bench.engines.fts5", "Fts5Or", "fts5"),
}
DEFAULT_ENGINES = "dateline,dateline-each,naive-whoosh,naive-whoosh-or,sqlite-fts5,tantivy"
DEPTH = 100  # ranks fetched per query: P@10 and nDCG@10 use the first 10, MRR all of them


def engine(name: str):
    module, cls, _ = ENGINES[name]
    return getattr(__import__(module, fromlist=[cls]), cls)()


def child(build: str, names: list[str], corpus: Path, folder: Path, asked: Path, out: Path):
    """Build one index, then answer every query with each engine sharing that build."""
    started = time.perf_counter()
    engine(names[0]).build(corpus, folder)
    build_s = time.perf_counter() - started
    texts = json.loads(asked.read_text())
    result = {"build_s": build_s, "engines": {}}
    for name in names:
        eng = engine(name)
        eng.open(folder)
        started = time.perf_counter()
        ranked = [eng.search(text, DEPTH) for text in texts]
        result["engines"][name] = {"query_s": time.perf_counter() - started, "ranked": ranked}
    out.write_text(json.dumps(result))


def run_engines(names: list[str], corpus: Path, texts: list[str], work: Path) -> dict:
    builds: dict[str, list[str]] = defaultdict(list)
    for name in names:
        builds[ENGINES[name][2]].append(name)
    asked = work / "queries.json"
    asked.write_text(json.dumps(texts))
    answers = {}
    for build, members in builds.items():
        out = work / f"{build}-answers.json"
        args = ["--child", build, ",".join(members), str(corpus), str(work / build), str(asked)]
        done = subprocess.run([sys.executable, __file__, *args, str(out)], cwd=ROOT)
        if done.returncode:
            print(f"  {'+'.join(members)} failed (exit {done.returncode}); left out", flush=True)
            continue
        result = json.loads(out.read_text())
        for name, answer in result["engines"].items():
            answers[name] = answer
            print(
                f"  {name:16} build {result['build_s']:6.1f} s (shared by {'+'.join(members)}), "
                f"{len(texts)} queries {answer['query_s']:6.1f} s",
                flush=True,
            )
        shutil.rmtree(work / build, ignore_errors=True)
    return answers


def topic_labels(corpus: Path) -> dict[str, set[str]]:
    relevant: dict[str, set[str]] = defaultdict(set)
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                record = json.loads(line)
                for topic in record["topics"]:
                    relevant[topic].add(record["id"])
    return relevant


def precision_at(ranked: list[str], relevant: set[str], k: int = 10) -> float:
    return sum(1 for i in ranked[:k] if i in relevant) / k


def ndcg_at(ranked: list[str], relevant: set[str], k: int = 10) -> float:
    dcg = sum(1 / math.log2(r + 2) for r, i in enumerate(ranked[:k]) if i in relevant)
    ideal = sum(1 / math.log2(r + 2) for r in range(min(k, len(relevant))))
    return dcg / ideal if ideal else 0.0


def rank_of(ranked: list[str], target: str) -> int | None:
    return ranked.index(target) + 1 if target in ranked else None


def score(query: dict, ranked: list[str], relevant: dict[str, set[str]]) -> dict:
    if query["kind"] == "topic":
        judged = relevant[query["topic"]]
        return {"p10": precision_at(ranked, judged), "ndcg10": ndcg_at(ranked, judged)}
    rank = rank_of(ranked, query["target"])
    return {
        "rank": rank,
        "rr": 1 / rank if rank else 0.0,
        "s1": float(rank == 1),
        "s10": float(rank is not None and rank <= 10),
    }


COLUMNS = [("p10", "P@10"), ("ndcg10", "nDCG@10"), ("rr", "MRR"), ("s1", "S@1"), ("s10", "S@10")]


def print_table(split: str, queries: list[dict], scores: dict[str, list[dict]]) -> None:
    topics = [n for n, q in enumerate(queries) if q["kind"] == "topic"]
    known = [n for n, q in enumerate(queries) if q["kind"] == "known"]
    print(f"\n{split}: {len(topics)} topic queries, {len(known)} known-item queries")
    print(f"{'engine':16}" + "".join(f"{label:>9}" for _, label in COLUMNS))
    for name, rows in scores.items():
        cells = []
        for key, _ in COLUMNS:
            picked = topics if key in ("p10", "ndcg10") else known
            values = [rows[n][key] for n in picked]
            cells.append(f"{statistics.mean(values):.3f}" if values else "—")
        print(f"{name:16}" + "".join(f"{c:>9}" for c in cells))


def print_details(queries: list[dict], scores: dict[str, list[dict]], answers: dict) -> None:
    names = list(scores)
    short = [n.replace("naive-whoosh", "nw").replace("sqlite-", "") for n in names]
    print("\ndetails (dev): topic queries P@10 (hits returned), known-item queries rank of target")
    print(f"{'id':5} {'query':38} {'judged':>14}" + "".join(f"{s:>13}" for s in short))
    for n, q in enumerate(queries):
        if q["kind"] == "topic":
            judged = q["topic"]
            cells = [
                f"{scores[name][n]['p10']:.1f} ({min(10, len(answers[name][n]))})" for name in names
            ]
        else:
            judged = q["target"].removeprefix("reuters-")
            cells = [str(scores[name][n]["rank"] or "-") for name in names]
        print(
            f"{q['id']:5} {q['query'][:38]:38} {judged[:14]:>14}"
            + "".join(f"{c:>13}" for c in cells)
        )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _, _, build, names, corpus, folder, asked, out = sys.argv
        child(build, names.split(","), Path(corpus), Path(folder), Path(asked), Path(out))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared/corpus/reuters21578.jsonl"
    )
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    parser.add_argument("--limit", type=int, help="at most N queries of each kind per split")
    parser.add_argument("--engines", default=DEFAULT_ENGINES)
    parser.add_argument("--details", action="store_true", help="per-query figures (dev only)")
    args = parser.parse_args()
    started = time.perf_counter()
    names = args.engines.split(",")
    unknown = [n for n in names if n not in ENGINES]
    if unknown:
        parser.error(f"unknown engines {unknown}; known: {', '.join(ENGINES)}")
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    by_split: dict[str, list[dict]] = {}
    for split in splits:
        chosen = [q for q in json.loads(args.queries.read_text()) if q["split"] == split]
        if args.limit:
            chosen = [q for q in chosen if q["kind"] == "topic"][: args.limit] + [
                q for q in chosen if q["kind"] == "known"
            ][: args.limit]
        by_split[split] = chosen
    everything = [q for split in splits for q in by_split[split]]
    corpus = args.corpus.resolve()
    relevant = topic_labels(corpus)
    print(f"{len(everything)} queries, engines: {', '.join(names)}")
    work = Path(tempfile.mkdtemp(prefix="dateline-relevance-"))
    try:
        answers = run_engines(names, corpus, [q["query"] for q in everything], work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    names = [n for n in names if n in answers]
    if not names:
        raise SystemExit("no engine answered")
    offset = 0
    for split in splits:
        queries = by_split[split]
        part = {n: answers[n]["ranked"][offset : offset + len(queries)] for n in names}
        offset += len(queries)
        scores = {
            n: [score(q, ranked, relevant) for q, ranked in zip(queries, part[n], strict=True)]
            for n in names
        }
        print_table(split, queries, scores)
        if args.details and split == "dev":
            print_details(queries, scores, part)
    print(f"\nwhole run {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
