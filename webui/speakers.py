"""A speaker's page and its JSON twin: everything one person is quoted as saying."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, render_template, request, url_for

from search import DateError, QueryError, SpeakerNotFound
from webui import charts
from webui.params import whole_number
from webui.views import engine

bp = Blueprint("speakers", __name__)


def _view(name: str):
    return engine().speaker(
        name,
        query=(request.args.get("q") or "").strip() or None,
        date_from=request.args.get("from") or None,
        date_to=request.args.get("to") or None,
        page=whole_number(request.args.get("page", "1").strip(), "page"),
    )


@bp.get("/speaker/<path:name>")
def speaker(name: str):
    try:
        view = _view(name)
    except SpeakerNotFound as exc:
        abort(404, description=str(exc))
    except (QueryError, DateError) as exc:
        return render_template("speaker.html", view=None, error=str(exc), name=name), 400

    def narrowed(_query: str, first: str, last: str) -> str:
        return url_for("speakers.speaker", name=view.name, **{"from": first, "to": last})

    return render_template(
        "speaker.html",
        view=view,
        name=name,
        chart=charts.bar_chart(view.by_month, narrowed, unit="quotation"),
        query=request.args.get("q"),
        date_from=request.args.get("from"),
        date_to=request.args.get("to"),
    )


@bp.get("/api/speaker/<path:name>")
def speaker_api(name: str):
    try:
        return jsonify(_view(name).to_dict())
    except SpeakerNotFound as exc:
        return jsonify(error=str(exc)), 404
    except (QueryError, DateError) as exc:
        return jsonify(error=str(exc)), 400
