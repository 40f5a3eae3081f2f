"""Where the quotation marks are: quote spans, and which of them are scare quotes or titles.

A span's text is exactly the words between its marks. Straight, curly and guillemet double
quotes are marks; single quotes never are, so apostrophes and nested quotes stay in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from search.quotes.mentions import word_set

OPENERS = {'"': '"”', "“": '”"', "«": "»", "„": '“”"'}
# Regular expressions find the marks at C speed; a Python loop over every character took
# most of the time of quote extraction.
_ANY_OPENER = re.compile("[" + re.escape("".join(OPENERS)) + "]")
_CLOSERS = {closers: re.compile("[" + re.escape(closers) + "]") for closers in OPENERS.values()}
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SCARE_MAX_WORDS = 3
_TITLE_MAX_WORDS = 8
_SMALL_WORDS = word_set("a an the of and or for in on at to by with from de la le")
_SENTENCE_END = re.compile(r"(?=[.!?])(?<!\b[A-Z])(?<!\b[A-Z][a-z])[.!?][\"”’]?(?=\s)")
# Verbs by which a sentence gives somebody's words, even a short phrase of them.
_FRAME_VERB = re.compile(
    r"\b(?:said|says|say|told|tells|telling|added|warned|stated|explained|noted|insisted|"
    r"claimed|argued|wrote|announced|declared|replied|remarked|acknowledged|admitted|"
    r"suggested|predicted|cautioned|stressed|recommended|repeated|reiterated|conceded|"
    r"complained|vowed|called|calling|branded|branding|described|describing|dubbed|termed|"
    r"labelled|labeled|saying|according to|urged|promised|testified|accused|criticised|"
    r"criticized|dismissed|hailed|welcomed)\b"
)
# A short quoted word that modifies the next noun is the writer's: `a "hot" night`.
_ATTRIBUTIVE = re.compile(
    r"[ \t]+(?!(?:about|to|by|and|or|but|from|with|for|in|on|at|as|of|that|the|a|an|whether|"
    r"if|than|when|while|because|over|into|after|before|since|until|is|was|are|were|be|has|"
    r"have|had|will|would|could|should|can|may|might|it|its|he|she|they|we|this|these|"
    r"those|which|who|its|their|his|her|not|so|yet|nor|also)\b)[a-z][\w-]*"
)


@dataclass
class Span:
    start: int
    end: int
    open_mark: int
    close_mark: int | None
    paragraph: int
    only_content: bool = False


def paragraphs(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


# The wire's sign-off closing a story ("… ." Reuter): not words of the paragraph.
_SIGN_OFF = re.compile(r"\s*\bREUTERS?\s*$", re.IGNORECASE)


def find_spans(text: str) -> list[Span]:
    """Every quoted stretch, scare quotes included, in order of position."""
    spans: list[Span] = []
    if not any(mark in text for mark in OPENERS):  # most articles quote nobody
        return spans
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        i = p_start
        while (found := _ANY_OPENER.search(text, i, p_end)) is not None:
            i = found.start()
            if _opens(text, i, p_start):
                close = _closing(text, i, p_end, OPENERS[text[i]])
                end = close if close is not None else p_end
                span = _trimmed(text, i + 1, end, i, close, number)
                span.only_content = not text[p_start:i].strip() and (
                    close is None or not _SIGN_OFF.sub("", text[close + 1 : p_end]).strip(" .,;\n")
                )
                spans.append(span)
                i = end + 1
            else:
                i += 1
    return spans


def is_scare_or_title(text: str, span: Span) -> bool:
    """A short phrase or a title in marks: the writer's word, nobody's statement.

    A short phrase is somebody's word when its sentence reports speech before it ("said the
    plan was 'timid.'", "called the sell-off 'overdone'"), unless it modifies the noun that
    follows ("a 'hot' night") or is a "so-called" name.
    """
    quoted = text[span.start : span.end]
    words = quoted.split()
    if not words:
        return True
    if _is_title(words, span):
        return True
    if len(words) > _SCARE_MAX_WORDS:
        return False
    sentence_start = _sentence_start(text, span.open_mark)
    lead = text[sentence_start : span.open_mark]
    if not lead.strip(" \t\n([—-"):
        return quoted[-1] not in ",.!?:;"
    if lead.rstrip().endswith("so-called"):
        return True
    if span.close_mark is not None and _ATTRIBUTIVE.match(text, span.close_mark + 1):
        return True
    return not _FRAME_VERB.search(lead)


def _is_title(words: list[str], span: Span) -> bool:
    if span.close_mark is None:
        return False
    if len(words) == 1:
        return _is_one_word_name(words[0])
    if words[0].lower() == "the":  # "the Lorry Park Affair", "The Untouchables"
        words = words[1:]
        if len(words) == 1:
            return words[0][0].isupper()
    if len(words) < 2 or len(words) > _TITLE_MAX_WORDS:
        return False
    if not (words[0][0].isupper() and _title_end(words[-1])) or words[0] in ("I", "We"):
        return False
    if " ".join(words).isupper():
        return False  # a quote set in capitals, not a title
    capitalised = sum(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words)
    return capitalised >= 0.75 * len(words)


def _title_end(word: str) -> bool:
    """A title's last word: capitalised, or a year or number ("Safe Staffing 2030")."""
    return word[0].isupper() or word.rstrip(",.").isdigit()


def _is_one_word_name(word: str) -> bool:
    """A lone capitalised word with no punctuation of its own ("Platoon", "LFK"): a name or a
    title. A one-word statement carries its punctuation inside the marks ("Never," he said)."""
    return word[0].isupper() and word[-1].isalnum() and word not in ("I", "OK", "Yes", "No")


def _sentence_start(text: str, at: int) -> int:
    window = max(0, at - 400)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, window, at)]
    paragraph = text.rfind("\n", window, at) + 1
    return max(ends[-1] if ends else window, paragraph)


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


def _trimmed(text: str, start: int, end: int, mark: int, close: int | None, para: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, mark, close, para)
