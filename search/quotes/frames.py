"""Finding the frame: the reporting verb near a quote and the subject of its clause
(`"…," said Jane Doe`, `Jane Doe, an economist, said: "…"`, `according to Jane Doe, …`)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from search.quotes.mentions import (
    FIRM_NOUNS,
    NOT_NAME,
    PERSON,
    ROLE_WORDS,
    SINGLE,
    classify,
    parse_run,
    role_word,
    word_set,
)
from search.quotes.phrases import (
    DETERMINERS,
    NP_CUT,
    PRONOUNS,
    UNNAMED_HEADS,
    bare_name,
    bare_word,
    np_like,
    role_title,
    subject_pronoun,
    subject_words,
    unnamed_source,
)
from search.quotes.press import publication

if TYPE_CHECKING:  # the context asks this module for its frames
    from search.quotes.context import Context

REPORTING_VERBS = (
    "described by|quoted by|quoted [\\w.'’ -]{0,60}?as (?:saying|telling)|"
    "was quoted as (?:saying|telling)|"
    "said in a statement|"
    "said|says|say|told|tells|added|adds|warned|warns|urged|urges|stated|states|explained|"
    "explains|noted|notes|asked|asks|insisted|insists|claimed|claims|argued|argues|wrote|writes|"
    "announced|announces|declared|declares|replied|replies|commented|comments|remarked|"
    "observed|acknowledged|acknowledges|admitted|admits|suggested|suggests|predicted|"
    "predicts|continued|cautioned|stressed|stresses|emphasised|emphasized|recommended|"
    "recommends|repeated|repeats|reiterated|reiterates|conceded|concedes|complained|"
    "concluded|agreed|disclosed|reported|reports|testified|confirmed|confirms|denied|"
    "indicated|maintained|maintains|recalled|responded|vowed|asserted|contended|countered|"
    "promised|pointed out|went on|retorted|quipped|joked|snapped|shot back|fired back|"
    "according to|saying|telling|"
    "called|calling|branded|described|describing|dubbed|termed|labelled|accused|accusing|"
    "dismissed|condemned|criticised|criticized|praised|hailed|alleged|alleges|charged|charges|cited|cites"
)
VERB = re.compile(
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
# The lookahead first: it fails at once where no stop is, before the sixteen lookbehinds run.
SENTENCE_END = re.compile(
    rf"(?=[.!?])(?<!\b[A-Z])(?<!\b[A-Z][a-z]){_TITLE_STOPS}[.!?][\"”]?(?=\s|$)"
)
_MAX_WORDS_BEFORE_VERB = 14
_APPOSITIVE_START = word_set("a an the who which whose whom") | ROLE_WORDS


@dataclass
class Frame:
    """The words around a reporting verb that name who spoke."""

    side: str  # "after" the quote, "before" it, or in the "previous" sentence
    subject: str
    at: int  # offset of `subject` in the text


def paragraph_start(text: str, at: int) -> int:
    found = text.rfind("\n\n", 0, at)
    return found + 2 if found >= 0 else 0


def paragraph_before(text: str, at: int) -> int:
    """Where the paragraph before the one holding `at` starts (at the blank line ending the one
    before it), 0 if there is none: what a clause may look back over."""
    return max(0, text.rfind("\n\n", 0, max(0, text.rfind("\n\n", 0, at))))


def sentence_after(text: str, start: int, limit: int) -> str:
    stop = text.find("\n\n", start, limit)  # the paragraph's end, if it comes first
    tail = text[start : stop if stop >= 0 else limit]
    end = SENTENCE_END.search(tail)
    return tail[: end.end()] if end else tail


def after_frame(ctx: Context, n: int) -> Frame | None:
    """`Q, said X` / `Q, X said` / `Q, X, a role, said` after the closing mark."""
    span = ctx.spans[n]
    if span.close_mark is None:
        return None
    start = span.close_mark + 1
    if (
        ctx.text[span.end - 1 : span.end] in ".!?"
        and ctx.text[start : start + 8].lstrip()[:1].isupper()
    ):
        return _name_then_verb(ctx.text, start)
    limit = ctx.spans[n + 1].open_mark if n + 1 < len(ctx.spans) else len(ctx.text)
    sentence = sentence_after(ctx.text, start, limit)
    verb = VERB.search(sentence)
    if not verb:
        return None
    before = sentence[: verb.start()]
    if len(before.split()) > _MAX_WORDS_BEFORE_VERB:
        # "… to defend its rights under GATT, U.S. Ambassador Michael Samuels said."
        last = before.rsplit(",", 1)
        tail = last[-1] if len(last) == 2 else ""
        if not tail.strip():
            return _named_before_asides(before, start)
        if len(tail.split()) > 8 or not np_like(tail):
            return None
        return Frame("after", tail, start + len(last[0]) + 1)
    if (quoted := _quoted_one(verb.group(0))) is not None:
        return Frame("after", quoted, start + verb.start() + len("quoted "))
    if not before.strip(" ,;:—-"):
        verb_end = _past_repeated(sentence, verb)
        rest = sentence[verb_end:]
        subject = cut_np(rest)
        named = _NAME_AFTER_ROLE.match(rest, len(subject))
        if named and any(bare_word(w) in ROLE_WORDS for w in subject.split()):
            # "said Sumitomo Bank Ltd chief economist, Masahiko Koido."
            return Frame("after", named.group(1), start + verb_end + named.start(1))
        named = _NAME_CLOSING.search(rest)
        if named and unnamed_source(subject) and classify(named.group(1).strip()) == PERSON:
            # "said one leader of the land reform movement, Joao Pedro.": the source is named
            # at last.
            return Frame("after", named.group(1), start + verb_end + named.start(1))
        firm = _FIRM_THEN_NAME.match(rest)
        if firm and "," in firm.group(0) and _person_after_firm(firm):
            # "said Prescott, Ball and Turben analyst Bruce Lazier": a firm with commas in
            # its name, then the person.
            return Frame("after", firm.group(2), start + verb_end + firm.start(2))
        if subject.strip():
            return Frame("after", subject, start + verb_end) if subject.strip() else None
        return None
    chunks = comma_chunks(before, start)
    if before.rstrip().endswith(",") and len(chunks) == 2 and _aside(chunks[0][0]):
        # '"Q," after a weak January, said Ulric Weil of …': the name follows the verb.
        subject = cut_np(sentence[verb.end() :])
        if bare_name(subject):
            return Frame("after", subject, start + verb.end())
    chosen = _pick_subject(chunks)
    if chosen and _SUBORDINATE_SUBJECT.search(chosen[0]):
        return None  # 'had "thrown away" a lead after they conceded': not the quote's verb
    if chosen:
        return Frame("after", chosen[0], chosen[1])
    # `"Q," breaking its pattern, says Luckey.`
    subject = cut_np(sentence[verb.end() :])
    return Frame("after", subject, start + verb.end()) if bare_name(subject) else None


# ""Q." Lichtblau said." / ""Q?" Farraday asked.": a name and a verb, and little more, make a
# sentence of their own that frames the quote before it.
_NAME_THEN_VERB = re.compile(
    r"\s*((?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w'’-]*)\s+(?:said|says|added|asked|replied|wrote)"
    r"(?:\s+(?:in|at|on|during|after|before|with|from|by|later|yesterday|today|tonight)\b"
    r"(?:\s+[\w'’-]+){0,4})?\s*\."  # "in a statement.", but never "said it would fail."
)


def _name_then_verb(text: str, start: int) -> Frame | None:
    found = _NAME_THEN_VERB.match(text, start)
    if found is None or not bare_name(found.group(1)) or bare_word(found.group(1)) in UNNAMED_HEADS:
        return None  # "Critics said." is nobody named
    return Frame("after", found.group(1), found.start(1))


_SUBORDINATE_SUBJECT = re.compile(
    r"\s(?:after|before|when|because|since|until|while|although|though|if)\s+"
    r"(?:he|she|they|it|we|i)\s*$",
    re.IGNORECASE,
)


def _named_before_asides(before: str, start: int) -> Frame | None:
    """ "Jane Doe, vice chairman of Acme Co, a unit of Beta Corp, and chairman of …, said": a
    name opening the clause (or right after the end of the quoted sentence), then only
    appositives, however long."""
    chunks = comma_chunks(before, start)
    chosen = _pick_subject(chunks)
    # ""Q" to make an offer, Thomas Kay, administrator of …, told Reuters": past the words
    # that finish the quoted sentence.
    tail = len(chunks) > 1 and chunks[0][0].strip()[:1].islower()
    opening = [chunks[0][1], chunks[1][1]] if tail else [chunks[0][1]]
    if chosen is None or chosen[1] not in opening or not bare_name(chosen[0]):
        return None
    return Frame("after", chosen[0], chosen[1])


def _past_repeated(sentence: str, verb: re.Match[str]) -> int:
    """Where the verb ends, past a slip that typed it twice: "said said Jane Doe"."""
    repeated = re.compile(rf"\s+{re.escape(verb.group(0))}\b").match(sentence, verb.end())
    return repeated.end() if repeated else verb.end()


_FIRM_THEN_NAME = re.compile(
    r"\s*(?:[A-Z][\w.&'’-]*,?\s+(?:(?:and|&)\s+)?){2,6}?"
    r"((?:[a-z][\w-]*\s+){1,3}|(?<=['’]s\s))((?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w'’-]*)"
    r"\s*[.;]?\s*$"
)


def _person_after_firm(found: re.Match[str]) -> bool:
    """Whether the words after the firm are a role and a person ("analyst Bruce Lazier"), or
    a name after the firm's possessive ("Hengst's Hutmann")."""
    role = found.group(1).split()
    if role and not role_word(bare_word(role[-1])):
        return False  # "Jane Doe, FCOJ analyst with Acme Bros": a name, then her employer
    return classify(found.group(2)) in (PERSON, SINGLE)


_NAME_CLOSING = re.compile(r",\s*((?:[A-Z][\w.'’-]*\s){1,3}[A-Z][\w'’-]*)\s*[.]?\s*$")
_NAME_AFTER_ROLE = re.compile(r",\s*((?:[A-Z][\w.'’-]*\s?){2,4})\s*(?:[.,;]|$)")


def before_frame(ctx: Context, n: int) -> Frame | None:
    """`X said: Q` / `X said Q` / `according to X, Q` in the quote's own sentence."""
    span = ctx.spans[n]
    text = ctx.text
    floor = 0
    if n and ctx.spans[n - 1].paragraph == span.paragraph:
        previous = ctx.spans[n - 1]
        floor = (previous.close_mark if previous.close_mark is not None else previous.end) + 1
    head = text[floor : span.open_mark].rsplit("\n\n", 1)[-1]
    head_start = span.open_mark - len(head)
    ends = [m.end() for m in SENTENCE_END.finditer(head)]
    begin = ends[-1] if ends else 0
    return _clause_frame(ctx, head_start + begin, span.open_mark, "before")


def clause_frame(ctx: Context, start: int, end: int) -> Frame | None:
    return _clause_frame(ctx, start, end, "previous")


def _clause_frame(ctx: Context, start: int, end: int, side: str) -> Frame | None:
    """The first frame whose subject names someone, else the first frame: in "Reminded of
    reports that …, Lyng responded" the verb that counts is the second."""
    first = None
    for verb in VERB.finditer(ctx.text, start, end):
        frame = frame_at(ctx.text, start, end, verb, side)
        if frame and _SUBJECT_FOLLOWS.fullmatch(verb.group(0)) and publication(frame.subject):
            continue  # "According to the Post, Smith said": the paper only carries the words
        if frame is not None and ctx.names_someone(frame):
            return _nested(ctx, verb.end(), end, side) or frame
        first = first or frame
    return first


# "Vasquez said … in which Elwood described the accounts as "Q"", "Smith said Jones has
# called for "Q"": a name reported as giving the words is their speaker, not the reporter.
_NESTED = re.compile(
    r"\b((?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w'’-]*)\s+(?:has\s+|had\s+|have\s+)?(?:also\s+)?"
    r"(?:called|described|dubbed|termed|branded|labelled|labeled)\b"
)


def _nested(ctx: Context, start: int, end: int, side: str) -> Frame | None:
    if side != "before":
        return None
    found = [*_NESTED.finditer(ctx.text, start, end)]
    if not found or ctx.named(found[-1].group(1), found[-1].start(1)) is None:
        return None
    return Frame(side, found[-1].group(1), found[-1].start(1))


def last_frame(ctx: Context, at: int) -> Frame | None:
    """The frame of the last reporting verb outside quotation marks before `at`, in its
    paragraph or the one before."""
    text = ctx.text
    floor = max(paragraph_before(text, at), at - 600)
    last = None
    for verb in VERB.finditer(text, floor, at):
        if not ctx.quoted(verb.start()):
            last = verb
    if last is None:
        return None
    # ""Q," Jane Doe, analyst with Acme, said": the clause starts past the quotation before it
    # (the spans are in order: the last to end before the verb closes last).
    k = ctx.ending_before(last.start())
    closed = []
    if k:
        previous = ctx.spans[k - 1]
        closed.append(
            (previous.close_mark if previous.close_mark is not None else previous.end) + 1
        )
    start = clause_start(text, floor, last.start(), closed)
    return frame_at(text, start, at, last, "previous")  # "…, according to a spokeswoman."


def clause_start(text: str, floor: int, verb: int, closed: list[int]) -> int:
    """Where the clause of the reporting verb at `verb` starts: past the sentence and the line
    before it and past the quotations `closed` before it (where each ends), never before
    `floor`."""
    return max(floor, text.rfind(". ", floor, verb) + 1, text.rfind("\n", floor, verb) + 1, *closed)


_GESTURE = re.compile(
    r"(?:[^.!?]*,)?\s*"  # "Asked whether he expected progress, "
    r"([A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2})\s+(?:\w+ly\s+)?[a-z]+ed\.\s*$"
)


def gesture(sentence: str, at: int) -> Frame | None:
    """ "Delacroix shrugged. "Ask me Friday."": a short sentence of what the speaker did."""
    found = _GESTURE.fullmatch(sentence)
    return Frame("previous", found.group(1), at + found.start(1)) if found else None


_QUOTED_AS = re.compile(r"quoted (.*?) ?as (?:saying|telling)")


def _quoted_one(said: str) -> str | None:
    """Whom "quoted … as saying" (or "as telling reporters") names."""
    found = _QUOTED_AS.fullmatch(said)
    return found.group(1) + " " if found else None


_ASKED_CLAUSE = re.compile(r"\s+(?:about|whether|if|what|why|how|when|by|to|for|on)\b")


def frame_at(text: str, start: int, end: int, verb: re.Match[str], side: str) -> Frame | None:
    if verb.group(0).lower() == "asked" and _ASKED_CLAUSE.match(text, verb.end()):
        return None  # "Asked about taxes, he said …": the speaker comes after
    if (quoted := _quoted_one(verb.group(0))) is not None:
        # "The Tanjug news agency quoted Zemljaric as saying …": the one quoted speaks.
        return Frame(side, quoted, verb.start() + 7)
    before = text[start : verb.start()]
    if _SUBJECT_FOLLOWS.fullmatch(verb.group(0)) or not before.strip(" ,;:—-\n"):
        # "according to X", "as described by X", and the inverted "Commented X: Q".
        subject = cut_np(text[verb.end() : end])
        return Frame(side, subject, verb.end()) if subject.strip() else None
    # "Rao, his lawyer, had argued for leniency, telling the court …": a participle's subject
    # is the main clause's, past its predicate.
    participle = verb.group(0).endswith("ing")
    if participle and (tail := _PARTICIPLE_SUBJECT.search(before)):
        # "… and environmental campaigners calling the plan "timid"": the nouns before it.
        return Frame(side, tail.group(1), start + tail.start(1))
    chosen = _pick_subject(
        comma_chunks(before, start), _PREDICATE_START if participle else frozenset()
    )
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


def comma_chunks(text: str, start: int) -> list[tuple[str, int]]:
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
        if k == len(chunks) - 1 and (found := _RELATIVE_SUBJECT.fullmatch(chunk)):
            # "…, while Fitzwilliam said", "the program, which Shultz said is designed": the
            # name in the clause of the verb, not the main clause's subject.
            return found.group(1), at + found.start(1)
        if k == len(chunks) - 1 and chunk.split() == ["which"]:
            return _antecedent(*chunks[k - 1])
        if not np_like(chunk) or _relative(chunk):
            # "Daley, …, had described", "Ng, the chairman, has previously said"
            auxiliary = {w for w in chunk.split() if not w.endswith("ly")} <= _PREDICATE_START
            aside = _aside(chunk) or _relative(chunk) or _title_aside(chunk)
            if k and (aside or auxiliary or chunk.split()[0] in past):
                continue
            return _fronted_subject(chunk, at) if chosen is None and k == 0 else chosen
        if bare_name(chunk):
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


_RELATIVE_SUBJECT = re.compile(
    r"\s*(?:while|whereas|which|what)\s+((?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w'’-]*|he|she|they)"
    r"(?:\s+(?:also|later|had|has|have))?\s*"
)


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
    if not words or bare_word(words[0]) not in _ASIDE_START:
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
        words = subject_words(rest)
        if subject_pronoun(rest) and words[0] in PRONOUNS:
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
        and subject_words(chunk)[:1] == ["the"]
        and subject_words(chosen)[:1] in (["a"], ["an"])
    )


def _is_clause(chunk: str) -> bool:
    """ "The FA will review the report", "The FA reviewed it": a clause, not a description."""
    if set(subject_words(chunk)) & _CLAUSE_VERBS:
        return True
    words = subject_words(chunk)
    return any(
        b.endswith("ed") and a not in DETERMINERS and not a.endswith("ly")
        for a, b in itertools.pairwise(words)
    )


# A role word, then the name ("… analyst Donna Pulcine"), not an employer ("… for E.F. Hutton")
# nor anyone else after a preposition ("… advisers under Jimmy Carter").
_TRAILING_NAME = re.compile(
    r"\b(?!(?:for|of|at|with|from|by|in|on|to|and|under|after|before|than|like|against|about"
    r"|between|during|since|into|over|through|including|behind|toward|towards|without)\b)"
    r"[a-z][\w-]*\s+"
    r"((?:[A-Z][\w.’'-]*\s+){1,3}[A-Z][\w’'-]+)"
    r"(?:\s+(?:merely|simply|only|also|then|later|again|has|had))*\s*$"  # "… merely said"
)


def _ends_with_person(chunk: str) -> bool:
    """A role and a person's name: "Toronto-based bank analyst Donna Pulcine", "and finance
    minister Jane Doe merely (said)"; not a firm after its trade ("with stockbrokers James
    Capel", "who runs the consultancy Fenwick Cyber"), which only says where someone works."""
    found = _TRAILING_NAME.search(chunk)
    if found is None or found.group(0).split()[0].lower() in FIRM_NOUNS:
        return False
    return classify(found.group(1)) == PERSON


_EMPLOYER_TAIL = re.compile(r"\b(?:of|at|for|from|with)\s+(?:the\s+)?(?:[A-Z][\w.&'’-]*\s*)+$")


def _employer_before(chunks: list[tuple[str, int]], k: int) -> int | None:
    """The appositive ending in "of/at <Firm>" that the names from chunk `k` back continue."""
    j = k - 1
    while j >= 0 and bare_name(chunks[j][0]):
        j -= 1
    found = (
        j >= 0
        and _appositive(chunks[j][0])
        and not _relative(chunks[j][0])  # "which runs a surplus with the United States"
        and _EMPLOYER_TAIL.search(chunks[j][0].rstrip())
    )
    return j if found else None


# "Rep. Joe Barton, R-Texas, said", "Rep. Jane Doe, (D-Tenn.) said"
_PARTY = re.compile(r"\s*\(?[RDI]-[A-Z][\w.]*\)?\s*$")
_AGE = re.compile(r"\s*\d{1,3}\s*")  # "Margaret Hughes, 68, a volunteer, said"


def _participle_aside(chunk: str) -> bool:
    """ "received in London", "speaking at a conference", "also based in Tokyo": an aside,
    never the subject."""
    words = chunk.split()
    while len(words) > 2 and words[0] in _ASIDE_ADVERBS:
        words = words[1:]
    return (
        len(words) > 1
        and words[0].islower()
        and words[0].endswith(("ed", "ing"))
        and (words[1].lower() in _ASIDE_START or words[1].lower() in ("the", "a", "an", "by"))
    )


_ASIDE_ADVERBS = word_set("also now still currently formerly previously later then")


def _relative(chunk: str) -> bool:
    """ "who asked not to be named", "which holds 3 percent of Foxgate"."""
    if not chunk.split():
        return False
    return chunk.split()[0].lower() in ("who", "which", "whose", "whom", "where", "when")


def _title_aside(chunk: str) -> bool:
    """ "Under Secretary of the Treasury": a capitalised title set off after a name, naming
    nobody itself."""
    words = chunk.split()
    if not words or not words[0][:1].isupper() or not role_title(words):
        return False
    parsed = parse_run(chunk.strip())
    return parsed is None or parsed[2] != PERSON


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
    if any(role_word(bare_word(w)) for w in chunk.split()):
        return True  # "GenCorp chairman and chief executive officer", "Secretary-General"
    if [w.lower() for w in chunk.split()[:2]] == ["one", "of"]:
        return True  # "Teresa Quint, one of the two dissenting votes, said"
    return first.lower() in _APPOSITIVE_START or (
        first.islower() and first not in DETERMINERS and first not in PRONOUNS
    )


def cut_np(text: str) -> str:
    end = SENTENCE_END.search(text)
    if end:
        text = text[: end.start()]
    cut = NP_CUT.search(text)
    return text[: cut.start()] if cut else text
