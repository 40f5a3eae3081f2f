"""Validate bench/data/quotes_eval.json and print its counts.

Checks: every quote `text` is a trimmed, exact substring of its article's body; every
non-legacy article's split follows the sha1 rule ("test" when int(sha1(id), 16) % 2 == 1,
else "dev"; legacy articles are all "dev"); ids are unique; fields have the expected types; no
article in one split repeats one in the other (a wire re-send or a cut of it: 80% or more of
the shorter body's 8-word runs in the other), so that tuning on dev never sees test text.
Standard library only. Exit status 1 on any failure.

    python bench/data/check_quotes_eval.py [path/to/quotes_eval.json]
"""

import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

KINDS = {"person", "organisation", "unnamed"}
SOURCES = {"reuters", "modern", "seed"}


def hash_split(article_id):
    return (
        "test" if int(hashlib.sha1(article_id.encode("utf-8")).hexdigest(), 16) % 2 == 1 else "dev"
    )


def main(path):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    errors = []
    if not isinstance(data.get("notice"), str) or not data["notice"]:
        errors.append("missing notice")
    seen = set()
    for art in data["articles"]:
        aid = art["id"]
        if aid in seen:
            errors.append(f"{aid}: duplicate id")
        seen.add(aid)
        body = art["body"]
        legacy = art.get("legacy", False)
        want = "dev" if legacy else hash_split(aid)
        if art["split"] != want:
            errors.append(f"{aid}: split {art['split']!r}, expected {want!r}")
        if art["source"] not in SOURCES:
            errors.append(f"{aid}: bad source {art['source']!r}")
        for i, q in enumerate(art["quotes"]):
            where = f"{aid} quote {i} ({q.get('text', '')[:40]!r})"
            text = q.get("text")
            if not isinstance(text, str) or not text:
                errors.append(f"{where}: empty text")
                continue
            if text != text.strip():
                errors.append(f"{where}: text not trimmed")
            if text not in body:
                errors.append(f"{where}: text not a substring of body")
            if q.get("kind") not in KINDS:
                errors.append(f"{where}: bad kind {q.get('kind')!r}")
            spk = q.get("speakers")
            if not isinstance(spk, list) or not all(isinstance(s, str) and s for s in spk):
                errors.append(f"{where}: speakers must be a list of non-empty strings")
            elif not spk and q.get("kind") != "unnamed":
                errors.append(f"{where}: empty speakers needs kind 'unnamed'")
            if q.get("role") is not None and not isinstance(q.get("role"), str):
                errors.append(f"{where}: role must be a string or null")

    errors.extend(cross_split_repeats(data["articles"]))

    def report(title, arts):
        print(title)
        for split in ("dev", "test"):
            sub = [a for a in arts if a["split"] == split]
            quotes = [q for a in sub for q in a["quotes"]]
            kinds = Counter(q["kind"] for q in quotes)
            by_src_art = Counter(a["source"] for a in sub)
            by_src_q = defaultdict(int)
            for a in sub:
                by_src_q[a["source"]] += len(a["quotes"])
            no_speaker = sum(1 for q in quotes if not q["speakers"])
            print(f"  {split}: {len(sub)} articles, {len(quotes)} quotes")
            print("    by kind:   " + ", ".join(f"{k} {kinds.get(k, 0)}" for k in sorted(KINDS)))
            print(
                "    by source: "
                + ", ".join(
                    f"{s} {by_src_art.get(s, 0)} art / {by_src_q.get(s, 0)} q"
                    for s in sorted(SOURCES)
                )
            )
            print(f"    no speaker: {no_speaker}")
        total = sum(len(a["quotes"]) for a in arts)
        print(f"  total: {len(arts)} articles, {total} quotes")

    arts = data["articles"]
    report("All articles (legacy included, all in dev):", arts)
    report("Hash-split articles only (legacy excluded):", [a for a in arts if not a.get("legacy")])
    print(f"legacy articles: {sum(1 for a in arts if a.get('legacy'))}")

    if errors:
        print(f"\nFAILED: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    print("\nOK")
    return 0


REPEAT = 0.8
SHINGLE = 8


def shingles(body):
    words = re.findall(r"\w+", body.lower())
    return {tuple(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}


def cross_split_repeats(arts):
    """One error per pair of articles in different splits where one repeats the other."""
    runs = {a["id"]: shingles(a["body"]) for a in arts}
    holders = defaultdict(set)
    for a in arts:
        for run in runs[a["id"]]:
            holders[run].add(a["id"])
    split = {a["id"]: a["split"] for a in arts}
    errors = []
    for a in arts:
        mine = runs[a["id"]]
        shared = Counter(other for run in mine for other in holders[run] if other != a["id"])
        for other, count in shared.items():
            if split[other] == a["split"] or a["id"] > other:
                continue
            if count / min(len(mine), len(runs[other])) >= REPEAT:
                errors.append(f"{a['id']} ({a['split']}) and {other} ({split[other]}) repeat text")
    return errors


if __name__ == "__main__":
    default = Path(__file__).with_name("quotes_eval.json")
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else default))
