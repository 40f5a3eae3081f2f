"""Newspapers and magazines: which publication a phrase names ("the Berliner Zeitung
newspaper", "a Chinese newspaper", "the paper"), and the latest one a story introduced.

A publication speaks only in its own words; whether a clause gives its own words or carries
someone else's is the sieve's to judge (`sieves.publication_voice`).
"""

from __future__ import annotations

import itertools
import re

from search.quotes.mentions import (
    NATIONALITIES,
    ORGANISATION,
    PERSON,
    PLACE_WORDS,
    PUBLICATIONS,
    classify,
    word_set,
)
from search.quotes.phrases import bare_name
from search.quotes.spans import Span

# Common nouns for a publication, and for its own pieces: "the paper", "the editorial".
PRESS_NOUNS = word_set(
    "newspaper newspapers paper daily dailies weekly weeklies magazine magazines journal tabloid "
    "editorial commentary"
)
_OWN_PIECES = word_set("editorial commentary")
# Last words of a newspaper's title that are ordinary words too: "the London Standard" is a
# paper only when named in more than one word.
_TITLE_HEADS = word_set(
    "standard observer guardian telegraph mirror chronicle inquirer courier monitor review "
    "bulletin news"
)
_DESCRIBING = NATIONALITIES | PLACE_WORDS
# "a discussion paper", "the white paper": a document, not a publication.
_DOCUMENT_PAPER = word_set(
    "white green discussion working policy position research consultation briefing "
    "commercial government background technical staff"
)
_ARTICLES = word_set("the a an one its this")
_NOT_MODIFIERS = word_set(
    "the a an one its this that in on of to with for at by from about and or as than into "
    "his her their our told said says wrote quoted quoting according"
)
_NEW = word_set("a an one")
_SKIPPED = word_set("but and also later then today yesterday too")
_MARKS = re.compile('["“”]')
_WORD = re.compile(r"[\w’'.&-]+")


def publication(phrase: str) -> tuple[str, str | None] | None:
    """What a subject phrase says of a publication: ("named", name) for "the Farmers Daily" or
    "Senhor magazine", ("new", description) for "a Chinese newspaper", ("anaphor", None) for
    "the paper"; None for anything else."""
    words = [w for w in _WORD.findall(_MARKS.sub(" ", phrase)) if w != "."]
    while words and words[0].lower() in _SKIPPED:
        words.pop(0)
    while words and words[-1].lower() in _SKIPPED:
        words.pop()
    article = words.pop(0).lower() if words and words[0].lower() in _ARTICLES else None
    if not words or len(words) > 6:
        return None
    noun = words.pop() if words[-1] in PRESS_NOUNS else None
    modifiers = list(itertools.takewhile(str.islower, words))
    caps = words[len(modifiers) :]
    if any(not w[:1].isupper() for w in caps) or len(modifiers) > 3:
        return None  # "the paper he edits", "Smith of the Times"
    if {m.lower() for m in modifiers} & _NOT_MODIFIERS:
        return None  # "told the paper", "an item in the paper"
    if noun == "paper" and {m.lower() for m in modifiers} & _DOCUMENT_PAPER:
        return None
    if noun in _OWN_PIECES and not caps:
        return "anaphor", None  # "a signed editorial": a piece of the paper named before
    if noun and (not caps or _descriptive(caps)):
        if article in _NEW or (caps and article is None):
            return "new", " ".join([*caps, noun])  # "a Chinese newspaper", "Soviet newspapers"
        return ("anaphor", None) if article is not None else None
    if not caps:
        return None
    name = " ".join([*caps[:-1], caps[-1].removesuffix("'s").removesuffix("’s")])
    if noun:
        if classify(name) == ORGANISATION:
            return ("named", f"{name} {noun}") if noun not in _OWN_PIECES else None
        return "named", name
    head = caps[-1].lower().removesuffix("'s").removesuffix("’s")
    if head in PUBLICATIONS or (head in _TITLE_HEADS and len(caps) > 1):
        return "named", name
    return None


def _descriptive(caps: list[str]) -> bool:
    """ "Chinese", "West German", "Soviet": capitalised words that describe, not name."""
    return all(w.lower() in _DESCRIBING for w in caps)


# A press noun or a newspaper title's last word, where to look for a publication.
_PRESS_HIT = re.compile(
    r"\b(?:"
    + "|".join(sorted(PRESS_NOUNS))
    + "|"
    + "|".join(sorted(w.capitalize() for w in PUBLICATIONS | _TITLE_HEADS))
    + r")(?:['’]s)?\b[\"”]?"
)
_PHRASE_BEFORE = re.compile(r"(?:[\w’'.&\"“”-]+[ \t]+){0,5}$")
_APPOSED_NAME = re.compile(r",\s*((?:[A-Z][\w’'&-]*\s?){1,3}),")
_THE = re.compile(r"\b[Tt]he\s+$")
# A title right after the press noun, lower-case particles and all: "Welt am Sonntag".
_TITLE_AFTER = re.compile(
    r"\s+([A-Z][\w’'&-]*(?:\s+(?:(?:am|de|der|des|die|du|la|le|el|di)\s+)?[A-Z][\w’'&-]*){0,3})"
)


def latest_publication(
    text: str, start: int, end: int, quoted: list[tuple[int, int]]
) -> str | None:
    """The publication the story named or introduced last in `text[start:end]`, outside
    `quoted`; None if there is none, or if a document called a paper came after it."""
    latest = None
    for hit in _PRESS_HIT.finditer(text, start, end):
        if any(a <= hit.start() < b for a, b in quoted):
            continue
        found = publication_at(text, hit)
        if found is not None:
            latest = found[1] if found[0] != "anaphor" else latest
        elif hit.group(0) == "paper":
            latest = None  # "a discussion paper": "the paper" is now that document
    return latest


def publication_at(text: str, hit: re.Match[str]) -> tuple[str, str | None] | None:
    """The publication named by the phrase that ends with `hit`: the longest of the words
    before it that names one ("The official International Business newspaper")."""
    apposed = _APPOSED_NAME.match(text, hit.end()) if hit.group(0).islower() else None
    if apposed and classify(name := apposed.group(1).strip()) != PERSON:
        return "named", name  # "the financial daily, Boersenzeitung,"
    if hit.group(0).islower() and _THE.search(text, max(0, hit.start() - 4), hit.start()):
        titled = _TITLE_AFTER.match(text, hit.end())
        if titled:
            return "named", titled.group(1)  # "the newspaper Welt am Sonntag"
    line = max(text.rfind("\n", 0, hit.start()), 0)
    before = _PHRASE_BEFORE.search(text, line, hit.start())
    words = before.group(0).split() if before else []
    for n in range(len(words) + 1):
        found = publication(" ".join([*words[n:], hit.group(0)]))
        if found is not None and found[0] == "named":
            return "named", f"{found[1]}{title_tail(text, hit.end())}"
        if found is not None:
            return found
    return None


_OF_TITLE = re.compile(r" of (?:the )?[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*")


def title_tail(text: str, end: int) -> str:
    """ " of Commerce" in "the Journal of Commerce": a title goes on past "of"."""
    found = _OF_TITLE.match(text, end)
    return found.group(0) if found else ""


_APPOSED_TO_PRESS = re.compile(rf"\b(?:{'|'.join(sorted(PRESS_NOUNS))}),\s*$")
_PRESS_APPOSITIVE = re.compile(
    rf",\s*(?:the|a|an)\s+[^,.;]{{0,50}}?\b(?:{'|'.join(sorted(PRESS_NOUNS - _OWN_PIECES))}),"
)


def publication_named(text: str, subject: str, at: int, spans: list[Span]) -> str | None:
    """The publication a clause's subject at `at` names: itself ("the Farmers Daily"), set off
    after a press noun ("the financial daily, Boersenzeitung,"), or the one introduced before
    ("the paper") outside the quotations `spans`."""
    found = publication(subject)
    if found is None:
        name = subject.strip(" ,")
        # "the financial daily, Boersenzeitung, said"; "Kommersant, a business daily, said"
        before = max(0, at - 40)
        # The press noun before ends at a comma: without one, there is none to look for.
        apposed = (
            text.find(",", before, at) >= 0 and _APPOSED_TO_PRESS.search(text, before, at)
        ) or _PRESS_APPOSITIVE.match(text, at + len(subject.rstrip(" ,")))
        return name if apposed and bare_name(name) and classify(name) != PERSON else None
    how, name = found
    if how != "anaphor":
        return name + title_tail(text, at + len(subject.rstrip()))
    return latest_publication(text, 0, at, [(s.open_mark, s.end) for s in spans])
