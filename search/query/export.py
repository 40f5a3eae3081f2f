"""Result records as CSV or JSON Lines text, one piece per record, for streaming."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

FORMATS = ("csv", "jsonl")


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
