"""Quotation extraction and attribution, on the seed article and on constructions one by one."""

from __future__ import annotations

import pytest

from search.quotes import Quote, extract_quotes
from tests.conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")

SEED_QUOTES = [
    (
        "On the evening of January 12, the liberation of the city of Soledar was completed, "
        "which is important for the continuation of successful offensive operations",
        "Russia's Defence Ministry",
    ),
    (
        "Even if both Bakhmut and Soledar fall to the Russians, it's not going to have a "
        "strategic impact on the war itself,",
        "John Kirby",
    ),
    ("and it certainly isn't going to stop the Ukrainians or slow them down.", "John Kirby"),
    (
        "not an operationally significant development and is unlikely to presage an imminent "
        "Russian encirclement of Bakhmut.",
        "Institute for the Study of War",
    ),
    ("overexaggerated the importance of Soledar,", "Institute for the Study of War"),
    (
        "This concern about the next level of escalation, for me, is some kind of protocol,",
        "Oleksii Reznikov",
    ),
    (
        "Ukraine as a country, and the armed forces of Ukraine, became [a] member of Nato. "
        "De facto, not de jure (by law). Because we have weaponry, and the understanding of "
        "how to use it.",
        "Oleksii Reznikov",
    ),
    ("NATO essentially has been benched,", "Tobias Ellwood"),
    (
        "We should be doing far more to put this fire out and we're not doing that.",
        "Tobias Ellwood",
    ),
]


def pairs(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(text)]


def test_every_quote_of_the_seed_article_with_its_speaker():
    assert pairs(SEED_TEXT) == SEED_QUOTES


def test_offsets_point_at_the_quoted_words():
    for quote in extract_quotes(SEED_TEXT):
        assert SEED_TEXT[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    "text",
    [
        'The mayor said: "We will rebuild the bridge by spring."',
        "The mayor said: “We will rebuild the bridge by spring.”",
        "The mayor said: «We will rebuild the bridge by spring.»",
    ],
)
def test_straight_curly_and_guillemet_marks(text):
    assert [q.text for q in extract_quotes(text)] == ["We will rebuild the bridge by spring."]


def test_apostrophes_are_never_quote_marks():
    text = "Russia’s army and Ukraine's forces said it's over. Nobody's quote here."
    assert extract_quotes(text) == []


def test_single_quotes_nested_inside_stay_in_the_text():
    text = "\"They called it 'a victory', but it was not,\" Anna Petrova said."
    assert pairs(text) == [("They called it 'a victory', but it was not,", "Anna Petrova")]


def test_verb_after_the_quote_with_name_first_and_name_last():
    assert pairs('"Prices will rise," Jane Doe said.') == [("Prices will rise,", "Jane Doe")]
    assert pairs('"Prices will rise," said Jane Doe.') == [("Prices will rise,", "Jane Doe")]


def test_verb_before_the_quote():
    text = 'Central bank governor Karl Otto Pohl told reporters that "rates are appropriate."'
    assert pairs(text) == [("rates are appropriate.", "Karl Otto Pohl")]


def test_according_to():
    text = '"Output will fall sharply," according to Maria Lopez, an analyst.'
    assert pairs(text) == [("Output will fall sharply,", "Maria Lopez")]


def test_organisation_as_speaker():
    text = '"The talks have failed," the Finance Ministry said on Monday.'
    assert pairs(text) == [("The talks have failed,", "Finance Ministry")]


def test_split_quote_gives_two_quotes_with_one_speaker():
    text = '"We are ready," Peter Brown said, "and we will not wait any longer."'
    assert pairs(text) == [
        ("We are ready,", "Peter Brown"),
        ("and we will not wait any longer.", "Peter Brown"),
    ]


def test_pronoun_resolves_to_the_person_named_before():
    text = 'Economist Sarah Klein spoke to the BBC.\n\n"Inflation is cooling," she said.'
    assert pairs(text) == [("Inflation is cooling,", "Sarah Klein")]


def test_description_resolves_to_the_person_named_before():
    text = (
        "Tom Hardy, a retired general, spoke on Sunday.\n\n"
        '"The front is holding," the former army officer told the BBC.'
    )
    assert pairs(text) == [("The front is holding,", "Tom Hardy")]


def test_a_quote_only_paragraph_continues_the_previous_speaker():
    text = (
        '"We will appeal," Laura Chen said.\n\n'
        '"The ruling ignores the evidence and the law."\n\n'
        "The court declined to comment."
    )
    assert pairs(text) == [
        ("We will appeal,", "Laura Chen"),
        ("The ruling ignores the evidence and the law.", "Laura Chen"),
    ]


def test_a_quote_continued_in_the_next_paragraph_without_a_closing_mark():
    text = (
        '"The first part of the statement runs to the end of this paragraph.\n\n'
        '"And the second part continues here," Omar Haddad said.'
    )
    assert pairs(text) == [
        ("The first part of the statement runs to the end of this paragraph.", "Omar Haddad"),
        ("And the second part continues here,", "Omar Haddad"),
    ]


def test_an_attributed_opening_paragraph_carries_into_its_continuation():
    text = (
        'Omar Haddad said: "The first part runs to the end of this paragraph.\n\n'
        '"And the second part continues here."\n\nOther news followed.'
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Omar Haddad", "Omar Haddad"]


def test_scare_quotes_are_not_quotations():
    text = 'Residents spent a "hot" night in cellars as fighting went "house to house".'
    assert pairs(text) == []


@pytest.mark.parametrize(
    "text",
    [
        'The inquiry into what became known as "the Harbour Gate Affair" opened on Monday.',
        'The council said its "Clean Streets 2030" plan would cost 4 mln dlrs, the mayor said.',
        'He said the studio\'s films "Marlowe" and "Eastbound" earned 30 mln dlrs.',
        'The company said its "ZX" line would be sold, a spokesman said.',
        'Critics said "The Long Road," the minister\'s memoir, was late.',
    ],
)
def test_names_and_titles_in_marks_are_not_quotations(text):
    assert extract_quotes(text) == []


def test_a_one_word_statement_keeps_its_own_punctuation_and_stays_a_quotation():
    text = '"Never," the minister said when asked about a second vote.'
    assert [q.text for q in extract_quotes(text)] == ["Never,"]


def test_a_short_phrase_given_as_somebodys_words_is_a_quotation():
    text = 'The minister called it a "special operation" at the summit, officials said.'
    assert [q.text for q in extract_quotes(text)] == ["special operation"]


def test_canonical_speaker_is_the_fullest_name_used():
    text = (
        "Finance minister Olaf Berger met bankers.\n\n"
        '"We have a plan," Mr Berger said.\n\n'
        '"It will work," Berger added.'
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Olaf Berger", "Olaf Berger"]


def test_unattributed_long_quote_has_no_speaker():
    text = 'The sign read "No entry for unauthorised vehicles after dark" in large letters.'
    assert pairs(text) == [("No entry for unauthorised vehicles after dark", None)]


def test_quote_type_is_plain_data():
    (quote,) = extract_quotes('"Yes, we can," Ann Lee said.')
    assert quote == Quote("Yes, we can,", "Ann Lee", 1, 13, "person", None, "named_after_quote")
    assert Quote("Yes, we can,", "Ann Lee", 1, 13).speaker_kind is None
