"""A synthetic wire archive for tests that need volume (thousands of articles, words on nearly
every one): deterministic, built in seconds, with a news-like skew of word frequencies.

The real Reuters corpus lives outside the repository; the properties tested on this archive
(the early stop ranks as counting every match does, totals past 10,000) hold for any text.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

# Words with the share of articles that carry them, as on the wire: "Reuter" closes every
# story, "said" is in most.
FIXED = {
    "reuter": 1.0,
    "said": 0.85,
    "pct": 0.4,
    "mln": 0.5,
    "tonnes": 0.12,
    "oil": 0.08,
    "wheat": 0.05,
}
_CONSONANTS, _VOWELS = "bcdfghklmnprstvwz", "aeiou"


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        syllables = rng.randint(2, 4)
        words.add("".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(syllables)))
    return sorted(words - set(FIXED))


def write_archive(path: Path, articles: int, seed: int = 1987) -> Path:
    """`articles` JSON Lines records (id, date, title, body) written to `path`."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng, 6000)
    # Zipf-like: the n-th word is drawn with weight 1/n.
    weights = [1 / (n + 1) for n in range(len(vocabulary))]
    first = date(1987, 2, 26)
    with path.open("w", encoding="utf-8") as out:
        for n in range(articles):
            body = rng.choices(vocabulary, weights, k=rng.randint(40, 160))
            body += [w for w, share in FIXED.items() if rng.random() < share]
            rng.shuffle(body)
            title = " ".join(rng.choices(vocabulary, weights, k=6)).upper()
            record = {
                "id": f"wire-{n}",
                "date": (first + timedelta(days=n * 236 // articles)).isoformat(),
                "title": title,
                "body": " ".join(body).capitalize() + ".",
            }
            out.write(json.dumps(record) + "\n")
    return path
