"""The JSON API: the same searches as the pages, errors as JSON with a 400 or 404."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from search import ArticleNotFound, DateError, IndexMissing, QueryError
from webui import openapi
from webui.params import SearchParams, whole_number
from webui.views import engine

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.errorhandler(QueryError)
@bp.errorhandler(DateError)
def _bad_request(exc):
    parameter = getattr(exc, "parameter", None)  # a webui.params.ParamError names it
    return jsonify(error=str(exc), **({"parameter": parameter} if parameter else {})), 400


@bp.errorhandler(ArticleNotFound)
def _missing(exc):
    return jsonify(error=f"no article with the id {exc.args[0]!r}"), 404


@bp.errorhandler(IndexMissing)
def _no_index(exc):
    return jsonify(error=str(exc)), 503


def _page_size() -> int:
    return whole_number(request.args.get("page_size", "10").strip(), "page_size")


def _exact_total() -> bool:
    """`exact_total=1` counts every match (past 10,000 the total is otherwise a lower bound)."""
    value = request.args.get("exact_total", "").strip().lower()
    if value not in ("", "0", "1", "true", "false"):
        raise QueryError(f"exact_total must be 1 or 0, not {value[:20]!r}")
    return value in ("1", "true")


@bp.get("/search")
def search():
    params = SearchParams.from_args(request.args)
    if not params.q and not params.filters:
        raise QueryError("give a query with q=, or a filter with filter=")
    query = params.query_text()
    page = engine().search(
        query,
        page_size=_page_size(),
        exact_total=_exact_total(),
        collapse=params.collapse,
        **params.search_kwargs(),
    )
    payload = page.to_dict()
    names = request.args.getlist("facet")
    if names:
        found = engine().facets(
            query,
            **params.date_range(),
            **params.filter_kwargs(),
            names=names,
        )
        payload["facets"] = {name: [list(pair) for pair in pairs] for name, pairs in found.items()}
    return jsonify(payload)


@bp.get("/quotes")
def quotes():
    params = SearchParams.from_args(request.args)
    speaker = (request.args.get("speaker") or "").strip() or None
    page = engine().quotes(
        params.q or None,
        speaker=speaker,
        page_size=_page_size(),
        **params.date_range(),
        sort=params.sort,
        page=params.page,
    )
    return jsonify(page.to_dict())


@bp.get("/timeline")
def timeline():
    queries = [q for q in request.args.getlist("q") if q.strip()]
    result = engine().timeline(
        queries,
        date_from=request.args.get("from") or None,
        date_to=request.args.get("to") or None,
        granularity=request.args.get("granularity") or None,
        totals=request.args.get("totals") == "1",
    )
    return jsonify(result.to_dict())


@bp.get("/article/<path:article_id>")
def article(article_id: str):
    view = engine().article(article_id, query=request.args.get("q") or None)
    return jsonify(view.to_dict())


@bp.get("/similar/<path:article_id>")
def similar(article_id: str):
    window = request.args.get("window", "").strip()
    days = whole_number(window, "window (days)") if window else None
    hits = engine().more_like_this(article_id, top=10, window_days=days)
    return jsonify(results=[hit.to_dict() for hit in hits])


@bp.get("/openapi.json")
def description():
    """The OpenAPI description of this API."""
    return jsonify(openapi.spec())
