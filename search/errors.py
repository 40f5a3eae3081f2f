"""Every error Dateline raises for a user to read: each message says what was wrong and how
to put it right. The CLI, the web pages and the API catch these and nothing else."""

from __future__ import annotations


class DatelineError(Exception):
    """Base of the errors below."""


class QueryError(DatelineError, ValueError):
    """A query Dateline will not run, with a message that says how to fix it."""


class DateError(DatelineError, ValueError):
    """A date that cannot be understood, with a message fit for the user."""


class IndexMissing(DatelineError, FileNotFoundError):
    """There is no published index at the path."""


class ArticleNotFound(DatelineError, KeyError):
    """No article has that id."""

    def __str__(self) -> str:
        return f"no article with id {self.args[0]!r}" if self.args else "no such article"


class IndexBusy(DatelineError, RuntimeError):
    """Another process is reindexing this index."""


class NothingToIndex(DatelineError, ValueError):
    """No paths were given and the index remembers none."""
