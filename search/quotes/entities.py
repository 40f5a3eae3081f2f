"""One article's mentions clustered into entities: "Federal Reserve Board Chairman Paul
Volcker", "Mr Volcker" and "Volcker" are one person, named by the fullest form, "Paul Volcker",
with the role kept apart."""

from __future__ import annotations

from dataclasses import dataclass, field

from search.quotes.mentions import (
    CORPORATE_SUFFIXES,
    ORGANISATION,
    PERSON,
    SINGLE,
    Mention,
    surname,
)


@dataclass
class Entity:
    name: str
    kind: str
    role: str | None = None
    female: bool | None = None
    mentions: list[Mention] = field(default_factory=list)


class Entities:
    """The people and organisations of one article."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = mentions
        self.entities: list[Entity] = []
        self._by_surname: dict[str, list[int]] = {}
        self._org_words: dict[str, list[int]] = {}
        self._org_names: dict[str, int] = {}
        for mention in mentions:
            if mention.kind == PERSON and len(mention.name.split()) > 1:
                self._add_person(mention)
            elif mention.kind == ORGANISATION:
                self._add_org(mention)
        self._first_words = {
            e.name.split()[0].lower(): n
            for n, e in enumerate(self.entities)
            if e.kind == PERSON and len(e.name.split()) == 2
        }
        for mention in mentions:
            if mention.entity < 0:
                self._add_short(mention)
        self.mentions = [m for m in mentions if m.entity >= 0]

    def entity(self, mention: Mention) -> Entity:
        return self.entities[mention.entity]

    def _new(self, mention: Mention, kind: str) -> int:
        self.entities.append(Entity(mention.name, kind, mention.role, mention.female))
        return len(self.entities) - 1

    def _attach(self, number: int, mention: Mention) -> None:
        entity = self.entities[number]
        mention.entity = number
        entity.mentions.append(mention)
        if len(mention.name) > len(entity.name) and mention.kind == entity.kind:
            entity.name = mention.name
        entity.role = entity.role or mention.role
        if entity.female is None:
            entity.female = mention.female

    def _add_person(self, mention: Mention) -> None:
        firm = self._org_names.get(mention.name.lower()) or next(
            (
                n
                for name, n in self._org_names.items()
                if name.startswith(mention.name.lower() + " ")
            ),
            None,
        )
        if firm is not None:
            self._attach(firm, mention)  # "Santa Fe" after "Santa Fe Southern Pacific Corp"
            return
        key = mention.surname.lower()
        first = mention.name.split()[0].lower()
        for number in self._by_surname.get(key, []):
            other = self.entities[number].name.split()
            if len(other) == 1 or other[0].lower()[0] == first[0]:
                self._attach(number, mention)
                return
        number = self._new(mention, PERSON)
        self._by_surname.setdefault(key, []).append(number)
        self._attach(number, mention)

    def _add_org(self, mention: Mention) -> None:
        lowered = mention.name.lower()
        known = self._org_names.get(lowered)
        if known is None:
            known = next(
                (n for name, n in self._org_names.items() if _within(lowered, name)),
                None,
            )
        if known is None and mention.name.isupper():
            # "the NZIER" after "the New Zealand Institute of Economic Research"
            known = next(
                (n for n, e in enumerate(self.entities) if _initials(e.name) == mention.name),
                None,
            )
        if known is not None:
            self._org_names[lowered] = known
            self._attach(known, mention)
            return
        number = self._new(mention, ORGANISATION)
        self._org_names[lowered] = number
        for word in _org_keys(mention.name):
            self._org_words.setdefault(word, []).append(number)
        self._attach(number, mention)

    def _add_short(self, mention: Mention) -> None:
        """A surname alone, a titled surname, or a one-word organisation."""
        key = mention.name.lower()
        firm = self._first_words.get(key)
        if (
            firm is not None
            and mention.kind == SINGLE
            and key not in self._by_surname
            and mention.speaks  # "Eduardo" alone, in passing, is still Eduardo Cojuangco
            and not self.entities[firm].role
            and len(key) > 2
        ):
            # "Norrbridge Terminals" … "Norrbridge said": people go by surname, firms do not.
            self.entities[firm].kind = ORGANISATION
            self._attach(firm, mention)
            return
        if (
            firm is not None
            and mention.kind == SINGLE
            and key not in self._by_surname
            and (self.entities[firm].role or len(key) <= 2)
        ):
            # "Vice Premier Tian Jiyun … Tian said", "Li Sangsu … Li said": a surname written
            # first.
            self._attach(firm, mention)
            return
        people = self._by_surname.get(surname(mention.name).lower(), [])
        if people and (mention.kind in (PERSON, SINGLE)):
            self._attach(_nearest(self.entities, people, mention.start), mention)
            return
        orgs = self._org_words.get(key, [])
        if orgs and mention.kind in (SINGLE, ORGANISATION):
            self._attach(orgs[-1], mention)
            return
        if mention.kind == SINGLE and not mention.speaks and not mention.role:
            return  # "Noting", "Heavy": a capitalised word that opens a sentence
        kind = PERSON if mention.kind == SINGLE else mention.kind
        number = self._new(mention, kind)
        if kind == PERSON:
            self._by_surname.setdefault(surname(mention.name).lower(), []).append(number)
        else:
            for word in _org_keys(mention.name):
                self._org_words.setdefault(word, []).append(number)
        self._attach(number, mention)

    def display_name(self, entity: Entity) -> str:
        return entity.name


def _within(one: str, other: str) -> bool:
    """Whether either name holds the other as whole words: "Sears" and "Sears Roebuck", not
    "SI" and "Singapore Airlines"."""
    return f" {one} " in f" {other} " or f" {other} " in f" {one} "


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper() and w.lower() != "the")


def _org_keys(name: str) -> list[str]:
    words = [w for w in name.split() if w.lower() not in CORPORATE_SUFFIXES]
    keys = [" ".join(words).lower()]
    if words and words[0][:1].isupper():
        keys.append(words[0].lower())
    return keys


def _nearest(entities: list[Entity], numbers: list[int], at: int) -> int:
    """Of several people with one surname, the one named last before `at`."""
    best, best_at = numbers[0], -1
    for number in numbers:
        for mention in entities[number].mentions:
            if best_at < mention.start < at:
                best, best_at = number, mention.start
    return best
