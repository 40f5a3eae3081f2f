"""The search parameters of a request: read, checked, and turned back into links."""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from search import SORT_ALIASES, SORTS, QueryError


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    date_from: str = ""
    date_to: str = ""
    sort: str = "relevance"
    page: int = 1

    @classmethod
    def from_args(cls, args: MultiDict) -> SearchParams:
        """Read request arguments; QueryError for values no search could use."""
        sort = args.get("sort", "relevance") or "relevance"
        sort = SORT_ALIASES.get(sort, sort)
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")
        raw_page = (args.get("page") or "1").strip()
        page = whole_number(raw_page, "page")
        if page < 1:
            raise QueryError(f"page must be a whole number from 1, not {raw_page[:20]!r}")
        return cls(
            q=(args.get("q") or "").strip(),
            date_from=(args.get("from") or "").strip(),
            date_to=(args.get("to") or "").strip(),
            sort=sort,
            page=page,
        )

    def date_range(self) -> dict:
        """The date bounds as keyword arguments for any `Index` method that takes them."""
        return {"date_from": self.date_from or None, "date_to": self.date_to or None}

    def search_kwargs(self) -> dict:
        return {**self.date_range(), "sort": self.sort, "page": self.page}

    def query_string(self, **changes) -> str:
        """This search as URL arguments, with `changes` applied and defaults left out."""
        params = replace(self, **changes)
        pairs = {
            "q": params.q,
            "from": params.date_from,
            "to": params.date_to,
            "sort": "" if params.sort == "relevance" else params.sort,
            "page": "" if params.page == 1 else str(params.page),
        }
        return urlencode({k: v for k, v in pairs.items() if v})


def whole_number(raw: str, name: str) -> int:
    """`raw` as a non-negative int; QueryError for anything else, "²" and "１" included."""
    # str.isdigit() alone accepts superscripts, which int() then refuses.
    if not (raw.isascii() and raw.isdigit()):
        raise QueryError(f"{name} must be a whole number, not {raw[:20]!r}")
    if len(raw) > 9:  # int() refuses past 4,300 digits, and no count here comes near a billion
        raise QueryError(f"{name} {raw[:20]}… is far too large")
    return int(raw)
