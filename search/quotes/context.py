"""One article as the sieves see it: its text and quotes, the people and organisations it
names, each quote's frame, and the `Decision`s made so far."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from search.quotes.entities import Entities, Entity
from search.quotes.frames import SENTENCE_END, Frame, after_frame, before_frame
from search.quotes.mentions import ORGANISATION, PERSON, ROLE_WORDS, Mention, find_mentions
from search.quotes.phrases import (
    ORG_THEN_SOURCE,
    UNNAMED_HEADS,
    UNNAMED_START,
    past_conjunction,
    subject_pronoun,
    subject_words,
    unnamed_source,
)
from search.quotes.press import publication_named
from search.quotes.spans import Span

_MENTIONS_AFTER_LAST_QUOTE = 250
_EMPLOYEE_ROLES = ROLE_WORDS | UNNAMED_HEADS


@dataclass(frozen=True)
class Decision:
    """Who said a quote (a name, or an unnamed source's noun), and the sieve that decided."""

    speaker: str | None
    kind: str | None
    role: str | None
    sieve: str


class Context:
    """One article: its text, quote spans, mentions, entities and decisions so far."""

    def __init__(self, text: str, spans: list[Span], titles: list[Span] | None = None):
        self.text = text
        self.spans = spans
        self.titles = titles or []  # scare quotes and quoted titles: no one's words
        self.decisions: list[Decision | None] = [None] * len(spans)
        self.publications: set[str] = set()  # publications credited with their own words
        self._frames: dict[int, Frame | None] = {}
        # Several rules ask what the same subject phrase names: the answer is asked once.
        self._named: dict[tuple[str, int], Entity | None] = {}

    @cached_property
    def entities(self) -> Entities:
        # Names inside quotation marks never speak: "Daley Out, Ambition In" is a headline.
        marked = sorted([*self.spans, *self.titles], key=lambda s: s.open_mark)
        quoted = [(s.open_mark, (s.close_mark or s.end) + 1) for s in marked]
        # Nobody named well after the last quote can be its speaker.
        end = min(len(self.text), self.spans[-1].end + _MENTIONS_AFTER_LAST_QUOTE)
        return Entities(find_mentions(self.text, quoted, end))

    def quoted(self, at: int) -> bool:
        """Whether `at` lies inside a quotation (from its opening mark). The spans are in order
        and never overlap, so only the last one opening at or before `at` can hold it."""
        k = bisect_right(self._opening_marks, at) - 1
        return k >= 0 and at < self.spans[k].end

    def ending_before(self, at: int) -> int:
        """How many quotations end before `at` (they come first: the spans are in order)."""
        return bisect_left(self._ends, at)

    @cached_property
    def _opening_marks(self) -> list[int]:
        return [s.open_mark for s in self.spans]

    @cached_property
    def _ends(self) -> list[int]:
        return [s.end for s in self.spans]

    @property
    def mentions(self) -> list[Mention]:
        """The mentions that belong to an entity, in order."""
        return self.entities.mentions

    @cached_property
    def starts(self) -> list[int]:
        return [m.start for m in self.mentions]

    def frame(self, n: int) -> Frame | None:
        if n not in self._frames:
            after = after_frame(self, n)
            if after is None or not self.names_someone(after):
                # 'stressed that USDA was "very pleased …" and looked forward to …': a verb
                # after the quote whose subject names no one is not its frame.
                before = before_frame(self, n)
                after = before if before is not None and self.names_someone(before) else after
            elif subject_words(after.subject)[:1] in (["but"], ["and"]):
                # 'Frenzel said the bill was not one "Q," but he emphasized …': a new clause
                # after the quote; the quote's own verb comes before it.
                before = before_frame(self, n)
                after = (
                    before
                    if before is not None and self.named(before.subject, before.at)
                    else after
                )
            self._frames[n] = after
        return self._frames[n]

    def names_someone(self, frame: Frame) -> bool:
        subject = frame.subject
        return bool(
            self.named(subject, frame.at)
            or subject_pronoun(subject)
            or unnamed_source(subject)
            or past_conjunction(subject_words(subject))[:1]
            in (["the"], ["its"], ["one"], ["another"])
            or publication_named(self.text, subject, frame.at, self.spans) is not None
        )

    def named(self, phrase: str, at: int) -> Entity | None:
        """The person or organisation a subject phrase names, if it names one."""
        key = (phrase, at)
        if key not in self._named:
            self._named[key] = self._find_named(phrase, at)
        return self._named[key]

    def _find_named(self, phrase: str, at: int) -> Entity | None:
        definite = _DEFINITE_ROLE.match(phrase)  # "the <Org> <role>", if the phrase is one
        if definite is not None and (employee := self.employee(definite, at)) is not None:
            return employee  # "the USX chairman": the chairman of USX named before
        if definite is not None and _office_holder(definite, phrase):
            return None  # "the Fed chairman" is a person, never the Fed: a description's
        if UNNAMED_START.match(phrase) and unnamed_source(phrase):
            return None  # "a General Motors spokesman" names no one
        if ORG_THEN_SOURCE.search(phrase):
            return None  # "UNCTAD's spokesman", "a Trade Ministry (MITI) official"
        end = at + len(phrase)
        found = person = None
        mentions = self.mentions
        for k in range(bisect_left(self.starts, at), len(mentions)):
            mention = mentions[k]
            if mention.start >= end:
                break
            if mention.in_quote:
                continue
            # "Wertheim and Co analyst Michael Ellman", "US National Security Council spokesman
            # John Kirby": the employer is part of the role, the person (the head, last)
            # speaks; "Baker and the Justice Department": the first is the subject.
            if self.entities.entity(mention).kind == PERSON:
                person = mention
            if found is None or mention.subject:
                found = mention
        chosen = person or found
        if chosen is None or (person is None and _ROLE_OF.match(phrase)):
            return None  # "the chairman of Acme" is a person, never Acme: a description's
        return self.entities.entity(chosen)

    def employee(self, definite: re.Match[str], at: int) -> Entity | None:
        """The person named before `at` as the `role` of the organisation in "the <Org>
        <role>" (`definite`, the phrase as `_DEFINITE_ROLE` matched it): "USX Corp chairman
        David Roderick", "Jane Doe, economist at Acme Inc"."""
        if (role := definite.group(1)) not in _EMPLOYEE_ROLES:
            return None
        if role.endswith("s") and not role.endswith("ss"):
            return None  # "the Acme analysts": several, none of them named
        end = at + len(definite.string)
        orgs = {
            m.entity
            for m in self.mentions
            if at <= m.start < end and not m.in_quote
            if self.entities.entity(m).kind == ORGANISATION
        }
        for mention in reversed(self.mentions):
            entity = self.entities.entity(mention)
            if mention.start >= at or mention.in_quote or entity.kind != PERSON:
                continue
            if _introduces(self, mention, role, orgs):
                return entity
        return None

    def decide(self, entity: Entity, sieve: str) -> Decision:
        return Decision(entity.name, entity.kind, entity.role, sieve)


_DEFINITE_ROLE = re.compile(
    r"\s*(?:(?:[Bb]ut|[Aa]nd|[Hh]owever),?\s+)?[Tt]he\s+(?:[A-Z][\w.&'’-]*\s+)+"
    r"(?:[a-z][\w-]*\s+){0,2}([a-z][\w-]*)\s*"
)


_NAMED_ROLES = ROLE_WORDS - UNNAMED_HEADS  # a role, never an unnamed source's noun
_ROLE_OF = re.compile(
    r"\s*(?:(?:[Bb]ut|[Aa]nd),?\s+)?[Tt]he\s+(?:[\w-]+\s+){0,2}?"
    rf"(?:{'|'.join(sorted(_NAMED_ROLES))})\s+of\s+(?:the\s+)?[A-Z]",
)


def _office_holder(definite: re.Match[str], phrase: str) -> bool:
    """ "the K Mart chairman": the holder of an office, described by whom they serve (the
    phrase as `_DEFINITE_ROLE` matched it, whole)."""
    return definite.end() >= len(phrase.rstrip()) and definite.group(1) in _NAMED_ROLES


def _introduces(ctx: Context, mention: Mention, role: str, orgs: set[int]) -> bool:
    """Whether the sentence naming `mention` gives it `role` at one of `orgs`, before the name
    ("USX Corp chairman David Roderick") or set off after it ("…, economist at Acme Inc")."""
    text = ctx.text
    stop = text.rfind(". ", 0, mention.start)
    begin = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, mention.start) + 1)
    after = SENTENCE_END.search(text, mention.end)
    finish = min(after.end() if after else len(text), mention.end + 120)
    if not re.search(rf"\b{re.escape(role)}\b", text[begin:finish]):
        return False
    return any(
        begin <= m.start < finish and m.entity in orgs and not m.in_quote for m in ctx.mentions
    )
