"""The search parameters of a request: read, checked, and turned back into links."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from urllib.parse import quote_plus, urlencode

from werkzeug.datastructures import MultiDict

from search import (
    MAX_FILTERS,
    SORT_ALIASES,
    SORTS,
    DateError,
    Filter,
    FilterError,
    Index,
    QueryError,
)


class ParamError(QueryError):
    """A request argument no search could use; `parameter` names it, for the page to mark."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter


def _filter(raw: str) -> Filter:
    """A filter argument as the facade reads it; on the page a value holds no quotation mark
    (the facade strips them)."""
    try:
        found = Filter.parse(raw)
    except FilterError as exc:
        raise ParamError("filter", str(exc)) from exc
    if '"' in raw.partition(":")[2]:
        raise ParamError(
            "filter", f"a filter looks like places:usa or -places:usa, not {raw[:40]!r}"
        )
    return found


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    date_from: str = ""
    date_to: str = ""
    sort: str = "relevance"
    page: int = 1
    filters: tuple[Filter, ...] = ()
    collapse: bool = True  # near-identical stories as one result; collapse=0 lists each

    @classmethod
    def from_args(cls, args: MultiDict) -> SearchParams:
        """Read request arguments; a ParamError naming the argument for values no search could
        use (the dates included, each checked on its own so the message can say which)."""
        sort = args.get("sort", "relevance") or "relevance"
        sort = SORT_ALIASES.get(sort, sort)
        if sort not in SORTS:
            raise ParamError("sort", f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")
        raw_page = (args.get("page") or "1").strip()
        page = whole_number(raw_page, "page")
        if page < 1:
            raise ParamError("page", f"page must be a whole number from 1, not {raw_page[:20]!r}")
        raw_filters = [f for f in args.getlist("filter") if f.strip()]
        if len(raw_filters) > MAX_FILTERS:
            raise ParamError("filter", f"at most {MAX_FILTERS} filters at once")
        filters = tuple(dict.fromkeys(_filter(f) for f in raw_filters))
        date_from = (args.get("from") or "").strip()
        date_to = (args.get("to") or "").strip()
        check_dates(date_from, date_to)
        return cls(
            q=(args.get("q") or "").strip(),
            date_from=date_from,
            date_to=date_to,
            sort=sort,
            page=page,
            filters=filters,
            collapse=_collapse(args.get("collapse", "")),
        )

    @classmethod
    def lenient(cls, args: MultiDict) -> SearchParams:
        """What the request asked for, unchecked: to fill the form again beside an error."""
        return cls(
            q=(args.get("q") or "").strip(),
            date_from=(args.get("from") or "").strip(),
            date_to=(args.get("to") or "").strip(),
        )

    def date_range(self) -> dict:
        """The date bounds as keyword arguments for any `Index` method that takes them."""
        return {"date_from": self.date_from or None, "date_to": self.date_to or None}

    def search_kwargs(self) -> dict:
        return {**self.date_range(), **self.filter_kwargs(), "sort": self.sort, "page": self.page}

    def filter_kwargs(self) -> dict:
        """The facet filters as keyword arguments for the `Index` methods that take them: apart
        from the words, so the words rank as they do without filters."""
        return {"filters": [str(f) for f in self.filters]}

    def query_text(self) -> str:
        """The words the index is asked for."""
        return self.q

    def query_string(self, **changes) -> str:
        """This search as URL arguments, with `changes` applied and defaults left out."""
        if not changes:  # every result links to its article with the whole search
            return self._as_is
        return replace(self, **changes)._as_is

    @cached_property
    def _as_is(self) -> str:
        pairs = [
            ("q", self.q),
            ("from", self.date_from),
            ("to", self.date_to),
            ("sort", "" if self.sort == "relevance" else self.sort),
            *(("filter", str(f)) for f in self.filters),
            ("page", "" if self.page == 1 else str(self.page)),
            ("collapse", "" if self.collapse else "0"),
        ]
        return urlencode([(k, v) for k, v in pairs if v])

    def filter_links(self, facet: str, value: str) -> tuple[str, str]:
        """The query strings that keep `facet:value` and that leave it out, from page 1, for a
        value no filter of this search names yet."""
        # A facet list links every value twice: one encoding of the rest of the search, and
        # one of the value, serve both links.
        pair = f"{quote_plus(facet)}%3A{quote_plus(value)}"
        return f"{self._filter_prefix}{pair}", f"{self._filter_prefix}-{pair}"

    @cached_property
    def _filter_prefix(self) -> str:
        return self.query_string(page=1) + "&filter="

    def without_filter(self, old: Filter) -> str:
        return self.query_string(filters=tuple(f for f in self.filters if f != old), page=1)

    def chosen(self, field: str) -> dict[str, Filter]:
        """The filters on one field, by value."""
        return {f.value: f for f in self.filters if f.facet == field}


def check_dates(date_from: str, date_to: str) -> None:
    """A ParamError naming `from` or `to` for a date that cannot be read or a reversed range."""
    for parameter, value in (("from", date_from), ("to", date_to)):
        try:
            Index.date_range(value or None, None)
        except DateError as exc:
            raise ParamError(parameter, f"{parameter}: {exc}") from exc
    try:
        Index.date_range(date_from or None, date_to or None)
    except DateError as exc:
        raise ParamError("to", f"to: {exc}") from exc


def whole_number(raw: str, name: str) -> int:
    """`raw` as a non-negative int; ParamError for anything else, "²" and "１" included."""
    # str.isdigit() alone accepts superscripts, which int() then refuses.
    if not (raw.isascii() and raw.isdigit()):
        raise ParamError(name, f"{name} must be a whole number, not {raw[:20]!r}")
    if len(raw) > 9:  # int() refuses past 4,300 digits, and no count here comes near a billion
        raise ParamError(name, f"{name} {raw[:20]}… is far too large")
    return int(raw)


def _collapse(raw: str) -> bool:
    value = raw.strip().lower()
    if value not in ("", "0", "1", "true", "false"):
        raise ParamError("collapse", f"collapse must be 1 or 0, not {value[:20]!r}")
    return value not in ("0", "false")
