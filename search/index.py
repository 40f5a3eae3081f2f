"""`Index`: the Python API that the CLI and the web UI are thin shells over.

The facade of the pipeline: it checks what the user asked (dates, sort, paging), asks the engine
(`search.engine.searcher.Snapshot`) for document numbers and stored fields, and assembles the
result types of `search.query.results`. Nothing from Whoosh is handed out of it.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from search.build import integrity
from search.build.generations import IndexStore
from search.build.reindex import ReindexReport, reindex
from search.engine.block_max import COUNT_UP_TO
from search.engine.counting import BUILT_IN, DEFAULT_FACET_SIZE
from search.engine.parser import exact_phrases
from search.engine.schema import METADATA_PREFIX
from search.engine.searcher import Query, Snapshot
from search.errors import ArticleNotFound, IndexMissing, QueryError, SpeakerNotFound
from search.ingest.dates import parse_range
from search.query import collapse as grouping
from search.query import highlight, periods, said, speakers
from search.query.exact import ExactWords
from search.query.filters import parse_filters
from search.query.results import (
    SORT_ALIASES,
    SORTS,
    ArticleQuote,
    ArticleView,
    FirstAppearance,
    Hit,
    QuoteHit,
    SearchPage,
    Similar,
    Stats,
    Timeline,
)
from search.quotes import merge_speakers
from search.quotes.fingerprint import quote_fingerprint

DEFAULT_INDEX = "index"
ENV_INDEX = "DATELINE_INDEX"
MAX_PAGE_SIZE = 100
MAX_PAGE = 1000
MAX_TIMELINE_QUERIES = 3
MAX_WINDOW_DAYS = 36_600  # a century: beyond it, dates overflow


def default_index_path() -> Path:
    return Path(os.environ.get(ENV_INDEX) or DEFAULT_INDEX)


class Index:
    """A Dateline index on disk. Safe to share between threads; follows reindexes as they land."""

    def __init__(self, path: str | os.PathLike[str] | None = None):
        self.path = Path(path) if path is not None else default_index_path()
        self.store = IndexStore(self.path)
        self._local = threading.local()
        # What every thread's snapshot of one generation reads once: {generation: dict}.
        self._shared: dict[str, dict] = {}
        self._shared_lock = threading.Lock()
        # Snapshots opened ahead (`warm`) for threads yet to search: (generation, [snapshots]).
        self._spare: tuple[str, list[Snapshot]] = ("", [])

    def exists(self) -> bool:
        return self.store.current() is not None

    def reindex(self, paths=(), **options) -> ReindexReport:
        return reindex(self.path, paths, **options)

    def check(self) -> integrity.CheckReport:
        """Every file of the published generation against its checksum, and whether it opens
        and answers with as many articles as its manifest lists."""
        return integrity.check(self.store)

    def repair(self) -> tuple[integrity.CheckReport, str | None]:
        """Check, and if the published generation is damaged, fall back to the newest good
        one before it; returns the check and what was done (None: nothing to repair)."""
        return integrity.repair(self.store)

    def _snapshot(self) -> Snapshot:
        """This thread's view of the published generation (Whoosh searchers are not
        thread-safe, hence one per thread)."""
        current = self.store.current()
        if current is None:
            raise IndexMissing(f"no index at {self.path}; build one with: dateline reindex PATH")
        local = self._local
        if getattr(local, "generation", None) != current.name:
            if getattr(local, "snapshot", None) is not None:
                local.snapshot.close()
            local.snapshot = self._spare_for(current.name) or self._open(current)
            local.generation = current.name
        return local.snapshot

    def _open(self, generation: Path) -> Snapshot:
        snap = integrity.open_snapshot(generation, self._shared_for(generation.name))
        snap.speaker_merge = merge_speakers
        return snap

    def _spare_for(self, generation: str) -> Snapshot | None:
        with self._shared_lock:
            name, spare = self._spare
            if name == generation:
                return spare.pop() if spare else None
            for old in spare:  # a reindex has landed since they were opened
                old.close()
            self._spare = ("", [])
            return None

    def _shared_for(self, generation: str) -> dict:
        with self._shared_lock:
            if generation not in self._shared:
                # Only the newest generation's: a server lives on through many reindexes.
                self._shared = {generation: {}}
            return self._shared[generation]

    def warm(self, threads: int = 0) -> None:
        """Read now what the first results page would (every facet's values) and the first
        speaker page (the speaker map, names and roles), kept for every thread's view of this
        generation; and open `threads` snapshots ahead, each with its segments' readers open,
        for the next threads to search (a server's workers): a thread's first page otherwise
        opens its own, 7 to 15 ms on Reuters. Does nothing without an index."""
        if not self.exists():
            return
        self.facets(None, size=1)
        self._snapshot().read_speakers_ahead()
        current = self.store.current()
        spare = [self._open(current) for _ in range(threads)]
        for snap in spare:
            snap.open_readers()
        with self._shared_lock:
            for old in self._spare[1]:
                old.close()
            self._spare = (current.name, spare)

    def search(
        self,
        query: str,
        *,
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        sort: str = "relevance",
        page: int = 1,
        page_size: int = 10,
        highlights: int = highlight.PASSAGES,
        exact_total: bool = False,
        count_up_to: int = COUNT_UP_TO,
        collapse: bool = True,
        filters: Sequence[str] = (),
    ) -> SearchPage:
        """A page of results. The total is exact up to `count_up_to` matches; past that it may
        be a lower bound (`page.total_is_lower_bound`), unless `exact_total` asks to count them
        all (the ranking is the same either way). With `collapse`, near-duplicate stories are
        one result: the best-ranked of each group, the others in its `Hit.similar`. `filters`
        ("places:usa", "-speaker:Paul Volcker") keep or leave out articles by facet value."""
        started = time.perf_counter()
        sort = _check_sort(sort)
        _check_paging(page, page_size)
        start, end = _date_bounds(date_from, date_to)
        snap = self._snapshot()
        # Filters alone ("everything from usa") need no words.
        parsed = _everything(snap) if filters and not query.strip() else snap.parse(query)
        limit = None if exact_total else count_up_to
        exact = ExactWords(exact_phrases(query))
        allowed = _allowed(snap, filters)

        def rank(needed: int) -> grouping.Ranked:
            return _ranked(snap, parsed, start, end, sort, needed, limit, exact, allowed)

        groups = snap.groups() if collapse else None
        ranking, group_count = grouping.collapsed(rank, groups, page * page_size)
        window = _window(ranking.docnums, ranking.scores, page, page_size)
        marker = _Marker(snap, parsed)
        hits = [
            _to_hit(snap.stored(d), score, marker, highlights, _similar(snap, d, groups))
            for d, score in window
        ]
        hits = _with_said(snap, hits, snap.speakers_asked(parsed), marker, highlights)
        suggestion = snap.suggest(query, parsed) if ranking.complete < 3 else None
        return SearchPage(
            query=query,
            hits=hits,
            total=ranking.total,
            total_all_words=ranking.complete,
            total_is_lower_bound=ranking.lower_bound,
            page=page,
            page_size=page_size,
            sort=sort,
            date_from=start,
            date_to=end,
            elapsed=time.perf_counter() - started,
            suggestion=suggestion,
            collapse=collapse,
            groups=group_count,
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
        snap = self._snapshot()
        names = snap.speaker_names(speaker, merge_speakers) if speaker else None
        return self._quotes(snap, query, speaker, names, date_from, date_to, sort, page, page_size)

    def _quotes(
        self,
        snap: Snapshot,
        query: str | None,
        speaker: str | None,
        names: list[str] | None,
        date_from: str | date | None,
        date_to: str | date | None,
        sort: str,
        page: int,
        page_size: int,
    ) -> SearchPage:
        started = time.perf_counter()
        sort = _check_sort(sort)
        _check_paging(page, page_size)
        start, end = _date_bounds(date_from, date_to)
        combined = snap.parse_quotes(query, speaker, names)
        ranking = snap.rank(combined, start, end, sort, page * page_size, quotes=True)
        wanted = snap.wanted_in_quotes(combined)
        hits = [
            _to_quote_hit(snap, snap.stored_quote(d), score, wanted)
            for d, score in _window(ranking.docnums, ranking.scores, page, page_size)
        ]
        return SearchPage(
            query=query or "",
            hits=hits,
            total=ranking.total,
            page=page,
            page_size=page_size,
            sort=sort,
            date_from=start,
            date_to=end,
            elapsed=time.perf_counter() - started,
        )

    def facet_names(self) -> list[str]:
        """The facets this index counts by: year, month, speaker, then each metadata field."""
        return self._snapshot().facet_fields()

    def facets(
        self,
        query: str | None,
        *,
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        names: list[str] | None = None,
        size: int = DEFAULT_FACET_SIZE,
        filters: Sequence[str] = (),
    ) -> dict[str, list[tuple[str, int]]]:
        """Counts of matching articles by year, month, speaker and keyword metadata (of every
        article when `query` is None)."""
        snap, parsed, start, end = self._prepare(query, date_from, date_to, filters, count=True)
        available = snap.facet_fields()
        wanted = available if names is None else names
        unknown = [n for n in wanted if n not in available]
        if unknown:
            raise QueryError(f"no facet {unknown[0]!r}; choose from {', '.join(available)}")
        allowed = _allowed(snap, filters)
        wide = size * 4 if "speaker" in wanted else size
        found = snap.facets(parsed, start, end, wanted, wide, allowed)
        if "speaker" in found:
            found["speaker"] = speakers.merged_counts(found["speaker"], snap.merged_speakers())
        return {name: values[:size] for name, values in found.items()}

    def timeline(
        self,
        queries: list[str],
        *,
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        granularity: str | None = None,
        totals: bool = False,
        filters: Sequence[str] = (),
    ) -> Timeline:
        """Matching articles per day, week, month or year, for one or more queries; with
        `totals`, also every dated article per period, to give each period's share."""
        if not queries or len(queries) > MAX_TIMELINE_QUERIES:
            raise QueryError(f"give between 1 and {MAX_TIMELINE_QUERIES} queries to compare")
        if granularity is not None and granularity not in periods.GRANULARITIES:
            raise QueryError(f"granularity must be one of {', '.join(periods.GRANULARITIES)}")
        days = {}
        for text in queries:
            snap, parsed, start, end = self._prepare(text, date_from, date_to, filters, count=True)
            days[text] = snap.match_days(parsed, start, end, _allowed(snap, filters))
        start, end = _date_bounds(date_from, date_to)
        every = [found for found, _ in days.values() if found]
        start = start or (date.fromordinal(min(d[0] for d in every)) if every else None)
        end = end or (date.fromordinal(max(d[-1] for d in every)) if every else None)
        if start is None or end is None:
            return Timeline(granularity or "month", [], {q: [] for q in queries})
        grain = granularity or periods.choose_granularity(start, end)
        series = {q: periods.bucket_days(*found, grain, start, end) for q, found in days.items()}
        steps = [p for p, _ in next(iter(series.values()))]
        counts = {q: [n for _, n in s] for q, s in series.items()}
        if not totals:
            return Timeline(grain, steps, counts)
        snap = self._snapshot()
        everything = snap.match_days(snap.every(), start, end)
        base = [n for _, n in periods.bucket_days(*everything, grain, start, end)]
        return Timeline(grain, steps, counts, base)

    def export(
        self,
        query: str,
        *,
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        sort: str = "relevance",
        body: bool = False,
        filters: Sequence[str] = (),
    ) -> Iterator[dict]:
        """Every matching article as a flat record, in result order, with its text if `body`.

        The query is checked at once; records are read one at a time as the iterator is used.
        """
        sort = _check_sort(sort)
        snap, parsed, start, end = self._prepare(query, date_from, date_to, filters)
        exact = ExactWords(exact_phrases(query))
        needed = max(snap.doc_count(), 1)
        allowed = _allowed(snap, filters)
        ranking = _ranked(snap, parsed, start, end, sort, needed, None, exact, allowed)
        keywords = [f for f in snap.facet_fields() if f not in BUILT_IN]
        matches = zip(ranking.docnums, ranking.scores, strict=True)
        return _export_rows(snap, matches, keywords, with_score=sort == "relevance", body=body)

    def more_like_this(
        self, article_id: str, *, top: int = 5, window_days: int | None = None
    ) -> list[Hit]:
        """Articles sharing the key terms of this one, optionally within days of its date."""
        if window_days is not None and not 0 <= window_days <= MAX_WINDOW_DAYS:
            raise QueryError(f"the window must be from 0 to {MAX_WINDOW_DAYS:,} days")
        snap = self._snapshot()
        docnum = snap.docnum(article_id)
        if docnum is None:
            raise ArticleNotFound(article_id)
        # Near-duplicates of the article, and of each other, would fill the list with one story.
        groups = snap.groups()
        similar = snap.more_like(docnum, 3 * top + 10, window_days)
        picked = _distinct_stories(docnum, similar, groups)[:top]
        return [_to_hit(snap.stored(d), score, _NO_MARKS, 1) for d, score in picked]

    def _prepare(
        self, query, date_from, date_to, filters: Sequence[str] = (), count: bool = False
    ) -> tuple[Snapshot, Query, date | None, date | None]:
        """The snapshot, the parsed query (every article for none, or none but filters;
        `count`: only to count them, not to rank) and the date bounds."""
        start, end = _date_bounds(date_from, date_to)
        snap = self._snapshot()
        if query is not None and (query.strip() or not filters):
            return snap, snap.parse(query), start, end
        return snap, snap.every() if count else _everything(snap), start, end

    @staticmethod
    def date_range(
        date_from: str | None = None, date_to: str | None = None
    ) -> tuple[date | None, date | None]:
        """The first and last day these bounds take in, or a DateError saying what is wrong."""
        return _date_bounds(date_from, date_to)

    def article(self, article_id: str, query: str | None = None) -> ArticleView:
        """One article, with the words of `query` (if any) marked in its body."""
        snap = self._snapshot()
        docnum = snap.docnum(article_id)
        if docnum is None:
            raise ArticleNotFound(article_id)
        found = snap.stored(docnum)
        body = found.get("body", "")
        spans: list[tuple[int, int]] = []
        asked: list[str] = []
        if query:
            try:
                parsed = snap.parse(query)
            except QueryError:
                parsed = None
            if parsed is not None:
                spans = _Marker(snap, parsed).spans(body)
                asked = snap.speakers_asked(parsed)
        quotes = snap.quotes_of(article_id)
        their = [q["text"] for q in said.by_speakers(quotes, asked)]
        return ArticleView(
            id=found["id"],
            title=found.get("title", ""),
            date=_day(found.get("date")),
            body=body,
            body_html=said.render_marked(body, said.spans_in(body, their), spans),
            source=found.get("source", ""),
            speakers=_speakers(found),
            metadata=_metadata(found),
            quotes=[
                ArticleQuote(q["text"], q.get("speaker") or None, q.get("speaker") in asked)
                for q in quotes
            ],
        )

    def speaker(
        self,
        name: str,
        *,
        query: str | None = None,
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        page: int = 1,
        page_size: int = 20,
    ) -> speakers.SpeakerView:
        """Everything one speaker is quoted as saying, newest first (ranked when `query` is
        given), with their roles, quotations per month and who is quoted beside them."""
        snap = self._snapshot()
        names = snap.person_names(name, merge_speakers)
        if not names:
            raise SpeakerNotFound(name)
        order = "relevance" if query else "newest"
        said = self._quotes(snap, query, name, names, date_from, date_to, order, page, page_size)
        everything = snap.by_speakers(names)
        # Counted as the speaker facet of the articles quoting them: forms of a name merged.
        wide = (len(names) + speakers.ALONGSIDE_SHOWN) * 4
        company = snap.facets(snap.by_speakers(names), None, None, ["speaker"], wide)
        return speakers.SpeakerView(
            name=names[0],
            also_named=names[1:],
            quotes=said,
            roles=speakers.recent_roles(snap.quote_roles(everything)),
            by_month=speakers.by_month(names[0], snap.quote_dates(everything)),
            alongside=speakers.alongside(
                set(names), speakers.merged_counts(company["speaker"], snap.merged_speakers())
            ),
            others=snap.other_people(name, merge_speakers)[: speakers.OTHERS_SHOWN],
        )

    def stats(self) -> Stats:
        snap = self._snapshot()
        dated, first, last = snap.date_span()
        current = self.store.current()
        assert current is not None
        return Stats(
            articles=snap.doc_count(),
            undated=snap.doc_count() - dated,
            first_date=first,
            last_date=last,
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


def _everything(snap: Snapshot) -> Query:
    # The parser has no match-all (`*` alone is refused); no article's id is "-" (ids are
    # made safe for URLs from paths and given ids), so this matches every article.
    return snap.parse('NOT id:"-"')


def _ranked(
    snap: Snapshot,
    parsed: Query,
    start,
    end,
    sort: str,
    needed: int,
    limit,
    exact: ExactWords,
    allowed=None,
) -> grouping.Ranked:
    """The first `needed` matches; for `exact:` phrases, only those holding the words as
    written, which means reading every match of the (stemmed) phrase to count them."""
    if not exact:
        found = snap.rank(parsed, start, end, sort, needed, count_up_to=limit, allowed=allowed)
        return grouping.Ranked(
            found.docnums, found.scores, found.total, found.complete, found.total_is_lower_bound
        )
    everything = max(snap.doc_count(), 1)
    found = snap.rank(parsed, start, end, sort, everything, count_up_to=None, allowed=allowed)
    kept = [
        (d, score)
        for d, score in zip(found.docnums, found.scores, strict=True)
        if exact(_text_of(snap.stored(d)))
    ]
    docnums, scores = [d for d, _ in kept[:needed]], [s for _, s in kept[:needed]]
    return grouping.Ranked(docnums, scores, len(kept), len(kept), False)


def _allowed(snap: Snapshot, filters: Sequence[str]):
    """The articles `filters` let through (None when there are none); a speaker stands for
    every form of their name the archive uses."""
    chosen = parse_filters(filters, snap.facet_fields())
    asked = []
    for f in chosen:
        if f.facet == "speaker":
            values = snap.speaker_names(f.value, merge_speakers) or [f.value]
        else:
            values = [f.value.lower()]
        asked.append((f.facet, values, f.exclude))
    return snap.allowed(asked)


def _text_of(fields: dict[str, Any]) -> str:
    return f"{fields.get('title', '')}\n{fields.get('body', '')}"


def _similar(snap: Snapshot, docnum: int, groups) -> list[Similar]:
    if groups is None:
        return []
    found = [snap.stored(d) for d in snap.group_members(docnum)]
    similar = [Similar(f["id"], f.get("title", ""), _day(f.get("date"))) for f in found]
    return sorted(similar, key=lambda s: (s.date or date.max, s.id))


def _distinct_stories(docnum: int, similar: list[tuple[int, float]], groups) -> list:
    """`similar` without near-duplicates of the article or of an article listed before."""
    seen = {int(groups[docnum])}
    out = []
    for d, score in similar:
        key = int(groups[d])
        if key in seen and key != grouping.NO_GROUP:
            continue
        seen.add(key)
        out.append((d, score))
    return out


def _window(docnums: list[int], scores: list[float], page: int, page_size: int):
    first = (page - 1) * page_size
    return list(zip(docnums, scores, strict=True))[first : first + page_size]


class _Marker:
    """Marks, in an article's text, every word the query looked for in any text field."""

    def __init__(self, snap: Snapshot, parsed: Query):
        self.tokenize = snap.tokenize
        self.find_words = snap.find_words
        self.wanted = snap.wanted(parsed)

    def spans(self, text: str) -> list[tuple[int, int]]:
        return highlight.match_spans(text, self.tokenize, self.wanted, self.find_words)

    def mark(self, text: str) -> str:
        return highlight.render(text, self.spans(text))

    def passages(self, text: str, top: int) -> list[str]:
        return highlight.passages(text, self.spans(text), top)


class _NoMarks(_Marker):
    """For hits that no query words picked."""

    def __init__(self) -> None:
        pass

    def spans(self, text: str) -> list[tuple[int, int]]:
        return []


_NO_MARKS = _NoMarks()


def _to_hit(
    fields: dict[str, Any],
    score: float | None,
    marker: _Marker,
    passages: int,
    similar: list[Similar] | None = None,
) -> Hit:
    body = fields.get("body") or ""
    found = marker.passages(body, passages) if passages else []
    return Hit(
        id=fields["id"],
        title=fields.get("title", ""),
        title_html=marker.mark(fields.get("title", "")),
        date=_day(fields.get("date")),
        score=_rounded(score),
        highlights=found,
        summary="" if found or not passages else highlight.lead(body),
        speakers=_speakers(fields),
        similar=similar or [],
    )


def _with_said(
    snap: Snapshot, hits: list[Hit], names: list[str], marker: _Marker, top: int
) -> list[Hit]:
    """For a search by speaker, each result's passages are what the speaker said in it."""
    if not names or not top:
        return hits
    out = []
    for hit in hits:
        texts = [q["text"] for q in said.by_speakers(snap.quotes_of(hit.id), names)]
        if texts:
            hit = replace(hit, highlights=said.passages(texts, marker.mark, top), summary="")
        out.append(hit)
    return out


def _to_quote_hit(snap: Snapshot, fields: dict[str, Any], score: float, wanted) -> QuoteHit:
    spans = highlight.match_spans(fields["text"], snap.tokenize, wanted, snap.find_words)
    return QuoteHit(
        text_html=highlight.render(fields["text"], spans),
        text=fields["text"],
        speaker=fields.get("speaker") or None,
        article_id=fields["article"],
        title=_title(snap, fields["article"]),
        date=_day(fields.get("date")),
        score=_rounded(score),
        first_appearance=_first_appearance(snap, quote_fingerprint(fields["text"])),
    )


def _title(snap: Snapshot, article_id: str) -> str:
    """An article's title (quotes do not repeat it)."""
    docnum = snap.docnum(article_id)
    return "" if docnum is None else snap.stored(docnum).get("title", "")


def _first_appearance(snap: Snapshot, fingerprint: str) -> FirstAppearance | None:
    earliest = snap.earliest_quote(fingerprint)
    if earliest is None:
        return None
    first = snap.stored_quote(earliest)
    return FirstAppearance(
        first["article"], _title(snap, first["article"]), _day(first.get("date"))
    )


def _export_rows(snap: Snapshot, matches, keywords: list[str], with_score: bool, body: bool):
    for docnum, score in matches:
        fields = snap.stored(docnum)
        day = _day(fields.get("date"))
        metadata = _metadata(fields)
        yield {
            "id": fields["id"],
            "date": day.isoformat() if day else "",
            "title": fields.get("title", ""),
            "score": round(score, 4) if with_score else "",
            "speakers": "; ".join(_speakers(fields)),
            **{k: "; ".join(metadata.get(k, [])) for k in keywords},
            **({"body": fields.get("body", "")} if body else {}),
        }


def _rounded(score: float | None) -> float | None:
    return round(score, 4) if score is not None else None


def _day(value: datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else None


def _speakers(fields: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys(s for s in (fields.get("speaker") or "").split(",") if s))


def _metadata(fields: dict[str, Any]) -> dict[str, list[str]]:
    return {
        key[len(METADATA_PREFIX) :]: [v for v in value.split(",") if v]
        for key, value in fields.items()
        if key.startswith(METADATA_PREFIX)
    }
