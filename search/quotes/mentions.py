"""Who an article names: people and organisations, each with its role kept apart.

A mention is a run of capitalised words ("Secretary of State George Shultz") split into a
role ("Secretary of State") and a name ("George Shultz"), and classed as a person, an
organisation, a bare single word to be settled by the other mentions ("Volcker"), or
something that never speaks (a place, an event, a programme, a publication, a date).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

PERSON, ORGANISATION, UNNAMED = "person", "organisation", "unnamed"
SINGLE, OTHER = "single", "other"


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


TITLES = word_set(
    "mr mrs ms miss dr sir lord lady dame sen rep gov lt col gen adm maj capt sgt prof rev "
    "messrs sheikh major justice judge cardinal councillor councilor alderman commodore cllr"
)
FEMALE_TITLES = word_set("mrs ms miss lady dame")
MALE_TITLES = word_set("mr sir lord messrs")
ROLE_WORDS = word_set(
    "chairman chairwoman chairperson chair president minister secretary representative "
    "governor director spokesman spokeswoman spokesperson chancellor premier senator "
    "ambassador commissioner treasurer chief officer executive manager economist analyst "
    "leader head counsel attorney judge mayor king queen prince emir sheikh pope speaker "
    "deputy vice undersecretary assistant adviser advisor aide administrator superintendent "
    "controller comptroller whip lawmaker congressman congresswoman delegate envoy negotiator "
    "consul trader dealer strategist editor founder owner partner principal dean professor "
    "commander marshal admiral colonel lieutenant captain sergeant general lt col gen adm "
    "sen rep gov capt maj sgt prof president-elect vice-president vice-chairman "
    "co-chairman ceo cfo coo sheik crown inspector registrar auditor actuary shareholder "
    "manager-elect lord prosecutor lawyer coach detective sheriff striker midfielder defender "
    "goalkeeper winger nurse doctor surgeon scientist researcher teacher investor mp councillor "
    "councilor councilman councilwoman alderman coroner author broker"
)
# Words that may stand between a role word and the name: "Secretary of State", "Chancellor
# of the Exchequer", "Minister for Trade".
ROLE_DOMAIN = word_set(
    "state treasury defence defense exchequer agriculture commerce finance trade energy "
    "interior justice labor labour foreign home economic economy affairs oil industry "
    "industries petroleum budget transport transportation health education international "
    "monetary planning security commons lords mines mining housing environment customs "
    "revenue fisheries food development planning communications information employment "
    "welfare works research taxation tax markets market operations policy planning staff "
    "banking currency finances resources science sciences economics law medicine "
    "engineering history studies politics"
)
ORG_WORDS = word_set(
    "ministry institute council group party bank committee company corp corporation inc ltd "
    "agency department dept association commission office house government union university "
    "service services board fund organisation organization court administration league "
    "federation army navy police exchange co authority cabinet senate congress parliament "
    "reserve secretariat centre center foundation forces nations opec chamber bancorp plc "
    "industries holdings airlines airways motors institution bureau bancorporation trust "
    "partners associates securities brothers bros investments capital financial systems "
    "technologies technology communications petroleum oil chemical chemicals steel mining "
    "resources energy electric insurance assurance realty properties railroad railway "
    "newspapers stores laboratories pharmaceuticals enterprises international inc. corp. "
    "co. ltd. s.a. ag nv n.v. spa gmbh kk sa bv b.v. plc. limited incorporated coalition a/s "
    "banque banco banca united athletic rovers wanderers hospital clinic school college "
    "church museum library forum network homes foods builders club society "
    "alliance commonwealth community tribunal assembly legislature diet politburo junta "
    "fed treasury pentagon kremlin directorate inspectorate cooperative co-operative "
    "consortium syndicate network agencies ministries management advisers advisors consulting "
    "consultants futures commodities commodity embassy consulate radio television unit division "
    "festival"
)
CORPORATE_SUFFIXES = word_set("inc inc. corp corp. co co. ltd ltd. plc plc. llc a/s")
PLACE_WORDS = word_set(
    # US states as the wire abbreviates them: "Greenwich, Conn said"
    "conn calif ill tex fla mich penn minn wis ariz colo okla tenn mont nev vt "
    "street road city east west north south gulf sea island islands isle river bay coast county "
    "world "
    "province valley ocean lake mountains port beach canal strait straits peninsula heights "
    "region republic kingdom states emirates union avenue square park airport harbour harbor "
    "states america africa asia europe europe's american african asian european pacific "
    "atlantic caribbean mediterranean arctic antarctic latin middle far near "
    "u.s. us u.s u.k. uk usa ussr u.s.s.r. washington london tokyo paris bonn berlin moscow "
    "beijing peking brussels geneva zurich frankfurt hong kong singapore sydney canberra "
    "ottawa toronto montreal york chicago boston texas california florida ohio michigan "
    "illinois jersey pennsylvania virginia carolina georgia massachusetts louisiana kansas "
    "iowa nebraska dakota oklahoma arkansas minnesota wisconsin indiana kentucky tennessee "
    "alabama mississippi missouri colorado arizona nevada utah oregon idaho montana wyoming "
    "alaska hawaii maine vermont hampshire connecticut delaware maryland angeles francisco "
    "houston dallas detroit philadelphia atlanta miami denver seattle vancouver rome milan "
    "madrid lisbon athens vienna stockholm oslo copenhagen helsinki amsterdam hague "
    "rotterdam dublin edinburgh manila jakarta bangkok seoul taipei delhi bombay karachi "
    "cairo riyadh tehran baghdad kuwait jeddah dubai abu dhabi lagos nairobi johannesburg "
    "pretoria harare brasilia rio janeiro sao paulo buenos aires santiago lima caracas "
    "bogota mexico havana panama wellington auckland germany france britain england "
    "scotland wales ireland italy spain portugal greece turkey japan china india pakistan "
    "russia canada brazil argentina chile peru venezuela colombia ecuador bolivia uruguay "
    "paraguay australia zealand indonesia malaysia philippines thailand korea taiwan "
    "vietnam iran iraq israel egypt syria jordan lebanon libya algeria morocco tunisia "
    "nigeria kenya ghana zaire zambia zimbabwe ethiopia sudan saudi arabia qatar bahrain "
    "oman yemen sweden norway denmark finland netherlands holland belgium luxembourg "
    "switzerland austria poland hungary czechoslovakia romania bulgaria yugoslavia albania "
    "ukraine soviet cuba nicaragua honduras salvador guatemala costa rica jamaica ivory "
    "cameroon senegal angola mozambique tanzania uganda bangladesh burma sri lanka nepal "
    "afghanistan ecuador suriname guyana iceland cyprus malta gabon congo wall "
    "kyiv kiev donetsk bakhmut soledar nato's"
)
NATIONALITIES = word_set(
    "american british japanese german french italian spanish canadian chinese soviet russian "
    "indian brazilian mexican argentine australian dutch belgian swiss swedish norwegian "
    "danish finnish austrian irish greek turkish egyptian iranian iraqi israeli saudi "
    "kuwaiti nigerian korean taiwanese philippine indonesian malaysian thai vietnamese "
    "pakistani venezuelan colombian chilean peruvian ecuadorean bolivian polish hungarian "
    "ukrainian west-german western eastern northern southern european asian african arab "
    "latin opec's"
)
EVENTS = word_set(
    "war crisis summit conference games olympics election elections round talks accord "
    "accords agreement pact treaty act bill law plan program programme programs initiative "
    "scheme project protocol convention charter amendment declaration revolution "
    "day week month year christmas easter index average report survey budget rule rules "
    "code doctrine regulation regulations award prize"
)
PUBLICATIONS = word_set(
    "journal times post herald tribune gazette magazine daily newspaper weekly monthly "
    "dagblad zeitung shimbun nikkei"
)
CALENDAR = word_set(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december jan feb mar apr jun jul aug "
    "sep sept oct nov dec"
)
# Capitalised only because they open a sentence or a clause.
OPENERS = word_set(
    "the a an in on at if but however meanwhile and or so this that these those when while "
    "after before as it he she they we i his her their its our also even because although "
    "though both neither either other another one some most many all any each every no not "
    "last next earlier later today yesterday tomorrow separately asked speaking according "
    "under since despite until unless with without from for to by of about into over "
    "there here what which who whom whose where why how then than thus still yet only just "
    "officials analysts dealers traders sources economists bankers diplomats observers "
    "experts delegates brokers industry market government reuter reuters "
    "de facto we're it's new total net shares"
)
NOT_NAME = OPENERS | CALENDAR
_ABBREVIATIONS = TITLES | word_set("st jr sr inc corp co ltd bros dept no mt ft messrs")
_INITIAL = re.compile(r"^(?:[A-Z]\.)+$|^[A-Z]$")
_ACRONYM = re.compile(r"^[A-Z][A-Z&]*(?:-[A-Z&]+)*[A-Z&]$")  # "AFL-CIO" too
_POSSESSIVE = re.compile(r"['’]s$")

# "A/S", the Danish firm's suffix, is one word
_CAP = r"(?:[A-Z]/[A-Z]{1,2}\b|[A-Z][\w'’&\-]*\.?(?:[A-Z]\.)*)"
_CONNECTOR = r"(?:of|for|the|and|&|de|von|van|der|den|al|bin|du|del|da|la|le|y|on)"
# "Khalaf al-Oteiba", "Ahmed bin-Sulayem": a lower-case particle joined to the surname.
_PARTICLE_CAP = rf"(?:(?:al|el|bin|ibn|abu|ben|de|da|di|du|le|la|van|von)-)?{_CAP}"
# "Orrin Daley on Sunday" is a name and a day, not one run.
_NOT_AFTER_CONNECTOR = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\b)"
)
CAPITALISED_RUN = re.compile(
    rf"{_CAP}(?:[ \t]+(?:{_CONNECTOR}[ \t]+{_NOT_AFTER_CONNECTOR})*{_PARTICLE_CAP})*"
)
_CONNECTORS = word_set("of for the and & de von van der den al bin du del da la le y on")
_NAME_PARTICLES = word_set("de von van der den al bin du del da la le y")
_SPEAKS_AFTER = re.compile(
    r"\s+(?:has\s+|had\s+)?(?:also\s+|later\s+|then\s+)?(?:said|says|told|added|adds|noted|"
    r"warned|argued|stated|explained|announced|predicted|replied|insisted|commented|"
    r"estimated|acknowledged|recommended|repeated|reiterated|urged|wrote|declared|stressed|"
    r"agreed(?=[.,])|conceded|cautioned|complained|observed|testified|disclosed|denied|"
    r"as saying)\b"  # "It quoted Keswick as saying": the one quoted speaks
)
# "Thompson, commenting in the annual report, said", "Xuto of Thailand, said", "Ng of Acme said"
_SPEAKS_AFTER_ASIDE = re.compile(
    r"(?:,[^.;\"“”\n]{1,120}?,|\s+(?:of|at|from)\s[^.;,\"“”\n]{1,60}?,?)" + _SPEAKS_AFTER.pattern
)
_SPEAKS_AFTER_COMMA = re.compile("," + _SPEAKS_AFTER.pattern)
_SAID_WORDS = ("said", "says", "added", "according to")
_ROLE_BEFORE = re.compile(r"((?:[\w.'’&-]+\s+){0,5}?[\w.'’&-]+),?\s*$")
# Words before a name that make it the object of a clause, not its subject.
OBJECT_MARKERS = word_set(
    "with to for from meeting met meet meets told tell tells asked ask urged urge against "
    "about than between including like of at on under replaced replacing succeeded "
    "succeeding visited visit visiting named appointed appoint interviewed criticised "
    "criticized thanked praised called call accused accusing quoted quoting contacted "
    "nominated nominating and sued beat defeated via among toward towards into over "
    "wrote saw see seeing joined joining phoned telephoned invited"
)


# Trades only firms practise in the plural, before a firm's name: "stockbrokers James Capel".
_PLURAL_TRADES = word_set("stockbrokers brokers auditors accountants")
# "the law firm Finch Abernathy", "the pension fund NorthCoast Super": organisations.
FIRM_NOUNS = (
    word_set(
        "firm company bank group fund house agency maker retailer insurer brokerage carrier "
        "airline network newspaper daily magazine station university broker consultancy "
        "manufacturer producer exporter importer supplier operator partnership subsidiary unit "
        "concern lender institute"
    )
    | _PLURAL_TRADES
)


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    name: str
    kind: str
    role: str | None = None
    female: bool | None = None
    subject: bool = True
    in_quote: bool = False
    entity: int = -1
    speaks: bool = False

    @property
    def surname(self) -> str:
        return surname(self.name)


_SUFFIXES = word_set("jr sr ii iii iv")


def surname(name: str) -> str:
    words = [w for w in name.split() if w.lower().strip(".,") not in _SUFFIXES]
    return words[-1] if words else name


def find_mentions(
    text: str, quoted: list[tuple[int, int]], end: int | None = None
) -> list[Mention]:
    """Every person, organisation and bare name in `text` (up to `end`), in order."""
    found: list[Mention] = []
    end = len(text) if end is None else end
    # Names inside a quotation are never its speaker: read only the text between quotes.
    segments, at = [], 0
    for q_start, q_end in quoted:
        if q_start > at:
            segments.append((at, min(q_start, end)))
        at = max(at, q_end)
    if at < end:
        segments.append((at, end))
    for s_start, s_end in segments:
        if s_start < s_end:
            _read_segment(text, s_start, s_end, found)
    return found


_TICKER = re.compile(r"[A-Z]{1,6}(?:\.[A-Z]{1,3})?>")
_TICKER_OPEN = re.compile(r"<(?:[A-Z]{1,6}\.)?$")
_PRESS_NOUN_AFTER = re.compile(r"[\"”]?\s+(?:newspaper|magazine|daily|weekly)s?\b")


def _read_segment(text: str, start: int, end: int, found: list[Mention]) -> None:
    for match in CAPITALISED_RUN.finditer(text, start, end):
        run = match.group(0)
        pieces = _parse_pieces(run)
        if not pieces and _one_word(run):
            continue  # most runs: one capitalised word that names no one
        if _TICKER.match(text, match.start()) and _TICKER_OPEN.search(
            text, max(0, match.start() - 8), match.start()
        ):
            continue  # a stock ticker, or its exchange: "Sedgwick Group Plc <SDWK.L>", "<AIRH.SI>"
        if _PRESS_NOUN_AFTER.match(text, match.end()):
            continue  # "the Gazeta Mercantil newspaper": a publication's title, not a person
        if not pieces and (firm := _short_firm(run, found)):
            # "Carolina Power and Light Co … Carolina Power said": a firm named after a place,
            # called by its first words.
            found.append(Mention(match.start(), match.end(), firm, ORGANISATION))
        if not pieces:
            continue
        base = match.start()
        for offset, name, kind, role, title in pieces:
            at = base + offset
            if (title or role) and kind == PERSON and (firm := _titled_firm(text, at, name, found)):
                at, name, kind, role, title = (
                    firm,
                    text[firm : at + len(name)],
                    ORGANISATION,
                    None,
                    None,
                )
            mention = Mention(at, at + len(name), name, kind, role)
            if title in FEMALE_TITLES or title in MALE_TITLES:
                mention.female = title in FEMALE_TITLES
            if kind == PERSON and not role:
                mention.role = role = role_before(text, at)
            lead = at
            if role and text.startswith(role, at - len(role) - 1):
                lead = at - len(role) - 1
            elif role and text.startswith(role, at - len(role) - 2):
                lead = at - len(role) - 2
            words_before = text[max(0, lead - 30) : lead].split()
            while words_before and words_before[-1].lower() in ("the", "a", "an"):
                words_before.pop()  # "with the Securities and Exchange Commission"
            before = words_before[-1].rstrip(",").lower() if words_before else ""
            # "after debating Haddad", "meeting Finance Minister Jane Doe": an object; not past a
            # comma ("Speaking after the sentencing, Babatunde said") nor a sentence's "And"
            # ("And Poehl noted that …").
            participle = before.endswith("ing") and before.isalpha() and before.islower()
            clause = bool(words_before) and words_before[-1].endswith(",")
            clause = clause or words_before[-1:] == ["And"]
            # "… and Moore denied it": a name the reporting verb follows is its subject.
            said = _SPEAKS_AFTER.match(text, mention.end)
            marked = (before in OBJECT_MARKERS or participle) and not said
            if marked and not clause or _owner(text, mention):
                # "a test for Minister Helga Sorvik, who took office": the relative's subject
                mention.subject = _WHO.match(text, mention.end) is not None
            if kind == PERSON and before in FIRM_NOUNS and lead == at:
                # "the law firm Finch Abernathy"; "a company spokesman, Henrik Tamm" is a person
                mention.kind = kind = ORGANISATION
            if kind == SINGLE:
                mention.speaks = speaks(text, mention)
            found.append(mention)


_WHO = re.compile(r",\s+who\s")


def _short_firm(run: str, found: list[Mention]) -> str | None:
    """`run` (two words or more) when it opens the name of a company named before."""
    if _one_word(run):
        return None
    for mention in found:
        name = mention.name
        if (
            mention.kind == ORGANISATION
            and name.startswith(run + " ")
            and name.split()[-1].lower() in CORPORATE_SUFFIXES
        ):
            return run
    return None


def _one_word(run: str) -> bool:
    # A run's words are joined by spaces and tabs only (CAPITALISED_RUN).
    return " " not in run and "\t" not in run


_WORD_BEFORE = re.compile(r"[A-Z][\w.]*\s+$")


def _titled_firm(text: str, at: int, name: str, found: list[Mention]) -> int | None:
    """Where "General Mills" starts when a firm named before begins so ("General Mills Inc"):
    the title or role is part of the firm's name, not a general's."""
    before = _WORD_BEFORE.search(text, max(0, at - 20), at)
    if before is None:
        return None
    full = text[before.start() : at + len(name)]
    for mention in found:
        if mention.kind == ORGANISATION and f"{mention.name} ".startswith(f"{full} "):
            return before.start()
    return None


def _owner(text: str, mention: Mention) -> bool:
    return text.startswith(("'s", "’s"), mention.end)


def speaks(text: str, mention: Mention) -> bool:
    """Whether the mention is the subject of a reporting verb: "Volcker said", "said Volcker"."""
    return bool(
        _SPEAKS_AFTER.match(text, mention.end)
        or _SPEAKS_AFTER_ASIDE.match(text, mention.end)
        # "Taiwan's ambassador, Henry Wang, told reporters": a name set off as an appositive.
        or (_SPEAKS_AFTER_COMMA.match(text, mention.end) and _after_comma(text, mention.start))
        or (
            _INVERTED.search(text[max(0, mention.start - 40) : mention.start]) is not None
            # "…," said Volcker." yes; "Develle said Paribas expected …" and "a banker said
            # Volcker, with others, deserves credit" no
            and _CLAUSE_ENDS.match(text, mention.end) is not None
        )
    )


def _after_comma(text: str, at: int) -> bool:
    """Set off by a comma, and not after a publication ("the financial daily, Boersenzeitung")."""
    before = text[max(0, at - 40) : at].rstrip()
    words = before[:-1].split() if before.endswith(",") else []
    return bool(words) and _bare(words[-1]).removesuffix("s") not in PUBLICATIONS


# A reporting verb right after a quotation, or opening a sentence, before the name.
_INVERTED = re.compile(
    r"(?:[\"”’]\s*|[,.]\s*[\"”’]\s*|^\s*|[.!?]\s+)(?:" + "|".join(_SAID_WORDS) + r")\s+"
    r"(?:[A-Z][\w.’'-]*\s+){0,6}$",
    re.IGNORECASE,
)


_CLAUSE_ENDS = re.compile(r"\s*(?:[,.;:)]|$)|\s+(?:of|at|from|in|on|for)\b")


@lru_cache(maxsize=1 << 16)
def _parse_pieces(run: str) -> tuple[tuple[int, str, str, str | None, str | None], ...]:
    """The mentions in one capitalised run, with offsets relative to the run."""
    parsed = []
    for start, piece in _split_people(_sentence_pieces(0, run)):
        found = parse_run(piece)
        if found is not None:
            offset, name, kind, role, title = found
            parsed.append((start + offset, name, kind, role, title))
    return tuple(parsed)


def _split_people(pieces: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """ "Mrs Anna Weber and Mr Otto Kranz" is two people; "Procter and Gamble" is one firm."""
    split = []
    for start, piece in pieces:
        left, sep, right = piece.partition(" and ")
        if sep and (
            (_is_person_run(left) and _is_person_run(right))
            or left.split()[-1].lower() in CORPORATE_SUFFIXES
            or _two_bodies(left, right)
        ):
            split.append((start, left))
            split.append((start + len(left) + len(sep), right))
        else:
            split.append((start, piece))
    return split


def _two_bodies(left: str, right: str) -> bool:
    """ "the Bank of Japan and Finance Ministry": two named bodies, not "Securities and
    Exchange Commission" nor "Merrill Lynch and Co Inc", whose second part names nothing."""
    named = [w for w in left.split() if _bare(w) not in OPENERS]
    if len(named) < 2 or len(right.split()) < 2:
        return False
    if _bare(right.split()[0]) in ORG_WORDS or _bare(right.split()[-1]) in CORPORATE_SUFFIXES:
        return False  # "Highveld Steel and Vanadium Corp": one firm
    return classify(" ".join(named)) == ORGANISATION and classify(right) == ORGANISATION


def _is_person_run(run: str) -> bool:
    parsed = parse_run(run)
    return parsed is not None and parsed[2] == PERSON


def _sentence_pieces(start: int, run: str) -> list[tuple[int, str]]:
    """Split a run at a full stop that ends a sentence rather than an abbreviation."""
    if "." not in run:
        return [(start, run)]
    pieces, piece_start, at = [], 0, 0
    for word in run.split(" "):
        at_end = at + len(word)
        if word.endswith(".") and not _is_abbreviation(word):
            pieces.append((start + piece_start, run[piece_start : at_end - 1]))
            piece_start = at_end + 1
        elif word.endswith(".") and _bare(run[at_end + 1 :].split(" ", 1)[0]) in OPENERS:
            pieces.append((start + piece_start, run[piece_start:at_end]))
            piece_start = at_end + 1
        at = at_end + 1
    if piece_start < len(run):
        pieces.append((start + piece_start, run[piece_start:]))
    return [(s, p.strip()) for s, p in pieces if p.strip()]


def _is_abbreviation(word: str) -> bool:
    return bool(_INITIAL.match(word)) or word[:-1].lower() in _ABBREVIATIONS


@lru_cache(maxsize=1 << 16)
def parse_run(run: str) -> tuple[int, str, str, str | None, str | None] | None:
    """(offset of the name in run, name, kind, role, title) for one capitalised run."""
    words = run.split()
    offset = 0
    while (
        words
        and _bare(words[0]) in NOT_NAME
        and _title(words[0]) not in TITLES
        and not (words[0] == "New" and len(words) > 1 and words[1] in _AFTER_NEW)
    ):
        offset += len(words.pop(0)) + 1
        while words and words[0] in _CONNECTORS:
            offset += len(words.pop(0)) + 1
    while len(words) > 1 and words[0].endswith("-based"):
        offset += len(words.pop(0)) + 1  # "the Washington-based Atlantic Council": where it is
    firm = len(words) > 1 and _bare(words[0]) in _PLURAL_TRADES
    if firm:
        offset += len(words.pop(0)) + 1  # "Stockbrokers James Capel said": a firm
    if not words:
        return None
    title = _title(words[0]) if _title(words[0]) in TITLES and len(words) > 1 else None
    named = list(itertools.takewhile(lambda w: w not in _CONNECTORS, words[1:]))
    if title and (not named or classify(" ".join(named)) in (ORGANISATION, OTHER)):
        title = None  # "Major League Baseball", "Justice Department"
    role_end = _role_end(words) or _party_end(words)
    if role_end == len(words):
        return None
    role = None
    if role_end:
        role = " ".join(words[:role_end])
        offset += len(role) + 1
        words = words[role_end:]
        if title and _title(words[0]) not in TITLES:
            title = None
        while len(words) > 1 and _title(words[0]) in TITLES:
            offset += len(words.pop(0)) + 1
    elif title:
        offset += len(words.pop(0)) + 1
    if words[-1] in _CONNECTORS:
        return None
    while len(words) > 2 and words[-1] in _POST_NOMINALS:
        words = words[:-1]  # "Helen Strachan KC"
    split = _person_after_organisation(words)
    if split:
        # "the 12-member European Community Tran Van Thinh": the organisation is the role
        offset += len(" ".join(words[:split])) + 1
        role = " ".join(words[:split])
        words = words[split:]
    elif len(words) >= 3 and _ACRONYM.match(words[0]) and classify(" ".join(words[1:])) == PERSON:
        # "(U.S. Ambassador to) GATT Michael Samuels": the acronym qualifies the person
        offset += len(words[0]) + 1
        role = f"{role} {words[0]}" if role else words[0]
        words = words[1:]
    owner = next(
        (n for n, w in enumerate(words[:-1]) if _POSSESSIVE.search(w) or w.endswith(("s'", "s’"))),
        -1,
    )  # "Fed's Volcker", "DLJ Securities' Hassenberg"
    if owner >= 0 and len(words) - owner - 1 <= 3:
        rest = " ".join(words[owner + 1 :])
        if classify(rest) in (PERSON, SINGLE):
            head = " ".join(words[: owner + 1])
            offset += len(head) + 1
            role = f"{role} {head}" if role else head
            words = words[owner + 1 :]
    if _POSSESSIVE.search(words[-1]):
        words[-1] = words[-1][:-2]
    elif len(words[-1]) > 2 and words[-1].endswith(("s'", "s’")):
        words[-1] = words[-1][:-1]  # "the Life Insurers' study"
    name = " ".join(words)
    kind = classify(name)
    if kind != PERSON and len(words) > 2:
        connector = next((n for n, w in enumerate(words) if w in ("of", "at", "from")), 0)
        left = classify(" ".join(words[:connector])) if connector else None
        employer = classify(" ".join(words[connector + 1 :])) if left == SINGLE else None
        if left == PERSON or employer in (ORGANISATION, OTHER, PERSON):
            # "John Rooney of Moseley Securities Corp", "Mills of the Federation of Industries",
            # "Johnson of L.F. Rothschild" (a firm named after a person)
            name = " ".join(words[:connector])
            words = words[:connector]
            kind = PERSON if connector > 1 or title or role else SINGLE
    if kind == OTHER and (title or role) and len(words) <= 3:
        kind = _person_or_other(words)
    elif (title or role) and kind in (SINGLE,):
        kind = PERSON
    if kind == SINGLE and role:
        kind = PERSON
    if firm and kind in (PERSON, SINGLE):
        kind, role = ORGANISATION, None
    if kind == OTHER:
        return None
    return offset, name, kind, role, title


def _party_end(words: list[str]) -> int:
    """1 for "Republican Bill Frenzel", whose party is his role, 2 for "Ohio Democrat Jane
    Doe", whose state goes with it; 0 otherwise."""
    state = 1 if len(words) > 3 and _bare(words[0]) in PLACE_WORDS else 0
    if len(words) > 2 + state and _bare(words[state]) in _PARTIES:
        name = list(itertools.takewhile(lambda w: w not in _CONNECTORS, words[state + 1 :]))
        # "… of Michigan"
        return state + 1 if name and classify(" ".join(name)) == PERSON else 0
    return 0


def _person_after_organisation(words: list[str]) -> int:
    """Where a person's name starts after an organisation's in one run, or 0."""
    for n, word in enumerate(words[:-2]):
        rest = words[n + 1 :]
        if _bare(word) in ORG_WORDS and len(rest) <= 4 and classify(" ".join(rest)) == PERSON:
            return n + 1
    return 0


def _person_or_other(words: list[str]) -> str:
    lowered = {_bare(w) for w in words}
    if lowered & _NOT_A_PERSON:
        return OTHER
    return PERSON


def _role_end(words: list[str]) -> int:
    """How many leading words are a role ("U.S. Trade Representative"), 0 if none."""
    last_role = -1
    for n, word in enumerate(words[:-1]):
        if _title(word) in ROLE_WORDS or role_word(_bare(word)):
            last_role = n
    if last_role < 0 or _employer_word(words, last_role):
        return 0
    end = last_role + 1
    while end < len(words) - 1 and (
        words[end] in _CONNECTORS
        or _bare(words[end]) in _ROLE_CONTINUES
        or (words[end] == "to" and end == last_role + 1)  # "Ambassador to GATT"
        or (words[end - 1] == "to" and _ACRONYM.match(words[end]))
    ):
        end += 1
    if words[end] in _CONNECTORS:
        return 0
    if end == len(words) - 1 and _bare(words[end]) in ROLE_DOMAIN and "of" in words[:end]:
        return len(words)  # "Professor of Food Science": a role and no name
    rest = [_bare(w) for w in words[end:]]
    # "Analyst Ned Voss of Carran and Co": the firm after "of" is the person's employer.
    rest = list(itertools.takewhile(lambda w: w not in ("of", "at", "from"), rest))
    if any(w in ORG_WORDS or w in EVENTS for w in rest):
        return 0
    return end


def role_word(word: str) -> bool:
    """ "secretary-general", "under-secretary", "technician", "pharmacologist": a role, by a
    hyphenated part or by the ending of a trade."""
    pieces = word.split("-")
    return any(p in ROLE_WORDS for p in pieces) or pieces[-1].endswith(_TRADE_ENDINGS)


_TRADE_ENDINGS = ("ician", "ologist")


def _employer_word(words: list[str], last_role: int) -> bool:
    """ "Chris Callies of Dean Witter": a role word after a person's name and "of" is part of
    the employer's name, not a role before a name."""
    of = next((n for n, w in enumerate(words[:last_role]) if w in ("of", "at", "from")), 0)
    # "Sullivan of Dean Witter": a surname alone, too
    return of > 0 and classify(" ".join(words[:of])) in (PERSON, SINGLE)


_PARTY_MEMBERS = word_set("democrat democrats republican republicans")
_PARTIES = _PARTY_MEMBERS | {"democratic"}
# Unions asked for once per name parsed, so made once.
_NOT_A_NAME = EVENTS | PUBLICATIONS | CALENDAR
_NOT_A_NAME_HEAD = _NOT_A_NAME | _PARTY_MEMBERS
_NOT_A_PERSON = ORG_WORDS | PLACE_WORDS | _NOT_A_NAME | ROLE_WORDS
_ROLE_CONTINUES = ROLE_DOMAIN | ORG_WORDS | PLACE_WORDS
_PLACES_AND_PEOPLES = PLACE_WORDS | NATIONALITIES
# Given names that are also words of an event or of a two-word place ("San Francisco").
_GIVEN_NAMES = word_set("bill francisco paulo")


@lru_cache(maxsize=1 << 16)
def classify(name: str) -> str:
    words = name.split()
    lowered = [_bare(w) for w in words]
    vocabulary = set(lowered)
    if len(words) > 1 and lowered[0] in _GIVEN_NAMES:
        vocabulary.discard(lowered[0])  # "Bill James", "Francisco Gros": a first name
    connector = next((n for n, w in enumerate(words) if w in _CONNECTORS), len(words))
    head = lowered[connector - 1] if connector else lowered[-1]
    if head in _NOT_A_NAME_HEAD:
        return OTHER  # "(the) Louisiana Democrat" is a description, not a name
    if len(words) > 1 and head in ROLE_WORDS and connector == len(words):
        return OTHER  # a role, not its office: "Treasury Secretary", "Fed Chairman"
    if vocabulary & ORG_WORDS or "&" in words[1:-1]:
        return ORGANISATION  # "Harrow & Finch"
    if vocabulary & _NOT_A_NAME:
        return OTHER
    if len(words) == 1:
        word = words[0]
        if lowered[0] in PLACE_WORDS or lowered[0] in NATIONALITIES or lowered[0] in ROLE_WORDS:
            return OTHER
        if lowered[0] in ROLE_DOMAIN or "." in word.rstrip("."):
            return OTHER
        if _ACRONYM.match(word) and len(word) > 1:
            return ORGANISATION
        return SINGLE
    if vocabulary & _PLACES_AND_PEOPLES:
        return OTHER
    if any(_ACRONYM.match(w) and len(w) > 1 for w in words):
        return ORGANISATION
    if len(words) > 4 or vocabulary & ROLE_DOMAIN or vocabulary & ROLE_WORDS:
        return OTHER
    if any(w in _CONNECTORS and w not in _NAME_PARTICLES for w in words):
        return OTHER
    if any(
        "." in w and not _INITIAL.match(w) and _bare(w)[:-1] not in _ABBREVIATIONS for w in words
    ):
        return OTHER
    return PERSON


def role_before(text: str, at: int) -> str | None:
    """A lower-case role written before a name: "AWB general manager Ron Paice"."""
    window = text[max(0, at - 80) : at]
    last = window.rsplit(None, 1)[-1:]  # most names have no role: look at one word first
    if not last or _bare(last[0].rstrip(",")) not in ROLE_WORDS:
        return None
    words = window.split()
    role: list[str] = []
    for word in reversed(words):
        clean = word.rstrip(",")
        if role and word.endswith(","):
            break
        bare = _bare(clean)
        if bare in _NOT_NAME_NOR_CHIEF:
            break
        if not (
            clean[:1].isupper()
            or bare in ROLE_WORDS
            or bare in ROLE_DOMAIN
            or bare in _ROLE_MODIFIERS
        ):
            break
        role.append(clean)
    return " ".join(reversed(role)) or None


_NOT_NAME_NOR_CHIEF = NOT_NAME - {"chief"}
_ROLE_MODIFIERS = word_set(
    "general deputy vice chief senior former managing executive central bank national "
    "assistant acting interim associate principal permanent under regional senior junior "
    "defence defense finance trade foreign economics market research investment press"
)


_POST_NOMINALS = word_set("KC QC MP MEP OBE CBE MBE")
_AFTER_NEW = word_set("York Jersey Zealand Mexico Hampshire England Delhi Orleans Brunswick")


@lru_cache(maxsize=1 << 16)
def _title(word: str) -> str:
    """ "Dr." and "Dr", "Sen." and "Sen" alike."""
    return _bare(word).rstrip(".")


@lru_cache(maxsize=1 << 16)
def _bare(word: str) -> str:
    return _POSSESSIVE.sub("", word).lower().rstrip(",")
