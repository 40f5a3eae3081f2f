"""A checksum and size of every file of a generation, recorded when it is published.

`checksums.json` holds them, with a checksum of its own list, so damage to it is found too.
Opening a generation compares sizes (a `stat` each); `verify` reads every byte (`dateline
check`, and a server at start-up). A file hard-linked from the previous generation keeps the
checksum recorded then, so a reindex reads only the files it wrote, and damage to a linked file
is never recorded as good.
"""

from __future__ import annotations

import json
import os
import zlib
from dataclasses import dataclass
from pathlib import Path

from search.engine.legacy import FORMAT

CHECKSUMS = "checksums.json"
# Not part of the index: Whoosh's lock files, and files being replaced.
_SKIPPED_SUFFIXES = ("_WRITELOCK", "_READLOCK", ".tmp")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Damage:
    """One file of a generation that is not as it was written."""

    name: str
    problem: str

    def __str__(self) -> str:
        return f"{self.name}: {self.problem}"


def crc32_of(path: Path) -> str:
    crc = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    return f"{crc:08x}"


def _indexed_files(generation: Path) -> list[Path]:
    return sorted(
        p
        for p in generation.iterdir()
        if p.is_file() and p.name != CHECKSUMS and not p.name.endswith(_SKIPPED_SUFFIXES)
    )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def record(generation: Path, previous: Path | None = None) -> None:
    """Write the checksums of a new generation's files (a file linked from `previous` keeps
    the checksum recorded there)."""
    known = _recorded(previous)[0] if previous is not None else {}
    entries = {}
    for path in _indexed_files(generation):
        old = known.get(path.name)
        linked = old is not None and previous is not None and _same_file(path, previous / path.name)
        entries[path.name] = old if linked else _entry(path)
    _write(generation, entries)


def update(generation: Path, name: str) -> None:
    """Record anew one file replaced in a published generation (its manifest)."""
    entries, damage = _recorded(generation)
    entry = _entry(generation / name)
    if entries and not damage and entries.get(name) != entry:
        entries[name] = entry
        _write(generation, entries)


def _entry(path: Path) -> dict:
    return {"size": path.stat().st_size, "crc32": crc32_of(path)}


def _write(generation: Path, entries: dict[str, dict]) -> None:
    body = json.dumps(entries, sort_keys=True, separators=(",", ":"))
    # `format` comes first, for any Dateline to read: a newer one may change the rest.
    text = json.dumps({"format": FORMAT, "files": entries, "crc32": _text_crc(body)})
    tmp = generation / (CHECKSUMS + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, generation / CHECKSUMS)


def _text_crc(text: str) -> str:
    return f"{zlib.crc32(text.encode('utf-8')):08x}"


def load(generation: Path) -> dict[str, dict]:
    """The recorded checksums ({} for a generation published before they were recorded);
    ValueError if the file is damaged."""
    path = generation / CHECKSUMS
    if not path.exists():
        return {}
    raw = json.loads(path.read_bytes())
    entries = raw["files"]
    body = json.dumps(entries, sort_keys=True, separators=(",", ":"))
    if _text_crc(body) != raw["crc32"]:
        raise ValueError("its list differs from its own checksum")
    return entries


def _recorded(generation: Path) -> tuple[dict[str, dict], list[Damage]]:
    try:
        return load(generation), []
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return {}, [Damage(CHECKSUMS, f"cannot be read ({_reason(exc)})")]


def check_sizes(generation: Path) -> list[Damage]:
    """Files missing, unreadable or of another size than recorded: a `stat` each."""
    entries, damage = _recorded(generation)
    for name, entry in entries.items():
        damage += _size_damage(generation / name, entry["size"])
    return damage


def _size_damage(path: Path, size: int) -> list[Damage]:
    try:
        st = path.stat()
    except FileNotFoundError:
        return [Damage(path.name, "missing")]
    except OSError as exc:
        return [Damage(path.name, f"cannot be read ({_reason(exc)})")]
    if not path.is_file():
        return [Damage(path.name, "is not a file")]
    if st.st_size != size:
        return [Damage(path.name, f"{st.st_size} bytes, but {size} were written")]
    return []


def total_size(generation: Path) -> int:
    """The size of the files recorded (0 if none are)."""
    return sum(entry["size"] for entry in _recorded(generation)[0].values())


def verify(generation: Path) -> list[Damage]:
    """Every recorded file read in full and compared with its checksum."""
    entries, damage = _recorded(generation)
    for name, entry in entries.items():
        path = generation / name
        found = _size_damage(path, entry["size"])
        if not found:
            found = _content_damage(path, entry["crc32"])
        damage += found
    return damage


def _content_damage(path: Path, crc: str) -> list[Damage]:
    try:
        actual = crc32_of(path)
    except OSError as exc:
        return [Damage(path.name, f"cannot be read ({_reason(exc)})")]
    if actual != crc:
        return [Damage(path.name, "its content differs from the checksum recorded when written")]
    return []


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
