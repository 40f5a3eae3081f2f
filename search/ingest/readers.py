"""Reading articles from files and folders, reporting every bad record by file and line."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from search.ingest.articles import Article
from search.ingest.dates import DateError, parse_article_date

MAX_BODY_CHARS = 5_000_000
FORMATS = {".txt": "text", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
_DATE_LINE = re.compile(r"^\s*date\s+(.*)$", re.I)
_MAX_DATE_TOKENS = 6
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9._~/-]")
_BODY_COLUMNS = ("body", "text", "content")
_TITLE_COLUMNS = ("title", "headline")
_CORE_FIELDS = {"id", "date", "title", "body"}
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    reason: str
    skipped: bool

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class SourceFile:
    path: Path
    root: Path
    format: str

    @property
    def stem_id(self) -> str:
        relative = self.path.relative_to(self.root).with_suffix("")
        return safe_id(relative.as_posix())


@dataclass(frozen=True)
class Unchanged:
    """A record whose source text is exactly as when it was last indexed, known by its id
    without being parsed again."""

    article_id: str
    line: int
    digest: str


Item = Article | Problem | Unchanged


def line_digest(stripped: str) -> str:
    """A JSON line's fingerprint, from the line without its surrounding whitespace."""
    return hashlib.blake2b(stripped.encode("utf-8"), digest_size=16).hexdigest()


def safe_id(raw: str) -> str:
    """Stable and URL-safe: odd characters become `_`, and no segment can climb out with `..`."""
    cleaned = _UNSAFE_ID.sub("_", raw.strip())
    parts = [p for p in cleaned.split("/") if p not in ("", ".", "..")]
    return "/".join(parts) or "_"


def find_sources(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[SourceFile], list[Problem]]:
    """Files to read: the files given, and folders walked recursively, hidden entries skipped."""
    sources: list[SourceFile] = []
    problems: list[Problem] = []
    for given in paths:
        path = Path(given).resolve()
        if path.is_dir():
            sources.extend(_walk(path))
        elif not path.exists():
            problems.append(Problem(str(path), None, "no such file or folder", skipped=True))
        elif path.suffix.lower() not in FORMATS:
            known = ", ".join(FORMATS)
            problems.append(
                Problem(str(path), None, f"unknown format; expected one of {known}", True)
            )
        else:
            sources.append(SourceFile(path, path.parent, FORMATS[path.suffix.lower()]))
    return sources, problems


def _walk(root: Path) -> Iterator[SourceFile]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            fmt = FORMATS.get(Path(name).suffix.lower())
            if fmt and not name.startswith("."):
                yield SourceFile(Path(folder) / name, root, fmt)


def read_articles(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Item]:
    sources, problems = find_sources(paths)
    yield from problems
    for source in sources:
        yield from read_source(source)


def read_source(
    source: SourceFile,
    known: Mapping[str, str] | None = None,
    on_read: Callable[[int], None] | None = None,
) -> Iterator[Item]:
    """Every article of one file, and a Problem for each bad record.

    JSON Lines and CSV files are read a line at a time: memory does not grow with the file.
    A JSON line whose digest is in `known` (digest to article id) comes as `Unchanged`.
    `on_read` is told how many bytes each read from disk took, for a progress bar.
    """
    encoding = _encoding(source.path)
    if isinstance(encoding, Problem):
        yield encoding
        return
    newline = "" if source.format == "csv" else None  # the csv module reads line ends itself
    raw = _MeteredFile(source.path, on_read) if on_read else io.FileIO(source.path, "rb")
    with io.TextIOWrapper(io.BufferedReader(raw), encoding=encoding, newline=newline) as lines:
        if source.format == "text":
            yield from _read_text(source, lines.read())
        elif source.format == "jsonl":
            yield from _read_jsonl(source, lines, known or {})
        else:
            yield from _read_csv(source, lines)


class _MeteredFile(io.FileIO):
    """A file opened for reading that reports the bytes of each read."""

    def __init__(self, path: Path, on_read: Callable[[int], None]):
        super().__init__(path, "rb")
        self.on_read = on_read

    def readinto(self, buffer) -> int | None:
        n = super().readinto(buffer)
        if n:
            self.on_read(n)
        return n

    def readall(self) -> bytes:
        data = super().readall()
        self.on_read(len(data))
        return data


class ReadMeter:
    """Bytes of the sources read so far, against a total known before reading any."""

    def __init__(self, total: int, report: Callable[[int, int], None]):
        self.total = total
        self.report = report
        self.done = 0
        self.in_file = 0

    def read(self, n: int) -> None:
        self.in_file += n
        self.report(min(self.done + self.in_file, self.total), self.total)

    def file_done(self, size: int) -> None:
        """A file is finished (read, or known unchanged without reading): count all of it."""
        self.done += size
        self.in_file = 0
        self.report(min(self.done, self.total), self.total)


def _encoding(path: Path) -> str | Problem:
    """How to read the file, checked in chunks, or the Problem that makes it unreadable."""
    with path.open("rb") as fh:
        if fh.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            found = _decode(path)
            return found if isinstance(found, Problem) else "utf-16"
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        content = False
        try:
            while chunk := fh.read(_CHUNK):
                if b"\x00" in chunk:
                    raise UnicodeError
                decoder.decode(chunk)
                content = content or bool(chunk.strip())
            decoder.decode(b"", final=True)
        except UnicodeError:
            # Bad files are rare: read this one whole to say exactly where it goes wrong.
            found = _decode(path)
            return found if isinstance(found, Problem) else "utf-8-sig"
    if not content:
        return Problem(str(path), None, "empty file", skipped=True)
    return "utf-8-sig"


def _decode(path: Path) -> str | Problem:
    data = path.read_bytes()
    where = str(path)
    if not data.strip():
        return Problem(where, None, "empty file", skipped=True)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            return Problem(where, _line_of(data, exc.start), f"bad UTF-16: {exc.reason}", True)
    if b"\x00" in data:
        return Problem(where, _line_of(data, data.index(b"\x00")), "looks binary, not text", True)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        return Problem(
            where,
            _line_of(data, exc.start),
            f"not UTF-8: byte 0x{byte:02x} at column {_column_of(data, exc.start)} "
            "(save the file as UTF-8)",
            skipped=True,
        )


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _column_of(data: bytes, offset: int) -> int:
    return offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def _read_text(source: SourceFile, text: str) -> Iterator[Item]:
    first, _, rest = text.partition("\n")
    match = _DATE_LINE.match(first)
    where = str(source.path)
    if not match:
        yield Problem(where, 1, "no ' date <date>' first line; indexed as undated", False)
        yield from _article(source, 1, source.stem_id, None, "", text)
        return
    day, lead = _split_date(match.group(1))
    body = (lead + "\n" + rest) if lead else rest
    yield from _article(source, 1, source.stem_id, day, "", body)


def _split_date(line: str) -> tuple[str, str]:
    """The longest run of leading words that is a full date, and the rest of the line."""
    tokens = line.split()
    for n in range(min(_MAX_DATE_TOKENS, len(tokens)), 0, -1):
        candidate = " ".join(tokens[:n])
        try:
            parse_article_date(candidate)
        except DateError:
            continue
        return candidate, " ".join(tokens[n:])
    return (tokens[0] if tokens else ""), " ".join(tokens[1:])


def _read_jsonl(
    source: SourceFile, lines: Iterable[str], known: Mapping[str, str]
) -> Iterator[Item]:
    where = str(source.path)
    numbered = re.compile(re.escape(source.stem_id) + r"-\d+")
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        digest = line_digest(stripped)
        known_id = known.get(digest)
        # An id made from a line number must be made again: the line may have moved.
        if known_id is not None and not numbered.fullmatch(known_id):
            yield Unchanged(known_id, number, digest)
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(
                where, number, f"JSON does not parse: {exc.msg} (column {exc.colno})", True
            )
            continue
        if not isinstance(record, dict):
            yield Problem(where, number, "expected a JSON object {...}", skipped=True)
            continue
        yield from _record(source, number, record, digest)


def _read_csv(source: SourceFile, lines: Iterable[str]) -> Iterator[Item]:
    where = str(source.path)
    reader = csv.reader(lines)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        yield Problem(where, 1, f"no readable header row: {exc}", skipped=True)
        return
    body_col = next((c for c in _BODY_COLUMNS if c in header), None)
    if body_col is None:
        found = ", ".join(header) or "none"
        yield Problem(where, 1, f"no body column (need body, text or content; found {found})", True)
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Problem(where, reader.line_num, f"CSV does not parse: {exc}", skipped=True)
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            yield Problem(
                where,
                reader.line_num,
                f"{len(row)} columns where the header has {len(header)}",
                skipped=False,
            )
        yield from _record(source, reader.line_num, _csv_record(header, row, body_col))


def _csv_record(header: list[str], row: list[str], body_col: str) -> dict:
    values = dict(zip(header, row, strict=False))
    record: dict = {"body": values.pop(body_col, None)}
    title_col = next((c for c in _TITLE_COLUMNS if c in values), None)
    record["title"] = values.pop(title_col, "") if title_col else ""
    for key in ("id", "date"):
        if key in values:
            record[key] = values.pop(key)
    for key, value in values.items():
        if key not in _BODY_COLUMNS and value.strip():
            record[key] = [v.strip() for v in value.split(";") if v.strip()]
    return record


def _record(source: SourceFile, line: int, record: dict, digest: str = "") -> Iterator[Item]:
    raw_id = record.get("id")
    article_id = safe_id(str(raw_id)) if raw_id not in (None, "") else f"{source.stem_id}-{line}"
    title = record.get("title") or ""
    metadata = {
        key: tuple(value) if isinstance(value, list) else (value,)
        for key, value in record.items()
        if key not in _CORE_FIELDS and _is_keyword(value)
    }
    yield from _article(
        source,
        line,
        article_id,
        record.get("date"),
        str(title),
        record.get("body"),
        metadata,
        digest,
    )


def _is_keyword(value) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def _article(
    source: SourceFile,
    line: int,
    article_id: str,
    raw_date,
    title: str,
    body,
    metadata: dict | None = None,
    digest: str = "",
) -> Iterator[Item]:
    where = str(source.path)
    if not isinstance(body, str) or not body.strip():
        yield Problem(where, line, "no body", skipped=True)
        return
    if len(body) > MAX_BODY_CHARS:
        size = f"{len(body) / 1e6:.1f} million characters"
        yield Problem(where, line, f"body is {size}; the limit is {MAX_BODY_CHARS:,}", True)
        return
    day = None
    if raw_date in (None, ""):
        yield Problem(where, line, "no date; indexed as undated", skipped=False)
    else:
        try:
            day = parse_article_date(str(raw_date))
        except DateError as exc:
            yield Problem(where, line, f"{exc}; indexed as undated", skipped=False)
    yield Article(
        id=article_id,
        body=body.strip(),
        date=day,
        title=title.strip(),
        source=where,
        line=line,
        metadata=metadata or {},
        digest=digest,
    )
