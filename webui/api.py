"""The JSON API: the same searches as the pages, errors as JSON with a 400 or 404."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from search import ArticleNotFound, DateError, IndexMissing, QueryError
from webui.params import SearchParams, whole_number
from webui.views import engine

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.errorhandler(QueryError)
@bp.errorhandler(DateError)
def _bad_request(exc):
    return jsonify(error=str(exc)), 400


@bp.errorhandler(ArticleNotFound)
def _missing(exc):
    return jsonify(error=f"no article with the id {exc.args[0]!r}"), 404


@bp.errorhandler(IndexMissing)
def _no_index(exc):
    return jsonify(error=str(exc)), 503


def _page_size() -> int:
    return whole_number(request.args.get("page_size", "10").strip(), "page_size")


@bp.get("/search")
def search():
    params = SearchParams.from_args(request.args)
    if not params.q:
        raise QueryError("give a query with q=")
    page = engine().search(params.q, page_size=_page_size(), **params.search_kwargs())
    payload = page.to_dict()
    names = request.args.getlist("facet")
    if names:
        found = engine().facets(
            params.q,
            **params.date_range(),
            names=names,
        )
        payload["facets"] = {name: [list(pair) for pair in pairs] for name, pairs in found.items()}
    return jsonify(payload)


@bp.get("/quotes")
def quotes():
    params = SearchParams.from_args(request.args)
    speaker = (request.args.get("speaker") or "").strip() or None
    page = engine().quotes(
        params.q or None, speaker=speaker, page_size=_page_size(), **params.search_kwargs()
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
