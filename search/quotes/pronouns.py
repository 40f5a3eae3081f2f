"""Whom a pronoun subject stands for: "he" or "she" is the person who spoke last, or the
unnamed source just introduced ("one refiner said … he added"); "it" is the organisation or
body the story is about; "they" an organisation named as a subject."""

from __future__ import annotations

import re

from search.quotes.context import Context, Decision
from search.quotes.descriptions import ORG_VOICES, nominal
from search.quotes.entities import Entity
from search.quotes.frames import (
    SENTENCE_END,
    clause_frame,
    last_frame,
    paragraph_before,
    paragraph_start,
)
from search.quotes.mentions import ORG_WORDS, ORGANISATION, PERSON, UNNAMED, speaks
from search.quotes.phrases import (
    DOCUMENTS,
    UNNAMED_HEADS,
    subject_pronoun,
    subject_words,
    unnamed_source,
)


def resolve_pronoun(ctx: Context, pronoun: str, at: int) -> Entity | None:
    """The latest person before `at` who is the subject of a clause, outside any quote."""
    if pronoun in ("i", "we"):
        return None
    wanted = ORGANISATION if pronoun == "it" else PERSON
    entities = ctx.entities
    if pronoun == "it" and (spoken := _last_org_speaker(ctx, at)) is not None:
        return spoken
    if wanted == PERSON and pronoun != "they":
        speaker = last_speaker(ctx, pronoun, at)
        if speaker is not None:
            return speaker
    fallback = None
    for mention in reversed(ctx.mentions):
        if mention.start >= at or mention.in_quote:
            continue
        entity = entities.entity(mention)
        if pronoun == "they":
            if entity.kind == ORGANISATION and mention.subject:
                return entity
            continue
        if entity.kind != wanted:
            continue
        if pronoun == "she" and entity.female is False:
            continue
        if pronoun == "he" and entity.female:
            continue
        if mention.subject:
            return entity
        fallback = fallback or entity
    return fallback


def _paragraph_floor(ctx: Context, at: int) -> int:
    """Where the pronoun's paragraph starts, or the one before when it names nobody before `at`:
    it goes on about the last one's speaker."""
    floor = ctx.text.rfind("\n\n", 0, at)
    if not any(floor <= m.start < at and not m.in_quote for m in ctx.mentions):
        floor = ctx.text.rfind("\n\n", 0, max(floor, 0))
    return floor


def _last_org_speaker(ctx: Context, at: int) -> Entity | None:
    """ "Acme said it holds a stake in Beta Plc … "Q," it said": in the pronoun's paragraph (or
    the one before), the latest organisation that speaks there, else the latest named as a
    subject that has spoken before; not one the story only mentions."""
    mentions = [m for m in ctx.mentions if m.start < at and not m.in_quote]
    spoke = {m.entity for m in mentions if m.subject and speaks(ctx.text, m)}
    floor = _paragraph_floor(ctx, at)
    recent = [
        m
        for m in reversed(mentions)
        if m.start >= floor and m.subject and m.entity in spoke
        if _org_like(ctx.entities.entity(m))
    ]
    speaking = next((m for m in recent if speaks(ctx.text, m)), recent[0] if recent else None)
    return ctx.entities.entity(speaking) if speaking else None


def _org_like(entity: Entity) -> bool:
    """An organisation, or a lone word never given a first name, role or sex ("Adsteam")."""
    if entity.kind == ORGANISATION:
        return True
    lone = all(len(m.name.split()) == 1 for m in entity.mentions)
    return lone and entity.role is None and entity.female is None


def last_speaker(ctx: Context, pronoun: str, at: int) -> Entity | None:
    """The person who spoke ("Watanabe said …") earlier in the pronoun's paragraph, or in the
    one before when this paragraph opens with the quotation ("Manford said the changes … ¶
    "…," he said.")."""
    entities = ctx.entities
    floor = _paragraph_floor(ctx, at)
    for mention in reversed(ctx.mentions):
        if mention.start >= at or mention.in_quote:
            continue
        if mention.start < floor:
            break
        entity = entities.entity(mention)
        if entity.kind != PERSON or not mention.subject or not speaks(ctx.text, mention):
            continue
        if (pronoun == "she" and entity.female is False) or (pronoun == "he" and entity.female):
            continue
        return entity
    return None


def unnamed_antecedent(ctx: Context, n: int, pronoun: str, at: int) -> Decision | None:
    """ "one refiner said. … he added": the unnamed source, if nobody was named since."""
    if n == 0 or (previous := ctx.decisions[n - 1]) is None or previous.kind != UNNAMED:
        return None
    gap = ctx.spans[n].paragraph - ctx.spans[n - 1].paragraph
    if pronoun not in ("he", "she", "they") or gap > _PRONOUN_CHAIN:
        return None
    plural = previous.speaker is not None and previous.speaker.endswith("s")
    if plural != (pronoun == "they"):
        return None
    since = ctx.spans[n - 1].end
    if gap > 1 and not _only_pronouns_since(ctx, since, ctx.spans[n].open_mark, at):
        return None  # "He said …" paragraphs between go on with the source; a name does not
    if gap > 1 and _uses_pronoun(ctx, n - 1, pronoun):
        return None  # the source said "he continues to be interested": "he" is someone else
    if any(since < m.start < at and m.subject and not m.in_quote for m in ctx.mentions):
        return None
    return Decision(previous.speaker, UNNAMED, None, "pronoun")


def unnamed_in_recent_frame(ctx: Context, pronoun: str, at: int, after: int = 0) -> Decision | None:
    """ "Another club member … said the board had ignored warnings. "…," she said." (only a
    source introduced after `after`, when given)."""
    if pronoun not in ("he", "she", "they"):
        return None
    end, frame = at, None
    for _ in range(_PRONOUN_CHAIN):
        frame = last_frame(ctx, end)
        if frame is None or frame.at < after or subject_pronoun(frame.subject) != pronoun:
            break
        end = frame.at  # "He told Reuters …": back to whom that "he" is
    if frame is None or frame.at < after or (source := unnamed_source(frame.subject)) is None:
        return None
    if subject_words(frame.subject)[:1] == ["the"] and not _has_spoken(ctx, source):
        return None  # "The USDA official said": someone named before, not a new source
    if (source.endswith("s") and not source.endswith("ss")) != (pronoun == "they"):
        return None
    # "A spokeswoman for the Tech Workers Guild said …": a name the source only mentions.
    if any(
        frame.at < m.start < at and not m.in_quote and m.subject and m.kind == PERSON
        for m in ctx.mentions
    ):
        return None
    if end < at and not _only_pronouns_since(ctx, frame.at, end, at):
        return None
    return Decision(source, UNNAMED, None, "pronoun")


_PRONOUN_CHAIN = 3


def previous_subject(ctx: Context, pronoun: str, open_mark: int) -> Decision | None:
    """ "A Wall Street arbitrageur … said the rumours made no sense because of the bid by
    Robert Maxwell. "Q," he said.": "he" after a quotation that opens a sentence is who reports
    in the sentence before (or, when that is "He said …", in the one before it), never a name
    inside its clause; None when that subject is no single person or source."""
    end = open_mark
    for _ in range(_PRONOUN_CHAIN):
        bounds = _sentence_before(ctx.text, end)
        frame = clause_frame(ctx, *bounds) if bounds else None
        if frame is None:
            if bounds is None:
                return None
            return _opening_person(ctx, pronoun, *bounds) or _opening_source(ctx, pronoun, *bounds)
        words = subject_words(frame.subject)
        if words[-1:] == [pronoun] and len(words) <= 2:
            end = bounds[0]  # "He said that …": back to whom that "he" is
            continue
        # "The official also rejected a suggestion by Wright, called for …": the clause's
        # subject is the source opening it, not a name in its predicate.
        opens = bounds is not None and not ctx.text[bounds[0] : frame.at].strip()
        if opens and (opening := _opening_source(ctx, pronoun, *bounds)) is not None:
            return opening
        entity = ctx.named(frame.subject, frame.at)
        if entity is not None:
            return ctx.decide(entity, "pronoun") if _agrees(entity, pronoun) else None
        return _one_source(ctx, unnamed_source(frame.subject), words[:1] == ["the"], frame.at)
    return None


_OPENING_VERB = re.compile(r"\s+(?:[a-z]+ly\s+)?[a-z]{2,}\b(?!['’])")


def _opening_person(ctx: Context, pronoun: str, start: int, end: int) -> Decision | None:
    """ "Tian took the opposite view. "Q," he said.": the one person a sentence that reports
    nothing opens with, and names alone."""
    mentions = [m for m in ctx.mentions if start <= m.start < end and not m.in_quote]
    lead = ctx.text[start : mentions[0].start].split() if mentions else ["-"]
    if lead not in ([], ["But"], ["And"]) or not _OPENING_VERB.match(ctx.text, mentions[0].end):
        return None
    entity = ctx.entities.entity(mentions[0])
    if any(
        ctx.entities.entity(m).kind == PERSON and m.entity != mentions[0].entity for m in mentions
    ):
        return None
    return ctx.decide(entity, "pronoun") if _agrees(entity, pronoun) else None


# An unnamed source opening a sentence as its subject, up to its verb: "However, a fund
# manager at a trust bank made a gloomier forecast."
_OPENING_SOURCE = re.compile(
    r"\s*(?:(?:However|But|And|Meanwhile),?\s+)?"
    r"((?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]he)\s+(?:[\w.'’-]+\s+){0,3}?"
    rf"(?:{'|'.join(UNNAMED_HEADS)}))"
    r"(?:\s+(?:at|of|for|with|from|in|on)\s+[^,.;\"“”]{1,60}?)?"
    r"\s+(?:also\s+|then\s+|later\s+)?(?:[a-z]+ed|made|took|gave|saw|had)\b"
)


def _opening_source(ctx: Context, pronoun: str, start: int, end: int) -> Decision | None:
    """ "However, a fund manager at a trust bank was gloomier. "Q," he said.": the unnamed
    source a sentence that reports nothing opens with."""
    opening = _OPENING_SOURCE.match(ctx.text, start, end)
    if opening is None or pronoun not in ("he", "she"):
        return None
    definite = opening.group(1)[:3].lower() == "the"
    return _one_source(ctx, unnamed_source(opening.group(1)), definite, opening.start(1))


def _one_source(ctx: Context, source: str | None, definite: bool, at: int) -> Decision | None:
    """The single unnamed source "he" or "she" can be; for "the trade official", only one that
    spoke or was introduced before `at`."""
    if source is None or source.endswith("s") and not source.endswith("ss"):
        return None  # "officials": a group is never "he"
    if definite:
        spoken = _spoken_source(ctx, source)
        if spoken is None and not _introduced(ctx.text, source, at):
            return None
        source = spoken or source
    return Decision(source, UNNAMED, None, "pronoun")


def it_chain(ctx: Context, at: int) -> Decision | None:
    """ "The report said … The ceiling should rise, it said. "Q," it added.": "it" goes back
    through the "it said" clauses before it to the organisation, or the document, that spoke
    first; None when there is no such clause or that subject is neither."""
    end = at
    for links in range(_IT_CHAIN):
        frame = last_frame(ctx, end)
        if frame is None and links and (end := ctx.text.rfind("\n\n", 0, end)) > 0:
            continue  # past a paragraph that reports nothing
        if frame is None:
            return None
        if subject_pronoun(frame.subject) != "it":
            break
        end = frame.at
    else:
        return None
    if links == 0:
        return None  # no "it said" before: what "it" is, other rules judge
    entity = ctx.named(frame.subject, frame.at)
    if entity is not None:
        return ctx.decide(entity, "pronoun") if entity.kind == ORGANISATION else None
    words = subject_words(frame.subject)
    if words[:1] == ["the"] and words[-1] in _VOICES:
        return nominal(ctx, frame.subject, frame.at)
    return None


_IT_CHAIN = 5
_VOICES = DOCUMENTS | ORG_VOICES


def _spoken_source(ctx: Context, source: str) -> str | None:
    """The unnamed source credited with a quote already whose noun is `source`'s."""
    head = source.split()[-1]
    spoken = [d.speaker for d in ctx.decisions if d is not None and d.kind == UNNAMED]
    return next((s for s in reversed(spoken) if s and s.split()[-1] == head), None)


def _agrees(entity: Entity, pronoun: str) -> bool:
    if entity.kind != PERSON:
        return False
    return not (pronoun == "he" and entity.female) and not (
        pronoun == "she" and entity.female is False
    )


def _introduced(text: str, source: str, at: int) -> bool:
    """Whether the story introduced the source earlier as "a …" or "one …": "a British naval
    source said … The source, who declined to be identified, said"."""
    head = re.escape(source.split()[-1])
    pattern = rf"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w’'.-]+\s+){{0,3}}?{head}\b"
    return re.search(pattern, text[:at]) is not None


_CLOSED = re.compile(r"[.!?][\"”’]?\s*$")


def _sentence_before(text: str, end: int) -> tuple[int, int] | None:
    """The sentence that ends right before `end` (in its paragraph, or closing the paragraph
    before when `end` opens one); None if `end` is inside a sentence."""
    paragraph = paragraph_start(text, end)
    if not text[paragraph:end].strip():
        end = paragraph - 2
        paragraph = paragraph_start(text, max(end, 0))
    if end <= paragraph or not _CLOSED.search(text, paragraph, end):
        return None
    stop = text[paragraph:end].rstrip()
    ends = [m.end() for m in SENTENCE_END.finditer(text, paragraph, paragraph + len(stop) - 1)]
    return (ends[-1] if ends else paragraph), paragraph + len(stop)


def _has_spoken(ctx: Context, source: str) -> bool:
    """Whether an unnamed source ("a trade official") was credited with a quote already."""
    return any(d is not None and d.kind == UNNAMED and d.speaker == source for d in ctx.decisions)


def _only_pronouns_since(ctx: Context, start: int, chain: int, at: int) -> bool:
    """Whether "he" at `at` can go back to the source at `start` across "He said …" clauses
    from `chain` on: nobody else is named since, and no quotation before them has its own "he"."""
    return not any(start < s.open_mark < chain for s in ctx.spans) and not any(
        start < m.start < at and ctx.entities.entity(m).kind == PERSON for m in ctx.mentions
    )


def _uses_pronoun(ctx: Context, n: int, pronoun: str) -> bool:
    span = ctx.spans[n]
    return re.search(rf"\b{pronoun}\b", ctx.text[span.start : span.end], re.IGNORECASE) is not None


# "The provincial health ministry said": up to the body's noun, however many words describe it.
_DESCRIBED = re.compile(
    r"(?:^|[.!?][\"”]?\s+|\n)\s*((?:The|the)\s+(?:[\w’'-]+\s+){0,3}?"
    rf"(?:{'|'.join(sorted(ORG_VOICES | ORG_WORDS | DOCUMENTS))}))\s+[a-z]+"
)


def described_subject(ctx: Context, at: int) -> Decision | None:
    """ "The council disputed that. "…," it said.": the body the last sentence is about."""
    text = ctx.text
    found = [
        m
        for m in _DESCRIBED.finditer(text, paragraph_before(text, at), at)
        if not ctx.quoted(m.start(1))
    ]
    if not found:
        return None
    return nominal(ctx, found[-1].group(1), found[-1].start(1))
