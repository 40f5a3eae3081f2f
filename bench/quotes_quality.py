"""Quote extraction quality on the hand-labelled dev and test splits.

Reports span precision and recall, speaker accuracy (overall and per label kind) and how many
quotes each sieve decided. Tune rules on dev only; run test to report.

Run by hand:  python bench/quotes_quality.py [--split dev|test|both] [--misses]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from search.quotes import Quote, extract_quotes

LABELS = Path(__file__).parent / "data" / "quotes_eval.json"
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
_LEADING_ARTICLE = re.compile(r"^(?:a|an|the|one)\s+")


def normalise(text: str) -> str:
    return _EDGES.sub("", " ".join(text.split())).lower()


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return shared / max(a[1] - a[0], b[1] - b[0], 1)


def match(label: dict, body: str, predicted: list[Quote]) -> Quote | None:
    start = body.find(label["text"])
    span = (start, start + len(label["text"]))
    for quote in predicted:
        same = normalise(quote.text) == normalise(label["text"])
        if same or (start >= 0 and overlap(span, (quote.start, quote.end)) >= 0.8):
            return quote
    return None


def _speaker_key(name: str, loose_number: bool) -> str:
    key = _LEADING_ARTICLE.sub("", " ".join(name.lower().split()))
    if loose_number:
        key = re.sub(r"(?:es|s)$", "", key)
    return key


def speaker_ok(quote: Quote, label: dict) -> bool:
    wanted = [s for s in label.get("speakers") or [] if s]
    if not wanted:
        return quote.speaker is None
    if quote.speaker is None:
        return False
    loose = label.get("kind") == "unnamed" or quote.speaker_kind == "unnamed"
    predicted = _speaker_key(quote.speaker, loose)
    return any(predicted == _speaker_key(name, loose) for name in wanted)


@dataclass
class Score:
    articles: int = 0
    labelled: int = 0
    predicted: int = 0
    found: int = 0
    correct: int = 0
    named: int = 0  # quotes the extractor gave a speaker
    named_right: int = 0
    by_kind: Counter = field(default_factory=Counter)
    correct_by_kind: Counter = field(default_factory=Counter)
    by_sieve: Counter = field(default_factory=Counter)
    correct_by_sieve: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def recall(self) -> float:
        return self.found / max(self.labelled, 1)

    def precision(self) -> float:
        return self.found / max(self.predicted, 1)

    def accuracy(self) -> float:
        return self.correct / max(self.found, 1)


def score(articles: list[dict]) -> Score:
    result = Score(articles=len(articles))
    for article in articles:
        body = article["body"]
        predicted = extract_quotes(body)
        result.predicted += len(predicted)
        matched: set[int] = set()
        for label in article["quotes"]:
            result.labelled += 1
            quote = match(label, body, predicted)
            if quote is None:
                result.misses.append(f"{article['id']}: MISSED {label['text'][:60]!r}")
                continue
            result.found += 1
            matched.add(id(quote))
            kind = label.get("kind") or ("none" if not label.get("speakers") else "?")
            sieve = quote.sieve or "none"
            result.by_kind[kind] += 1
            result.by_sieve[sieve] += 1
            right = speaker_ok(quote, label)
            if quote.speaker is not None:
                result.named += 1
                result.named_right += right
            if right:
                result.correct += 1
                result.correct_by_kind[kind] += 1
                result.correct_by_sieve[sieve] += 1
            else:
                expected = (label.get("speakers") or [None])[0]
                result.misses.append(
                    f"{article['id']}: SPEAKER {quote.speaker!r} ({sieve}) for "
                    f"{label['text'][:50]!r}, expected {expected!r}"
                )
        for quote in predicted:
            if id(quote) not in matched:
                result.misses.append(f"{article['id']}: EXTRA {quote.text[:60]!r}")
    return result


def _ratio(good: int, total: int) -> str:
    return f"{good / total:.3f} ({good}/{total})" if total else "-"


def report(scores: dict[str, Score]) -> None:
    names = list(scores)
    rows: list[tuple[str, list[str]]] = [
        ("articles", [str(s.articles) for s in scores.values()]),
        ("labelled quotes", [str(s.labelled) for s in scores.values()]),
        ("predicted quotes", [str(s.predicted) for s in scores.values()]),
        ("span recall", [_ratio(s.found, s.labelled) for s in scores.values()]),
        ("span precision", [_ratio(s.found, s.predicted) for s in scores.values()]),
        ("speaker accuracy", [_ratio(s.correct, s.found) for s in scores.values()]),
        # What a reporter relies on: when a speaker is named, how often it is the right one.
        ("  right when named", [_ratio(s.named_right, s.named) for s in scores.values()]),
        ("  named at all", [_ratio(s.named, s.found) for s in scores.values()]),
    ]
    kinds = sorted({k for s in scores.values() for k in s.by_kind})
    for kind in kinds:
        rows.append(
            (
                f"  kind {kind}",
                [_ratio(s.correct_by_kind[kind], s.by_kind[kind]) for s in scores.values()],
            )
        )
    sieves = sorted({k for s in scores.values() for k in s.by_sieve})
    for sieve in sieves:
        rows.append(
            (
                f"  sieve {sieve} (right/decided)",
                [_ratio(s.correct_by_sieve[sieve], s.by_sieve[sieve]) for s in scores.values()],
            )
        )
    width = max(len(label) for label, _ in rows) + 2
    print("".ljust(width) + "".join(name.ljust(22) for name in names))
    for label, values in rows:
        print(label.ljust(width) + "".join(v.ljust(22) for v in values))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    parser.add_argument("--misses", action="store_true", help="list every miss on dev")
    args = parser.parse_args()
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    articles = data["articles"] if isinstance(data, dict) else data
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    scores = {name: score([a for a in articles if a.get("split") == name]) for name in splits}
    report(scores)
    if args.misses and "dev" in scores:
        print("\nmisses on dev:")
        print("\n".join(scores["dev"].misses))


if __name__ == "__main__":
    main()
