"""From the words a user typed to a bounded Whoosh query, or a helpful QueryError."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from whoosh import query as wq
from whoosh.qparser import FieldAliasPlugin, MultifieldParser, SingleQuotePlugin
from whoosh.reading import IndexReader

from search.engine import spelling
from search.engine.schema import DEFAULT_FIELDS, FIELD_BOOSTS, METADATA_PREFIX, TEXT_FIELDS
from search.errors import QueryError

MAX_QUERY_CHARS = 1000
MAX_TERMS = 64
MAX_DEPTH = 8
MAX_EXPANSIONS = 512
MIN_WILDCARD_PREFIX = 2
QUERY_FIELDS = (*TEXT_FIELDS, "speaker", "id")

_FIELD_PREFIX = re.compile(r"(?<![\w\"])([A-Za-z_][\w]*):(?=\S)")
# What makes a query more than plain words: quotes, groups, +word, field:word, and Whoosh's
# operators (which it only recognises in capitals).
_NOT_PLAIN = re.compile(r'["()]|(?:^|\s)\+|\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b|\w:\S')


# exact:"interest rates" (or exact:rates): searched as the phrase, of stems; the facade then keeps
# the articles holding the words as written (search.query.exact).
_EXACT = re.compile(r'(?<![\w"])exact:(?:"([^"]*)"|([^\s"()]+))', re.IGNORECASE)


def exact_phrases(text: str | None) -> list[str]:
    """The phrases of a query asked for with `exact:`, as written."""
    return [_exact(m) for m in _EXACT.finditer(text or "")]


def _exact(match: re.Match[str]) -> str:
    return match.group(1) if match.group(1) is not None else match.group(2)


def _as_phrases(text: str) -> str:
    """`exact:` phrases as plain phrases; they are required, so OR or NOT cannot apply to them."""
    if not _EXACT.search(text):
        return text
    outside = re.sub(r'"[^"]*"', " ", text)
    if re.search(r"\b(?:OR|NOT|ANDNOT)\b|(?:^|\s)-exact:", outside):
        raise QueryError(
            "exact: words are required in every result: use them with AND or other words, not "
            "with OR or NOT"
        )
    if any(not re.search(r"\w", _exact(m)) for m in _EXACT.finditer(text)):
        raise QueryError('exact: needs words, like exact:"interest rates"')
    return _EXACT.sub(lambda m: f'"{_exact(m)}"', text)


# A minus before a word, phrase, group or field search ("oil -opec"), outside phrases; not
# before a number ("-5").
_MINUS = re.compile(r'"[^"]*"|(?:^|(?<=\s))-(?=[^\W\d]|["(])')


def _minus_as_not(text: str) -> str:
    """`-word` as `NOT word`, as Google and Lucene read it. Whoosh's parser drops the minus
    with the punctuation and searches for the word: "oil -opec" ranked OPEC stories first."""
    return _MINUS.sub(lambda m: m.group() if m.group().startswith('"') else "NOT ", text)


class PlainWords(wq.And):
    """Words typed one after another, no operator: Whoosh (and every count taken by it) reads
    them as an AND, the scorer ranks the articles holding every word first, then those holding
    fewer."""


def parse_query(
    text: str,
    reader: IndexReader,
    fields: tuple[str, ...] = DEFAULT_FIELDS,
    allowed: tuple[str, ...] = QUERY_FIELDS,
    relaxed: bool = False,
    speaker_names: Callable[[str], list[str]] | None = None,
) -> wq.Query:
    """Parse a user query (words, "phrases", AND/OR/NOT, field:value) against an open index.

    With `relaxed`, plain words (no operator, phrase, group, field or +word) become PlainWords.
    """
    text = _minus_as_not(_as_phrases(_check_text(text)))
    metadata = sorted(f for f in reader.indexed_field_names() if f.startswith(METADATA_PREFIX))
    _check_fields(text, allowed, metadata)
    parser = MultifieldParser(list(fields), reader.schema, fieldboosts=FIELD_BOOSTS)
    # Apostrophes in "Russia's" must not open a quoted term.
    parser.remove_plugin_class(SingleQuotePlugin)
    aliases = {f: [f[len(METADATA_PREFIX) :]] for f in metadata}
    if aliases:
        parser.add_plugin(FieldAliasPlugin(aliases))
    try:
        parsed = parser.parse(text)
    except Exception as exc:  # Whoosh raises many types on odd input; the user needs one message
        raise QueryError(f"could not understand the query: {exc}") from exc
    if parsed is wq.NullQuery:
        raise QueryError("the query has no searchable words (very common words are ignored)")
    parsed = _resolve_speakers(parsed, reader, speaker_names)
    parsed = _with_spellings(parsed, reader, quoted=re.findall(r'"([^"]*)"', text))
    _check_shape(parsed, reader)
    if relaxed and type(parsed) is wq.And and not _NOT_PLAIN.search(text):
        return PlainWords(parsed.subqueries, boost=parsed.boost)
    return parsed


def speaker_query(name: str, reader: IndexReader) -> wq.Query:
    """Quotes or articles whose speaker has every word of `name` ("kirby" finds "John Kirby")."""
    words = " ".join(name.lower().replace(",", " ").split())
    if not words:
        raise QueryError("give a speaker's name, or part of it")
    return _resolve_speakers(wq.Term("speaker", words), reader)


def _check_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise QueryError("type something to search for")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}"
        )
    if text.count('"') % 2:
        raise QueryError('a quotation mark is not closed: phrases go between two " marks')
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise QueryError("a ')' closes a group that was never opened")
        if depth > MAX_DEPTH:
            raise QueryError(f"groups are nested more than {MAX_DEPTH} deep")
    if depth:
        raise QueryError("a '(' is not closed")
    return text


def _check_fields(text: str, allowed: Iterable[str], metadata: Iterable[str]) -> None:
    outside_phrases = re.sub(r'"[^"]*"', " ", text)
    known = set(allowed) | {m[len(METADATA_PREFIX) :] for m in metadata} | set(metadata)
    for match in _FIELD_PREFIX.finditer(outside_phrases):
        name = match.group(1)
        if name == "date":
            raise QueryError("dates are not searched with date:, use the from and to dates")
        if name not in known:
            fields = ", ".join(f"{f}:" for f in sorted(known - set(metadata)))
            raise QueryError(f"unknown field {name!r}; you can search {fields}")


def _resolve_speakers(
    q: wq.Query, reader: IndexReader, speaker_names: Callable[[str], list[str]] | None = None
) -> wq.Query:
    """`speaker:kirby` finds "John Kirby": a speaker matches when it has all the given words.

    Speakers are indexed as written, so facets show "John Kirby"; matching ignores case here.
    """

    def rewrite(node: wq.Query) -> wq.Query:
        if isinstance(node, wq.Term) and node.fieldname == "speaker":
            # `speaker_names` knows the archive's forms of one person ("Volcker" is "Paul
            # Volcker"), so the facet's count and the search by speaker agree.
            names = speaker_names(str(node.text)) if speaker_names else []
            wanted = str(node.text).lower().split()
            names = names or [
                name
                for name in (t.decode("utf-8") for t in reader.lexicon("speaker"))
                if all(w in name.lower().split() for w in wanted)
            ]
            return by_speakers(names) if names else wq.NullQuery
        if node.is_leaf():
            return node
        return node.apply(rewrite)

    return rewrite(q)


def by_speakers(names: list[str]) -> wq.Or:
    """Articles or quotations with any of these speaker names, as indexed."""
    return wq.Or([wq.Term("speaker", n) for n in names])


def _with_spellings(q: wq.Query, reader: IndexReader, quoted: list[str]) -> wq.Query:
    """Each word of a text field also looks for its other spelling ("aluminium", "aluminum")
    where the index has it: in the same fields, with the same boosts. Words `quoted` (phrases,
    and `exact:` words, which a one-word phrase becomes) stay as typed."""
    if not set(TEXT_FIELDS) & set(reader.schema.names()):
        return q
    analyzer = reader.schema[TEXT_FIELDS[1]].analyzer
    known = spelling.variants(analyzer)
    as_typed = {token.text for phrase in quoted for token in analyzer(phrase)}

    def alternatives(term: wq.Term) -> list[wq.Query]:
        listed = term.fieldname in TEXT_FIELDS and term.text not in as_typed
        others = known.get(term.text, ()) if listed else ()
        found = [o for o in others if (term.fieldname, o) in reader]
        return [wq.Term(term.fieldname, o, boost=term.boost) for o in found]

    def rewrite(node: wq.Query) -> wq.Query:
        if type(node) is wq.Term:
            extra = alternatives(node)
            return wq.Or([node, *extra]) if extra else node
        if type(node) is wq.Or and all(type(s) is wq.Term for s in node.subqueries):
            extra = [a for s in node.subqueries for a in alternatives(s)]
            return wq.Or([*node.subqueries, *extra], boost=node.boost) if extra else node
        if node.is_leaf() or isinstance(node, wq.Phrase):
            return node
        return node.apply(rewrite)

    return rewrite(q)


def _check_shape(q: wq.Query, reader: IndexReader) -> None:
    leaves = list(q.leaves()) if not q.is_leaf() else [q]
    if len(leaves) > MAX_TERMS * len(TEXT_FIELDS):
        raise QueryError(f"the query has too many words; the limit is {MAX_TERMS}")
    for leaf in leaves:
        if isinstance(leaf, wq.Every):
            raise QueryError("'*' alone matches everything; add a word to search for")
        if isinstance(leaf, wq.PatternQuery):
            _check_pattern(leaf, reader)


def _check_pattern(leaf: wq.PatternQuery, reader: IndexReader) -> None:
    stem = re.split(r"[*?]", str(leaf.text), maxsplit=1)[0]
    if len(stem) < MIN_WILDCARD_PREFIX:
        raise QueryError(
            f"a wildcard needs at least {MIN_WILDCARD_PREFIX} letters before * or ?, like 'infla*'"
        )
    for expansions, _ in enumerate(leaf._btexts(reader), start=1):
        if expansions > MAX_EXPANSIONS:
            raise QueryError(
                f"'{leaf.text}' matches more than {MAX_EXPANSIONS} words; make it longer"
            )
