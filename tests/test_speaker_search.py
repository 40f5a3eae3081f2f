"""Searching by speaker (`speaker:NAME`): the results show what the person said, articles built
around their statements rank above ones quoting them in passing, and the article page marks
their quotations."""

from __future__ import annotations

import json

import pytest

from search import Index
from tests.conftest import indexed, run, serving
from webui import create_app

WIRE = [
    {
        "id": "passing",
        "date": "1987-05-01",
        "title": "Banks report first quarter",
        "body": "Several banks reported profits on Friday. Analysts expected more. "
        '"It was a weak quarter," said Maria Lopez, an analyst at Acme Securities. '
        '"Lending fell everywhere," Lopez said. "Rates are too high," said Paul Volcker. '
        '"Costs rose," said Tom Reed of Bay Bank. "Deposits fell," Reed added.',
    },
    {
        "id": "interview",
        "date": "1987-05-02",
        "title": "Fed chairman speaks to Congress",
        "body": "Federal Reserve Board Chairman Paul Volcker spoke to a Senate committee. "
        '"Inflation remains a concern," Volcker said.\n\n'
        '"We will not hesitate to act," he said.\n\n'
        '"The dollar has fallen far enough," Volcker added.',
    },
]


@pytest.fixture(scope="module")
def wire(tmp_path_factory) -> Index:
    return indexed(tmp_path_factory.mktemp("speaker-search"), WIRE)


def test_an_article_built_around_the_speaker_ranks_above_a_passing_quote(wire):
    page = wire.search("speaker:volcker")
    assert [hit.id for hit in page.hits] == ["interview", "passing"]


def test_the_passages_are_what_the_speaker_said(wire):
    hits = {hit.id: hit for hit in wire.search("speaker:volcker").hits}
    assert hits["passing"].highlights == ["“Rates are too high,”"]
    assert hits["interview"].highlights[0] == "“Inflation remains a concern,”"
    assert not any("analyst" in passage for passage in hits["passing"].highlights)


def test_quotes_holding_the_query_words_come_first_and_are_marked(wire):
    (hit,) = wire.search("speaker:volcker dollar").hits
    assert hit.highlights[0] == "“The <mark>dollar</mark> has fallen far enough,”"


def test_a_word_search_still_shows_body_passages(wire):
    (hit,) = wire.search("lending").hits
    assert "<mark>Lending</mark>" in hit.highlights[0]


def test_the_article_marks_the_searched_speakers_quotations(wire):
    view = wire.article("passing", query="speaker:volcker")
    assert '<mark class="said">Rates are too high,</mark>' in view.body_html
    assert '<mark class="said">It was a weak quarter' not in view.body_html
    searched = [q.text for q in view.quotes if q.searched]
    assert searched == ["Rates are too high,"]


def test_without_a_speaker_query_nothing_is_marked_as_said(wire):
    view = wire.article("passing", query="rates")
    assert 'class="said"' not in view.body_html
    assert not any(q.searched for q in view.quotes)


def test_cli_json_and_web_show_the_speakers_quotations(wire):
    result = run("search", "speaker:lopez", "--json", "--index", wire.path)
    assert result.returncode == 0, result.stderr
    (hit,) = json.loads(result.stdout)["results"]
    assert hit["highlights"] == ["“It was a weak quarter,”", "“Lending fell everywhere,”"]

    client = create_app(index=wire).test_client()
    page = client.get("/search?q=speaker:lopez").get_data(as_text=True)
    assert "Lending fell everywhere" in page
    article = client.get("/article/passing?q=speaker:lopez").get_data(as_text=True)
    assert '<mark class="said">Lending fell everywhere,</mark>' in article
    assert 'class="searched"' in article


@pytest.mark.browser
def test_in_chromium_a_speaker_search_shows_and_marks_what_they_said(wire, page):
    with serving(wire.path) as base:
        page.goto(f"{base}/search?q=speaker:volcker")
        first = page.locator("ol li, .results li, article").first
        assert "Inflation remains a concern" in first.inner_text()
        page.get_by_role("link", name="Fed chairman speaks to Congress").first.click()
        page.wait_for_load_state()
        marked = page.locator("mark.said")
        assert marked.count() == 3
        assert marked.first.inner_text() == "Inflation remains a concern,"
        assert page.locator(".quotes li.searched").count() == 3
        # The story reads first, its details beside it (not above, squeezed aside).
        story = page.locator("article.story").bounding_box()
        details = page.locator("aside.details").bounding_box()
        assert story["x"] < details["x"] and abs(story["y"] - details["y"]) < 40
        assert story["width"] > 400
