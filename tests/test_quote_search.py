"""Searching quotations: by words, by speaker, in ordinary search, and first appearances."""

from __future__ import annotations

import json

from search.index import Index
from tests.conftest import SEED_ID, run, write_jsonl


def test_kirbys_two_quote_parts_about_bakhmut(sample_index):
    page = sample_index.quotes("bakhmut", speaker="kirby")
    assert [h.speaker for h in page.hits] == ["John Kirby", "John Kirby"]
    assert page.hits[0].text.startswith("Even if both Bakhmut")
    assert page.hits[1].text.startswith("and it certainly isn't")
    assert "<mark>Bakhmut</mark>" in page.hits[0].text_html
    assert all(h.article_id == SEED_ID for h in page.hits)


def test_speaker_filter_alone_and_unknown_speaker(sample_index):
    assert {h.speaker for h in sample_index.quotes(speaker="reznikov").hits} == {"Oleksii Reznikov"}
    assert sample_index.quotes("bakhmut", speaker="nobody").total == 0


def test_quote_fields_in_ordinary_search(sample_index):
    assert [h.id for h in sample_index.search('quotes:"strategic impact"').hits] == [SEED_ID]
    assert [h.id for h in sample_index.search("speaker:kirby").hits] == [SEED_ID]
    assert sample_index.search('quotes:"salt-mining town"').total == 0


def test_cli_quotes_json(sample_index):
    result = run("quotes", "bakhmut", "--speaker", "kirby", "--json", "--index", sample_index.path)
    payload = json.loads(result.stdout)
    assert payload["total"] == 2 and payload["results"][0]["speaker"] == "John Kirby"


def test_first_appearance_is_the_earliest_article_with_the_same_words(tmp_path):
    said = "We will not retreat one step,"
    write_jsonl(
        tmp_path / "a.jsonl",
        [
            {"id": "late", "date": "2023-03-01", "body": f'"{said}" Ivan Petrov said.'},
            {"id": "early", "date": "2023-01-01", "body": f'"{said.upper()}" Ivan Petrov said.'},
            {
                "id": "middle",
                "date": "2023-02-01",
                "body": '"We will not retreat one step!" Ivan Petrov said.',
            },
        ],
    )
    index = Index(tmp_path / "index")
    index.reindex([tmp_path / "a.jsonl"])
    page = index.quotes("retreat", sort="newest")
    assert [h.article_id for h in page.hits] == ["late", "middle", "early"]
    assert {h.first_appearance.article_id for h in page.hits} == {"early"}


def test_speakers_are_a_facet_written_as_in_the_article(sample_index):
    speakers = dict(sample_index.facets("bakhmut", names=["speaker"])["speaker"])
    assert speakers["John Kirby"] == 1 and speakers["Oleksii Reznikov"] == 1
    assert sample_index.search('speaker:"john KIRBY"').total == 1


def test_quotes_newest_first_put_undated_articles_last(tmp_path):
    said = '"Wheat stocks are ample," the minister said.'
    records = [
        {"id": "undated", "date": "", "body": said},
        {"id": "old", "date": "2001-05-01", "body": said},
        {"id": "new", "date": "2020-05-01", "body": said},
    ]
    write_jsonl(tmp_path / "a.jsonl", records)
    index = Index(tmp_path / "index")
    index.reindex([tmp_path / "a.jsonl"])
    page = index.quotes("wheat", sort="newest")
    assert [h.article_id for h in page.hits] == ["new", "old", "undated"] and page.total == 3
    assert [h.article_id for h in index.quotes("wheat", sort="oldest").hits][-1] == "undated"
