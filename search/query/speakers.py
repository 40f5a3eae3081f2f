"""A speaker's page: what one person or organisation is quoted as saying, when, in what roles,
and who else the same articles quote."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from search.query import periods
from search.query.results import SearchPage, Timeline

ALONGSIDE_SHOWN = 10
OTHERS_SHOWN = 10


@dataclass(frozen=True)
class SpeakerView:
    name: str  # the fullest name the archive uses
    also_named: list[str]  # other indexed forms merged into this speaker ("Volcker")
    quotes: SearchPage  # QuoteHits, newest first unless a query ranks them
    roles: list[str]  # as the articles give them, most recent first
    by_month: Timeline
    alongside: list[tuple[str, int]] = field(default_factory=list)
    # Other speakers whose names hold the words asked ("baker": Howard Baker), most quoted first.
    others: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "also_named": self.also_named,
            "others": self.others,
            "roles": self.roles,
            "alongside": [{"speaker": s, "articles": n} for s, n in self.alongside],
            "by_month": self.by_month.to_dict(),
            **self.quotes.to_dict(),
        }


def by_month(name: str, dates: Mapping[date, int]) -> Timeline:
    """Quotations per month, over the months the speaker was quoted."""
    series = periods.bucket(dates, "month")
    return Timeline("month", [p for p, _ in series], {name: [n for _, n in series]})


def alongside(names: set[str], counted: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The other speakers of the articles that quote `names`, most articles first, from those
    articles' speaker counts (`counted`, in that order)."""
    return [(s, n) for s, n in counted if s not in names][:ALONGSIDE_SHOWN]


def recent_roles(roles_by_date: list[tuple[date | None, str]]) -> list[str]:
    """Distinct roles, the most recently held first."""
    ordered = sorted(roles_by_date, key=lambda pair: pair[0] or date.min, reverse=True)
    return list(dict.fromkeys(role for _, role in ordered if role))


def merged_counts(counts: list[tuple[str, int]], heads: dict[str, str]) -> list[tuple[str, int]]:
    """A speaker facet counting people, not strings: "Volcker" and "Paul Volcker" are one.

    An article names one person by one form, so the sum of the forms' counts is the person's.
    """
    total: Counter[str] = Counter()
    for name, count in counts:
        total[heads.get(name, name)] += count
    return sorted(total.items(), key=lambda item: (-item[1], item[0]))
