"""Facet filters: `places:usa` keeps the articles with that value, `-places:usa` leaves them
out. Apart from the query's words, so the words rank as they always do."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from search.errors import FilterError

_FILTER = re.compile(r"(-?)([A-Za-z_]\w*):(.+)")
MAX_FILTERS = 12


@dataclass(frozen=True)
class Filter:
    facet: str
    value: str
    exclude: bool = False

    @classmethod
    def parse(cls, raw: str) -> Filter:
        found = _FILTER.fullmatch(raw.strip())
        value = found.group(3).strip().strip('"') if found else ""
        if not found or not value:
            raise FilterError(f"a filter looks like places:usa or -places:usa, not {raw[:40]!r}")
        return cls(found.group(2).lower(), value, bool(found.group(1)))

    def __str__(self) -> str:
        return f"{'-' if self.exclude else ''}{self.facet}:{self.value}"

    def flipped(self) -> Filter:
        """The same value, kept instead of left out or the other way round."""
        return replace(self, exclude=not self.exclude)


def parse_filters(raw: Iterable[str], facets: list[str]) -> list[Filter]:
    """The filters asked for, checked against the facets the index has (not year or month:
    those are dates, asked with from and to)."""
    parsed = list(dict.fromkeys(Filter.parse(r) for r in raw if r.strip()))
    if len(parsed) > MAX_FILTERS:
        raise FilterError(f"at most {MAX_FILTERS} filters at once")
    usable = [f for f in facets if f not in ("year", "month")]
    for f in parsed:
        if f.facet not in usable:
            raise FilterError(f"no facet {f.facet!r} to filter on; choose from {', '.join(usable)}")
    return parsed
