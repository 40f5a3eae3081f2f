"""Every error Dateline raises for a user to read: each message says what was wrong and how
to put it right. The CLI, the web pages and the API catch these and nothing else."""

from __future__ import annotations


class DatelineError(Exception):
    """Base of the errors below."""


class QueryError(DatelineError, ValueError):
    """A query Dateline will not run, with a message that says how to fix it."""


class FilterError(QueryError):
    """A facet filter the index cannot apply (`places:usa` is the form)."""

    parameter = "filter"  # the request argument to mark, for the web and the API


class DateError(DatelineError, ValueError):
    """A date that cannot be understood, with a message fit for the user."""


class IndexMissing(DatelineError, FileNotFoundError):
    """There is no published index at the path."""


class ArticleNotFound(DatelineError, KeyError):
    """No article has that id."""

    def __str__(self) -> str:
        return f"no article with id {self.args[0]!r}" if self.args else "no such article"


class SpeakerNotFound(DatelineError, KeyError):
    """No quotation in the index is attributed to a speaker of that name."""

    def __str__(self) -> str:
        return f"no one called {self.args[0]!r} is quoted; try part of the name, like a surname"


class IndexBusy(DatelineError, RuntimeError):
    """Another process is reindexing this index."""


class NothingToIndex(DatelineError, ValueError):
    """No paths were given and the index remembers none."""


class IndexDamaged(DatelineError):
    """The published index cannot be read: a file damaged, missing or unreadable, or written
    by a newer Dateline. The message names the file and what to do."""


class DiskFull(DatelineError):
    """A reindex ran out of space; its unfinished generation was removed."""
