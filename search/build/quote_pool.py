"""Quotations extracted in a worker process while the build's own process reads, groups and
writes: in a parallel build that process is the bottleneck, and attribution was most of it."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable

from search.engine.writer import die_with_parent
from search.quotes import Quote, extract_quotes

Later = Callable[[], list[list[Quote]]]


class QuotePool:
    """`start(bodies)` begins extracting the quotations of a batch and returns what gives them;
    in process when not `parallel`, so that a small build starts no process."""

    def __init__(self, parallel: bool):
        self._pool = None
        # Forked, so the worker starts with the rules already imported (where there is no fork,
        # the quotations are extracted in process).
        if parallel and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self._pool = context.Pool(1, initializer=die_with_parent)

    def start(self, bodies: list[str]) -> Later:
        if self._pool is None:
            return lambda: _extract_all(bodies)
        return self._pool.apply_async(_extract_all, (bodies,)).get

    def close(self, terminate: bool = False) -> None:
        """Wait for the worker to finish, or with `terminate` (a build abandoned) stop it."""
        if self._pool is not None:
            if terminate:
                self._pool.terminate()
            else:
                self._pool.close()
            self._pool.join()
            self._pool = None


def _extract_all(bodies: list[str]) -> list[list[Quote]]:
    return [extract_quotes(body) for body in bodies]
