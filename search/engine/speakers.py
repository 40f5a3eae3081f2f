"""Speakers as the quotation index knows them: the names that answer to a given name, and
where and when they were quoted."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from whoosh import query as wq
from whoosh.searching import Searcher

from search.engine import counting
from search.engine.stored import stored_fields


def names_like(searcher: Searcher, name: str) -> list[str]:
    """Indexed speaker names holding every word of `name`, fullest first."""
    wanted = name.lower().replace(",", " ").split()
    names = (t.decode("utf-8") for t in searcher.reader().lexicon("speaker"))
    found = [n for n in names if wanted and all(w in n.lower().split() for w in wanted)]
    return sorted(found, key=lambda n: (-len(n.split()), n))


def asked_for(q: wq.Query) -> list[str]:
    """The speaker names an article query looks for (not those it excludes), in order."""
    if isinstance(q, wq.Not):
        return []
    if isinstance(q, wq.AndNot):
        return asked_for(q.a)
    if isinstance(q, wq.Term):
        return [q.text] if q.fieldname == "speaker" else []
    found = [name for child in q.children() for name in asked_for(child)]
    return list(dict.fromkeys(found))


def quote_dates(searcher: Searcher, q: wq.Query) -> Counter[date]:
    """How many dated quotations matching `q` each day has."""
    return counting.match_dates(searcher, q, None)


def name_kinds(searcher: Searcher) -> Counter[tuple[str, str | None]]:
    """How many quotations each (speaker, kind) has, over the whole quotation index."""
    counts: Counter[tuple[str, str | None]] = Counter()
    for fields in searcher.all_stored_fields():
        if fields.get("speaker"):
            counts[(fields["speaker"], fields.get("kind"))] += 1
    return counts


def roles(searcher: Searcher, q: wq.Query) -> list[tuple[date | None, str]]:
    """The role given with each quotation matching `q`, with its date (in index order: the
    matches found from the postings, without ranking them)."""
    out = []
    for docnum in counting.matching_docs(searcher, q, None).tolist():
        fields = stored_fields(searcher, docnum)
        if fields.get("role"):
            moment = fields.get("date")
            out.append((moment.date() if isinstance(moment, datetime) else None, fields["role"]))
    return out
