"""Serving the web UI with waitress, a production WSGI server."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import threading
from pathlib import Path

import click
from flask import Flask
from waitress import serve as waitress_serve

from search import DatelineError, Index
from webui import create_app, views

# Compiled once at start rather than by the first request for each (20 ms for the results page).
PAGE_TEMPLATES = ("search.html", "article.html", "speaker.html", "timeline.html")


def serve(index: Index, host: str = "127.0.0.1", port: int = 8080, threads: int = 4) -> None:
    app = create_app(index=index)
    warm_at_start(index, app, threads)
    click.echo(f"Dateline is serving {index.path} at http://{host}:{port}/ (Ctrl-C to stop)")
    _start_check(index.path)
    waitress_serve(app, host=host, port=port, threads=threads, ident="dateline")


def warm_at_start(index: Index, app: Flask, threads: int = 0) -> None:
    """Read what every results page counts with (a quarter of a second on Reuters), open a
    snapshot of the index for each worker thread, compile the templates, and work out the home
    page's examples, before the first reader asks."""
    for name in PAGE_TEMPLATES:
        app.jinja_env.get_template(name)
    with contextlib.suppress(DatelineError):  # no index, or a damaged one: the pages say so
        index.warm(threads)
        with app.app_context():
            views.home_summary()
    # What is alive now (the app, the index's shared tables) lives as long as the server: kept
    # out of the collector's full passes, each of which otherwise walked it all again and
    # stalled the request that happened to trigger it (page p95 13.1 -> 11.3 ms on Reuters).
    gc.collect()
    gc.freeze()


def _start_check(index_dir: Path) -> None:
    """`check_at_start` beside the server: in a forked process where there is fork (before any
    thread starts, with everything already imported), as reading the manifest holds the
    interpreter (130 ms at 190,000 articles) and a page asked meanwhile waited for it; else in
    a thread."""
    if "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        checking = context.Process(target=_check_aside, args=(index_dir,), daemon=True)
        checking.start()
        threading.Thread(target=checking.join, daemon=True).start()  # reaped when done
    else:
        threading.Thread(target=check_at_start, args=(index_dir,), daemon=True).start()


def _check_aside(index_dir: Path) -> None:
    os.nice(10)  # the pages come first
    check_at_start(index_dir)


def check_at_start(index_dir: Path) -> None:
    """Read every file of the index against its checksums while the server already answers;
    if the published generation is damaged, fall back to the previous good one, loudly (the
    server follows: each page reads which generation is published)."""
    try:
        report, done = Index(index_dir).repair()
    except DatelineError as exc:
        click.echo(f"warning: could not check the index: {exc}", err=True)
        return
    if report.healthy or report.generation is None:
        return
    click.echo(f"warning: the index is damaged: {'; '.join(report.damage)}", err=True)
    click.echo(f"warning: {done}", err=True)
