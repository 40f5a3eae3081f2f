"""Speakers as the quotation index knows them: the names that answer to a given name, and
where and when they were quoted."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import numpy as np
from whoosh import query as wq
from whoosh.searching import Searcher

from search.engine import columns, counting
from search.engine.stored import stored_fields


def names_like(searcher: Searcher, name: str) -> list[str]:
    """Indexed speaker names holding every word of `name`, fullest first."""
    wanted = name.lower().replace(",", " ").split()
    found = [n for n, words in _name_words(searcher) if wanted and all(w in words for w in wanted)]
    return sorted(found, key=lambda n: (-len(n.split()), n))


def quote_counts(searcher: Searcher) -> dict[str, int]:
    """How many quotations each indexed speaker name has."""
    return counting.value_counts(searcher, "speaker")


def read_ahead(searcher: Searcher) -> None:
    """Read now what a first speaker page reads once per generation: the indexed names and
    how often each is quoted, the table of roles and the quotations' days (60 ms at 950,000
    articles)."""
    _name_words(searcher)
    quote_counts(searcher)
    if searcher.doc_count_all():  # an archive without quotations has no columns to read
        columns.index_days(searcher)
    if "role" in searcher.reader().indexed_field_names():
        counting.first_values(searcher, "role", np.zeros(0, dtype=np.int64))


def _name_words(searcher: Searcher) -> list[tuple[str, frozenset[str]]]:
    """Every indexed speaker name with its lower-cased words, read once per generation (its
    threads share it): walking the names' term table took 20 ms at 190,000 articles."""

    def load() -> list[tuple[str, frozenset[str]]]:
        names = (t.decode("utf-8") for t in searcher.reader().lexicon("speaker"))
        return [(n, frozenset(n.lower().split())) for n in names]

    return columns.cached(searcher, "speaker names", load)


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
    """The role given with the quotations matching `q`, with its date (in index order: the
    matches found from the postings, without ranking them), each (date, role) once."""
    docs = counting.matching_docs(searcher, q, None)
    if "role" not in searcher.reader().indexed_field_names():  # written before roles were
        return _stored_roles(searcher, docs)
    which, values = counting.first_values(searcher, "role", docs)
    days, places = columns.index_days(searcher)
    held = np.flatnonzero(which >= 0)
    # Each (day, role) once, in the order first met: a speaker quoted thousands of times holds
    # a few roles on a few hundred days.
    keys = places[docs[held]] * len(values) + which[held]
    _, first = np.unique(keys, return_index=True)
    out = []
    for key in keys[np.sort(first)].tolist():
        place, role = divmod(key, len(values))
        day = date.fromordinal(int(days[place])) if place < len(days) else None
        if values[role]:
            out.append((day, values[role]))
    return out


def _stored_roles(searcher: Searcher, docs: np.ndarray) -> list[tuple[date | None, str]]:
    """`roles` from each quotation's stored fields, for an index that does not index them."""
    out = []
    for docnum in docs.tolist():
        fields = stored_fields(searcher, docnum)
        if fields.get("role"):
            moment = fields.get("date")
            out.append((moment.date() if isinstance(moment, datetime) else None, fields["role"]))
    return list(dict.fromkeys(out))
