"""One published generation opened for searching: what the facade asks of the index, answered
with plain values (document numbers, scores, stored fields as dicts, dates)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.util.times import long_to_datetime

from search.engine import (
    block_max,
    columns,
    counting,
    duplicates,
    every_word,
    parser,
    scorer,
    speakers,
    terms,
    word_bags,
)
from search.engine import stored as stored_readers
from search.engine.schema import MAIN_INDEX, METADATA_PREFIX, QUOTES_INDEX, TEXT_FIELDS
from search.engine.stored import stored_fields

# A parsed query, as the facade holds it between calls; opaque outside the engine.
Query = wq.Query


@dataclass
class Ranking:
    """The best `needed` matches in order (document numbers and scores), how many match, and
    how many of those match every word (all of them but for plain words)."""

    docnums: list[int]
    scores: list[float]
    total: int
    complete: int
    # True when `total` (and `complete`) only says at least that many match.
    total_is_lower_bound: bool = False


class Snapshot:
    """A generation's article and quotation searchers. Not thread-safe: one per thread.

    `shared` holds what is read once per generation rather than once per searcher (every
    facet's values, the speaker map): each thread's snapshot of the same generation may be given
    the same dict. Its entries are built whole, then set, and never changed after."""

    def __init__(self, generation: Path, shared: dict | None = None):
        self.articles = _open(generation, MAIN_INDEX)
        self.quotes = _open(generation, QUOTES_INDEX)
        self.shared = {} if shared is None else shared
        self._parsed: dict[str, Query] = {}  # text -> parsed, the last queries asked
        columns.share(self.articles, self.shared, MAIN_INDEX)
        columns.share(self.quotes, self.shared, QUOTES_INDEX)

    def close(self) -> None:
        self.articles.close()
        self.quotes.close()

    def open_readers(self) -> None:
        """Open now the per-segment readers a first results page opens (stored fields, word
        bags), so that the first search of the thread given this snapshot does not."""
        for searcher in (self.articles, self.quotes):
            for reader, _ in searcher.reader().leaf_readers():
                if reader.doc_count_all():
                    stored_readers.open_reader(reader)
                    word_bags.open_reader(reader)

    # --- queries -----------------------------------------------------------------------

    # name -> archive-level name of that speaker (`search.quotes.merge_speakers`), set by the
    # facade: the engine knows no attribution rules.
    speaker_merge = None

    def every(self) -> Query:
        """A query matching every article, for counting them (facets, the timeline) from the
        columns; the ranking of a search without words keeps its own (`Index.search`)."""
        return wq.Every()

    def parse(self, text: str) -> Query:
        """A user's query over articles, or a QueryError saying what to change. The last
        queries are kept: a results page parses its query for the results, the facets and the
        timeline."""
        parsed = self._parsed
        if text not in parsed:
            if len(parsed) >= 256:
                parsed.clear()
            merge = self.speaker_merge
            parsed[text] = parser.parse_query(
                text,
                self.articles.reader(),
                relaxed=True,
                speaker_names=(lambda name: self.speaker_names(name, merge)) if merge else None,
            )
        return parsed[text]

    def merged_speakers(self) -> dict[str, str]:
        """Each indexed speaker name and the archive-level name it denotes."""
        return self._merged(self.speaker_merge) if self.speaker_merge else {}

    def read_speakers_ahead(self) -> None:
        """Read now what the first speaker page would (the speaker map, the names, the roles),
        for every thread's snapshot of this generation."""
        self.merged_speakers()
        speakers.read_ahead(self.quotes)

    def parse_quotes(
        self, text: str | None, speaker: str | None, names: list[str] | None = None
    ) -> Query:
        """Quotations with these words and/or by this speaker (by any of `names`, the indexed
        names that denote the speaker, when given)."""
        reader = self.quotes.reader()
        parts = []
        if text:
            parts.append(parser.parse_query(text, reader, ("utterance",), ("speaker",)))
        if speaker:
            parts.append(
                self.by_speakers(names) if names else parser.speaker_query(speaker, reader)
            )
        if not parts:
            raise parser.QueryError("give words to look for in quotes, or a speaker")
        return parts[0] if len(parts) == 1 else wq.And(parts)

    def rank(
        self,
        q: Query,
        start: date | None,
        end: date | None,
        sort: str,
        needed: int,
        *,
        quotes: bool = False,
        count_up_to: int | None = None,
        allowed: np.ndarray | None = None,
    ) -> Ranking:
        """The first `needed` matches, by BM25F or by date, and the number of matches: exact,
        or with `count_up_to`, exact up to that many and past it only a lower bound (the
        ranking stopping early, reading only the posting blocks that can reach the top)."""
        searcher = self.quotes if quotes else self.articles
        bounds = _bounds(start, end)
        plain = bounds is None and allowed is None
        if count_up_to is not None and plain and sort == "relevance":
            early = self._early(searcher, q, needed, count_up_to)
            if early is None:
                early = self._early_words(searcher, q, needed, count_up_to)
            if early is not None:
                return early
        ranking = scorer.rank(searcher, q, needed, bounds, sort, allowed)
        if ranking is None:
            # Other query shapes: Whoosh scores every match (a top-N search's count would run
            # the query again), then the date column filters and orders them as above.
            scored = list(searcher.search(q, limit=None).items())
            docnums, scores = [d for d, _ in scored], [s for _, s in scored]
            ranking = scorer.order(searcher, docnums, scores, bounds, sort, needed, allowed)
        return Ranking(ranking.docnums, ranking.scores, ranking.total, ranking.complete)

    def _early_words(self, searcher, q: Query, needed: int, count_up_to: int) -> Ranking | None:
        """Plain words, when one of them alone is known to be in at least `count_up_to`
        articles and those holding every word fill the page: the others are never read."""
        found = every_word.rank(searcher, q, needed, count_up_to)
        if found is None:
            return None
        total = max(count_up_to, found.complete)
        return Ranking(found.docnums, found.scores, total, found.complete, True)

    def _early(self, searcher, q: Query, needed: int, count_up_to: int) -> Ranking | None:
        """The top `needed` by block-max, when the query is one word (or its forms) and at
        least `count_up_to` articles are known to match without counting them."""
        found = scorer.any_of_terms(searcher, q)
        if found is None or block_max.total_lower_bound(searcher, found) < count_up_to:
            return None
        # The last query's blocks are kept: asked again for more (a collapsed ranking, the
        # next page), it reads only the blocks it did not read before.
        key = (id(searcher), tuple((t.fieldname, t.text, t.boost) for t in found))
        if getattr(self, "_top_k", (None,))[0] != key:
            self._top_k = (key, block_max.TopK(searcher, found))
        top_k = self._top_k[1]
        docnums, scores = top_k.top(needed)
        if top_k.postings_read() > block_max.KEEP_POSTINGS:
            del self._top_k
        return Ranking(docnums, scores, count_up_to, count_up_to, total_is_lower_bound=True)

    def suggest(self, text: str, q: Query) -> str | None:
        """The query with its words corrected to ones the index has, if that changes it."""
        try:
            # Words sharing their first two letters: a sixth of the candidates of one letter.
            corrected = self.articles.correct_query(q, text, prefix=2, maxdist=2)
        except Exception:  # Whoosh's corrector trips on some query shapes; a hint is optional
            return None
        return corrected.string if corrected.query != q else None

    # --- marking -----------------------------------------------------------------------

    def wanted(self, q: Query) -> terms.Wanted:
        """Every word and phrase the query looks for in any text field of an article."""
        reader = self.articles.reader()
        wanted = terms.Wanted()
        for fieldname in TEXT_FIELDS:
            found = terms.wanted_terms(q, fieldname, reader)
            wanted.words |= found.words
            wanted.phrases += found.phrases
        return wanted

    def wanted_in_quotes(self, q: Query) -> terms.Wanted:
        return terms.wanted_terms(q, "utterance", self.quotes.reader())

    def find_words(self, text: str, words: frozenset[str]) -> list[tuple[int, int]] | None:
        """Where in `text` the words whose indexed forms are `words` stand, without analysing
        all of it (None: use `tokenize`)."""
        return self.articles.schema["body"].analyzer.word_spans(text, words)

    def tokenize(self, text: str) -> list[tuple[int, int, int, str]]:
        """`text`'s words as the index analyses them: (position, start, end, word)."""
        return self.articles.schema["body"].analyzer.spans(text)

    # --- stored fields -----------------------------------------------------------------

    def stored(self, docnum: int) -> dict[str, Any]:
        return stored_fields(self.articles, docnum)

    def stored_quote(self, docnum: int) -> dict[str, Any]:
        return stored_fields(self.quotes, docnum)

    def quotes_of(self, article_id: str) -> list[dict[str, Any]]:
        """An article's quotations as stored at index time, in the order they appear."""
        found = self.quotes.docs_for_query(wq.Term("article", article_id))
        stored = [self.stored_quote(docnum) for docnum in found]
        return sorted(stored, key=lambda fields: fields.get("position", 0))

    # --- speakers ----------------------------------------------------------------------

    def speaker_names(self, name: str, merge) -> list[str]:
        """The indexed names that denote the speaker `name` asks for, fullest first: names
        holding its words, and the forms `merge` (name -> archive-level name) joins to them.
        Remembered for the life of the snapshot: a speaker's page asks more than once."""
        known = self.__dict__.setdefault("_names_by_query", {})
        if name not in known:
            if len(known) >= 1024:
                known.clear()  # bounded: a server lives long on one generation
            known[name] = self._speaker_names(name, merge)
        return known[name]

    def _speaker_names(self, name: str, merge) -> list[str]:
        found = speakers.names_like(self.quotes, name)
        if not found:
            return []
        mapping = self._merged(merge)
        heads = {mapping.get(n, n) for n in found}
        members = [n for n, head in mapping.items() if head in heads]
        return sorted(set(found) | set(members) | heads, key=lambda n: (-len(n.split()), n))

    def person_names(self, name: str, merge) -> list[str]:
        """The indexed names of the one speaker a page about `name` shows, the name the archive
        knows them by first: of the speakers whose names hold its words, the one a name of
        two words or more matches as typed ("James Baker", not "Treasury James Baker"), else
        the most quoted ("baker": James Baker, not every Baker). Remembered as
        `speaker_names` is."""
        return self._person(name, merge)[0]

    def other_people(self, name: str, merge) -> list[str]:
        """The other speakers whose names hold the words of `name` (as `person_names` found
        them), most quoted first."""
        return self._person(name, merge)[1]

    def _person(self, name: str, merge) -> tuple[list[str], list[str]]:
        known = self.__dict__.setdefault("_person_by_query", {})
        if name not in known:
            if len(known) >= 1024:
                known.clear()
            known[name] = self._find_person(name, merge)
        return known[name]

    def _find_person(self, name: str, merge) -> tuple[list[str], list[str]]:
        found = speakers.names_like(self.quotes, name)
        if not found:
            return [], []
        mapping = self._merged(merge)
        heads = {n: mapping.get(n, n) for n in found}
        typed = " ".join(name.lower().split())
        exact = [h for n, h in heads.items() if n.lower() == typed and (" " in n or h != n)]
        counts = speakers.quote_counts(self.quotes)
        wanted = set(heads.values())
        quoted: Counter[str] = Counter(dict.fromkeys(wanted, 0))
        for indexed, head in mapping.items():
            if head in wanted:
                quoted[head] += counts.get(indexed, 0)
        ranked = sorted(sorted(quoted), key=quoted.__getitem__, reverse=True)
        chosen = exact[0] if exact else ranked[0]
        forms = {n for n, head in mapping.items() if head == chosen} - {chosen}
        names = [chosen, *sorted(forms, key=lambda n: (-len(n.split()), n))]
        return names, [head for head in ranked if head != chosen]

    def _merged(self, merge) -> dict[str, str]:
        if "speaker_map" not in self.shared:
            self.shared["speaker_map"] = merge(speakers.name_kinds(self.quotes))
        return self.shared["speaker_map"]

    def speakers_asked(self, q: Query) -> list[str]:
        """The speakers an article query asks for (`speaker:volcker`), as indexed names."""
        return speakers.asked_for(q)

    def by_speakers(self, names: list[str]) -> Query:
        """Quotations by any of these speaker names, or articles quoting them: both indexes
        hold the speakers as the quotation index names them."""
        return parser.by_speakers(names)

    def quote_dates(self, q: Query) -> Counter[date]:
        return speakers.quote_dates(self.quotes, q)

    def quote_roles(self, q: Query) -> list[tuple[date | None, str]]:
        """The roles given with the quotations matching `q`, with their dates. Remembered for
        the life of the snapshot: each page of a speaker's quotations shows their roles."""
        known = self.__dict__.setdefault("_roles_by_query", {})
        if q not in known:
            if len(known) >= 256:
                known.clear()
            known[q] = speakers.roles(self.quotes, q)
        return known[q]

    def docnum(self, article_id: str) -> int | None:
        return self.articles.document_number(id=article_id)

    def doc_count(self) -> int:
        return self.articles.doc_count()

    def groups(self) -> np.ndarray:
        """Each article's near-duplicate group key by docnum (0: alone)."""
        return duplicates.groups(self.articles)

    def group_members(self, docnum: int) -> list[int]:
        """The other articles of the article's near-duplicate group."""
        return duplicates.members(self.articles, docnum)

    def earliest_quote(self, fingerprint: str) -> int | None:
        """The dated quotation with this fingerprint that appeared first, if any."""
        searcher = self.quotes
        same = np.fromiter(searcher.docs_for_query(wq.Term("fingerprint", fingerprint)), np.int64)
        dates = columns.index_dates(searcher)[same]
        dated = np.flatnonzero(dates != columns.UNDATED)
        return int(same[dated[np.argmin(dates[dated])]]) if len(dated) else None

    def more_like(self, docnum: int, top: int, window_days: int | None) -> list[tuple[int, float]]:
        """Articles sharing the key terms of this one, optionally within days of its date."""
        fields = self.articles.stored_fields(docnum)
        bounds = None
        own = fields.get("date")
        if window_days is not None and isinstance(own, datetime):
            span = timedelta(days=window_days)
            bounds = _bounds(own.date() - span, own.date() + span)
        text = fields.get("body", "")
        if text:
            # Whoosh's `more_like`, the Or of the body's key terms weighted by Bo1, with the
            # block scorer ranking it: Whoosh's own matcher took 90 ms at 190,000 articles.
            words = self.articles.key_terms_from_text("body", text, numterms=12, normalize=False)
            similar = wq.Or([wq.Term("body", word, boost=weight) for word, weight in words])
            ranking = scorer.rank(self.articles, similar, top + 1, bounds)
            if ranking is not None:
                found = zip(ranking.docnums, ranking.scores, strict=True)
                return [(d, score) for d, score in found if d != docnum][:top]
        results = self.articles.more_like(
            docnum,
            "body",
            text=text,
            top=top,
            numterms=12,
            filter=None if bounds is None else wq.DateRange("date", *bounds),
        )
        return [(hit.docnum, hit.score) for hit in results]

    # --- counting ----------------------------------------------------------------------

    def facet_fields(self) -> list[str]:
        return counting.facet_fields(self.articles)

    def facets(
        self,
        q: Query,
        start: date | None,
        end: date | None,
        names: list[str],
        size: int,
        allowed: np.ndarray | None = None,
    ) -> dict[str, list[tuple[str, int]]]:
        return counting.count_facets(self.articles, q, _bounds(start, end), names, size, allowed)

    def match_days(
        self, q: Query, start: date | None, end: date | None, allowed: np.ndarray | None = None
    ) -> tuple[list[int], list[int]]:
        """Each distinct day of the dated matches (as `date.toordinal`), ascending, and how
        many matches it has."""
        days, counts = counting.match_days(self.articles, q, _bounds(start, end), allowed)
        return days.tolist(), counts.tolist()

    def allowed(self, filters: list[tuple[str, list[str], bool]]) -> np.ndarray | None:
        """The articles the filters let through, one flag each (None: no filter): each filter
        is a facet, the values that count as it, and whether it leaves them out instead."""
        if not filters:
            return None
        flags = np.ones(self.articles.doc_count_all(), dtype=bool)
        for facet, values, exclude in filters:
            field = facet if facet == "speaker" else METADATA_PREFIX + facet
            having = counting.having(self.articles, field, values)
            flags &= ~having if exclude else having
        return flags

    def date_span(self) -> tuple[int, date | None, date | None]:
        """How many articles are dated, and the first and last date."""
        dates = columns.index_dates(self.articles)
        alive = np.concatenate(
            [np.zeros(0, dtype=bool)]
            + [columns.live(r) for r, _ in self.articles.reader().leaf_readers()]
        )
        dated = dates[alive & (dates != columns.UNDATED)]
        if not len(dated):
            return 0, None, None
        first, last = (long_to_datetime(int(v)).date() for v in (dated.min(), dated.max()))
        return len(dated), first, last


def _open(generation: Path, name: str):
    return whoosh_index.open_dir(str(generation), indexname=name).searcher()


def _bounds(start: date | None, end: date | None) -> scorer.DateBounds | None:
    if start is None and end is None:
        return None
    low = datetime.combine(start, datetime.min.time()) if start else None
    high = datetime.combine(end, datetime.max.time()) if end else None
    return low, high
