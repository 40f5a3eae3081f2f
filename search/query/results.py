"""What a search returns: plain, typed values that the CLI, the web UI and the JSON API share."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

SORTS = ("relevance", "newest", "oldest")
SORT_ALIASES = {"date": "newest"}


@dataclass(frozen=True)
class Similar:
    """A near-duplicate of a hit (a re-sent, corrected or updated story), folded under it."""

    id: str
    title: str
    date: date | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "date": _iso(self.date)}


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    date: date | None
    score: float | None
    highlights: list[str]  # HTML: passages of the body, escaped, matched words in <mark>
    speakers: list[str] = field(default_factory=list)
    title_html: str = ""  # HTML: the title, escaped, matched words in <mark>
    summary: str = ""  # HTML: the article's opening, when no passage of its body matched
    similar: list[Similar] = field(default_factory=list)  # its near-duplicates, when collapsed

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["date"] = self.date.isoformat() if self.date else None
        out["similar"] = [s.to_dict() for s in self.similar]
        return out


@dataclass(frozen=True)
class FirstAppearance:
    article_id: str
    title: str
    date: date | None


@dataclass(frozen=True)
class QuoteHit:
    text: str
    text_html: str  # escaped, matched words in <mark>
    speaker: str | None
    article_id: str
    title: str
    date: date | None
    score: float | None
    first_appearance: FirstAppearance | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["date"] = self.date.isoformat() if self.date else None
        if self.first_appearance and self.first_appearance.date:
            out["first_appearance"]["date"] = self.first_appearance.date.isoformat()
        return out


@dataclass(frozen=True)
class SearchPage:
    query: str
    hits: list[Hit] | list[QuoteHit]
    total: int
    page: int
    page_size: int
    sort: str
    date_from: date | None = None
    date_to: date | None = None
    elapsed: float = 0.0
    suggestion: str | None = None
    # Of `total`, how many hold every word: plain words also find articles holding only some.
    total_all_words: int | None = None
    # Near-duplicates folded under the best-ranked of their group (`Hit.similar`); `total` still
    # counts every matching article.
    collapse: bool = False
    groups: int | None = None  # how many results there are, collapsed, when known
    # True when the search stopped counting: at least `total` articles match ("10,000+").
    total_is_lower_bound: bool = False

    @property
    def results(self) -> int:
        """How many results the pages hold: the groups, collapsed, else every article."""
        return self.groups if self.groups is not None else self.total

    @property
    def total_text(self) -> str:
        """The total as shown: "1,204", or "10,000+" when it is a lower bound."""
        return f"{self.total:,}{'+' if self.total_is_lower_bound else ''}"

    @property
    def all_words(self) -> int:
        return self.total if self.total_all_words is None else self.total_all_words

    @property
    def some_words(self) -> int:
        """Articles holding only some of the words, ranked after those holding all of them."""
        return self.total - self.all_words

    @property
    def word_counts(self) -> str | None:
        """ "23 articles match all words, 1,204 match some", when some match only some."""
        if not self.some_words:
            return None
        every = f"{self.all_words:,} article{'s' if self.all_words != 1 else ''}"
        every = every if self.all_words else "No articles"
        verb = "matches" if self.all_words == 1 else "match"
        if self.total_is_lower_bound:  # past the count: how many hold only some is unknown
            return f"{every} {verb} all words, at least {self.some_words:,} match some"
        some = "matches" if self.some_words == 1 else "match"
        return f"{every} {verb} all words, {self.some_words:,} {some} some"

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.results / self.page_size))

    @property
    def past_end(self) -> bool:
        return self.total > 0 and self.page > self.pages

    @property
    def first_rank(self) -> int:
        return (self.page - 1) * self.page_size + 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "total_is_lower_bound": self.total_is_lower_bound,
            "total_all_words": self.all_words,
            "total_some_words": self.some_words,
            "page": self.page,
            "page_size": self.page_size,
            "pages": self.pages,
            "sort": self.sort,
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "elapsed_ms": round(self.elapsed * 1000, 2),
            "suggestion": self.suggestion,
            "collapse": self.collapse,
            "results": [hit.to_dict() for hit in self.hits],
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class ArticleQuote:
    """A quotation as the article page shows it: its words and who said them."""

    text: str
    speaker: str | None
    searched: bool = False  # said by the speaker the search asked for


@dataclass(frozen=True)
class ArticleView:
    id: str
    title: str
    date: date | None
    body: str
    body_html: str  # escaped, query words in <mark>
    source: str
    speakers: list[str]
    metadata: dict[str, list[str]]
    quotes: list[ArticleQuote] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["date"] = self.date.isoformat() if self.date else None
        del out["source"]  # a path on the server: not for the public API
        return out


@dataclass(frozen=True)
class Stats:
    articles: int
    undated: int
    first_date: date | None
    last_date: date | None
    size_bytes: int
    generation: str | None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("first_date", "last_date"):
            out[key] = out[key].isoformat() if out[key] else None
        return out


@dataclass(frozen=True)
class Timeline:
    """Matching articles per period, one series of counts per query, aligned to `periods`."""

    granularity: str
    periods: list[date]
    series: dict[str, list[int]]
    # Every article of the archive per period, when asked for: the base of each period's share.
    totals: list[int] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "granularity": self.granularity,
            "periods": [p.isoformat() for p in self.periods],
            "series": self.series,
        }
        if self.totals is not None:
            out["totals"] = self.totals
        return out
