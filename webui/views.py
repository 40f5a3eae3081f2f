"""The HTML pages: home, search, article, timeline comparison, help, export and the Atom feed."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    render_template,
    request,
    stream_with_context,
    url_for,
)

from search import (
    BUILT_IN_FACETS,
    EXPORT_FORMATS,
    GRANULARITIES,
    ArticleNotFound,
    DateError,
    Index,
    IndexMissing,
    QueryError,
    export_filename,
    export_lines,
    export_with_links,
)
from webui import charts, feeds
from webui.facets import facet_lists, facet_values
from webui.params import ParamError, SearchParams, check_dates

bp = Blueprint("pages", __name__)
FACETS_SHOWN = 8  # values shown per facet; the rest behind "show more"
FACETS_MAX = 20  # values listed per facet: a page of them is enough to choose from
EXAMPLES = 6
USER_ERRORS = (QueryError, DateError, IndexMissing)


def engine() -> Index:
    return current_app.extensions["dateline_index"]


@bp.get("/")
@bp.get("/search")
def search():
    try:
        params = SearchParams.from_args(request.args)
    except ParamError as exc:
        return _search_error(SearchParams.lenient(request.args), exc, exc.parameter)
    if not params.q and not params.filters:
        return render_template("search.html", params=params, home=home_summary())
    try:
        page = engine().search(
            params.query_text(), collapse=params.collapse, **params.search_kwargs()
        )
        narrowed = {**params.date_range(), **params.filter_kwargs()}
        # Months are the chart's to show, not a facet's: not counted.
        names = [n for n in engine().facet_names() if n != "month"]
        found = engine().facets(params.query_text(), **narrowed, names=names, size=FACETS_MAX)
        timeline = engine().timeline([params.query_text()], **narrowed)
    except USER_ERRORS as exc:
        return _search_error(params, exc)
    return render_template(
        "search.html",
        params=params,
        page=page,
        # Shown twice (folded on a phone, beside the results on a wide screen): built once.
        facet_lists=facet_lists(facet_values(found, params), FACETS_SHOWN),
        chart=charts.bar_chart(timeline, _narrowing(params), names=[params.q]),
    )


def _search_error(params: SearchParams, exc: Exception, invalid: str | None = None):
    return render_template("search.html", params=params, error=str(exc), invalid=invalid), 400


def home_summary() -> dict | None:
    """The archive's size and span, and searches that find something in it (`_examples`),
    worked out once per published generation: they are the same for every reader until the
    next reindex, and take several searches (half a second at 190,000 articles)."""
    try:
        stats = engine().stats()
        # A generation's name alone could come back in an index built again from scratch.
        key = (stats.generation, stats.articles, stats.size_bytes)
        kept = current_app.extensions.setdefault("dateline_home", {})
        if key not in kept:
            kept.clear()
            kept[key] = _examples()
    except IndexMissing:
        return None
    return {"stats": stats, "examples": kept[key]}


def _examples() -> list[tuple[SearchParams, int]]:
    """Searches that find something in the archive: its commonest metadata value as words, its
    commonest metadata values and speaker as fields, one of them narrowed to its busiest year,
    each with its count."""
    found = engine().facets(None, size=2)
    order = [n for n in found if n not in BUILT_IN_FACETS] + ["speaker"]
    queries = [_field_query(n, v) for n in order for v, _ in found.get(n, [])[:2]]
    examples = [SearchParams(q=q) for q in queries[: EXAMPLES - 1]]
    if examples:
        years = engine().facets(examples[0].q, names=["year"])["year"]
        if len(years) > 1:  # a year narrows it
            busiest = max(years, key=lambda pair: pair[1])[0]
            examples.insert(1, SearchParams(q=examples[0].q, date_from=busiest, date_to=busiest))
    words = [SearchParams(q=v.replace("-", " ")) for n in order[:-1] for v, _ in found[n]]
    counted = [(e, _count(e)) for e in examples]
    best_word = max(((w, _count(w)) for w in words[:4]), key=lambda pair: pair[1], default=None)
    if best_word:
        counted.insert(0, best_word)
    return [(e, n) for e, n in counted if n][:EXAMPLES]


def _count(params: SearchParams) -> int:
    return engine().search(params.q, page_size=1, **params.date_range()).total


def _field_query(name: str, value: str) -> str:
    return f'{name}:"{value}"' if " " in value else f"{name}:{value}"


@bp.get("/help")
def help_page():
    return render_template("help.html")


@bp.get("/article/<path:article_id>")
def article(article_id: str):
    try:
        params = SearchParams.from_args(request.args)
    except ParamError:
        params = SearchParams.lenient(request.args)
    try:
        view = engine().article(article_id, query=params.q or None)
    except ArticleNotFound:
        abort(404, description=f"There is no article with the id {article_id!r}.")
    similar = engine().more_like_this(article_id, top=5)
    back = url_for("pages.search")
    return render_template(
        "article.html",
        article=view,
        paragraphs=view.body_html.split("\n\n"),
        quotes=view.quotes,
        similar=similar,
        query=params.q,
        params=params,
        back=back + "?" + params.query_string() if params.q else back,
    )


@bp.get("/timeline")
def timeline():
    queries = [q.strip() for q in request.args.getlist("q") if q.strip()][:3]
    form = {
        "queries": queries,
        "granularity": request.args.get("granularity") or "",
        "measure": request.args.get("measure") or "count",
        "date_from": (request.args.get("from") or "").strip(),
        "date_to": (request.args.get("to") or "").strip(),
    }
    if not queries:
        return render_template("timeline.html", form=form, chart=None, examples=_comparisons())
    try:
        result = _timeline(form)
    except ParamError as exc:
        return _timeline_error(form, exc, exc.parameter)
    except USER_ERRORS as exc:
        return _timeline_error(form, exc)
    if request.args.get("format") == "csv":
        return _timeline_csv(result, queries)
    narrowing = _narrowing(SearchParams(date_from=form["date_from"], date_to=form["date_to"]))
    chart = charts.bar_chart(result, narrowing, form["measure"])
    csv_link = url_for("pages.timeline") + "?" + _timeline_query(form, format="csv")
    dates = SearchParams(date_from=form["date_from"], date_to=form["date_to"])
    searches = [url_for("pages.search") + "?" + dates.query_string(q=q) for q in queries]
    return render_template(
        "timeline.html", form=form, chart=chart, csv_link=csv_link, search_links=searches
    )


def _comparisons() -> list[tuple[str, str]]:
    """Comparisons worth a look in this archive, from its commonest values."""
    home = home_summary()
    queries = (
        [example.q for example, _ in home["examples"] if not example.date_from] if home else []
    )
    out = []
    if len(queries) >= 2:
        form = {"queries": queries[:2], "date_from": "", "date_to": ""}
        link = _timeline_query({**form, "granularity": "", "measure": "share"})
        out.append((f"{queries[0]} against {queries[1]}, as a share of all articles", link))
    if queries:
        form = {"queries": queries[-1:], "date_from": "", "date_to": ""}
        link = _timeline_query({**form, "granularity": "year", "measure": "count"})
        out.append((f"{queries[-1]} by year", link))
    return [(label, url_for("pages.timeline") + "?" + link) for label, link in out]


def _timeline(form: dict):
    if form["granularity"] and form["granularity"] not in GRANULARITIES:
        raise ParamError("granularity", f"granularity must be one of {', '.join(GRANULARITIES)}")
    if form["measure"] not in charts.MEASURES:
        raise ParamError("measure", "measure must be count or share")
    check_dates(form["date_from"], form["date_to"])
    return engine().timeline(
        form["queries"],
        date_from=form["date_from"] or None,
        date_to=form["date_to"] or None,
        granularity=form["granularity"] or None,
        totals=True,
    )


def _timeline_error(form: dict, exc: Exception, invalid: str | None = None):
    page = render_template("timeline.html", form=form, chart=None, error=str(exc), invalid=invalid)
    return page, 400


def _timeline_query(form: dict, **extra: str) -> str:
    pairs = [("q", q) for q in form["queries"]]
    pairs += [
        ("from", form["date_from"]),
        ("to", form["date_to"]),
        ("granularity", form["granularity"]),
        ("measure", "" if form["measure"] == "count" else form["measure"]),
        *extra.items(),
    ]
    return urlencode([(k, v) for k, v in pairs if v])


def _timeline_csv(result, queries: list[str]) -> Response:
    """The series as a spreadsheet: one row a period, its count and share for each query."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["period", "articles", *(f"{q} {col}" for q in queries for col in ("count", "share"))]
    )
    totals = result.totals or [0] * len(result.periods)
    for n, period in enumerate(result.periods):
        cells = []
        for q in queries:
            count = result.series[q][n]
            cells += [count, f"{count / totals[n]:.6f}" if totals[n] else ""]
        writer.writerow([period.isoformat(), totals[n], *cells])
    headers = {"Content-Disposition": 'attachment; filename="dateline-timeline.csv"'}
    return Response(out.getvalue(), mimetype="text/csv", headers=headers)


def _narrowing(params: SearchParams):
    """Links from a chart's bar to the search for that query, narrowed to the bar's dates."""

    base = url_for("pages.search") + "?"
    # A chart has a bar per period: the rest of each link is encoded once per query.
    around: dict[str, tuple[str, str]] = {}
    marker = "0000-00-00"  # a date as URL-safe as ISO dates, so only it differs

    def link(query: str, first: str, last: str) -> str:
        if query not in around:
            words = params.q if params.q and query == params.query_text() else query
            encoded = params.query_string(q=words, date_from=marker, date_to=marker, page=1)
            before, between, after = encoded.split(marker)
            around[query] = (base + before, between, after)
        before, between, after = around[query]
        return f"{before}{first}{between}{last}{after}"

    return link


@bp.get("/export")
def export():
    """Every match as CSV or JSON Lines, streamed so any size fits in constant memory."""
    fmt = request.args.get("format", "csv")
    if fmt not in EXPORT_FORMATS:
        abort(400, description="format must be csv or jsonl")
    try:
        params = SearchParams.from_args(request.args)
        rows = engine().export(
            params.query_text(),
            **params.date_range(),
            **params.filter_kwargs(),
            sort=params.sort,
            body=request.args.get("body") == "1",
        )
    except USER_ERRORS as exc:
        return render_template("search.html", params=SearchParams(), error=str(exc)), 400
    mimetype = "text/csv" if fmt == "csv" else "application/x-ndjson"
    name = export_filename(params.query_text(), params.date_from, params.date_to, fmt)
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    rows = export_with_links(rows, request.url_root)
    body = stream_with_context(export_lines(rows, fmt))
    return Response(body, mimetype=mimetype, headers=headers)


@bp.get("/feed")
def feed():
    """An Atom feed of a search, newest first: a saved search becomes an alert."""
    try:
        params = SearchParams.from_args(request.args)
        page = engine().search(
            params.query_text(),
            **params.date_range(),
            **params.filter_kwargs(),
            sort="newest",
            page_size=feeds.ENTRIES,
        )
    except USER_ERRORS as exc:
        abort(400, description=str(exc))
    xml = feeds.atom(page, params, request.url_root.rstrip("/"))
    return Response(xml, mimetype="application/atom+xml")
