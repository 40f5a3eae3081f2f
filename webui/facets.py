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
        listed = {v for v, _ in values}
        kept = [(f.value, 0) for f in params.filters if f.facet == name and f.value not in listed]
        pairs = [*values, *kept]
        if pairs:
            build = _year if name == "year" else _keyword
            out[name] = [build(name, value, count, params, base) for value, count in pairs]
    return out


def _year(_name: str, value: str, count: int, params: SearchParams, base: str) -> FacetValue:
    chosen = params.date_from == value and params.date_to == value
    dates = {"date_from": "", "date_to": ""} if chosen else {"date_from": value, "date_to": value}
    return FacetValue(value, count, base + params.query_string(**dates, page=1), chosen=chosen)


def _keyword(name: str, value: str, count: int, params: SearchParams, base: str) -> FacetValue:
    chosen = params.chosen(name).get(value)
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
