"""A deterministic mix of distinct queries drawn from the corpus, in each engine's syntax."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

from whoosh.analysis import STOP_WORDS

from bench.engines.base import records

_WORD = re.compile(r"[a-z]{3,}")
# FTS5 and tantivy reserve these words as operators.
_RESERVED = {"and", "or", "not", "near", "to"}


def _spec(kind: str, dateline: str, fts: str, tantivy: str, **extra) -> dict:
    return {"kind": kind, "dateline": dateline, "fts": fts, "tantivy": tantivy, **extra}


def build_mix(corpus: Path, seed: int = 1987) -> list[dict]:
    rng = random.Random(seed)
    df: Counter[str] = Counter()
    bodies, titles, months = [], [], set()
    for n, record in enumerate(records(corpus)):
        raw = _WORD.findall(record["body"].lower())
        df.update({w for w in raw if _usable(w)})
        months.add(record["date"][:7])
        if n % 50 == 0:
            bodies.append(raw)
            titles.extend(w for w in _WORD.findall(record["title"].lower()) if _usable(w))
    # Ties by the word itself: the same mix whatever the order of sets in this process.
    by_df = sorted((w for w in df if df[w] >= 3), key=lambda w: (-df[w], w))
    common = by_df[:8]
    spread = [by_df[int(i * (len(by_df) - 1) / 41)] for i in range(42)]
    singles = list(dict.fromkeys(common + spread))
    mix = [_spec("word", w, w, w) for w in singles]
    mid = by_df[: len(by_df) // 4]
    for a, b in _pairs(rng, mid, 25):
        mix.append(_spec("and", f"{a} {b}", f"{a} {b}", f"{a} AND {b}"))
    for a, b in _phrases(rng, bodies, 25):
        mix.append(_spec("phrase", f'"{a} {b}"', f'"{a} {b}"', f'"{a} {b}"'))
    for a, b in _pairs(rng, mid, 12):
        mix.append(_spec("or", f"{a} OR {b}", f"{a} OR {b}", f"{a} OR {b}"))
    for a, b in _pairs(rng, mid, 12):
        mix.append(_spec("not", f"{a} NOT {b}", f"{a} NOT {b}", f"{a} AND NOT {b}"))
    for w in rng.sample(sorted(set(titles)), 10):
        mix.append(_spec("field", f"title:{w}", f"title:{w}", f"title:{w}"))
    for w, month in zip(rng.sample(mid, 10), rng.choices(sorted(months), k=10), strict=True):
        first, last = f"{month}-01", f"{month}-28"
        mix.append(_spec("dates", w, w, w, **{"from": first, "to": last}))
    for w in rng.sample(mid, 10):
        mix.append(_spec("sort", w, w, w, sort="newest"))
    for w in rng.sample(by_df[:200], 10):
        mix.append(_spec("page5", w, w, w, page=5))
    unique = {(m["dateline"], m.get("from"), m.get("sort"), m.get("page")): m for m in mix}
    return list(unique.values())


def _usable(word: str) -> bool:
    return word not in STOP_WORDS and word not in _RESERVED


def _pairs(rng: random.Random, words: list[str], count: int) -> list[tuple[str, str]]:
    return [tuple(rng.sample(words, 2)) for _ in range(count)]


def _phrases(rng: random.Random, bodies: list[list[str]], count: int) -> list[tuple[str, str]]:
    out = []
    while len(out) < count:
        words = rng.choice(bodies)
        if len(words) > 2:
            i = rng.randrange(len(words) - 1)
            if _usable(words[i]) and _usable(words[i + 1]):
                out.append((words[i], words[i + 1]))
    return out
