"""Speakers as first-class data: a speaker's page in the CLI, the API and the web, one speaker
for the forms of a name the archive uses, and unnamed sources kept out of the speaker facet."""

from __future__ import annotations

import json

import pytest

from search import Index, SpeakerNotFound
from tests.conftest import indexed, run
from webui import create_app

WIRE = [
    {
        "id": "fed-1",
        "date": "1987-06-02",
        "title": "Volcker steps down",
        "body": 'Federal Reserve Board Chairman Paul Volcker said he would leave. "I have '
        'served long enough," Volcker told reporters. "Inflation is tamed," one trader said.',
    },
    {
        "id": "fed-2",
        "date": "1987-07-15",
        "title": "Volcker warns on deficits",
        "body": '"The budget deficit remains the biggest danger," Volcker said on Wednesday. '
        'Treasury Secretary James Baker said: "We agree with much of that."',
    },
    {
        "id": "fed-3",
        "date": "1987-08-20",
        "title": "Markets calm",
        "body": '"Prices look steady to us," said Anna Berg, economist at Acme Brothers.',
    },
]


@pytest.fixture(scope="module")
def fed(tmp_path_factory) -> Index:
    return indexed(tmp_path_factory.mktemp("fed"), WIRE)


def test_a_surname_and_the_full_name_are_one_speaker(fed):
    view = fed.speaker("volcker")
    assert view.name == "Paul Volcker"
    assert {h.article_id for h in view.quotes.hits} == {"fed-1", "fed-2"}
    assert fed.speaker("paul volcker").quotes.total == view.quotes.total == 2


def test_the_speaker_page_lists_quotes_newest_first_with_roles_and_company(fed):
    view = fed.speaker("volcker")
    assert [h.date.isoformat() for h in view.quotes.hits][0] == "1987-07-15"
    assert "Federal Reserve Board Chairman" in view.roles
    assert ("James Baker", 1) in view.alongside
    assert sum(view.by_month.series["Paul Volcker"]) == 2


def test_a_query_narrows_the_speakers_quotes(fed):
    view = fed.speaker("volcker", query="deficit")
    assert [h.article_id for h in view.quotes.hits] == ["fed-2"]


def test_unnamed_sources_are_quoted_but_not_counted_as_speakers(fed):
    assert "trader" not in dict(fed.facets("volcker", names=["speaker"])["speaker"])
    assert [h.text for h in fed.quotes(speaker="trader").hits] == ["Inflation is tamed,"]


def test_an_unknown_speaker_is_a_clear_error(fed):
    with pytest.raises(SpeakerNotFound, match="surname"):
        fed.speaker("nobody")


def test_the_cli_prints_a_speakers_quotes(fed):
    result = run("speaker", "volcker", "--index", fed.path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Paul Volcker")
    assert "The budget deficit remains the biggest danger" in result.stdout
    missing = run("speaker", "nobody", "--index", fed.path)
    assert missing.returncode == 1 and "nobody" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_the_api_and_page_show_a_speaker(fed):
    client = create_app(index=fed).test_client()
    payload = client.get("/api/speaker/volcker").get_json()
    assert payload["name"] == "Paul Volcker" and payload["total"] == 2
    assert client.get("/api/speaker/nobody").status_code == 404
    page = client.get("/speaker/Paul Volcker").get_data(as_text=True)
    assert "The budget deficit remains the biggest danger" in page
    assert "Federal Reserve Board Chairman" in page
    assert "Matching quotations per month" in page and "Matching articles" not in page
    article = client.get("/article/fed-2").get_data(as_text=True)
    assert 'href="/speaker/Volcker"' in article and 'href="/speaker/James%20Baker"' in article
    assert json.loads(client.get("/api/speaker/volcker?from=junk").data)["error"]


def test_the_speaker_facet_counts_people_not_strings(fed):
    counts = dict(fed.facets(None, names=["speaker"])["speaker"])
    assert counts["Paul Volcker"] == 2
    assert "Volcker" not in counts


def test_a_facet_value_finds_as_many_articles_as_it_counts(fed):
    counts = dict(fed.facets(None, names=["speaker"])["speaker"])
    page = fed.search('speaker:"Paul Volcker"')
    assert page.total == counts["Paul Volcker"]
    assert {hit.id for hit in page.hits} == {"fed-1", "fed-2"}


COMPANY = [
    {
        "id": f"talks-{n}",
        "date": f"1987-0{n}-10",
        "title": "Currency talks",
        "body": f'"We want a stable dollar," Paul Volcker said. {other} said: "We agree."',
    }
    for n, other in enumerate(["Treasury Secretary James Baker", "Baker", "Nigel Lawson"], 1)
]


def test_the_company_a_speaker_keeps_counts_people_by_articles(tmp_path):
    view = indexed(tmp_path, COMPANY).speaker("volcker")
    # "Baker" in one article and "James Baker" in another are one person, in two articles.
    assert view.alongside == [("James Baker", 2), ("Nigel Lawson", 1)]


BAKER = [
    {
        "id": "b-1",
        "date": "1987-03-02",
        "title": "Baker on the dollar",
        "body": 'Treasury Secretary James Baker said: "The dollar has fallen far enough."',
    },
    {
        "id": "b-2",
        "date": "1989-05-10",
        "title": "Baker in Moscow",
        "body": 'Secretary of State James Baker said: "The talks were useful."',
    },
    {
        "id": "b-3",
        "date": "1988-01-10",
        "title": "Baker again",
        "body": '"Rates will hold," said James Baker, the Treasury Secretary.',
    },
]


def test_a_speakers_roles_come_most_recent_first(tmp_path):
    index = indexed(tmp_path, BAKER)
    assert index.speaker("baker").roles == ["Secretary of State", "Treasury Secretary"]
    assert index.speaker("baker", date_to="1988").roles == [
        "Secretary of State",
        "Treasury Secretary",
    ], "roles are the speaker's, whatever page of quotations is shown"


def test_an_index_written_before_roles_were_indexed_still_shows_them(tmp_path, monkeypatch):
    """Roles used to be stored only (read from each quotation); such an index is read as it is
    until the next reindex rebuilds it."""
    from whoosh.fields import STORED

    from search.engine import schema, writer

    def stored_roles():
        older = schema.build_quote_schema()
        older.remove("role")
        older.add("role", STORED)
        return older

    monkeypatch.setattr(writer, "build_quote_schema", stored_roles)
    index = indexed(tmp_path, BAKER)
    assert "role" not in index._snapshot().quotes.reader().indexed_field_names()
    assert index.speaker("baker").roles == ["Secretary of State", "Treasury Secretary"]


BAKERS = [
    *BAKER,
    {
        "id": "h-1",
        "date": "1987-04-01",
        "title": "Senate view",
        "body": 'White House Chief of Staff Howard Baker said: "The President is well."',
    },
    {
        "id": "s-1",
        "date": "1987-04-02",
        "title": "Typo on the wire",
        "body": 'Treasury Secertary James Baker said: "We watch the markets."',
    },
]


def test_a_surname_shared_by_several_people_shows_the_most_quoted_one_not_all(tmp_path):
    index = indexed(tmp_path, BAKERS)
    view = index.speaker("baker")
    assert view.name == "James Baker"
    assert {h.speaker for h in index.speaker("baker", page_size=50).quotes.hits} == {"James Baker"}
    howard = index.speaker("howard baker")
    assert howard.name == "Howard Baker" and howard.roles == ["White House Chief of Staff"]
    assert [h.article_id for h in howard.quotes.hits] == ["h-1"]


def test_a_full_name_typed_is_that_speaker_not_a_longer_name_holding_it(tmp_path):
    index = indexed(tmp_path, BAKERS)
    quoted = dict(index.facets(None, names=["speaker"], size=20)["speaker"])
    assert "Secertary James Baker" in quoted, "the wire's typo is taken for part of the name"
    view = index.speaker("James Baker")
    assert view.name == "James Baker"
    assert "s-1" not in {h.article_id for h in view.quotes.hits}
    result = run("speaker", "James Baker", "--index", index.path)
    assert result.stdout.startswith("James Baker"), result.stdout


def test_the_page_for_a_shared_surname_leads_to_the_other_speakers_holding_it(tmp_path):
    index = indexed(tmp_path, BAKERS)
    assert "Howard Baker" in index.speaker("baker").others
    client = create_app(index.path).test_client()
    page = client.get("/speaker/baker").get_data(as_text=True)
    assert 'href="/speaker/Howard%20Baker"' in page
    assert "Howard Baker" in client.get("/api/speaker/baker").get_json()["others"]
    assert "also matching 'baker': " in run("speaker", "baker", "--index", index.path).stdout
