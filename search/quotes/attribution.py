"""Who said each quote: the sieves applied in order, each quote decided by the first that can."""

from __future__ import annotations

import re
from collections.abc import Callable

from search.quotes.context import Context, Decision
from search.quotes.sieves import (
    continuation,
    document_text,
    named_after_quote,
    named_before_quote,
    nominal_subject,
    previous_sentence,
    pronoun_subject,
    publication_voice,
    sentence_subject,
    unnamed_source_subject,
    which_he_called,
)
from search.quotes.spans import Span

_ENDS_SENTENCE = re.compile(r"[.!?]\s")
Sieve = Callable[[Context, int], "Decision | None"]

# From the most precise to the least.
SIEVES: tuple[Sieve, ...] = (
    which_he_called,
    publication_voice,
    named_after_quote,
    named_before_quote,
    continuation,
    document_text,
    pronoun_subject,
    nominal_subject,
    unnamed_source_subject,
    sentence_subject,
    previous_sentence,
)


def attribute(
    text: str, spans: list[Span], titles: list[Span] | None = None
) -> list[Decision | None]:
    """One decision (or None: nobody found) per span, in order; `titles` are the marks that
    hold no one's words (scare quotes, titles), whose names are not mentions."""
    ctx = Context(text, spans, titles)
    for n in range(len(spans)):
        for sieve in SIEVES:
            decision = sieve(ctx, n)
            if decision is not None:
                ctx.decisions[n] = decision
                break
    _carry_back_into_unclosed(ctx)
    return ctx.decisions


def _carry_back_into_unclosed(ctx: Context) -> None:
    """A paragraph left open continues in the next one, whose attribution covers both."""
    spans, decisions = ctx.spans, ctx.decisions
    for n in range(len(spans) - 2, -1, -1):
        span, following = spans[n], spans[n + 1]
        if (
            span.close_mark is None
            and decisions[n] is None
            and decisions[n + 1] is not None
            and following.paragraph == span.paragraph + 1
        ):
            d = decisions[n + 1]
            assert d is not None
            decisions[n] = Decision(d.speaker, d.kind, d.role, "continuation")
    for n in range(len(spans) - 2, -1, -1):
        # `"He's tough," but "will hang on," Watanabe said`: one sentence, one speaker.
        span, following = spans[n], spans[n + 1]
        if decisions[n] is None and decisions[n + 1] is not None and span.close_mark is not None:
            between = ctx.text[span.close_mark + 1 : following.open_mark]
            if len(between) < 40 and "\n" not in between and not _ENDS_SENTENCE.search(between):
                d = decisions[n + 1]
                assert d is not None
                decisions[n] = Decision(d.speaker, d.kind, d.role, "continuation")
