"""Dateline's web UI: a Flask app factory in the style of Flask's tutorial (flaskr)."""

from __future__ import annotations

import os

from flask import Flask, Response, jsonify, render_template, request

from search import Index, IndexDamaged

SECURITY_HEADERS = {
    # Only our own stylesheet; no script at all, so injected markup has nothing to run.
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def create_app(
    index_dir: str | os.PathLike[str] | None = None, index: Index | None = None
) -> Flask:
    """The app over one index (default: `index/` or $DATELINE_INDEX)."""
    app = Flask(__name__)
    app.extensions["dateline_index"] = index or Index(index_dir)

    from webui import api, speakers, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(speakers.bp)
    app.after_request(_secure)
    app.register_error_handler(404, _not_found)
    app.register_error_handler(405, _not_allowed)
    app.register_error_handler(500, _server_error)
    app.register_error_handler(IndexDamaged, _index_damaged)
    return app


def _secure(response: Response) -> Response:
    response.headers.update(SECURITY_HEADERS)
    return response


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _not_found(error):
    if _wants_json():
        return jsonify(error="not found"), 404
    return render_template("error.html", title="Not found", message=_describe(error)), 404


def _not_allowed(error):
    if _wants_json():
        return jsonify(error="method not allowed"), 405
    return render_template("error.html", title="Not allowed", message="Use GET."), 405


def _server_error(error):
    message = "Something went wrong on our side. Please try again."
    if _wants_json():
        return jsonify(error=message), 500
    return render_template("error.html", title="Error", message=message), 500


def _index_damaged(error: IndexDamaged):
    # 503: the service cannot answer until the index is repaired or rebuilt.
    if _wants_json():
        return jsonify(error=str(error)), 503
    return render_template("error.html", title="Index damaged", message=str(error)), 503


def _describe(error) -> str:
    description = getattr(error, "description", "")
    if description and "requested URL was not found" not in description:
        return description
    return "There is no page at this address."
