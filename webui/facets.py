"""A search's facets as the page lists them: each value with its count and the links that keep
it, leave it out, or (once chosen) remove it. Built in Python once per page: a facet list holds
hundreds of values, each with two links."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for

from search import Filter
from webui.params import SearchParams


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    href: str  # keep only this value, or, once chosen, remove the filter
    exclude_href: str | None = None  # leave this value out (None once chosen)
    chosen: bool = False
    excluded: bool = False


def facet_values(found: dict, params: SearchParams) -> dict[str, list[FacetValue]]:
    """The facets to offer: years, speakers and metadata; values already chosen stay listed
    (an excluded one matches nothing now, so counting would drop it)."""
    base = url_for("pages.search") + "?"
    out = {}
    for name, values in found.items():
        if name == "month":
            continue
        if name == "year":  # a year is a date range, not a filter
            items = [_year(value, count, params, base) for value, count in values]
        else:
            chosen = params.chosen(name)
            listed = {v for v, _ in values}
            pairs = [*values, *((v, 0) for v in chosen if v not in listed)]
            items = [_keyword(name, v, n, chosen.get(v), params, base) for v, n in pairs]
        if items:
            out[name] = items
    return out


def _year(value: str, count: int, params: SearchParams, base: str) -> FacetValue:
    chosen = params.date_from == value and params.date_to == value
    dates = {"date_from": "", "date_to": ""} if chosen else {"date_from": value, "date_to": value}
    return FacetValue(value, count, base + params.query_string(**dates, page=1), chosen=chosen)


def _keyword(
    name: str, value: str, count: int, chosen: Filter | None, params: SearchParams, base: str
) -> FacetValue:
    if chosen:
        href = base + params.without_filter(chosen)
        return FacetValue(value, count, href, chosen=True, excluded=chosen.exclude)
    keep = Filter(name, value)
    return FacetValue(
        value,
        count,
        base + params.with_filter(keep),
        exclude_href=base + params.with_filter(keep.flipped()),
    )
