"""Result records as CSV or JSON Lines text, one piece per record, for streaming; their links
to the article pages; and the name of the file they are saved in."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from urllib.parse import quote

FORMATS = ("csv", "jsonl")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_CHARS = 60


def lines(rows: Iterable[dict], fmt: str) -> Iterator[str]:
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    return _jsonl(rows) if fmt == "jsonl" else _csv(rows)


def _jsonl(rows: Iterable[dict]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def _csv(rows: Iterable[dict]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = None
    for row in rows:
        if writer is None:
            # Every record of one export has the same keys, so the first names the columns.
            writer = csv.DictWriter(buffer, fieldnames=list(row))
            writer.writeheader()
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def with_links(rows: Iterable[dict], base_url: str) -> Iterator[dict]:
    """Each record with `link`, the address of its article page under `base_url`, after its
    title."""
    base = base_url.rstrip("/")
    for row in rows:
        link = f"{base}/article/{quote(row['id'], safe='/')}"
        linked: dict = {}
        for key, value in row.items():
            linked[key] = value
            if key == "title":
                linked["link"] = link
        linked.setdefault("link", link)
        yield linked


def filename(query: str, date_from: str | None, date_to: str | None, fmt: str) -> str:
    """The name of an export, from its search: `dateline-oil-1987.csv` for oil in 1987."""
    start, end = _slug(date_from or ""), _slug(date_to or "")
    if start and end:
        period = start if start == end else f"{start}-to-{end}"
    else:
        period = f"from-{start}" if start else f"to-{end}" if end else ""
    words = _slug(query)
    if len(words) > SLUG_CHARS:
        words = words[: SLUG_CHARS + 1].rsplit("-", 1)[0]
    stem = "-".join(part for part in (words, period) if part) or "export"
    return f"dateline-{stem}.{fmt}"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
