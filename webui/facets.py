"""A search's facets as the page lists them: each value with its count and the links that keep
it, leave it out, or (once chosen) remove it. Built in Python once per page: a facet list holds
hundreds of values, each with two links."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from markupsafe import Markup, escape

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
    keep, leave_out = params.filter_links(name, value)
    return FacetValue(value, count, base + keep, exclude_href=base + leave_out)


def facet_lists(facets: dict[str, list[FacetValue]], shown: int) -> Markup:
    """The facets as HTML: a value narrows to it, "not" leaves it out; chosen ones are marked
    and lead back without them. Past the first `shown`, values wait behind "show more".
    Written here rather than in a template: a page lists a hundred values, each with two
    links, and a template spends several times as long on each."""
    return Markup("".join(_section(name, values, shown) for name, values in facets.items()))


def _section(name: str, values: list[FacetValue], shown: int) -> str:
    first, rest = values[:shown], values[shown:]
    parts = [f'<section class="facet">\n  <h3>{escape(name.capitalize())}</h3>\n', _list(first)]
    if rest:
        summary = f"    <summary>Show {len(rest)} more</summary>\n"
        parts += ['  <details class="more">\n', summary, _list(rest), "  </details>\n"]
    parts.append("</section>\n")
    return "".join(parts)


def _list(values: list[FacetValue]) -> str:
    return "  <ul>\n" + "".join(_item(v) for v in values) + "  </ul>\n"


def _item(item: FacetValue) -> str:
    value, href = escape(item.value), escape(item.href)
    if item.chosen:
        css = "chosen excluded" if item.excluded else "chosen"
        label = f"not {value}" if item.excluded else value
        count = "left out" if item.excluded else f"{item.count:,}"
        link = f'<a href="{href}" aria-current="true" aria-label="{label}, chosen: remove">'
        return (
            f'    <li class="{css}">\n      {link}{value}</a>\n'
            f'      <span class="count">{count}</span>\n    </li>\n'
        )
    leave = ""
    if item.exclude_href:
        leave = (
            f'<a class="exclude" href="{escape(item.exclude_href)}" '
            f'aria-label="Leave out {value}" title="Leave out {value}">not</a>'
        )
    return (
        f'    <li>\n      <a href="{href}">{value}</a>\n'
        f'      <span class="count">{item.count:,}</span>\n      {leave}\n    </li>\n'
    )
