"""One speaker across the archive: "Volcker" in one article and "Paul Volcker" in another."""

from __future__ import annotations

from collections import Counter, defaultdict

from search.quotes.mentions import word_set

_SUFFIXES = word_set("jr jr. sr sr. ii iii iv")
_CORPORATE = word_set("inc inc. corp corp. co co. ltd ltd. plc plc. llc corporation and")
_SPELLINGS = {"organization": "organisation"}
# A country before a name that is long enough to be one body's ("U.S. Securities and Exchange
# Commission"); "U.S. Treasury" stays apart from a Treasury that may be another country's.
_COUNTRY_PREFIXES = word_set("u.s. us")
_SPECIFIC_WORDS = 3


def _parts(name: str) -> tuple[str, str] | None:
    """(first name, surname) in lower case; first is "" for a surname alone."""
    words = [w for w in name.split() if w.lower() not in _SUFFIXES]
    if not words:
        return None
    return (words[0].lower() if len(words) > 1 else "", words[-1].lower())


def _compatible(first: str, other: str) -> bool:
    """ "paul" and "p." and "" agree; "paul" and "peter" do not."""
    if not first or not other:
        return True
    a, b = first.rstrip("."), other.rstrip(".")
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def merge_speakers(counts: Counter[tuple[str, str | None]]) -> dict[str, str]:
    """Map each person's name to the archive-level name of the person it denotes.

    A surname alone joins the one full name with that surname, and a full name joins a
    fuller or more frequent compatible form ("P. Volcker" → "Paul Volcker"). A surname shared
    by people with different first names is ambiguous and stays apart. An organisation
    joins the most frequent of its forms that differ only in a corporate suffix, the spelling
    of "organisation", or a country before a long name ("Merrill Lynch and Co Inc" and
    "Merrill Lynch"; "U.S. Securities and Exchange Commission" and "Securities and Exchange
    Commission"). Unnamed sources map to themselves.
    """
    mapping: dict[str, str] = {name: name for name, _ in counts}
    by_surname: dict[str, list[str]] = defaultdict(list)
    totals: Counter[str] = Counter()
    for (name, kind), count in counts.items():
        totals[name] += count
        parts = _parts(name) if kind == "person" else None
        if parts and name not in by_surname[parts[1]]:
            by_surname[parts[1]].append(name)
    for names in by_surname.values():
        full = [n for n in names if " " in n.strip()]
        groups: list[list[str]] = []
        for name in sorted(full, key=lambda n: (-totals[n], -len(n), n)):
            first = _parts(name)[0]  # type: ignore[index]
            for group in groups:
                if all(_compatible(first, _parts(m)[0]) for m in group):  # type: ignore[index]
                    group.append(name)
                    break
            else:
                groups.append([name])
        for group in groups:
            head = max(group, key=lambda n: (totals[n], len(n)))
            for name in group:
                mapping[name] = head
        if len(groups) == 1:
            head = mapping[groups[0][0]]
            for name in names:
                if " " not in name.strip():
                    mapping[name] = head
    mapping.update(_merged_organisations(counts, totals))
    return mapping


def _merged_organisations(counts: Counter, totals: Counter[str]) -> dict[str, str]:
    forms: dict[str, list[str]] = defaultdict(list)
    for name, kind in counts:
        key = _organisation_key(name) if kind == "organisation" else None
        if key and name not in forms[key]:
            forms[key].append(name)
    out = {}
    for names in forms.values():
        head = max(names, key=lambda n: (totals[n], len(n), n))
        out.update({name: head for name in names})
    return out


def _organisation_key(name: str) -> str | None:
    words = [_SPELLINGS.get(w, w) for w in name.replace("&", "and").lower().split()]
    if len(words) > _SPECIFIC_WORDS and words[0] in _COUNTRY_PREFIXES:
        words = words[1:]
    while len(words) > 1 and words[-1].rstrip(",") in _CORPORATE:
        words.pop()
    return " ".join(words) or None
