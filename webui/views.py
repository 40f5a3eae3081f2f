"""The HTML pages: search, article, timeline comparison, export and the Atom feed."""

from __future__ import annotations

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
    ArticleNotFound,
    DateError,
    Index,
    IndexMissing,
    QueryError,
    export_lines,
)
from webui import charts, feeds
from webui.params import SearchParams

bp = Blueprint("pages", __name__)
FACETS_SHOWN = 8
USER_ERRORS = (QueryError, DateError, IndexMissing)


def engine() -> Index:
    return current_app.extensions["dateline_index"]


@bp.get("/")
@bp.get("/search")
def search():
    try:
        params = SearchParams.from_args(request.args)
    except QueryError as exc:
        params = SearchParams(q=(request.args.get("q") or "").strip())
        return render_template("search.html", params=params, error=str(exc)), 400
    if not params.q:
        return render_template("search.html", params=params)
    try:
        page = engine().search(params.q, **params.search_kwargs())
        found = engine().facets(
            params.q,
            **params.date_range(),
            size=FACETS_SHOWN,
        )
        timeline = engine().timeline(
            [params.q],
            **params.date_range(),
        )
    except USER_ERRORS as exc:
        return render_template("search.html", params=params, error=str(exc)), 400
    return render_template(
        "search.html",
        params=params,
        page=page,
        facets={k: v for k, v in found.items() if k not in ("month",) and v},
        chart=charts.bar_chart(timeline, _narrowing(params)),
        keyword_facets=[k for k in found if k not in BUILT_IN_FACETS],
    )


@bp.get("/article/<path:article_id>")
def article(article_id: str):
    query = (request.args.get("q") or "").strip()
    try:
        view = engine().article(article_id, query=query or None)
    except ArticleNotFound:
        abort(404, description=f"There is no article with the id {article_id!r}.")
    similar = engine().more_like_this(article_id, top=5)
    return render_template(
        "article.html",
        article=view,
        paragraphs=view.body_html.split("\n\n"),
        quotes=view.quotes,
        similar=similar,
        query=query,
        back=url_for("pages.search", q=query) if query else url_for("pages.search"),
    )


@bp.get("/timeline")
def timeline():
    queries = [q.strip() for q in request.args.getlist("q") if q.strip()][:3]
    if not queries:
        return render_template("timeline.html", queries=[], chart=None)
    try:
        result = engine().timeline(
            queries,
            date_from=request.args.get("from") or None,
            date_to=request.args.get("to") or None,
        )
    except USER_ERRORS as exc:
        return render_template("timeline.html", queries=queries, chart=None, error=str(exc)), 400
    chart = charts.bar_chart(result, _narrowing(SearchParams()))
    return render_template("timeline.html", queries=queries, chart=chart)


def _narrowing(params: SearchParams):
    """Links from a chart's bar to the search for that query, narrowed to the bar's dates."""

    def link(query: str, first: str, last: str) -> str:
        narrowed = params.query_string(q=query, date_from=first, date_to=last, page=1)
        return url_for("pages.search") + "?" + narrowed

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
            params.q,
            **params.date_range(),
            sort=params.sort,
        )
    except USER_ERRORS as exc:
        return render_template("search.html", params=SearchParams(), error=str(exc)), 400
    mimetype = "text/csv" if fmt == "csv" else "application/x-ndjson"
    headers = {"Content-Disposition": f'attachment; filename="dateline-export.{fmt}"'}
    body = stream_with_context(export_lines(rows, fmt))
    return Response(body, mimetype=mimetype, headers=headers)


@bp.get("/feed")
def feed():
    """An Atom feed of a search, newest first: a saved search becomes an alert."""
    try:
        params = SearchParams.from_args(request.args)
        page = engine().search(
            params.q,
            **params.date_range(),
            sort="newest",
            page_size=feeds.ENTRIES,
        )
    except USER_ERRORS as exc:
        abort(400, description=str(exc))
    xml = feeds.atom(page, params, request.url_root.rstrip("/"))
    return Response(xml, mimetype="application/atom+xml")
