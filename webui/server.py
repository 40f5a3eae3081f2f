"""Serving the web UI with waitress, a production WSGI server."""

from __future__ import annotations

import click
from waitress import serve as waitress_serve

from search import Index
from webui import create_app


def serve(index: Index, host: str = "127.0.0.1", port: int = 8080, threads: int = 4) -> None:
    app = create_app(index=index)
    click.echo(f"Dateline is serving {index.path} at http://{host}:{port}/ (Ctrl-C to stop)")
    waitress_serve(app, host=host, port=port, threads=threads, ident="dateline")
