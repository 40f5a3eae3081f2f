"""Whom a description names: "the company", "the ministry", "the former army officer" is
someone the story named before; a bare "one" or "one of them" belongs to a group of sources
it named."""

from __future__ import annotations

import re

from search.quotes.context import Context, Decision
from search.quotes.entities import Entity
from search.quotes.frames import (
    SENTENCE_END,
    VERB,
    comma_chunks,
    paragraph_before,
    sentence_after,
)
from search.quotes.mentions import (
    CORPORATE_SUFFIXES,
    ORG_WORDS,
    ORGANISATION,
    PERSON,
    ROLE_WORDS,
    UNNAMED,
    Mention,
    classify,
    speaks,
    word_set,
)
from search.quotes.phrases import (
    DOCUMENTS,
    NOT_SOMEONE,
    NP_CUT,
    ORG_THEN_SOURCE,
    TRAILING_ADVERBS,
    UNNAMED_HEADS,
    past_conjunction,
    subject_words,
    unnamed_source,
)

ORG_VOICES = word_set(
    "company firm group bank statement ministry institute agency department government "
    "corporation board council committee commission union association fund office "
    "exchange airline utility concern unit subsidiary maker producer retailer club team "
    "authority charity delegation"
)
_ISSUERS = (ORG_VOICES | ORG_WORDS) - DOCUMENTS
_PRESS = word_set("editorial")  # a publication's own piece, never the lead organisation's
# Documents only a company issues: "the proxy said" is the company's.
_COMPANY_DOCUMENTS = word_set("proxy prospectus")
_GENERIC_ORG_VOICES = word_set("company firm group statement concern unit subsidiary club team")


def nominal(ctx: Context, phrase: str, at: int) -> Decision | None:
    """ "the company", "the ministry", "the former army officer": someone named before."""
    cut = NP_CUT.search(phrase)
    words = past_conjunction(subject_words(phrase[: cut.start()] if cut else phrase))
    while len(words) > 2 and words[-1] in TRAILING_ADVERBS:
        words.pop()  # "The former secretary also criticised …"
    if "of" in words[2:] and words[words.index("of") - 1] in ROLE_WORDS:
        words = words[: words.index("of")]  # "the chairman of Canada's largest bank"
    holder = bool(words) and words[-1] in ROLE_WORDS and _ROLE_OF.match(phrase) is not None
    if _issuer_named(words):
        # "a foreign ministry statement", "the company statement": the body that issued it.
        return nominal(ctx, " ".join(["the", *words[1:-1]]), at)
    if not words or words[0] not in ("the", "its", "this", "that"):
        return None
    if _body_source(phrase):
        return None  # "the Bank of Japan official": a source, never the bank
    head = words[-1]
    previous = _previous_org(ctx, at)
    if head in DOCUMENTS and (voiced := _document_voice(ctx, head, at, previous)) is not None:
        return voiced
    if previous and head in ("company", "firm"):
        return Decision(previous.speaker, previous.kind, previous.role, "nominal")
    if (company := _company_voice(ctx, head, at, previous)) is not None:
        return company
    if head in ORG_VOICES or head in ORG_WORDS:
        return _organisation_voice(ctx, words, at)
    return _person_described(ctx, words, at, holder)


def _document_voice(ctx: Context, head: str, at: int, previous: Decision | None) -> Decision | None:
    """ "the statement said", "the report said": whoever issued it."""
    if (source := _source_issued(ctx, head, at)) is not None:
        return Decision(source.speaker, source.kind, source.role, "nominal")
    if issuer := _issued_in(ctx, head, at, paragraph_before(ctx.text, at)):
        # "Acme said in a statement that … "Q," the statement said": whoever just issued it,
        # even when someone else spoke between.
        return ctx.decide(issuer, "nominal")
    if previous:
        # "Orrin said in a statement … "Q," the report said": whoever issued it.
        return Decision(previous.speaker, previous.kind, previous.role, "nominal")
    if (issuer := _issuer_of(ctx, head, at)) is not None:
        return ctx.decide(issuer, "nominal")  # "the Tower Commission report … the report said"
    if (issuer := _issued_in(ctx, head, at)) is not None:
        return ctx.decide(issuer, "nominal")  # "the embassy said in a report … the report said"
    if head not in _PRESS and (issuer := _lead_organisation(ctx, at)) is not None:
        return ctx.decide(issuer, "nominal")
    return None


def _company_voice(ctx: Context, head: str, at: int, previous: Decision | None) -> Decision | None:
    """ "the company", "the carmaker", "the club": the company the story is about."""
    kind_of_company = _kind_of_company(head)
    if kind_of_company and (introduced := _introduced_as(ctx, head, at)) is not None:
        return ctx.decide(introduced, "nominal")  # "carmaker Verrin Motors … the carmaker said"
    if kind_of_company and previous:
        # "Tolland Homes said … "Q," the housebuilder said": the organisation that just spoke.
        return Decision(previous.speaker, previous.kind, previous.role, "nominal")
    if not (head in _GENERIC_ORG_VOICES or head in _COMPANY_DOCUMENTS or kind_of_company):
        return None
    entities = ctx.entities
    # "the company" is nearly always the company the story is about: the first named.
    companies = [
        m
        for m in ctx.mentions
        if m.start < at and not m.in_quote and _is_company(entities.entity(m).name)
    ]
    if not companies and (head in ("company", "firm") or kind_of_company):
        companies = [m for m in ctx.mentions if m.start < at and _lone_name(ctx, m)]
    if not companies and head in ("club", "team"):
        # "Harrowgate Athletic sacked its manager … the club said": the first club named.
        companies = [
            m
            for m in ctx.mentions
            if m.start < at and m.subject and entities.entity(m).kind == ORGANISATION
        ]
    if not companies:
        return None
    company = entities.entity(companies[0])
    return Decision(company.name, ORGANISATION, company.role, "nominal")


def _organisation_voice(ctx: Context, words: list[str], at: int) -> Decision | None:
    """ "the exchange", "the ministry", "the central bank": a body named before, or by its
    kind alone."""
    head, entities = words[-1], ctx.entities
    named = [
        m
        for m in reversed(ctx.mentions)
        if m.start < at
        and not m.in_quote
        and entities.entity(m).kind == ORGANISATION
        and (head in _GENERIC_ORG_VOICES or head in entities.entity(m).name.lower().split())
    ]
    # "The exchange said": the exchange that acts in the story, not one it wrote to.
    chosen = next((m for m in named if m.subject), named[0] if named else None)
    if chosen is not None:
        return ctx.decide(entities.entity(chosen), "nominal")
    if head in _GENERIC_ORG_VOICES:
        return None
    # "the central bank said": an organisation the story names only by its kind.
    return Decision(" ".join(words[1:]), ORGANISATION, None, "nominal")


def _person_described(ctx: Context, words: list[str], at: int, holder: bool) -> Decision | None:
    """ "the trade minister", "the 23-year-old", "the Texas Democrat": a person named before."""
    head, entities = words[-1], ctx.entities
    people = [
        entities.entity(m)
        for m in ctx.mentions
        if m.start < at and not m.in_quote and entities.entity(m).kind == PERSON
    ]
    with_role = [p for p in people if p.role and head in p.role.lower()]
    # "the trade minister": the minister whose role says trade, not the last minister named.
    fitting = [p for p in with_role if set(words[1:]) <= set(subject_words(p.role or ""))]
    with_role = fitting or with_role
    if with_role:
        return ctx.decide(with_role[-1], "nominal")
    if holder:
        # "the one-time chairman of Acme": the holder named before, who spoke last.
        spoke = _last_reporting(ctx, at)
        return ctx.decide(spoke, "nominal") if spoke else None
    if words[0] == "the" and head not in NOT_SOMEONE and (source := _recent_unnamed(ctx, head, at)):
        return Decision(source, UNNAMED, None, "nominal")  # "A council officer …" "the officer"
    if re.fullmatch(r"\d+-year-old", head) and words[0] == "the" and people:
        return ctx.decide(people[-1], "nominal")  # "the 23-year-old said"
    if head in _DEFINITE_PEOPLE and words[0] == "the" and people:
        # "Speaker Jim Wright said President Reagan should … "Q," the Texas Democrat said":
        # the person who spoke last, not the last one named.
        return ctx.decide(_last_reporting(ctx, at) or people[-1], "nominal")
    if head in UNNAMED_HEADS:
        return None
    if head in ROLE_WORDS or head in _PERSON_NOUNS:
        return ctx.decide(people[-1], "nominal") if people else None
    return None


# "the chairman of Acme", not "the manager of an oil company" (an unnamed source).
_ROLE_OF = re.compile(
    r"\s*(?:(?:[Bb]ut|[Aa]nd),?\s+)?[Tt]he\s+(?:[\w-]+\s+){1,3}?of\s+(?:the\s+)?[A-Z]"
)


def _issuer_named(words: list[str]) -> bool:
    """ "the ministry statement": a document named by the kind of body that issued it."""
    return (
        len(words) > 2
        and words[0] in ("the", "a", "an")
        and words[-1] in DOCUMENTS
        and words[-2] in _ISSUERS
    )


def _body_source(phrase: str) -> bool:
    """ "the Finance Ministry official": a source at a body named in full, not "the Utah
    senator"."""
    found = ORG_THEN_SOURCE.search(phrase)
    if found is None:
        return False
    body = [w for w in phrase[: found.start(1)].split() if w[:1].isupper() and w != "The"]
    return classify(" ".join(body)) == ORGANISATION


def _last_reporting(ctx: Context, at: int) -> Entity | None:
    """The latest person before `at` who is the subject of a reporting verb."""
    for mention in reversed(ctx.mentions):
        entity = ctx.entities.entity(mention)
        if mention.start >= at or mention.in_quote or entity.kind != PERSON:
            continue
        if mention.subject and speaks(ctx.text, mention):
            return entity
    return None


def _lead_organisation(ctx: Context, at: int) -> Entity | None:
    """The organisation the story's first paragraph is about: "The World Bank has suggested …
    A draft of its report … the report said"."""
    lead = ctx.text.find("\n\n")
    for mention in ctx.mentions:
        if mention.start >= min(at, lead if lead >= 0 else at):
            break
        entity = ctx.entities.entity(mention)
        if not mention.in_quote and mention.subject:
            return entity if entity.kind == ORGANISATION else None
    return None


def _kind_of_company(head: str) -> bool:
    """ "the automaker", "the mill", "the insurer": a company described by its trade."""
    return head.endswith(("maker", "builder")) or head in _COMPANY_KINDS


_COMPANY_KINDS = word_set(
    "manufacturer mill insurer lender brewer conglomerate distributor supplier wholesaler"
)


def _introduced_as(ctx: Context, head: str, at: int) -> Entity | None:
    """The organisation the story introduced as a `head` before `at`: "carmaker Verrin Motors",
    "Sony Corp, the Tokyo-based electronics maker,"."""
    text = ctx.text
    before = re.compile(rf"\b{re.escape(head)}\s+$")
    after = re.compile(rf",\s+(?:the|a|an)\s+(?:[\w&'’-]+\s+){{0,3}}?{re.escape(head)}\b")
    for mention in reversed(ctx.mentions):
        entity = ctx.entities.entity(mention)
        if mention.start >= at or mention.in_quote or entity.kind != ORGANISATION:
            continue
        if before.search(text, max(0, mention.start - 30), mention.start) or after.match(
            text, mention.end
        ):
            return entity
    return None


def _issued_in(ctx: Context, document: str, at: int, floor: int | None = None) -> Entity | None:
    """The organisation that spoke "in a report" before `at`: "the embassy said in a report",
    "The SIA, in a report adopted today, …", "In a statement, the ministry said"; from `floor`
    on, the person or organisation."""
    text = ctx.text
    pattern = rf"\b[Ii]n (?:a|an|its|their) (?:[\w-]+\s+){{0,2}}?{re.escape(document)}\b"
    kinds = (ORGANISATION,) if floor is None else (ORGANISATION, PERSON)
    for found in reversed(list(re.compile(pattern).finditer(text, floor or 0, at))):
        ends = [m.end() for m in SENTENCE_END.finditer(text, 0, found.start())]
        begin = max(ends[-1] if ends else 0, text.rfind("\n", 0, found.start()) + 1)
        lead = text[begin : found.start()]
        if lead.strip(" ,"):
            chunk, chunk_at = comma_chunks(lead, begin)[-2 if lead.rstrip().endswith(",") else -1]
            said = VERB.search(chunk)
            subject = chunk[: said.start()] if said else chunk
        else:
            rest = sentence_after(text, found.end(), len(text))
            said = VERB.search(rest)
            if said is None:
                continue
            subject, chunk_at = rest[: said.start()], found.end()
        entity = ctx.named(subject, chunk_at)
        if entity is not None and entity.kind in kinds and _surely_named(entity):
            return entity
    return None


def _source_issued(ctx: Context, document: str, at: int) -> Decision | None:
    """The unnamed source of the last quote before `at` when it spoke "in a statement": "a
    ministry spokesman said in a statement … "Q," the statement said"."""
    issued = re.compile(rf"\b[Ii]n (?:a|an|his|her) (?:[\w-]+\s+){{0,2}}?{re.escape(document)}\b")
    for n in range(len(ctx.spans) - 1, -1, -1):
        decision, frame = ctx.decisions[n], None
        if ctx.spans[n].end >= at or decision is None:
            continue
        if decision.kind == UNNAMED and (frame := ctx.frame(n)) is not None:
            clause = sentence_after(ctx.text, frame.at, len(ctx.text))
            return decision if issued.search(clause) else None
        return None
    return None


def _surely_named(entity: Entity) -> bool:
    """Not a lone capitalised word read as a person ("Critics said in a report")."""
    return entity.kind != PERSON or len(entity.name.split()) > 1 or entity.role is not None


def _lone_name(ctx: Context, mention: Mention) -> bool:
    """ "Petro-Canada said": one word that speaks, with no role and never a first name, is the
    company the story calls "the company"."""
    entity = ctx.entities.entity(mention)
    return (
        mention.speaks
        and not mention.in_quote
        and len(entity.name.split()) == 1
        and entity.role is None
        and entity.female is None
    )


def _issuer_of(ctx: Context, document: str, at: int) -> Entity | None:
    """The organisation named with the document before `at`: "the Tower Commission report",
    "the report of the Divestment Committee"."""
    pattern = rf"((?:[A-Z][\w.&'’-]*\s+){{1,6}}?)(?:['’]s\s+)?{re.escape(document)}\b"
    after = rf"\b{re.escape(document)}\s+(?:of|by)\s+(?:the\s+)?((?:[A-Z][\w.&'’-]*\s*){{1,6}})"
    found = [*re.finditer(pattern, ctx.text[:at]), *re.finditer(after, ctx.text[:at])]
    for issued in sorted(found, key=lambda m: m.start(), reverse=True):
        entity = ctx.named(issued.group(1), issued.start(1))
        if entity is not None and entity.kind == ORGANISATION:
            return entity
    return None


def _recent_unnamed(ctx: Context, head: str, at: int) -> str | None:
    """The unnamed source introduced in the last two paragraphs whose noun is `head`."""
    floor = paragraph_before(ctx.text, at)
    if ctx.text.find(head, floor, at) < 0:
        return None  # the noun is not there: no source to look for
    pattern = rf"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\w’'-]+\s+){{0,3}}?{re.escape(head)}\b"
    found = list(re.finditer(pattern, ctx.text[floor:at]))
    return unnamed_source(found[-1].group(0), any_head=True) if found else None


def _previous_org(ctx: Context, at: int) -> Decision | None:
    """The organisation that spoke last before `at`, if the last speaker was one."""
    for n in range(len(ctx.spans) - 1, -1, -1):
        decision = ctx.decisions[n]
        if ctx.spans[n].end < at and decision is not None:
            return decision if decision.kind == ORGANISATION else None
    return None


def _is_company(name: str) -> bool:
    return name.split()[-1].lower() in _COMPANY_ENDINGS


_COMPANY_WORDS = word_set("group corporation company holdings industries bancorp")
_COMPANY_ENDINGS = CORPORATE_SUFFIXES | _COMPANY_WORDS
# Definite descriptions of someone the story has named: "the Utah senator", "the judge".
_DEFINITE_PEOPLE = word_set(
    "senator congressman congresswoman democrat republican judge justice lawmaker "
    "legislator governor mayor"
)
_PERSON_NOUNS = word_set(
    "officer veteran man woman politician lawmaker legislator banker economist analyst "
    "executive official diplomat envoy negotiator"
)


def one_of(ctx: Context, at: int, group: bool = False) -> str | None:
    """The group the "one" (or "another") who spoke belongs to: the latest source named
    before ("U.S. officials see …", "one trade source said … Another added"); for "one of
    them", a plural one outside the quotations."""
    text = ctx.text
    named = [m for m in _SOURCE.finditer(text, paragraph_before(text, at), at)]
    if group:
        named = [m for m in named if _plural(m.group(0)) and not ctx.quoted(m.start())]
    if not named:
        return None
    source = unnamed_source(named[-1].group(0))
    if source == "people":
        return "person"
    return source[:-1] if source and source.endswith("s") and not source.endswith("ss") else source


def _plural(phrase: str) -> bool:
    head = phrase.split()[-1].lower()
    return head == "people" or (head.endswith("s") and not head.endswith("ss"))


# "Underwriters away from the syndicate said …": a source may open its sentence.
_SOURCE = re.compile(
    rf"(?:\b(?:[\w’'-]+|(?:[A-Za-z]\.){{2,}})\s+){{0,2}}\b(?:{'|'.join(UNNAMED_HEADS)}|"
    rf"{'|'.join(h.capitalize() for h in UNNAMED_HEADS)})\b"
)
