"""The sieves: small rules, each deciding who said a quote or passing it on.

Each sieve takes the article context and a quote's number and returns a `Decision` or None.
`attribution.SIEVES` applies them from the most to the least precise, the order they are
written in here.
"""

from __future__ import annotations

import re

from search.quotes.context import Context, Decision
from search.quotes.descriptions import ORG_VOICES, nominal, one_of
from search.quotes.frames import (
    SENTENCE_END,
    VERB,
    Frame,
    before_frame,
    clause_frame,
    clause_start,
    cut_np,
    frame_at,
    gesture,
    paragraph_before,
    paragraph_start,
    sentence_after,
)
from search.quotes.mentions import (
    ORG_WORDS,
    ORGANISATION,
    PERSON,
    ROLE_DOMAIN,
    UNNAMED,
    role_word,
)
from search.quotes.phrases import DOCUMENTS, subject_pronoun, subject_words, unnamed_source
from search.quotes.press import publication, publication_named
from search.quotes.pronouns import (
    described_subject,
    it_chain,
    last_speaker,
    previous_subject,
    resolve_pronoun,
    unnamed_antecedent,
    unnamed_in_recent_frame,
)

_BODIES = ORG_VOICES | ORG_WORDS
_CALLED = re.compile(
    r"\b(?:which|what)\s+([\w.'’ -]{1,40}?)\s+(?:has\s+|had\s+|have\s+)?"
    r"(?:called|termed|dubbed|labelled|labeled|described\s+as)\s*(?:(?:a|an|the)\s+)?$"
)


def which_he_called(ctx: Context, n: int) -> Decision | None:
    """`…, which he called "unfair."`"""
    span = ctx.spans[n]
    start = max(0, span.open_mark - 60)
    window = ctx.text[start : span.open_mark]
    if "which" not in window and "what" not in window:
        return None  # most quotes: the pattern's words are not there to find
    found = _CALLED.search(ctx.text, start, span.open_mark)
    if not found:
        return None
    phrase, at = found.group(1), found.start(1)
    pronoun = subject_pronoun(phrase)
    entity = resolve_pronoun(ctx, pronoun, at) if pronoun else ctx.named(phrase, at)
    if entity is None and _org_head(phrase) and (described := nominal(ctx, phrase, at)):
        # "in what the administration called a "measured response"": the body described.
        return Decision(described.speaker, described.kind, described.role, "which_he_called")
    return ctx.decide(entity, "which_he_called") if entity else None


def _org_head(phrase: str) -> bool:
    """ "the administration", "the ministry": a body, never a person not yet named."""
    words = subject_words(phrase)
    return words[:1] == ["the"] and words[-1] in _BODIES


def publication_voice(ctx: Context, n: int) -> Decision | None:
    """`"Q," the Farmers Daily said.` / `The paper said in an editorial: "Q"` / `"Q," it added.`
    after a paper spoke: a newspaper or magazine in its own words, never one that only carries
    someone else's ("Smith told the Journal", "according to the Post", "quoting Smith")."""
    frame = ctx.frame(n)
    if frame is None:
        return None
    if (
        frame.side == "after"
        and publication(frame.subject)
        and (carried := before_frame(ctx, n)) is not None
        # "Smith said he told them that ships "would be protected," the paper reported."
        and (entity := ctx.named(carried.subject, carried.at)) is not None
    ):
        return ctx.decide(entity, "publication")
    if (signer := _signer(ctx, frame.subject, frame.at)) is not None:
        return signer
    if subject_pronoun(frame.subject) == "it":
        name = _publication_before(ctx, n, min(frame.at, ctx.spans[n].open_mark))
    elif _own_voice(ctx.text, frame.at, ctx.spans[n].open_mark):
        name = publication_named(ctx.text, frame.subject, frame.at, ctx.spans)
    else:
        name = None
    if name is None:
        return None
    ctx.publications.add(name)
    return Decision(name, ORGANISATION, None, "publication")


_CARRIED = re.compile(r"(?:according to|quoted by|described by|cited by|by)\s*$", re.IGNORECASE)
_CARRYING = re.compile(
    r"\bquot(?:ed|ing)\b|\bas saying\b|\b(?:signed|written) by\b"
    r"|\bciting\s+(?:[A-Z]|(?:an?|one|unnamed|sources|officials|people)\b)"
)


def _own_voice(text: str, at: int, quote: int) -> bool:
    """Whether the subject at `at` speaks for itself: not "according to" it, and not "quoting"
    or "citing" somebody in its clause."""
    if _CARRIED.search(text, max(0, at - 20), at):
        return False
    clause = text[at:quote] if at < quote else sentence_after(text, at, len(text))
    return not _CARRYING.search(clause)


_SIGNED = re.compile(
    r"\b(?:editorial|commentary|column|article)\b[^.;\"“”]{0,60}?,?\s+(?:signed|written)\s+by\s+"
)


def _signer(ctx: Context, subject: str, at: int) -> Decision | None:
    """ "the editorial, signed by Jane Doe, said": a signed piece speaks for whoever signed it,
    and so does "the editorial" after it."""
    if subject_words(subject)[-1:] not in (["editorial"], ["commentary"]):
        return None
    sentence = sentence_after(ctx.text, at, len(ctx.text))
    signed = list(_SIGNED.finditer(ctx.text, 0, at + len(sentence)))
    if not signed:
        return None
    entity = ctx.named(cut_np(ctx.text[signed[-1].end() :]), signed[-1].end())
    return ctx.decide(entity, "publication") if entity else None


def _publication_before(ctx: Context, n: int, end: int) -> str | None:
    """What "it" is when the last clause before `end` (in this paragraph or the one before)
    that has a subject other than "it" is a publication speaking for itself; with no such
    clause, the publication that said the quotation before."""
    text = ctx.text
    floor = paragraph_before(text, end)
    quoted = [(s.open_mark, (s.close_mark or s.end) + 1) for s in ctx.spans]
    verbs = [
        v for v in VERB.finditer(text, floor, end) if not any(a <= v.start() < b for a, b in quoted)
    ]
    for verb in reversed(verbs):
        closed = [b for a, b in quoted if b <= verb.start()]
        start = clause_start(text, floor, verb.start(), closed)
        frame = frame_at(text, start, end, verb, "previous")
        if frame is None:
            return None
        if subject_pronoun(frame.subject) == "it":
            continue  # "The paper said … It added …": the chain goes back to the paper
        if not _own_voice(text, frame.at, frame.at):
            return None
        return publication_named(ctx.text, frame.subject, frame.at, ctx.spans)
    previous = ctx.decisions[n - 1] if n and not verbs else None
    if previous is None or ctx.spans[n].paragraph - ctx.spans[n - 1].paragraph > 1:
        return None
    return previous.speaker if previous.speaker in ctx.publications else None


def named_after_quote(ctx: Context, n: int) -> Decision | None:
    """`"Q," said Jane Doe.` / `"Q," Jane Doe, an economist, said.`"""
    frame = ctx.frame(n)
    if frame and frame.side == "after" and (entity := ctx.named(frame.subject, frame.at)):
        return ctx.decide(entity, "named_after_quote")
    return None


def named_before_quote(ctx: Context, n: int) -> Decision | None:
    """`Jane Doe said: "Q"` / `Jane Doe told reporters "Q"` / `according to Jane Doe, "Q"`."""
    frame = ctx.frame(n)
    if frame and frame.side == "before" and (entity := ctx.named(frame.subject, frame.at)):
        return ctx.decide(entity, "named_before_quote")
    return None


def continuation(ctx: Context, n: int) -> Decision | None:
    """A quote with no frame of its own continues the speaker before it: a quote-only
    paragraph, the next quote of the same paragraph, or a quote-only paragraph after one whose
    subject said something ("Roberts conceded that …" / ""The greater risk …"")."""
    span = ctx.spans[n]
    if ctx.frame(n) is not None:
        return None
    previous = ctx.decisions[n - 1] if n else None
    gap = span.paragraph - ctx.spans[n - 1].paragraph if n else span.paragraph + 1
    if previous is not None and previous.speaker is not None:
        lead = ctx.text[ctx.text.rfind("\n\n", 0, span.open_mark) + 2 : span.open_mark]
        if ((span.only_content or not lead.strip()) and gap <= 1) or gap == 0:
            return Decision(previous.speaker, previous.kind, previous.role, "continuation")
    if span.only_content and gap >= 2:
        decision = _previous_paragraph(ctx, span.open_mark)
        if decision is not None:
            return Decision(decision.speaker, decision.kind, decision.role, "continuation")
    return None


def _previous_paragraph(ctx: Context, at: int) -> Decision | None:
    """Who said something in the paragraph before `at`, if anybody did."""
    text = ctx.text
    p_end = text.rfind("\n\n", 0, at)
    if p_end <= 0:
        return None
    p_start = text.rfind("\n\n", 0, p_end) + 2
    frame = clause_frame(ctx, p_start, p_end)
    return _resolve_frame(ctx, frame) if frame else None


_FOLLOWING = re.compile(
    r"(?:^|\n)Following (?:is|are) (?:the )?(?:full )?(?:text|texts|extracts|excerpts|highlights)"
    r"\b[^\n]*"
)


def document_text(ctx: Context, n: int) -> Decision | None:
    """ "Following are extracts from the communique issued by OPEC:" and then the document in
    quotation marks, paragraph by paragraph: its issuer's words, until somebody else speaks."""
    span = ctx.spans[n]
    if not span.only_content or ctx.frame(n) is not None:
        return None
    intros = list(_FOLLOWING.finditer(ctx.text, 0, span.open_mark))
    if not intros:
        return None
    intro = intros[-1]
    for verb in VERB.finditer(ctx.text, intro.end(), span.open_mark):
        if not ctx.quoted(verb.start()):
            return None  # someone reports in between: the document has ended
    if (entity := ctx.named(intro.group(0), intro.start())) is not None:
        return ctx.decide(entity, "document_text")
    words = subject_words(intro.group(0))
    document = next((w for w in reversed(words) if w in DOCUMENTS), None)
    return Decision(document, ORGANISATION, None, "document_text") if document else None


def pronoun_subject(ctx: Context, n: int) -> Decision | None:
    """`"Q," he said.`: the latest person who is the subject of a clause."""
    frame = ctx.frame(n)
    if frame is None or (pronoun := subject_pronoun(frame.subject)) is None:
        return None
    # "A lawyer … said the firms overlapped. "…," she said.": a source introduced since the
    # last quotation comes before the speaker of that quotation.
    if n and (shared := _same_frame(ctx, n, frame)) is not None:
        return shared
    if pronoun in ("he", "she") and (
        subject := previous_subject(ctx, pronoun, ctx.spans[n].open_mark)
    ):
        return subject
    since = ctx.spans[n - 1].end if n else 0
    if n and (newer := unnamed_in_recent_frame(ctx, pronoun, frame.at, after=since)):
        return newer
    if (unnamed := unnamed_antecedent(ctx, n, pronoun, frame.at)) is not None:
        return unnamed
    if pronoun in ("he", "she") and (speaker := last_speaker(ctx, pronoun, frame.at)):
        return ctx.decide(speaker, "pronoun")
    if (unnamed := unnamed_in_recent_frame(ctx, pronoun, frame.at)) is not None:
        return unnamed
    if pronoun == "it" and (chained := it_chain(ctx, frame.at)) is not None:
        return Decision(chained.speaker, chained.kind, chained.role, "pronoun")
    if pronoun == "it" and (described := described_subject(ctx, frame.at)) is not None:
        return Decision(described.speaker, described.kind, described.role, "pronoun")
    entity = resolve_pronoun(ctx, pronoun, frame.at)
    return ctx.decide(entity, "pronoun") if entity else None


def _same_frame(ctx: Context, n: int, frame: Frame) -> Decision | None:
    """ ""Q1," he said, adding that "Q2"": one reporting clause frames both quotes."""
    previous, decision = ctx.frame(n - 1), ctx.decisions[n - 1]
    if previous is None or decision is None or previous.at != frame.at:
        return None
    return Decision(decision.speaker, decision.kind, decision.role, "pronoun")


def nominal_subject(ctx: Context, n: int) -> Decision | None:
    """`"Q," the company said.`: the organisation or person described."""
    frame = ctx.frame(n)
    return nominal(ctx, frame.subject, frame.at) if frame else None


def unnamed_source_subject(ctx: Context, n: int) -> Decision | None:
    """`"Q," one trader said.` → "trader"; `U.S. officials see … "Q," said one.` → "official"."""
    frame = ctx.frame(n)
    if frame is None:
        return None
    source = unnamed_source(frame.subject)
    words = subject_words(frame.subject)
    if source is None and words in (["one"], ["another"]):
        source = one_of(ctx, frame.at)
    elif source is None and words == ["one", "of", "them"]:
        source = one_of(ctx, frame.at, group=True)  # "Two people close to … One of them"
    elif source is None and words[:2] == ["one", "of"]:
        # "one of the employees said" → "employee"
        group = unnamed_source(" ".join(words[2:]))
        source = group[:-1] if group and group.endswith("s") and not group.endswith("ss") else group
    return Decision(source, UNNAMED, None, "unnamed_source") if source else None


def sentence_subject(ctx: Context, n: int) -> Decision | None:
    """`Dole pleaded with members to back the bill because "Q"` / `He ruled out more, "because
    Q"`: a quote inside a sentence with no reporting verb finishes what its subject, a person
    opening the sentence, says."""
    span = ctx.spans[n]
    if ctx.frame(n) is not None or (n and ctx.spans[n - 1].paragraph == span.paragraph):
        return None
    text = ctx.text
    floor = paragraph_start(text, span.open_mark)
    ends = [m.end() for m in SENTENCE_END.finditer(text, floor, span.open_mark)]
    start = ends[-1] if ends else floor
    opening = _OPENING.match(text, start, span.open_mark)
    if opening is None:
        return _named_opening(ctx, start, span.open_mark)
    verb = _VERB_AFTER_SUBJECT.match(text, opening.end())
    if verb is None or _OTHER_CLAUSE.search(text, verb.end(), span.open_mark):
        return None
    entity = resolve_pronoun(ctx, opening.group(1).lower(), opening.start(1))
    return ctx.decide(entity, "sentence_subject") if entity else None


_OPENING = re.compile(r"\s*(?:(?:But|And|Yet)\s+)?(He|She)\b")
# After the subject, past an aside or an employer, the verb: "Dole of Kansas pleaded".
_VERB_AFTER_SUBJECT = re.compile(
    r"(?:,[^,\"“”.;]{1,80},|\s+(?:of|at|from)\s+(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*)?"
    r"\s+(?:[a-z]+ly\s+)?[a-z]{2,}\b(?!['’])"
)


def _named_opening(ctx: Context, start: int, end: int) -> Decision | None:
    """The person named as the subject opening the sentence at `start`, after their role."""
    for mention in ctx.mentions:
        entity = ctx.entities.entity(mention)
        if mention.start < start or mention.in_quote or entity.kind != PERSON:
            continue  # "Senate Republican leader Robert Dole": the organisation is the role
        lead = ctx.text[start : mention.start].split()
        if mention.start >= end or not mention.subject or not all(map(_role_part, lead)):
            return None
        verb = _VERB_AFTER_SUBJECT.match(ctx.text, mention.end)
        if verb is None or _OTHER_CLAUSE.search(ctx.text, verb.end(), end):
            return None
        return ctx.decide(entity, "sentence_subject")
    return None


# "He is not accused, but auditors concluded he had "Q"": another clause, another subject.
_OTHER_CLAUSE = re.compile(r"\b(?:but|while|whereas|although|though)\b|;")


def _role_part(word: str) -> bool:
    """ "Senate", "Republican", "leader": a word of a role before a name."""
    bare = word.lower().strip(",")
    return word[:1].isupper() or role_word(bare) or bare in ROLE_DOMAIN


def previous_sentence(ctx: Context, n: int) -> Decision | None:
    """A quote opening a sentence after one in which somebody said something."""
    span = ctx.spans[n]
    if ctx.frame(n) is not None:
        return None
    text = ctx.text
    p_start = text.rfind("\n\n", 0, span.open_mark) + 2 if "\n\n" in text else 0
    p_start = max(p_start, 0)
    if n and ctx.spans[n - 1].paragraph == span.paragraph:
        return None
    head = text[p_start : span.open_mark]
    ends = [m.end() for m in SENTENCE_END.finditer(head)]
    if not ends or head[ends[-1] :].strip():
        return None
    begin = ends[-2] if len(ends) > 1 else 0
    frame = clause_frame(ctx, p_start + begin, p_start + ends[-1]) or gesture(
        head[begin : ends[-1]], p_start + begin
    )
    if frame is None:
        return None
    decision = _resolve_frame(ctx, frame)
    if decision:
        return Decision(decision.speaker, decision.kind, decision.role, "previous_sentence")
    return None


def _resolve_frame(ctx: Context, frame: Frame) -> Decision | None:
    if entity := ctx.named(frame.subject, frame.at):
        return ctx.decide(entity, "named")
    if (pronoun := subject_pronoun(frame.subject)) and (
        entity := resolve_pronoun(ctx, pronoun, frame.at)
    ):
        return ctx.decide(entity, "pronoun")
    if decision := nominal(ctx, frame.subject, frame.at):
        return decision
    if source := unnamed_source(frame.subject):
        return Decision(source, UNNAMED, None, "unnamed_source")
    return None
