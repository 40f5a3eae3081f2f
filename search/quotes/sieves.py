"""The sieves: small rules, each deciding who said a quote or passing it on.

Each sieve takes the article context and a quote's number and returns a `Decision` or None.
`attribution.SIEVES` applies them from the most to the least precise.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

from search.quotes.entities import Entities, Entity
from search.quotes.mentions import (
    CORPORATE_SUFFIXES,
    NOT_NAME,
    ORG_WORDS,
    ORGANISATION,
    PERSON,
    ROLE_WORDS,
    UNNAMED,
    Mention,
    classify,
    find_mentions,
    speaks,
    word_set,
)
from search.quotes.press import PRESS_NOUNS, latest_publication, publication, title_tail
from search.quotes.spans import Span

REPORTING_VERBS = (
    "described by|quoted by|quoted [\\w.'’ -]{0,60}?as saying|was quoted as saying|"
    "said in a statement|"
    "said|says|say|told|tells|added|adds|warned|warns|urged|urges|stated|states|explained|"
    "explains|noted|notes|asked|asks|insisted|insists|claimed|claims|argued|argues|wrote|writes|"
    "announced|announces|declared|declares|replied|replies|commented|comments|remarked|"
    "observed|acknowledged|acknowledges|admitted|admits|suggested|suggests|predicted|"
    "predicts|continued|cautioned|stressed|stresses|emphasised|emphasized|recommended|"
    "recommends|repeated|repeats|reiterated|reiterates|conceded|concedes|complained|"
    "concluded|agreed|disclosed|reported|reports|testified|confirmed|confirms|denied|"
    "indicated|maintained|maintains|recalled|responded|vowed|asserted|contended|countered|"
    "promised|pointed out|went on|quoted [\\w.'’ -]{0,60}?as saying|"
    "was quoted as saying|said in a statement|according to|told reporters|saying|telling|"
    "described by|quoted by|commented|"
    "called|calling|branded|described|describing|dubbed|termed|labelled|accused|accusing|"
    "dismissed|condemned|criticised|criticized|praised|hailed|alleged|alleges|charged|charges|cited|cites"
)
_VERB = re.compile(
    rf"(?<![\w-])(?:{REPORTING_VERBS}|According to|Said|Says|Added|Commented|Told|Asked)\b"
)
_SUBJECT_FOLLOWS = re.compile(r"[Aa]ccording to|described by|quoted by")
# Not after an initial or a short abbreviation: "A. William Reynolds", "St. Germain", "U.S.".
_TITLE_STOPS = "".join(
    rf"(?<!\b{t})"
    for t in [
        "Corp",
        "Inc",
        "Sen",
        "Gov",
        "Rep",
        "Gen",
        "Col",
        "Capt",
        "Sgt",
        "Mrs",
        "Prof",
        "Rev",
        "Maj",
        "Adm",
    ]
)
_SENTENCE_END = re.compile(rf"(?<!\b[A-Z])(?<!\b[A-Z][a-z]){_TITLE_STOPS}[.!?](?=\s|$)")
_WORD = re.compile(r"[\w’'.-]+")
_MAX_WORDS_BEFORE_VERB = 14
_MENTIONS_AFTER_LAST_QUOTE = 250
PRONOUNS = word_set("he she they it we i")
_DETERMINERS = word_set(
    "a an the one another some several many two three four five other others most its "
    "their his her this that these those any each both all such"
)


_NOT_NP_START = word_set(
    "in on at to for from with by into over under after before during since until as "
    "while if when because although though but and or nor so is was are were be been has "
    "have had will would can could may might should must adding noting saying according "
    "which what where than then there it's not also just only even still yet however asked"
)
_APPOSITIVE_START = word_set("a an the who which whose whom") | ROLE_WORDS
# Heads of a noun phrase that name a source without naming a person.
UNNAMED_HEADS = word_set(
    "trader traders dealer dealers analyst analysts official officials source sources "
    "economist economists banker bankers diplomat diplomats spokesman spokeswoman "
    "spokesperson spokesmen executive executives observer observers expert experts "
    "delegate delegates broker brokers participant participants aide aides investor "
    "investors strategist strategists representative representatives member members "
    "negotiator negotiators people residents witness witnesses specialist specialists "
    "consultant consultants insider insiders producer producers exporter exporters "
    "importer importers buyer buyers seller sellers operator operators shipper shippers "
    "manager managers director directors lawyer lawyers attorney attorneys leader leaders "
    "critic critics sources economist lawmakers lawmaker legislator legislators senator "
    "senators congressman congressmen farmers farmer worker workers authorities "
    "arbitrageur arbitrageurs refiner refiners researchers researcher scientists "
    "scientist students student striker strikers campaigner campaigners servant servants "
    "back-bencher back-benchers backbencher backbenchers agent agents person lobbyist "
    "lobbyists adviser advisers advisor advisors regulator regulators planner planners "
    "nurse nurses doctor doctors teacher teachers volunteer volunteers engineer engineers "
    "pilot pilots employee employees passenger passengers customer "
    "customers shopper shoppers parent parents fan fans voter voters driver drivers "
    "commuter commuters patient patients policymaker policymakers"
)
_ORG_VOICES = word_set(
    "company firm group bank statement ministry institute agency department government "
    "corporation board council committee commission union association fund office "
    "exchange airline utility concern unit subsidiary maker producer retailer club team "
    "authority"
)
_DOCUMENTS = word_set(
    "statement petition letter report suit complaint affidavit proxy study editorial filing "
    "communique survey summary"
)
_PRESS = word_set("editorial")  # a publication's, and publications never speak
# Documents only a company issues: "the proxy said" is the company's.
_COMPANY_DOCUMENTS = word_set("proxy prospectus")
_GENERIC_ORG_VOICES = word_set("company firm group statement concern unit subsidiary club team")
_UNNAMED_START = re.compile(
    r"\s*(?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]he|[Ss]ome|[Ss]everal|[Tt]wo|[Tt]hree)\s"
)
# "of Canada Ltd economist Susan Clark": the employer's name before a role and a name.
_EMPLOYER_THEN_NAMED_ROLE = (
    r"\s+(?:[A-Z][\w.&'’-]*\s+)+(?:[a-z][\w-]*\s+){0,2}"
    rf"(?:{'|'.join(sorted(map(re.escape, ROLE_WORDS | UNNAMED_HEADS)))})\s+[A-Z]"
)
_NP_CUT = re.compile(
    # "of" ends the phrase but for an owner's name: "said Bank of Tokyo's Kimura", and for
    # a firm before a role and a name: "said Bank of Tokyo economist Jun Kimura"
    rf"\s(?:at|of(?![\s\w.&-]*['’]s\s)(?!{_EMPLOYER_THEN_NAMED_ROLE})|from|with|in|for|on|who|which|that|close|familiar|"
    r"involved|attending|"
    r"quoted|speaking|asked|said|was|is|were|are|has|had|have|will|would)\b|[,;:]"
    r"|\((?![A-Z][\w .]*\)\s+[A-Z])"  # not in "Salomon Brothers (Asia) Ltd analyst Ryavec"
)


_ORG_THEN_SOURCE = re.compile(
    rf"^\s*(?:[Aa]n?\s+|[Tt]he\s+)?[A-Z][\w.&’'() -]*?(?:['’]s)?\s+({'|'.join(UNNAMED_HEADS)})\s*$"
)


@dataclass(frozen=True)
class Decision:
    speaker: str | None
    kind: str | None
    role: str | None
    sieve: str


@dataclass
class Frame:
    """The words around a reporting verb that name who spoke."""

    side: str  # "after" the quote, "before" it, or in the "previous" sentence
    subject: str
    at: int  # offset of `subject` in the text


class Context:
    """One article: its text, quote spans, mentions, entities and decisions so far."""

    def __init__(self, text: str, spans: list[Span], titles: list[Span] | None = None):
        self.text = text
        self.spans = spans
        self.titles = titles or []  # scare quotes and quoted titles: no one's words
        self.decisions: list[Decision | None] = [None] * len(spans)
        self.publications: set[str] = set()  # publications credited with their own words
        self._frames: dict[int, Frame | None] = {}

    @cached_property
    def entities(self) -> Entities:
        # Names inside quotation marks never speak: "Daley Out, Ambition In" is a headline.
        marked = sorted([*self.spans, *self.titles], key=lambda s: s.open_mark)
        quoted = [(s.open_mark, (s.close_mark or s.end) + 1) for s in marked]
        # Nobody named well after the last quote can be its speaker.
        end = min(len(self.text), self.spans[-1].end + _MENTIONS_AFTER_LAST_QUOTE)
        return Entities(find_mentions(self.text, quoted, end))

    @property
    def mentions(self) -> list[Mention]:
        """The mentions that belong to an entity, in order."""
        return self.entities.mentions

    @cached_property
    def starts(self) -> list[int]:
        return [m.start for m in self.mentions]

    def frame(self, n: int) -> Frame | None:
        if n not in self._frames:
            after = _after_frame(self, n)
            if after is None or not self.names_someone(after):
                # 'stressed that USDA was "very pleased …" and looked forward to …': a verb
                # after the quote whose subject names no one is not its frame.
                before = _before_frame(self, n)
                after = before if before is not None and self.names_someone(before) else after
            self._frames[n] = after
        return self._frames[n]

    def names_someone(self, frame: Frame) -> bool:
        subject = frame.subject
        return bool(
            self.named(subject, frame.at)
            or _pronoun(subject)
            or unnamed_source(subject)
            or _opening(_subject_words(subject))[:1] in (["the"], ["its"], ["one"], ["another"])
            or _publication_named(self, subject, frame.at) is not None
        )

    def named(self, phrase: str, at: int) -> Entity | None:
        """The person or organisation a subject phrase names, if it names one."""
        if (employee := self.employee(phrase, at)) is not None:
            return employee  # "the USX chairman": the chairman of USX named before
        if _UNNAMED_START.match(phrase) and unnamed_source(phrase):
            return None  # "a General Motors spokesman" names no one
        if _ORG_THEN_SOURCE.search(phrase):
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
        return self.entities.entity(chosen) if chosen else None

    def employee(self, phrase: str, at: int) -> Entity | None:
        """The person named before `at` as the `role` of the organisation in "the <Org>
        <role>": "USX Corp chairman David Roderick", "Jane Doe, economist at Acme Inc"."""
        found = _DEFINITE_ROLE.match(phrase)
        if found is None or (role := found.group(1)) not in ROLE_WORDS | UNNAMED_HEADS:
            return None
        if role.endswith("s") and not role.endswith("ss"):
            return None  # "the Acme analysts": several, none of them named
        end = at + len(phrase)
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


def _introduces(ctx: Context, mention: Mention, role: str, orgs: set[int]) -> bool:
    """Whether the sentence naming `mention` gives it `role` at one of `orgs`, before the name
    ("USX Corp chairman David Roderick") or set off after it ("…, economist at Acme Inc")."""
    text = ctx.text
    stop = text.rfind(". ", 0, mention.start)
    begin = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, mention.start) + 1)
    after = _SENTENCE_END.search(text, mention.end)
    finish = min(after.end() if after else len(text), mention.end + 120)
    if not re.search(rf"\b{re.escape(role)}\b", text[begin:finish]):
        return False
    return any(
        begin <= m.start < finish and m.entity in orgs and not m.in_quote for m in ctx.mentions
    )


# --- finding the frame ---------------------------------------------------------------------


def _sentence_after(text: str, start: int, limit: int) -> str:
    tail = text[start:limit].split("\n\n", 1)[0]
    end = _SENTENCE_END.search(tail)
    return tail[: end.end()] if end else tail


def _after_frame(ctx: Context, n: int) -> Frame | None:
    """`Q, said X` / `Q, X said` / `Q, X, a role, said` after the closing mark."""
    span = ctx.spans[n]
    if span.close_mark is None:
        return None
    start = span.close_mark + 1
    if (
        ctx.text[span.end - 1 : span.end] in ".!?"
        and ctx.text[start : start + 8].lstrip()[:1].isupper()
    ):
        return None
    limit = ctx.spans[n + 1].open_mark if n + 1 < len(ctx.spans) else len(ctx.text)
    sentence = _sentence_after(ctx.text, start, limit)
    verb = _VERB.search(sentence)
    if not verb:
        return None
    before = sentence[: verb.start()]
    if len(before.split()) > _MAX_WORDS_BEFORE_VERB:
        # "… to defend its rights under GATT, U.S. Ambassador Michael Samuels said."
        last = before.rsplit(",", 1)
        tail = last[-1] if len(last) == 2 else ""
        if not tail.strip():
            return _named_before_asides(before, start)
        if len(tail.split()) > 8 or not _np_like(tail):
            return None
        return Frame("after", tail, start + len(last[0]) + 1)
    if verb.group(0).startswith("quoted ") and verb.group(0).endswith("as saying"):
        quoted = verb.group(0)[len("quoted ") : -len("as saying")]
        return Frame("after", quoted, start + verb.start() + len("quoted "))
    if not before.strip(" ,;:—-"):
        verb_end = _past_repeated(sentence, verb)
        rest = sentence[verb_end:]
        subject = _cut_np(rest)
        named = _NAME_AFTER_ROLE.match(rest, len(subject))
        if named and any(_bare_word(w) in ROLE_WORDS for w in subject.split()):
            # "said Sumitomo Bank Ltd chief economist, Masahiko Koido."
            return Frame("after", named.group(1), start + verb_end + named.start(1))
        if subject.strip():
            return Frame("after", subject, start + verb_end) if subject.strip() else None
        return None
    chosen = _pick_subject(_chunks(before, start))
    if chosen and _SUBORDINATE_SUBJECT.search(chosen[0]):
        return None  # 'had "thrown away" a lead after they conceded': not the quote's verb
    if chosen:
        return Frame("after", chosen[0], chosen[1])
    # `"Q," breaking its pattern, says Luckey.`
    subject = _cut_np(sentence[verb.end() :])
    return Frame("after", subject, start + verb.end()) if _bare_name(subject) else None


_SUBORDINATE_SUBJECT = re.compile(
    r"\s(?:after|before|when|because|since|until|while|although|though|if)\s+"
    r"(?:he|she|they|it|we|i)\s*$",
    re.IGNORECASE,
)


def _named_before_asides(before: str, start: int) -> Frame | None:
    """ "Jane Doe, vice chairman of Acme Co, a unit of Beta Corp, and chairman of …, said": a
    name opening the clause, then only appositives, however long."""
    chunks = _chunks(before, start)
    chosen = _pick_subject(chunks)
    if chosen is None or chosen[1] != chunks[0][1] or not _bare_name(chosen[0]):
        return None
    return Frame("after", chosen[0], chosen[1])


def _past_repeated(sentence: str, verb: re.Match[str]) -> int:
    """Where the verb ends, past a slip that typed it twice: "said said Jane Doe"."""
    repeated = re.compile(rf"\s+{re.escape(verb.group(0))}\b").match(sentence, verb.end())
    return repeated.end() if repeated else verb.end()


_NAME_AFTER_ROLE = re.compile(r",\s*((?:[A-Z][\w.'’-]*\s?){2,4})\s*(?:[.,;]|$)")


def _before_frame(ctx: Context, n: int) -> Frame | None:
    """`X said: Q` / `X said Q` / `according to X, Q` in the quote's own sentence."""
    span = ctx.spans[n]
    text = ctx.text
    floor = 0
    if n and ctx.spans[n - 1].paragraph == span.paragraph:
        previous = ctx.spans[n - 1]
        floor = (previous.close_mark if previous.close_mark is not None else previous.end) + 1
    head = text[floor : span.open_mark].rsplit("\n\n", 1)[-1]
    head_start = span.open_mark - len(head)
    ends = [m.end() for m in _SENTENCE_END.finditer(head)]
    begin = ends[-1] if ends else 0
    return _clause_frame(ctx, head_start + begin, span.open_mark, "before")


def clause_frame(ctx: Context, start: int, end: int) -> Frame | None:
    return _clause_frame(ctx, start, end, "previous")


def _clause_frame(ctx: Context, start: int, end: int, side: str) -> Frame | None:
    """The first frame whose subject names someone, else the first frame: in "Reminded of
    reports that …, Lyng responded" the verb that counts is the second."""
    first = None
    for verb in _VERB.finditer(ctx.text, start, end):
        frame = _frame_at(ctx.text, start, end, verb, side)
        if frame and _SUBJECT_FOLLOWS.fullmatch(verb.group(0)) and publication(frame.subject):
            continue  # "According to the Post, Smith said": the paper only carries the words
        if frame is not None and ctx.names_someone(frame):
            return frame
        first = first or frame
    return first


_ASKED_CLAUSE = re.compile(r"\s+(?:about|whether|if|what|why|how|when|by|to|for|on)\b")


def _frame_at(text: str, start: int, end: int, verb: re.Match[str], side: str) -> Frame | None:
    if verb.group(0).lower() == "asked" and _ASKED_CLAUSE.match(text, verb.end()):
        return None  # "Asked about taxes, he said …": the speaker comes after
    said = verb.group(0)
    if said.startswith("quoted ") and said.endswith("as saying"):
        # "The Tanjug news agency quoted Zemljaric as saying …": the one quoted speaks.
        return Frame(side, said[len("quoted ") : -len("as saying")], verb.start() + 7)
    before = text[start : verb.start()]
    if _SUBJECT_FOLLOWS.fullmatch(verb.group(0)) or not before.strip(" ,;:—-\n"):
        # "according to X", "as described by X", and the inverted "Commented X: Q".
        subject = _cut_np(text[verb.end() : end])
        return Frame(side, subject, verb.end()) if subject.strip() else None
    # "Rao, his lawyer, had argued for leniency, telling the court …": a participle's subject
    # is the main clause's, past its predicate.
    participle = verb.group(0).endswith("ing")
    if participle and (tail := _PARTICIPLE_SUBJECT.search(before)):
        # "… and environmental campaigners calling the plan "timid"": the nouns before it.
        return Frame(side, tail.group(1), start + tail.start(1))
    chosen = _pick_subject(_chunks(before, start), _PREDICATE_START if participle else frozenset())
    if chosen is None:
        return None
    if participle:
        # "Harlow Foods rejected an offer from rival Meridian Pantry, saying …"
        chosen = (_PAST_TENSE.split(chosen[0], maxsplit=1)[0], chosen[1])
    return Frame(side, chosen[0], chosen[1])


_PARTICIPLE_SUBJECT = re.compile(
    rf"(?:^|\b(?:and|with|while|as)\s)((?:[a-z][\w'’-]*\s+){{0,2}}(?:{'|'.join(UNNAMED_HEADS)}))\s*$"
)
_PAST_TENSE = re.compile(r"\s(?=[a-z]+ed\b)")


_PREDICATE_START = word_set("had has have was is were will would")
_CLAUSE_VERBS = _PREDICATE_START | word_set("can could may might must should shall did does do")


_COMMA = re.compile(r",(?!\d{3})")  # not the comma in "4,000"


def _chunks(text: str, start: int) -> list[tuple[str, int]]:
    """`text` split at commas, each piece with its offset."""
    chunks, at = [], start
    for chunk in _COMMA.split(text):
        chunks.append((chunk, at))
        at += len(chunk) + 1
    return chunks


def _pick_subject(
    chunks: list[tuple[str, int]], past: frozenset[str] = frozenset()
) -> tuple[str, int] | None:
    """The subject among the comma-separated pieces before a reporting verb, read from the verb
    back: a name wins over the appositives and asides around it ("Robert Crandall, a trade
    specialist at Brookings, a think tank, said"; "Thompson, commenting in the report, said")."""
    chosen = None
    k = len(chunks)
    while k > 0:
        k -= 1
        chunk, at = chunks[k]
        if not chunk.strip():
            continue
        if k and (_PARTY.fullmatch(chunk) or _AGE.fullmatch(chunk) or _participle_aside(chunk)):
            continue  # "R-Texas", "68", "received in London"
        if k and (clause := _coordinated(chunks, k)) is not None:
            return clause
        if k == len(chunks) - 1 and chunk.split() == ["which"]:
            return _antecedent(*chunks[k - 1])
        if not _np_like(chunk) or _relative(chunk):
            # "Daley, …, had described", "Ng, the chairman, has previously said"
            auxiliary = {w for w in chunk.split() if not w.endswith("ly")} <= _PREDICATE_START
            if k and (_aside(chunk) or _relative(chunk) or auxiliary or chunk.split()[0] in past):
                continue
            return _fronted_subject(chunk, at) if chosen is None and k == 0 else chosen
        if _bare_name(chunk):
            employer = _employer_before(chunks, k)
            if employer is None:
                return chunk, at
            # "chief economist of Schroeder, Munchmeyer, Hengst GmbH said": names of a firm.
            k = employer
            chunk, at = chunks[k]
        if _ends_with_person(chunk):
            # "Former Rovers striker Sam Okoro, now a pundit for Channel Nine Sport, said"
            return chunk, at
        if chosen is None or _describes(chunk, chosen[0], chunks[:k]):
            chosen = (chunk, at)
        if k == 0 or not _appositive(chunk):
            break
    return chosen


# The noun phrase closing a clause: past its last preposition or verb.
_LAST_NP = re.compile(
    r"(?:^|\s)((?:the|a|an)\s+(?:(?!(?:the|a|an|in|of|on|at|to|for|with|by)\s)[^\s,]+\s+){0,4}"
    r"[^\s,]+)\s*$"
)


def _antecedent(chunk: str, at: int) -> tuple[str, int] | None:
    """ "an item in the London Standard, which said": the subject of "which said" is the noun
    phrase before it."""
    found = _LAST_NP.search(chunk)
    return (found.group(1), at + found.start(1)) if found else None


# A name or pronoun right before the verb, after a phrase set in front of the clause with no
# comma: "After the defeat he had told reporters", "Asked if … -- … -- Lukman replied".
_FRONTED_SUBJECT = re.compile(
    r"(?:^|\s)(he|she|they|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})"
    r"(?:\s+(?:had|has|have|also|then|later))?\s*$"
)


def _fronted_subject(chunk: str, at: int) -> tuple[str, int] | None:
    words = chunk.split()
    if not words or _bare_word(words[0]) not in _ASIDE_START:
        return None
    found = _FRONTED_SUBJECT.search(chunk)
    if found is None or len(found.group(1).split()) == len(words):
        return None
    return found.group(1), at + found.start(1)


_CONJUNCTION = re.compile(r"\s*(?:but|and|yet)(?:\s+(?:also|then|later))?\s+")
# The name or pronoun opening a sentence, up to its verb: "Diaz did not give figures".
_OPENING_SUBJECT = re.compile(
    r"\s*((?:[A-Z][\w.&'’-]*\s+){1,4}?|(?:he|she|they|He|She|They)\s+)(?=[a-z])"
)


def _coordinated(chunks: list[tuple[str, int]], k: int) -> tuple[str, int] | None:
    """The subject of a clause after "but" or "and": "…, but he had said" is "he"; in "Diaz
    did not give figures, but said" the verb shares the sentence's subject."""
    chunk, at = chunks[k]
    conjunction = _CONJUNCTION.match(chunk)
    if conjunction is None:
        return None
    rest = chunk[conjunction.end() :]
    if rest.strip():
        words = _subject_words(rest)
        if _pronoun(rest) and words[0] in PRONOUNS:
            return rest, at + conjunction.end()
        return None
    opening = _OPENING_SUBJECT.match(chunks[0][0])
    if opening is None or opening.group(1).split()[0] in NOT_NAME | {"The"}:
        return None
    return opening.group(1), chunks[0][1] + opening.start(1)


def _describes(chunk: str, chosen: str, before: list[tuple[str, int]]) -> bool:
    """ "the Kansas Republican, a likely candidate, said": the definite description opening
    the clause is the subject, the indefinite one after it an aside about it."""
    opening = not any(c.strip() for c, _ in before)
    return (
        opening
        and not _is_clause(chunk)
        and _subject_words(chunk)[:1] == ["the"]
        and _subject_words(chosen)[:1] in (["a"], ["an"])
    )


def _is_clause(chunk: str) -> bool:
    """ "The FA will review the report", "The FA reviewed it": a clause, not a description."""
    if set(_subject_words(chunk)) & _CLAUSE_VERBS:
        return True
    words = _subject_words(chunk)
    return any(
        b.endswith("ed") and a not in _DETERMINERS and not a.endswith("ly")
        for a, b in itertools.pairwise(words)
    )


# A role word, then the name ("… analyst Donna Pulcine"), not an employer ("… for E.F. Hutton").
_TRAILING_NAME = re.compile(
    r"\b(?!(?:for|of|at|with|from|by|in|on|to|and)\b)[a-z][\w-]*\s+"
    r"((?:[A-Z][\w.’'-]*\s+){1,3}[A-Z][\w’'-]+)\s*$"
)


def _ends_with_person(chunk: str) -> bool:
    """A role and a person's name: "Toronto-based bank analyst Donna Pulcine"."""
    found = _TRAILING_NAME.search(chunk)
    return found is not None and classify(found.group(1)) == PERSON


_EMPLOYER_TAIL = re.compile(r"\b(?:of|at|for|from|with)\s+(?:[A-Z][\w.&'’-]*\s*)+$")


def _employer_before(chunks: list[tuple[str, int]], k: int) -> int | None:
    """The appositive ending in "of/at <Firm>" that the names from chunk `k` back continue."""
    j = k - 1
    while j >= 0 and _bare_name(chunks[j][0]):
        j -= 1
    found = j >= 0 and _appositive(chunks[j][0]) and _EMPLOYER_TAIL.search(chunks[j][0].rstrip())
    return j if found else None


_PARTY = re.compile(r"\s*[RDI]-[A-Z][\w.]*\s*$")  # "Rep. Joe Barton, R-Texas, said"
_AGE = re.compile(r"\s*\d{1,3}\s*")  # "Margaret Hughes, 68, a volunteer, said"


def _participle_aside(chunk: str) -> bool:
    """ "received in London", "speaking at a conference": an aside, never the subject."""
    words = chunk.split()
    return (
        len(words) > 1
        and words[0].islower()
        and words[0].endswith(("ed", "ing"))
        and (words[1].lower() in _ASIDE_START or words[1].lower() in ("the", "a", "an", "by"))
    )


def _relative(chunk: str) -> bool:
    """ "who asked not to be named", "which holds 3 percent of Foxgate"."""
    if not chunk.split():
        return False
    return chunk.split()[0].lower() in ("who", "which", "whose", "whom", "where", "when")


def _aside(chunk: str) -> bool:
    """ "commenting in the annual report", "in a statement", "who asked not to be named"."""
    if not chunk.split():
        return False
    first = chunk.split()[0].strip("\"“”'")
    return first.islower() and (first.endswith(("ing", "ed")) or first in _ASIDE_START)


_ASIDE_START = word_set(
    "in on at to for from with by into over under after before during since until as while "
    "if when because although though according speaking asked of"
)


def _appositive(chunk: str) -> bool:
    """ "a trade specialist at Brookings", "managing director of Salomon Inc"."""
    if not chunk.split():
        return False
    first = chunk.split()[0]
    if any(_bare_word(w) in ROLE_WORDS for w in chunk.split()):
        return True  # "GenCorp chairman and chief executive officer"
    return first.lower() in _APPOSITIVE_START or (
        first.islower() and first not in _DETERMINERS and first not in PRONOUNS
    )


def _np_like(chunk: str) -> bool:
    words = chunk.split()
    while words and words[0].lower() in _LEADING_CONJUNCTIONS:
        words.pop(0)
    if not words:
        return False
    first = words[0].lower().strip("\"“”'")
    if (
        first.endswith("ing")
        and words[0].islower()
        and not {w.lower() for w in words} & (UNNAMED_HEADS | ROLE_WORDS)
    ):
        return False  # "commenting in the annual report": a participle, not a subject
    return first not in _NOT_NP_START


def _bare_name(chunk: str) -> bool:
    words = chunk.split()
    while words and words[0].lower() in _LEADING_CONJUNCTIONS:
        words.pop(0)
    if words and _bare_word(words[0]) in ROLE_WORDS and ("of" in words or "to" in words):
        return False  # "President of Diamond Shamrock Refining Co" is an appositive
    if words and all(_bare_word(w) in NOT_NAME for w in words):
        return False  # "Today, one trader said": a time, not a name
    if words and not words[0][:1].isupper():
        return False  # "of Smith Barney Harris Upham": an employer
    return bool(words) and all(
        w[:1].isupper() or w in ("of", "for", "the", "and", "de", "&") or _PARTICLE.match(w)
        for w in words
    )


_PARTICLE = re.compile(r"(?:al|el|bin|ibn|abu|ben|de|da|di|du|le|la|van|von)-[A-Z]")


def _bare_word(word: str) -> str:
    return word.lower().strip(".,;:\"“”'’")


_LEADING_CONJUNCTIONS = word_set("but and so yet however meanwhile also still then")


def _cut_np(text: str) -> str:
    end = _SENTENCE_END.search(text)
    if end:
        text = text[: end.start()]
    cut = _NP_CUT.search(text)
    return text[: cut.start()] if cut else text


# --- resolving what the frame names -------------------------------------------------------


def _subject_words(phrase: str) -> list[str]:
    return [w.lower().rstrip(".") for w in _WORD.findall(phrase)]


def _opening(words: list[str]) -> list[str]:
    """The words past a leading conjunction: "But the company said"."""
    return words[1:] if words[:1] in (["but"], ["and"], ["yet"]) else words


def _pronoun(phrase: str) -> str | None:
    words = _opening(_subject_words(phrase))
    while len(words) > 1 and words[-1] in _TRAILING_ADVERBS:
        words = words[:-1]  # "But he also said"
    if words and words[0] in ("him", "her") and len(words) == 1:
        return "he" if words[0] == "him" else "she"
    if len(words) <= 3 and words and words[0] in ("his", "her") and words[-1] in _DOCUMENTS:
        return "he" if words[0] == "his" else "she"
    if words and words[-1] in PRONOUNS and len(words) <= 3:
        return words[-1]
    if words and words[0] in PRONOUNS and len(words) <= 2:
        return words[0]
    return None


def resolve_pronoun(ctx: Context, pronoun: str, at: int) -> Entity | None:
    """The latest person before `at` who is the subject of a clause, outside any quote."""
    if pronoun in ("i", "we"):
        return None
    wanted = ORGANISATION if pronoun == "it" else PERSON
    entities = ctx.entities
    if pronoun == "it" and (spoken := _last_org_speaker(ctx, at)) is not None:
        return spoken
    if wanted == PERSON and pronoun != "they":
        speaker = _last_speaker(ctx, pronoun, at)
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


def _last_speaker(ctx: Context, pronoun: str, at: int) -> Entity | None:
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


def nominal(ctx: Context, phrase: str, at: int) -> Decision | None:
    """ "the company", "the ministry", "the former army officer": someone named before."""
    cut = _NP_CUT.search(phrase)
    words = _opening(_subject_words(phrase[: cut.start()] if cut else phrase))
    while len(words) > 2 and words[-1] in _TRAILING_ADVERBS:
        words.pop()  # "The former secretary also criticised …"
    if not words or words[0] not in ("the", "its", "this", "that"):
        return None
    head = words[-1]
    entities = ctx.entities
    previous = _previous_org(ctx, at)
    if previous and head in ("statement", "company", "firm"):
        return Decision(previous.speaker, previous.kind, previous.role, "nominal")
    if head in _DOCUMENTS and previous:
        # "Orrin said in a statement … "Q," the report said": whoever issued it.
        return Decision(previous.speaker, previous.kind, previous.role, "nominal")
    if head in _DOCUMENTS and (issuer := _issuer_of(ctx, head, at)) is not None:
        return ctx.decide(issuer, "nominal")  # "the Tower Commission report … the report said"
    if head in _DOCUMENTS and (issuer := _issued_in(ctx, head, at)) is not None:
        return ctx.decide(issuer, "nominal")  # "the embassy said in a report … the report said"
    if head in _DOCUMENTS - _PRESS and (issuer := _lead_organisation(ctx, at)) is not None:
        return ctx.decide(issuer, "nominal")
    kind_of_company = _kind_of_company(head)
    if kind_of_company and (introduced := _introduced_as(ctx, head, at)) is not None:
        return ctx.decide(introduced, "nominal")  # "carmaker Verrin Motors … the carmaker said"
    if kind_of_company and previous:
        # "Tolland Homes said … "Q," the housebuilder said": the organisation that just spoke.
        return Decision(previous.speaker, previous.kind, previous.role, "nominal")
    if head in _GENERIC_ORG_VOICES or head in _COMPANY_DOCUMENTS or kind_of_company:
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
        if companies:
            company = entities.entity(companies[0])
            return Decision(company.name, ORGANISATION, company.role, "nominal")
    if head in _ORG_VOICES or head in ORG_WORDS:
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
    people = [
        entities.entity(m)
        for m in ctx.mentions
        if m.start < at and not m.in_quote and entities.entity(m).kind == PERSON
    ]
    with_role = [p for p in people if p.role and head in p.role.lower()]
    if with_role:
        return ctx.decide(with_role[-1], "nominal")
    if (
        words[0] == "the"
        and head not in _NOT_SOMEONE
        and (source := _recent_unnamed(ctx, head, at))
    ):
        return Decision(source, UNNAMED, None, "nominal")  # "A council officer …" "the officer"
    if re.fullmatch(r"\d+-year-old", head) and words[0] == "the" and people:
        return ctx.decide(people[-1], "nominal")  # "the 23-year-old said"
    if head in _DEFINITE_PEOPLE and words[0] == "the" and people:
        return ctx.decide(people[-1], "nominal")  # "the Wisconsin Democrat said"
    if head in UNNAMED_HEADS:
        return None
    if head in ROLE_WORDS or head in _PERSON_NOUNS:
        return ctx.decide(people[-1], "nominal") if people else None
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


_COMPANY_KINDS = word_set("manufacturer mill insurer lender brewer conglomerate")


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


def _issued_in(ctx: Context, document: str, at: int) -> Entity | None:
    """The organisation that spoke "in a report" before `at`: "the embassy said in a report",
    "The SIA, in a report adopted today, …", "In a statement, the ministry said"."""
    text = ctx.text
    pattern = rf"\b[Ii]n (?:a|an|its|their) (?:[\w-]+\s+){{0,2}}?{re.escape(document)}\b"
    for found in reversed(list(re.finditer(pattern, text[:at]))):
        ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, found.start())]
        begin = max(ends[-1] if ends else 0, text.rfind("\n", 0, found.start()) + 1)
        lead = text[begin : found.start()]
        if lead.strip(" ,"):
            chunk, chunk_at = _chunks(lead, begin)[-2 if lead.rstrip().endswith(",") else -1]
            said = _VERB.search(chunk)
            subject = chunk[: said.start()] if said else chunk
        else:
            rest = _sentence_after(text, found.end(), len(text))
            said = _VERB.search(rest)
            if said is None:
                continue
            subject, chunk_at = rest[: said.start()], found.end()
        entity = ctx.named(subject, chunk_at)
        if entity is not None and entity.kind == ORGANISATION:
            return entity
    return None


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
    """The organisation named with the document before `at`: "the Tower Commission report"."""
    pattern = rf"((?:[A-Z][\w.&'’-]*\s+){{1,6}}?)(?:['’]s\s+)?{re.escape(document)}\b"
    for found in reversed(list(re.finditer(pattern, ctx.text[:at]))):
        entity = ctx.named(found.group(1), found.start(1))
        if entity is not None and entity.kind == ORGANISATION:
            return entity
    return None


def _recent_unnamed(ctx: Context, head: str, at: int) -> str | None:
    """The unnamed source introduced in the last two paragraphs whose noun is `head`."""
    floor = max(0, ctx.text.rfind("\n\n", 0, max(0, ctx.text.rfind("\n\n", 0, at))))
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
    return name.split()[-1].lower() in CORPORATE_SUFFIXES | _COMPANY_WORDS


_COMPANY_WORDS = word_set("group corporation company holdings industries bancorp")

# Definite descriptions of someone the story has named: "the Utah senator", "the judge".
_DEFINITE_PEOPLE = word_set(
    "senator congressman congresswoman democrat republican judge justice lawmaker "
    "legislator governor mayor"
)

_PERSON_NOUNS = word_set(
    "officer veteran man woman politician lawmaker legislator banker economist analyst "
    "executive official diplomat envoy negotiator"
)


def unnamed_source(phrase: str, any_head: bool = False) -> str | None:
    """ "one trader" → "trader"; "a dealer at a U.K. bank" → "dealer"."""
    if (named := _ORG_THEN_SOURCE.search(phrase)) and _UNNAMED_START.match(phrase):
        return named.group(1)  # "a Ministry of International Trade and Industry official"
    cut = _NP_CUT.search(phrase)
    if cut:
        phrase = phrase[: cut.start()]
    words = [w for w in _WORD.findall(phrase)]
    while words and words[-1].lower() in _TRAILING_ADVERBS:
        words.pop()  # "a senior U.S. official here commented"
    indefinite = bool(words) and words[0].lower() in _INDEFINITE
    while words and words[0].lower() in _DETERMINERS:
        words.pop(0)
    if not words or _title_case(words):
        return None
    head = words[-1]
    # "one veteran debt rescheduler said": anyone introduced as "one" or "a" is a source.
    someone = (
        indefinite
        and head.islower()
        and head not in _NOT_SOMEONE
        and len(words) <= 4
        and not {w.lower() for w in words} & _FUNCTION_WORDS
    )
    if not any_head and head.lower() not in UNNAMED_HEADS and not someone:
        return None
    if any(w.lower() in PRONOUNS for w in words):
        return None
    compound = [words[-1]]
    for word in reversed(words[:-1]):
        if not word.islower() or word in _DROPPED_MODIFIERS or word in _DETERMINERS:
            break
        compound.insert(0, word)
    return " ".join(compound)


def _title_case(words: list[str]) -> bool:
    """ "Marketing Director" is someone's title, not an unnamed source ("U.S. Banker" is: the
    wire capitalises after "U.S.")."""
    return len(words) > 1 and all(w[0].isupper() and not w.endswith(".") for w in words[-2:])


_INDEFINITE = word_set("a an one another")
_FUNCTION_WORDS = word_set("to up the and or but that who which as set")
# What "a …" or "one …" that speaks can be without being a person.
_NOT_SOMEONE = (
    _DOCUMENTS
    | ORG_WORDS
    | word_set(
        "company firm group statement ministry agency department government report study "
        "survey poll paper newspaper magazine letter note memo document source release "
        "communique bulletin broadcast radio television station"
    )
)

_TRAILING_ADVERBS = word_set("here there today yesterday tonight now later earlier too also")

_DROPPED_MODIFIERS = word_set(
    "senior former top leading private local foreign international major key certain "
    "prominent independent few junior"
)


# --- the sieves ---------------------------------------------------------------------------


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


_CALLED = re.compile(
    r"\b(?:which|what)\s+([\w.'’ -]{1,40}?)\s+(?:has\s+|had\s+|have\s+)?"
    r"(?:called|termed|dubbed|labelled|labeled|described\s+as)\s*$"
)


def which_he_called(ctx: Context, n: int) -> Decision | None:
    """`…, which he called "unfair."`"""
    span = ctx.spans[n]
    found = _CALLED.search(ctx.text, max(0, span.open_mark - 60), span.open_mark)
    if not found:
        return None
    phrase, at = found.group(1), found.start(1)
    pronoun = _pronoun(phrase)
    entity = resolve_pronoun(ctx, pronoun, at) if pronoun else ctx.named(phrase, at)
    return ctx.decide(entity, "which_he_called") if entity else None


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


def pronoun_subject(ctx: Context, n: int) -> Decision | None:
    """`"Q," he said.`: the latest person who is the subject of a clause."""
    frame = ctx.frame(n)
    if frame is None or (pronoun := _pronoun(frame.subject)) is None:
        return None
    # "A lawyer … said the firms overlapped. "…," she said.": a source introduced since the
    # last quotation comes before the speaker of that quotation.
    since = ctx.spans[n - 1].end if n else 0
    if n and (newer := _unnamed_in_recent_frame(ctx, pronoun, frame.at, after=since)):
        return newer
    if (unnamed := _unnamed_antecedent(ctx, n, pronoun, frame.at)) is not None:
        return unnamed
    if pronoun in ("he", "she") and (speaker := _last_speaker(ctx, pronoun, frame.at)):
        return ctx.decide(speaker, "pronoun")
    if (unnamed := _unnamed_in_recent_frame(ctx, pronoun, frame.at)) is not None:
        return unnamed
    if pronoun == "it" and (described := _described_subject(ctx, frame.at)) is not None:
        return Decision(described.speaker, described.kind, described.role, "pronoun")
    entity = resolve_pronoun(ctx, pronoun, frame.at)
    return ctx.decide(entity, "pronoun") if entity else None


_DESCRIBED = re.compile(r"(?:^|[.!?]\s+|\n)\s*((?:The|the)\s+(?:[\w’'-]+\s+){0,2}?[a-z]+)\s+[a-z]+")


def _described_subject(ctx: Context, at: int) -> Decision | None:
    """ "The council disputed that. "…," it said.": the body the last sentence is about."""
    text = ctx.text
    floor = max(0, text.rfind("\n\n", 0, max(0, text.rfind("\n\n", 0, at))))
    quoted = [(s.open_mark, s.end) for s in ctx.spans]
    found = [
        m
        for m in _DESCRIBED.finditer(text, floor, at)
        if not any(a <= m.start(1) < b for a, b in quoted)
    ]
    if not found:
        return None
    phrase = found[-1].group(1)
    words = _subject_words(phrase)
    if words[-1] not in _ORG_VOICES | ORG_WORDS:
        return None
    return nominal(ctx, phrase, found[-1].start(1))


def _unnamed_in_recent_frame(
    ctx: Context, pronoun: str, at: int, after: int = 0
) -> Decision | None:
    """ "Another club member … said the board had ignored warnings. "…," she said." (only a
    source introduced after `after`, when given)."""
    if pronoun not in ("he", "she", "they"):
        return None
    end, frame = at, None
    for _ in range(_PRONOUN_CHAIN):
        frame = _last_frame(ctx, end)
        if frame is None or frame.at < after or _pronoun(frame.subject) != pronoun:
            break
        end = frame.at  # "He told Reuters …": back to whom that "he" is
    if frame is None or frame.at < after or (source := unnamed_source(frame.subject)) is None:
        return None
    if _subject_words(frame.subject)[:1] == ["the"] and not _has_spoken(ctx, source):
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


def _uses_pronoun(ctx: Context, n: int, pronoun: str) -> bool:
    span = ctx.spans[n]
    return re.search(rf"\b{pronoun}\b", ctx.text[span.start : span.end], re.IGNORECASE) is not None


def _only_pronouns_since(ctx: Context, start: int, chain: int, at: int) -> bool:
    """Whether "he" at `at` can go back to the source at `start` across "He said …" clauses
    from `chain` on: nobody else is named since, and no quotation before them has its own "he"."""
    return not any(start < s.open_mark < chain for s in ctx.spans) and not any(
        start < m.start < at and ctx.entities.entity(m).kind == PERSON for m in ctx.mentions
    )


_PRONOUN_CHAIN = 3


def _last_frame(ctx: Context, at: int) -> Frame | None:
    """The frame of the last reporting verb outside quotation marks before `at`, in its
    paragraph or the one before."""
    text = ctx.text
    paragraph = text.rfind("\n\n", 0, at)
    floor = max(text.rfind("\n\n", 0, paragraph) if paragraph > 0 else 0, at - 600, 0)
    last = None
    quoted = [(s.open_mark, s.end) for s in ctx.spans if s.end > floor and s.open_mark < at]
    for verb in _VERB.finditer(text, floor, at):
        if not any(a <= verb.start() < b for a, b in quoted):
            last = verb
    if last is None:
        return None
    # ""Q," Jane Doe, analyst with Acme, said": the clause starts past the quotation before it.
    closed = [
        (s.close_mark if s.close_mark is not None else s.end) + 1
        for s in ctx.spans
        if s.end < last.start()
    ]
    start = max(
        floor,
        text.rfind(". ", floor, last.start()) + 1,
        text.rfind("\n", floor, last.start()) + 1,
        *closed,
    )
    return _frame_at(text, start, at, last, "previous")  # "…, according to a spokeswoman."


def _has_spoken(ctx: Context, source: str) -> bool:
    """Whether an unnamed source ("a trade official") was credited with a quote already."""
    return any(d is not None and d.kind == UNNAMED and d.speaker == source for d in ctx.decisions)


def _unnamed_antecedent(ctx: Context, n: int, pronoun: str, at: int) -> Decision | None:
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


def publication_voice(ctx: Context, n: int) -> Decision | None:
    """`"Q," the Farmers Daily said.` / `The paper said in an editorial: "Q"` / `"Q," it added.`
    after a paper spoke: a newspaper or magazine in its own words, never one that only carries
    someone else's ("Smith told the Journal", "according to the Post", "quoting Smith")."""
    frame = ctx.frame(n)
    if frame is None:
        return None
    if frame.side == "after" and (carried := _before_frame(ctx, n)) is not None:
        # "Smith said he told them that ships "would be protected," the paper reported."
        entity = ctx.named(carried.subject, carried.at)
        if entity is not None and publication(frame.subject):
            return ctx.decide(entity, "publication")
    if (signer := _signer(ctx, frame.subject, frame.at)) is not None:
        return signer
    if _pronoun(frame.subject) == "it":
        name = _publication_before(ctx, n, min(frame.at, ctx.spans[n].open_mark))
    elif _own_voice(ctx.text, frame.at, ctx.spans[n].open_mark):
        name = _publication_named(ctx, frame.subject, frame.at)
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
_APPOSED_TO_PRESS = re.compile(rf"\b(?:{'|'.join(sorted(PRESS_NOUNS))}),\s*$")


def _own_voice(text: str, at: int, quote: int) -> bool:
    """Whether the subject at `at` speaks for itself: not "according to" it, and not "quoting"
    or "citing" somebody in its clause."""
    if _CARRIED.search(text, max(0, at - 20), at):
        return False
    clause = text[at:quote] if at < quote else _sentence_after(text, at, len(text))
    return not _CARRYING.search(clause)


def _publication_named(ctx: Context, subject: str, at: int) -> str | None:
    """The publication a subject names: itself ("the Farmers Daily"), set off after a press
    noun ("the financial daily, Boersenzeitung,"), or the one introduced before ("the paper")."""
    found = publication(subject)
    if found is None:
        name = subject.strip(" ,")
        apposed = _APPOSED_TO_PRESS.search(ctx.text, max(0, at - 40), at)
        return name if apposed and _bare_name(name) and classify(name) != PERSON else None
    how, name = found
    if how != "anaphor":
        return name + title_tail(ctx.text, at + len(subject.rstrip()))
    return latest_publication(ctx.text, 0, at, [(s.open_mark, s.end) for s in ctx.spans])


_SIGNED = re.compile(
    r"\b(?:editorial|commentary|column|article)\b[^.;\"“”]{0,60}?,?\s+(?:signed|written)\s+by\s+"
)


def _signer(ctx: Context, subject: str, at: int) -> Decision | None:
    """ "the editorial, signed by Jane Doe, said": a signed piece speaks for whoever signed it,
    and so does "the editorial" after it."""
    if _subject_words(subject)[-1:] not in (["editorial"], ["commentary"]):
        return None
    sentence = _sentence_after(ctx.text, at, len(ctx.text))
    signed = list(_SIGNED.finditer(ctx.text, 0, at + len(sentence)))
    if not signed:
        return None
    entity = ctx.named(_cut_np(ctx.text[signed[-1].end() :]), signed[-1].end())
    return ctx.decide(entity, "publication") if entity else None


def _publication_before(ctx: Context, n: int, end: int) -> str | None:
    """What "it" is when the last clause before `end` (in this paragraph or the one before)
    that has a subject other than "it" is a publication speaking for itself; with no such
    clause, the publication that said the quotation before."""
    text = ctx.text
    paragraph = text.rfind("\n\n", 0, end)
    floor = max(text.rfind("\n\n", 0, paragraph) if paragraph > 0 else 0, 0)
    quoted = [(s.open_mark, (s.close_mark or s.end) + 1) for s in ctx.spans]
    verbs = [
        v
        for v in _VERB.finditer(text, floor, end)
        if not any(a <= v.start() < b for a, b in quoted)
    ]
    for verb in reversed(verbs):
        closed = [b for a, b in quoted if b <= verb.start()]
        start = max(
            floor,
            text.rfind(". ", floor, verb.start()) + 1,
            text.rfind("\n", floor, verb.start()) + 1,
            *closed,
        )
        frame = _frame_at(text, start, end, verb, "previous")
        if frame is None:
            return None
        if _pronoun(frame.subject) == "it":
            continue  # "The paper said … It added …": the chain goes back to the paper
        if not _own_voice(text, frame.at, frame.at):
            return None
        return _publication_named(ctx, frame.subject, frame.at)
    previous = ctx.decisions[n - 1] if n and not verbs else None
    if previous is None or ctx.spans[n].paragraph - ctx.spans[n - 1].paragraph > 1:
        return None
    return previous.speaker if previous.speaker in ctx.publications else None


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
    words = _subject_words(frame.subject)
    if source is None and words in (["one"], ["another"]):
        source = _one_of(ctx, frame.at)
    elif source is None and words == ["one", "of", "them"]:
        source = _one_of(ctx, frame.at, group=True)  # "Two people close to … One of them"
    elif source is None and words[:2] == ["one", "of"]:
        # "one of the employees said" → "employee"
        group = unnamed_source(" ".join(words[2:]))
        source = group[:-1] if group and group.endswith("s") and not group.endswith("ss") else group
    return Decision(source, UNNAMED, None, "unnamed_source") if source else None


def _one_of(ctx: Context, at: int, group: bool = False) -> str | None:
    """The group the "one" (or "another") who spoke belongs to: the latest source named
    before ("U.S. officials see …", "one trade source said … Another added"); for "one of
    them", a plural one outside the quotations."""
    text = ctx.text
    floor = max(0, text.rfind("\n\n", 0, max(0, text.rfind("\n\n", 0, at))))
    named = [m for m in _SOURCE.finditer(text, floor, at)]
    if group:
        quoted = [(s.open_mark, s.end) for s in ctx.spans]
        named = [
            m
            for m in named
            if _plural(m.group(0)) and not any(a <= m.start() < b for a, b in quoted)
        ]
    if not named:
        return None
    source = unnamed_source(named[-1].group(0))
    if source == "people":
        return "person"
    return source[:-1] if source and source.endswith("s") and not source.endswith("ss") else source


def _plural(phrase: str) -> bool:
    head = phrase.split()[-1].lower()
    return head == "people" or (head.endswith("s") and not head.endswith("ss"))


_SOURCE = re.compile(rf"(?:\b[\w.’'-]+\s+){{0,2}}\b(?:{'|'.join(UNNAMED_HEADS)})\b")


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
    ends = [m.end() for m in _SENTENCE_END.finditer(head)]
    if not ends or head[ends[-1] :].strip():
        return None
    begin = ends[-2] if len(ends) > 1 else 0
    frame = clause_frame(ctx, p_start + begin, p_start + ends[-1]) or _gesture(
        head[begin : ends[-1]], p_start + begin
    )
    if frame is None:
        return None
    decision = _resolve_frame(ctx, frame)
    if decision:
        return Decision(decision.speaker, decision.kind, decision.role, "previous_sentence")
    return None


_GESTURE = re.compile(
    r"(?:[^.!?]*,)?\s*"  # "Asked whether he expected progress, "
    r"([A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2})\s+(?:\w+ly\s+)?[a-z]+ed\.\s*$"
)


def _gesture(sentence: str, at: int) -> Frame | None:
    """ "Delacroix shrugged. "Ask me Friday."": a short sentence of what the speaker did."""
    found = _GESTURE.fullmatch(sentence)
    return Frame("previous", found.group(1), at + found.start(1)) if found else None


def _resolve_frame(ctx: Context, frame: Frame) -> Decision | None:
    if entity := ctx.named(frame.subject, frame.at):
        return ctx.decide(entity, "named")
    if (pronoun := _pronoun(frame.subject)) and (entity := resolve_pronoun(ctx, pronoun, frame.at)):
        return ctx.decide(entity, "pronoun")
    if decision := nominal(ctx, frame.subject, frame.at):
        return decision
    if source := unnamed_source(frame.subject):
        return Decision(source, UNNAMED, None, "unnamed_source")
    return None
