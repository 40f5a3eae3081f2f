"""`Index`: the Python API that the CLI and the web UI are thin shells over."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.searching import Hit as WhooshHit
from whoosh.searching import Results, Searcher

from search import blockrank, facets, highlighting, segments
from search.dates import parse_range
from search.indexing import ReindexReport, reindex
from search.querying import QueryError, parse_query, speaker_query
from search.results import (
    SORT_ALIASES,
    SORTS,
    ArticleView,
    FirstAppearance,
    Hit,
    QuoteHit,
    SearchPage,
    Stats,
    Timeline,
)
from search.schema import (
    MAIN_INDEX,
    METADATA_PREFIX,
    QUOTES_INDEX,
    TEXT_FIELDS,
    quote_fingerprint,
)
from search.store import IndexStore

DEFAULT_INDEX = "index"
ENV_INDEX = "DATELINE_INDEX"
MAX_PAGE_SIZE = 100
MAX_PAGE = 1000
MAX_TIMELINE_QUERIES = 3


class IndexMissing(FileNotFoundError):
    """There is no published index at the path."""


class ArticleNotFound(KeyError):
    """No article has that id."""


def default_index_path() -> Path:
    return Path(os.environ.get(ENV_INDEX) or DEFAULT_INDEX)


class Index:
    """A Dateline index on disk. Safe to share between threads; follows reindexes as they land."""

    def __init__(self, path: str | os.PathLike[str] | None = None):
        self.path = Path(path) if path is not None else default_index_path()
        self.store = IndexStore(self.path)
        self._local = threading.local()

    def exists(self) -> bool:
        return self.store.current() is not None

    def reindex(self, paths=(), **options) -> ReindexReport:
        return reindex(self.path, paths, **options)

    def searcher(self) -> Searcher:
        """This thread's article searcher on the published generation."""
        return self._searchers()[0]

    def quote_searcher(self) -> Searcher:
        """This thread's searcher over single quotations."""
        return self._searchers()[1]

    def _searchers(self) -> tuple[Searcher, Searcher]:
        current = self.store.current()
        if current is None:
            raise IndexMissing(f"no index at {self.path}; build one with: dateline reindex PATH")
        local = self._local
        if getattr(local, "generation", None) != current.name:
            for old in getattr(local, "searchers", ()):
                old.close()
            # Whoosh searchers are not thread-safe, hence one pair per thread.
            local.searchers = tuple(
                whoosh_index.open_dir(str(current), indexname=name).searcher()
                for name in (MAIN_INDEX, QUOTES_INDEX)
            )
            local.generation = current.name
        return local.searchers

    def search(
        self,
        query: str,
        *,
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        sort: str = "relevance",
        page: int = 1,
        page_size: int = 10,
        highlights: int = highlighting.PASSAGES,
    ) -> SearchPage:
        started = time.perf_counter()
        sort = _check_sort(sort)
        _check_paging(page, page_size)
        start, end = _date_bounds(date_from, date_to)
        searcher = self.searcher()
        parsed = parse_query(query, searcher.reader())
        date_filter = _date_filter(start, end)
        results, total = _ranked(searcher, parsed, date_filter, sort, page * page_size)
        window = results[(page - 1) * page_size : page * page_size]
        marker = _Marker(searcher, parsed)
        hits = [_to_hit(hit, marker, highlights) for hit in window]
        suggestion = _suggest(searcher, query, parsed) if total < 3 else None
        return SearchPage(
            query=query,
            hits=hits,
            total=total,
            page=page,
            page_size=page_size,
            sort=sort,
            date_from=start,
            date_to=end,
            elapsed=time.perf_counter() - started,
            suggestion=suggestion,
        )

    def quotes(
        self,
        query: str | None = None,
        *,
        speaker: str | None = None,
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        sort: str = "relevance",
        page: int = 1,
        page_size: int = 10,
    ) -> SearchPage:
        """Single quotations matching `query` and/or said by `speaker`, each with the earliest
        article that carries the same words."""
        started = time.perf_counter()
        sort = _check_sort(sort)
        _check_paging(page, page_size)
        start, end = _date_bounds(date_from, date_to)
        searcher = self.quote_searcher()
        reader = searcher.reader()
        parts = []
        if query:
            parts.append(parse_query(query, reader, fields=("utterance",), allowed=("speaker",)))
        if speaker:
            parts.append(speaker_query(speaker, reader))
        if not parts:
            raise QueryError("give words to look for in quotes, or a speaker")
        combined = parts[0] if len(parts) == 1 else wq.And(parts)
        date_filter = _date_filter(start, end)
        results, total = _ranked(searcher, combined, date_filter, sort, page * page_size)
        wanted = highlighting.wanted_terms(combined, "utterance", reader)
        analyzer = searcher.schema["utterance"].analyzer
        titles = _Titles(self.searcher())
        hits = [
            _to_quote_hit(hit, highlighting.match_spans(hit["text"], analyzer, wanted), titles)
            for hit in results[(page - 1) * page_size : page * page_size]
        ]
        return SearchPage(
            query=query or "",
            hits=hits,
            total=total,
            page=page,
            page_size=page_size,
            sort=sort,
            date_from=start,
            date_to=end,
            elapsed=time.perf_counter() - started,
        )

    def facets(
        self,
        query: str,
        *,
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        names: list[str] | None = None,
        size: int = facets.DEFAULT_FACET_SIZE,
    ) -> dict[str, list[tuple[str, int]]]:
        """Counts of matching articles by year, month, speaker and keyword metadata."""
        searcher, parsed, date_filter = self._prepare(query, date_from, date_to)
        available = facets.facet_fields(searcher)
        wanted = available if names is None else names
        unknown = [n for n in wanted if n not in available]
        if unknown:
            raise QueryError(f"no facet {unknown[0]!r}; choose from {', '.join(available)}")
        return facets.count_facets(searcher, parsed, date_filter, wanted, size)

    def timeline(
        self,
        queries: list[str],
        *,
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        granularity: str | None = None,
    ) -> Timeline:
        """Matching articles per day, week, month or year, for one or more queries."""
        if not queries or len(queries) > MAX_TIMELINE_QUERIES:
            raise QueryError(f"give between 1 and {MAX_TIMELINE_QUERIES} queries to compare")
        if granularity is not None and granularity not in facets.GRANULARITIES:
            raise QueryError(f"granularity must be one of {', '.join(facets.GRANULARITIES)}")
        dates = {}
        for text in queries:
            searcher, parsed, date_filter = self._prepare(text, date_from, date_to)
            dates[text] = facets.match_dates(searcher, parsed, date_filter)
        start, end = _date_bounds(date_from, date_to)
        every = [d for found in dates.values() for d in found]
        start = start or (min(every) if every else None)
        end = end or (max(every) if every else None)
        if start is None or end is None:
            return Timeline(granularity or "month", [], {q: [] for q in queries})
        grain = granularity or facets.choose_granularity(start, end)
        series = {q: facets.bucket(found, grain, start, end) for q, found in dates.items()}
        periods = [p for p, _ in next(iter(series.values()))]
        return Timeline(grain, periods, {q: [n for _, n in s] for q, s in series.items()})

    def export(
        self,
        query: str,
        *,
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        sort: str = "relevance",
    ) -> Iterator[dict]:
        """Every matching article as a flat record, in result order.

        The query is checked at once; records are read one at a time as the iterator is used.
        """
        sort = _check_sort(sort)
        searcher, parsed, date_filter = self._prepare(query, date_from, date_to)
        results, _ = _ranked(searcher, parsed, date_filter, sort, searcher.doc_count_all())
        keywords = [f for f in facets.facet_fields(searcher) if f not in facets.BUILT_IN]
        return _export_rows(searcher, results.items(), keywords, with_score=sort == "relevance")

    def more_like_this(
        self, article_id: str, *, top: int = 5, window_days: int | None = None
    ) -> list[Hit]:
        """Articles sharing the key terms of this one, optionally within days of its date."""
        searcher = self.searcher()
        docnum = searcher.document_number(id=article_id)
        if docnum is None:
            raise ArticleNotFound(article_id)
        fields = searcher.stored_fields(docnum)
        date_filter = None
        own_date = _day(fields.get("date"))
        if window_days is not None and own_date is not None:
            span = timedelta(days=window_days)
            date_filter = _date_filter(own_date - span, own_date + span)
        results = searcher.more_like(
            docnum, "body", text=fields.get("body", ""), top=top, numterms=12, filter=date_filter
        )
        return [_to_hit(hit, _NO_MARKS, 1) for hit in results]

    def _prepare(self, query, date_from, date_to) -> tuple[Searcher, wq.Query, wq.Query | None]:
        start, end = _date_bounds(date_from, date_to)
        searcher = self.searcher()
        return searcher, parse_query(query, searcher.reader()), _date_filter(start, end)

    def article(self, article_id: str, query: str | None = None) -> ArticleView:
        """One article, with the words of `query` (if any) marked in its body."""
        searcher = self.searcher()
        found = searcher.document(id=article_id)
        if found is None:
            raise ArticleNotFound(article_id)
        body = found.get("body", "")
        spans: list[tuple[int, int]] = []
        if query:
            try:
                spans = _Marker(searcher, parse_query(query, searcher.reader())).spans(body)
            except QueryError:
                spans = []
        return ArticleView(
            id=found["id"],
            title=found.get("title", ""),
            date=_day(found.get("date")),
            body=body,
            body_html=highlighting.render(body, spans),
            source=found.get("source", ""),
            speakers=_speakers(found),
            metadata=_metadata(found),
        )

    def stats(self) -> Stats:
        searcher = self.searcher()
        dated = searcher.search(wq.Every("date"), limit=None)
        first = searcher.search(wq.Every("date"), sortedby="date", limit=1)
        last = searcher.search(wq.Every("date"), sortedby="date", reverse=True, limit=1)
        current = self.store.current()
        assert current is not None
        return Stats(
            articles=searcher.doc_count(),
            undated=searcher.doc_count() - len(dated),
            first_date=_day(first[0]["date"]) if first else None,
            last_date=_day(last[0]["date"]) if last else None,
            size_bytes=sum(f.stat().st_size for f in current.iterdir() if f.is_file()),
            generation=current.name,
        )


def _check_sort(sort: str) -> str:
    sort = SORT_ALIASES.get(sort, sort)
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")
    return sort


def _check_paging(page: int, page_size: int) -> None:
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise QueryError(f"results per page must be between 1 and {MAX_PAGE_SIZE}")
    if not 1 <= page <= MAX_PAGE:
        raise QueryError(f"page must be between 1 and {MAX_PAGE}")


def _date_bounds(date_from, date_to) -> tuple[date | None, date | None]:
    as_text = [d.isoformat() if isinstance(d, date) else d for d in (date_from, date_to)]
    return parse_range(as_text[0] or None, as_text[1] or None)


def _date_filter(start: date | None, end: date | None) -> wq.Query | None:
    if start is None and end is None:
        return None
    low = datetime.combine(start, datetime.min.time()) if start else None
    high = datetime.combine(end, datetime.max.time()) if end else None
    return wq.DateRange("date", low, high)


class _Marker:
    """Marks, in an article's body, every word the query looked for in any text field."""

    def __init__(self, searcher: Searcher, parsed: wq.Query):
        reader = searcher.reader()
        self.analyzer = searcher.schema["body"].analyzer
        self.wanted = highlighting.Wanted()
        for fieldname in TEXT_FIELDS:
            found = highlighting.wanted_terms(parsed, fieldname, reader)
            self.wanted.words |= found.words
            self.wanted.phrases += found.phrases

    def spans(self, text: str) -> list[tuple[int, int]]:
        return highlighting.match_spans(text, self.analyzer, self.wanted)

    def mark(self, text: str) -> str:
        return highlighting.render(text, self.spans(text))

    def passages(self, text: str, top: int) -> list[str]:
        return highlighting.passages(text, self.spans(text), top)


class _NoMarks(_Marker):
    """For hits that no query words picked."""

    def __init__(self) -> None:
        pass

    def spans(self, text: str) -> list[tuple[int, int]]:
        return []


_NO_MARKS = _NoMarks()


def _to_hit(hit: WhooshHit, marker: _Marker, passages: int) -> Hit:
    body = hit.get("body") or ""
    found = marker.passages(body, passages) if passages else []
    return Hit(
        id=hit["id"],
        title=hit.get("title", ""),
        title_html=marker.mark(hit.get("title", "")),
        date=_day(hit.get("date")),
        score=round(hit.score, 4) if hit.score is not None else None,
        highlights=found,
        summary="" if found or not passages else highlighting.lead(body),
        speakers=_speakers(hit),
    )


class _Titles:
    """Articles' titles by id, from the article index (quotes do not repeat them)."""

    def __init__(self, searcher: Searcher):
        self.searcher = searcher

    def __call__(self, article_id: str) -> str:
        docnum = self.searcher.document_number(id=article_id)
        return "" if docnum is None else self.searcher.stored_fields(docnum).get("title", "")


def _to_quote_hit(hit: WhooshHit, spans, titles: _Titles) -> QuoteHit:
    return QuoteHit(
        text_html=highlighting.render(hit["text"], spans),
        text=hit["text"],
        speaker=hit.get("speaker") or None,
        article_id=hit["article"],
        title=titles(hit["article"]),
        date=_day(hit.get("date")),
        score=round(hit.score, 4) if hit.score is not None else None,
        first_appearance=_first_appearance(hit.searcher, quote_fingerprint(hit["text"]), titles),
    )


def _first_appearance(
    searcher: Searcher, fingerprint: str, titles: _Titles
) -> FirstAppearance | None:
    same = np.fromiter(searcher.docs_for_query(wq.Term("fingerprint", fingerprint)), np.int64)
    dates = segments.index_dates(searcher)[same]
    dated = np.flatnonzero(dates != segments.UNDATED)
    if not len(dated):
        return None
    first = searcher.stored_fields(int(same[dated[np.argmin(dates[dated])]]))
    return FirstAppearance(first["article"], titles(first["article"]), _day(first.get("date")))


def _export_rows(searcher: Searcher, matches, keywords: list[str], with_score: bool):
    for docnum, score in matches:
        fields = searcher.stored_fields(docnum)
        day = _day(fields.get("date"))
        metadata = _metadata(fields)
        yield {
            "id": fields["id"],
            "date": day.isoformat() if day else "",
            "title": fields.get("title", ""),
            "score": round(score, 4) if with_score else "",
            "speakers": "; ".join(_speakers(fields)),
            **{k: "; ".join(metadata.get(k, [])) for k in keywords},
        }


def _ranked(searcher: Searcher, q: wq.Query, date_filter, sort: str, needed: int):
    """The results holding the first `needed` hits, and the exact number of matches."""
    bounds = blockrank.bounds(date_filter)
    ranking = blockrank.rank(searcher, q, needed, bounds, sort)
    if ranking is None:
        # Other query shapes: Whoosh scores every match (a top-N search's count would run the
        # query again), then the date column filters and orders them as above.
        scored = list(searcher.search(q, limit=None).items())
        docnums, scores = [d for d, _ in scored], [s for _, s in scored]
        ranking = blockrank.order(searcher, docnums, scores, bounds, sort, needed)
    top = list(zip(ranking.scores, ranking.docnums, strict=True))
    return Results(searcher, q, top), ranking.total


def _suggest(searcher: Searcher, text: str, parsed: wq.Query) -> str | None:
    try:
        # Words sharing their first two letters: a sixth of the candidates of one letter.
        corrected = searcher.correct_query(parsed, text, prefix=2, maxdist=2)
    except Exception:  # Whoosh's corrector trips on some query shapes; a hint is optional
        return None
    return corrected.string if corrected.query != parsed else None


def _day(value: datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else None


def _speakers(hit) -> list[str]:
    return [s for s in (hit.get("speaker") or "").split(",") if s]


def _metadata(hit) -> dict[str, list[str]]:
    return {
        key[len(METADATA_PREFIX) :]: [v for v in value.split(",") if v]
        for key, value in dict(hit).items()
        if key.startswith(METADATA_PREFIX)
    }
