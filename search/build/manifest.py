"""What a generation was built from: per source file, its fingerprint and its articles' hashes.

Incremental reindex compares files by size and mtime first, then by content digest, so an
unchanged archive is never re-read, and an unchanged article is never re-analysed.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from search.build.rules import rules_version
from search.engine.legacy import FORMAT
from search.errors import IndexDamaged

MANIFEST = "manifest.json"
NOT_CACHED = -1


@dataclass
class FileRecord:
    size: int
    mtime_ns: int
    digest: str
    articles: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        # Not dataclasses.asdict: it deep-copies every article's entry, a tenth of a reindex.
        return {
            "size": self.size,
            "mtime_ns": self.mtime_ns,
            "digest": self.digest,
            "articles": self.articles,
        }

    def matches_stat(self, st: os.stat_result) -> bool:
        return self.size == st.st_size and self.mtime_ns == st.st_mtime_ns


@dataclass
class Manifest:
    roots: list[str] = field(default_factory=list)
    files: dict[str, FileRecord] = field(default_factory=dict)
    # The on-disk format the generation was written in; manifests before format 2 had none.
    format: int = FORMAT
    # The analysis rules its articles were read with (`rules.rules_version`); None before.
    rules: str | None = field(default_factory=lambda: rules_version())

    @classmethod
    def load(cls, generation: Path | None) -> Manifest:
        if generation is None or not (generation / MANIFEST).exists():
            return cls()
        try:
            raw = json.loads((generation / MANIFEST).read_text(encoding="utf-8"))
            files = {path: FileRecord(**rec) for path, rec in raw["files"].items()}
            return cls(
                roots=raw["roots"],
                files=files,
                format=raw.get("format", 1),
                rules=raw.get("rules"),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise IndexDamaged(
                f"{generation / MANIFEST} cannot be read ({type(exc).__name__}: {exc}); "
                "rebuild the index from its sources: dateline reindex PATH... --full"
            ) from exc

    def save(self, generation: Path) -> None:
        tmp = generation / (MANIFEST + ".tmp")
        payload = {
            "format": self.format,
            "rules": self.rules,
            "roots": self.roots,
            "files": {p: r.to_dict() for p, r in self.files.items()},
        }
        # json.dumps, not json.dump: only the one-shot form uses the C encoder.
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, generation / MANIFEST)

    def article_hashes(self) -> dict[str, str]:
        return {aid: h for rec in self.files.values() for aid, h in rec.articles.items()}


def file_digest(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def is_under(path: str, roots: list[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)
