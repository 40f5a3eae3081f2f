"""Quote extraction quality on a hand-labelled set: span recall/precision, speaker accuracy.

Run by hand:  python bench/quotes_quality.py [--misses]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from search.quotes import Quote, extract_quotes

LABELS = Path(__file__).parent / "data" / "quotes_labelled.json"
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


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
        if same or overlap(span, (quote.start, quote.end)) >= 0.8:
            return quote
    return None


def speaker_ok(quote: Quote, label: dict) -> bool:
    wanted = [s.lower() if s else None for s in label["speakers"]]
    return (quote.speaker.lower() if quote.speaker else None) in wanted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="list every miss")
    args = parser.parse_args()
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    labelled = predicted_total = found = correct = 0
    misses: list[str] = []
    for article in data["articles"]:
        body = article["body"]
        predicted = extract_quotes(body)
        predicted_total += len(predicted)
        matched_ids = set()
        for label in article["quotes"]:
            labelled += 1
            quote = match(label, body, predicted)
            if quote is None:
                misses.append(f"{article['id']}: MISSED {label['text'][:60]!r}")
                continue
            found += 1
            matched_ids.add(id(quote))
            if speaker_ok(quote, label):
                correct += 1
            else:
                misses.append(
                    f"{article['id']}: SPEAKER {quote.speaker!r} for {label['text'][:50]!r}, "
                    f"expected {label['speakers'][0]!r}"
                )
        for quote in predicted:
            if id(quote) not in matched_ids:
                misses.append(f"{article['id']}: EXTRA {quote.text[:60]!r}")
    articles = len(data["articles"])
    print(f"articles {articles}, labelled quotes {labelled}, predicted quotes {predicted_total}")
    print(f"span recall      {found / labelled:.3f}  ({found}/{labelled})")
    print(f"span precision   {found / max(predicted_total, 1):.3f}  ({found}/{predicted_total})")
    print(f"speaker accuracy {correct / max(found, 1):.3f}  ({correct}/{found} matched quotes)")
    if args.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
