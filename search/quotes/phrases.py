"""Reading a subject phrase on its own, before asking whom it names: its words, the pronoun it
is, the unnamed source it introduces ("one trader" → "trader"), whether it is a bare name."""

from __future__ import annotations

import re
from functools import lru_cache

from search.quotes.mentions import NOT_NAME, ORG_WORDS, ROLE_WORDS, role_word, word_set

PRONOUNS = word_set("he she they it we i")
DETERMINERS = word_set(
    "a an the one another some several many two three four five other others most its "
    "their his her this that these those any each both all such"
)
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
    "commuter commuters patient patients policymaker policymakers ministers underwriter "
    "underwriters onlooker onlookers journalist journalists"
)
_PEOPLE_NOUNS = UNNAMED_HEADS | ROLE_WORDS
DOCUMENTS = word_set(
    "statement petition letter report suit complaint affidavit proxy study editorial filing "
    "communique survey summary"
)
TRAILING_ADVERBS = word_set("here there today yesterday tonight now later earlier too also once")
_WORD = re.compile(r"[\w’'.-]+")


def subject_words(phrase: str) -> list[str]:
    return list(_subject_words(phrase))  # a list of its own: callers may change theirs


@lru_cache(maxsize=1 << 14)
def _subject_words(phrase: str) -> tuple[str, ...]:
    # Several rules read the same subject phrase.
    return tuple(w.lower().rstrip(".") for w in _WORD.findall(phrase))


def past_conjunction(words: list[str]) -> list[str]:
    """The words past a leading conjunction: "But the company said"."""
    return words[1:] if words[:1] in (["but"], ["and"], ["yet"]) else words


def subject_pronoun(phrase: str) -> str | None:
    words = past_conjunction(subject_words(phrase))
    while len(words) > 1 and words[-1] in TRAILING_ADVERBS:
        words = words[:-1]  # "But he also said"
    if words and words[0] in ("him", "her") and len(words) == 1:
        return "he" if words[0] == "him" else "she"
    if len(words) <= 3 and words and words[0] in ("his", "her") and words[-1] in DOCUMENTS:
        return "he" if words[0] == "his" else "she"
    if words and words[-1] in PRONOUNS and len(words) <= 3:
        return words[-1]
    if words and words[0] in PRONOUNS and len(words) <= 2:
        return words[0]
    return None


_LEADING_CONJUNCTIONS = word_set("but and so yet however meanwhile also still then")
_NOT_NP_START = word_set(
    "in on at to for from with by into over under after before during since until as "
    "while if when because although though but and or nor so is was are were be been has "
    "have had will would can could may might should must adding noting saying according "
    "which what where than then there it's not also just only even still yet however asked"
)


def np_like(chunk: str) -> bool:
    words = chunk.split()
    while words and words[0].lower() in _LEADING_CONJUNCTIONS:
        words.pop(0)
    if not words:
        return False
    first = words[0].lower().strip("\"“”'")
    if (
        first.endswith("ing")
        and words[0].islower()
        and not {w.lower() for w in words} & _PEOPLE_NOUNS
    ):
        return False  # "commenting in the annual report": a participle, not a subject
    return first not in _NOT_NP_START


def bare_name(chunk: str) -> bool:
    words = chunk.split()
    while words and words[0].lower() in _LEADING_CONJUNCTIONS:
        words.pop(0)
    if role_title(words) and ("of" in words or "to" in words):
        return False  # "President of Diamond Shamrock Refining Co" is an appositive
    if words and all(bare_word(w) in NOT_NAME for w in words):
        return False  # "Today, one trader said": a time, not a name
    if words and not words[0][:1].isupper():
        return False  # "of Smith Barney Harris Upham": an employer
    return bool(words) and all(
        w[:1].isupper() or w in ("of", "for", "the", "and", "de", "&") or _PARTICLE.match(w)
        for w in words
    )


_ROLE_PREFIXES = word_set("under deputy vice assistant acting associate")


def role_title(words: list[str]) -> bool:
    """Whether `words` open with a role: "President", "Secretary-General", "Under Secretary"."""
    lowered = [bare_word(w) for w in words[:2]]
    if lowered[:1] and lowered[0] in _ROLE_PREFIXES:
        lowered = lowered[1:]
    return bool(lowered) and role_word(lowered[0])


_PARTICLE = re.compile(r"(?:al|el|bin|ibn|abu|ben|de|da|di|du|le|la|van|von)-[A-Z]")


def bare_word(word: str) -> str:
    return word.lower().strip(".,;:\"“”'’")


UNNAMED_START = re.compile(
    r"\s*(?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]he|[Ss]ome|[Ss]everal|[Tt]wo|[Tt]hree)\s"
)
# "of Canada Ltd economist Susan Clark": the employer's name before a role and a name.
_EMPLOYER_THEN_NAMED_ROLE = (
    r"\s+(?:[A-Z][\w.&'’-]*\s+)+(?:[a-z][\w-]*\s+){0,2}"
    rf"(?:{'|'.join(sorted(map(re.escape, ROLE_WORDS | UNNAMED_HEADS)))})\s+[A-Z]"
)
NP_CUT = re.compile(
    # "of" ends the phrase but for an owner's name: "said Bank of Tokyo's Kimura", and for
    # a firm before a role and a name: "said Bank of Tokyo economist Jun Kimura"
    rf"\s(?:at|of(?![\s\w.&-]*['’]s\s)(?!{_EMPLOYER_THEN_NAMED_ROLE})|from|with|in|for|on|who|which|that|close|familiar|"
    r"involved|attending|responsible|knowledgeable|based|"
    r"quoted|speaking|asked|said|was|is|were|are|has|had|have|will|would)\b|[,;:]"
    r"|\((?![A-Z][\w .]*\)\s+[A-Z])"  # not in "Salomon Brothers (Asia) Ltd analyst Ryavec"
)
ORG_THEN_SOURCE = re.compile(
    # the capital opening a name, not the article: "A steel buyer" names no organisation
    rf"^\s*(?:[Aa]n?\s+|[Tt]he\s+)?(?!(?:An?|The)\s)[A-Z][\w.&’'() -]*?(?:['’]s)?\s+"
    rf"({'|'.join(UNNAMED_HEADS)})\s*$"
)
_INDEFINITE = word_set("a an one another")
_FUNCTION_WORDS = word_set("to up the and or but that who which as set")
_NOT_A_SOURCE = _FUNCTION_WORDS | DOCUMENTS
# What "a …" or "one …" that speaks can be without being a person.
NOT_SOMEONE = (
    DOCUMENTS
    | ORG_WORDS
    | word_set(
        "company firm group statement ministry agency department government report study "
        "survey poll paper newspaper magazine letter note memo document source release "
        "communique bulletin broadcast radio television station"
    )
)
_DROPPED_MODIFIERS = word_set(
    "senior former top leading private local foreign international major key certain "
    "prominent independent few junior"
)


def unnamed_source(phrase: str, any_head: bool = False) -> str | None:
    """ "one trader" → "trader"; "a dealer at a U.K. bank" → "dealer"."""
    if (named := ORG_THEN_SOURCE.search(phrase)) and UNNAMED_START.match(phrase):
        return named.group(1)  # "a Ministry of International Trade and Industry official"
    cut = NP_CUT.search(phrase)
    if cut:
        phrase = phrase[: cut.start()]
    words = [w for w in _WORD.findall(phrase)]
    for k in range(1, len(words)):
        if words[k].endswith("ing") and words[k].islower() and words[k - 1] in UNNAMED_HEADS:
            words = words[:k]  # "another official following an assessment of …"
            break
    while words and words[-1].lower() in TRAILING_ADVERBS:
        words.pop()  # "a senior U.S. official here commented"
    indefinite = bool(words) and words[0].lower() in _INDEFINITE
    while words and words[0].lower() in DETERMINERS:
        words.pop(0)
    if not words or _title_case(words):
        return None
    head = words[-1]
    # "one veteran debt rescheduler said": anyone introduced as "one" or "a" is a source.
    someone = (
        indefinite
        and head.islower()
        and len(words) <= 4
        # "an Ankara Radio report monitored in London": a document, whatever follows it
        and not {w.lower() for w in words} & _NOT_A_SOURCE
    )
    if not any_head and head.lower() not in UNNAMED_HEADS and not someone:
        return None
    if any(w.lower() in PRONOUNS for w in words):
        return None
    compound = [words[-1]]
    for word in reversed(words[:-1]):
        if not word.islower() or word in _DROPPED_MODIFIERS or word in DETERMINERS:
            break
        compound.insert(0, word)
    if compound[0] in ("and", "or"):
        compound.pop(0)  # "Bankers and diplomats": the capital stopped the compound
    return " ".join(compound)


def _title_case(words: list[str]) -> bool:
    """ "Marketing Director" is someone's title, not an unnamed source ("U.S. Banker" is: the
    wire capitalises after "U.S.")."""
    return len(words) > 1 and all(w[0].isupper() and not w.endswith(".") for w in words[-2:])
