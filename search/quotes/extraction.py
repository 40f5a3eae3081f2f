"""Quotations and who said them, found by rules (no model): `extract_quotes(text)`.

A quote's `text` is exactly the words between its marks (`text[start:end]`), including any
punctuation written inside them. Straight, curly and guillemet double quotes are marks; single
quotes never are, so apostrophes (`it's`, `Russia’s`) and quotes nested inside stay in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

OPENERS = {'"': '"”', "“": '”"', "«": "»", "„": '“”"'}
REPORTING_VERBS = (
    "said|says|say|told|tells|added|adds|warned|warns|urged|urges|stated|states|explained|"
    "explains|noted|notes|asked|asks|insisted|insists|claimed|claims|argued|argues|wrote|writes|"
    "announced|declared|replied|commented|remarked|observed|acknowledged|admitted|suggested|"
    "predicted|continued|cautioned|stressed|emphasised|emphasized|according to"
)
# Regular expressions find the marks at C speed; a Python loop over every character took
# most of the time of quote extraction.
_ANY_OPENER = re.compile("[" + re.escape("".join(OPENERS)) + "]")
_CLOSERS = {closers: re.compile("[" + re.escape(closers) + "]") for closers in OPENERS.values()}
_VERB = re.compile(rf"\b(?:{REPORTING_VERBS})\b")
_NAME_WORD = r"(?:[A-Z][\w\-\.]*(?:['’]s)?)"
_NAME = re.compile(rf"{_NAME_WORD}(?:\s+(?:(?:of|for|the|and|de|von|van|al|bin)\s+)*{_NAME_WORD})*")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_ORG_WORDS = _words(
    "ministry institute council group party bank committee company corp corporation inc ltd "
    "agency department association commission office house government union university "
    "service board fund organisation organization court administration league federation army "
    "police exchange co authority cabinet senate congress parliament reserve secretariat "
    "centre center foundation forces nations opec chamber bancorp plc industries holdings "
    "airlines motors institution state affairs bureau"
)
_NOT_NAMES = _words(
    "the a an in on at if but however meanwhile and or so this that these those when while "
    "after before as it he she they we i his her their mr mrs ms dr also even because "
    "although monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december de facto not we're"
)
_ROLES = _words(
    "economist analyst spokesman spokeswoman spokesperson minister president chairman "
    "chairwoman director secretary governor chief senator general officer professor manager "
    "executive official trader dealer ambassador premier leader vice deputy prime head "
    "chancellor"
)
_PLACE_WORDS = _words("states kingdom arabia korea zealand york africa america world")
_NOT_PERSON_WORDS = _PLACE_WORDS | _NOT_NAMES
_POSSESSIVE = re.compile(r"['’]s$")
# "the statement said" speaks for the organisation most recently named.
_ORG_VOICES = {"statement", "company", "firm", "bank", "group", "spokesman", "spokeswoman"}
_ABBREVIATION = re.compile(r"^[A-Z][a-z]?\.$")
_TITLES = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Sir|President|Minister|Senator|Governor)\.?\s+")
_SCARE_MAX_WORDS = 3
# Not after an initial or a short abbreviation: "A. William Reynolds", "St. Germain", "U.S.".
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])[.!?](?=\s|$)")


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None
    start: int
    end: int


@dataclass
class _Span:
    start: int
    end: int
    open_mark: int
    close_mark: int | None
    paragraph: int
    only_content: bool = False


def extract_quotes(text: str) -> list[Quote]:
    spans = _find_spans(text)
    if not spans:
        return []  # most articles quote nobody: skip finding who they name
    people = _Mentions(text)
    speakers: list[str | None] = []
    for n in range(len(spans)):
        speakers.append(_attribute(text, spans, n, speakers, people))
    _carry_back_into_unclosed(spans, speakers)
    return [
        Quote(text[s.start : s.end], who, s.start, s.end)
        for s, who in zip(spans, speakers, strict=True)
        if s.end > s.start
    ]


def _carry_back_into_unclosed(spans: list[_Span], speakers: list[str | None]) -> None:
    """A paragraph left open continues in the next one, whose attribution covers both."""
    for n in range(len(spans) - 2, -1, -1):
        span, following = spans[n], spans[n + 1]
        if (
            span.close_mark is None
            and speakers[n] is None
            and following.paragraph == span.paragraph + 1
        ):
            speakers[n] = speakers[n + 1]


# --- finding the marks -------------------------------------------------------------------


def _paragraphs(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in re.finditer(r"\n\s*\n", text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _find_spans(text: str) -> list[_Span]:
    spans: list[_Span] = []
    if not _ANY_OPENER.search(text):
        return spans
    for number, (p_start, p_end) in enumerate(_paragraphs(text)):
        i = p_start
        while (found := _ANY_OPENER.search(text, i, p_end)) is not None:
            i = found.start()
            char = text[i]
            if _opens(text, i, p_start):
                close = _closing(text, i, p_end, OPENERS[char])
                end = close if close is not None else p_end
                span = _trimmed(text, i + 1, end, i, close, number)
                span.only_content = not text[p_start:i].strip() and (
                    close is None or not text[close + 1 : p_end].strip(" .,;\n")
                )
                spans.append(span)
                i = end + 1
            else:
                i += 1
    return spans


def _opens(text: str, i: int, p_start: int) -> bool:
    """A straight quote opens before a word, never right after one: a stray `," he said`
    left by a missing mark must not start a quote."""
    if text[i] != '"':
        return True
    after_word = i > p_start and text[i - 1].isalnum()
    before_space = i + 1 >= len(text) or text[i + 1].isspace()
    return not after_word and not before_space


def _closing(text: str, i: int, p_end: int, closers: str) -> int | None:
    found = _CLOSERS[closers].search(text, i + 1, p_end)
    return found.start() if found else None


def _trimmed(text: str, start: int, end: int, mark: int, close: int | None, para: int) -> _Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return _Span(start, end, mark, close, para)


# --- who said it -------------------------------------------------------------------------


class _Mentions:
    """People and organisations named in the article, in order, with their fullest forms."""

    def __init__(self, text: str):
        self.found: list[tuple[int, str, str]] = []
        for match in _NAME.finditer(text):
            name = _clean_name(match.group(0))
            kind = _kind(name)
            if kind:
                self.found.append((match.start(), name, kind))

    def last_person_before(self, offset: int) -> str | None:
        people = [name for at, name, kind in self.found if kind == "person" and at < offset]
        return self.canonical(people[-1]) if people else None

    def org_for(self, head: str, offset: int) -> str | None:
        orgs = [n for at, n, k in self.found if k == "org" and at < offset]
        matching = [n for n in orgs if head.lower() in n.lower().split()]
        if not matching and head.lower() in _ORG_VOICES | {"it", "they"}:
            matching = orgs
        return self.canonical(matching[-1]) if matching else None

    def canonical(self, name: str) -> str:
        """The fullest form of a name the article uses: "Mr Reznikov" → "Oleksii Reznikov"."""
        bare = _TITLES.sub("", name)
        if _kind(bare) == "org":
            longer = [n for _, n, _ in self.found if bare in n]
            return max(longer, key=len, default=bare)
        last = bare.split()[-1]
        people = (_TITLES.sub("", n) for _, n, k in self.found if k == "person")
        return max((n for n in people if n.split()[-1] == last), key=len, default=bare)


# Articles name the same people and organisations again and again.
@lru_cache(maxsize=1 << 16)
def _clean_name(name: str) -> str:
    """Drop sentence words and job titles before a name: "Finance Minister Roger Douglas"."""
    words = name.split()
    if not _TITLES.match(name):
        roles = [n for n, w in enumerate(words[:-1]) if w.lower() in _ROLES]
        if roles:
            words = words[roles[-1] + 1 :]
    while words and (words[0].lower().strip(".") in _NOT_NAMES or words[0].islower()):
        if _TITLES.match(" ".join(words)):
            break
        words.pop(0)
    return " ".join(words).rstrip(".")


@lru_cache(maxsize=1 << 16)
def _kind(name: str) -> str | None:
    words = name.split()
    if not words:
        return None
    lowered = {_POSSESSIVE.sub("", w).lower() for w in words}
    if lowered & _ORG_WORDS or (len(words) == 1 and words[0].isupper() and len(words[0]) > 1):
        return "org"
    if _TITLES.match(name) and len(words) >= 2:
        return "person"
    dotted = any("." in w and not _ABBREVIATION.match(w) for w in words)
    if len(words) >= 2 and not dotted and not lowered & _NOT_PERSON_WORDS:
        return "person"
    return None


def _attribute(text, spans, n, speakers, people: _Mentions) -> str | None:
    span = spans[n]
    if _is_scare(text, span):
        return None
    previous = _previous_speaker(spans, n, speakers)
    if span.only_content and previous:
        return previous
    found = _speaker_after(text, spans, n, people) or _speaker_before(text, spans, n, people)
    if found:
        return found
    if n and spans[n - 1].paragraph == span.paragraph and speakers[n - 1]:
        return speakers[n - 1]
    return None


def _previous_speaker(spans, n, speakers) -> str | None:
    for k in range(n - 1, -1, -1):
        if speakers[k]:
            return speakers[k] if spans[n].paragraph - spans[k].paragraph <= 1 else None
    return None


def _is_scare(text: str, span: _Span) -> bool:
    words = text[span.start : span.end].split()
    ends_clause = text[span.end - 1 : span.end] in ",.!?:;"
    return len(words) <= _SCARE_MAX_WORDS and not ends_clause


def _speaker_after(text: str, spans, n: int, people: _Mentions) -> str | None:
    span = spans[n]
    if span.close_mark is None:
        return None
    limit = spans[n + 1].open_mark if n + 1 < len(spans) else len(text)
    tail = text[span.close_mark + 1 : limit].split("\n\n", 1)[0]
    sentence = tail[: m.end()] if (m := _SENTENCE_END.search(tail)) else tail
    verb = _VERB.search(sentence)
    if not verb or len(sentence[: verb.start()].split()) > 12:
        return None
    before = sentence[: verb.start()].rsplit(",", 1)[-1]
    subject = before if before.strip() else sentence[verb.end() :].split(",", 1)[0]
    return _resolve(subject, span.close_mark + 1 + verb.start(), people)


def _speaker_before(text: str, spans, n: int, people: _Mentions) -> str | None:
    """`X said (that) "…"`, or a quote opening the sentence after one where X said something."""
    span = spans[n]
    floor = spans[n - 1].close_mark + 1 if n and spans[n - 1].close_mark else 0
    head = text[floor : span.open_mark].rsplit("\n\n", 1)[-1]
    head_start = span.open_mark - len(head)
    ends = [m.end() for m in _SENTENCE_END.finditer(head[:-1])]
    starts = [0, *ends]
    for begin, end in ((starts[-1], len(head)), (starts[-2] if len(starts) > 1 else 0, starts[-1])):
        verbs = list(_VERB.finditer(head, begin, end))
        if verbs:
            verb = verbs[-1]
            subject = head[begin : verb.start()]
            if verb.group(0) == "according to":
                subject = head[verb.end() : end]
            return _resolve(subject, head_start + verb.start(), people)
        if head[begin:end].strip():
            return None
    return None


def _resolve(subject: str, offset: int, people: _Mentions) -> str | None:
    """The speaker named by the words around a reporting verb."""
    names = [_clean_name(m.group(0)) for m in _NAME.finditer(subject)]
    names = [n for n in names if n]
    qualified = [n for n in names if _kind(n)]
    if qualified:
        # Right next to the verb it is the subject; further away, the sentence's first name is.
        adjacent = subject.rstrip().endswith(qualified[-1])
        return people.canonical(qualified[-1] if adjacent else qualified[0])
    words = re.findall(r"[\w’']+", subject.lower())
    if not words:
        return None
    pronoun = words[-1] if words[-1] in _PRONOUNS else words[0] if len(words) <= 2 else None
    if pronoun in ("it", "they"):
        return people.org_for(pronoun, offset) or people.last_person_before(offset)
    if pronoun in _PRONOUNS:
        return people.last_person_before(offset)
    if names and subject.rstrip().endswith(names[-1]):
        return people.canonical(names[-1])
    if words[0] in ("the", "a", "an") or len(words) <= 6:
        return people.org_for(words[-1], offset) or people.last_person_before(offset)
    return None
