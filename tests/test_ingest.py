"""Reading articles: every format, stable ids, and bad input reported by file and line."""

from __future__ import annotations

import codecs
from datetime import date

import pytest

from search.ingest.articles import Article
from search.ingest.readers import MAX_BODY_CHARS, Problem, find_sources, read_articles, safe_id
from tests.conftest import SEED, write_jsonl, write_seed_article


def split(items) -> tuple[list[Article], list[Problem]]:
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [
        i for i in items if isinstance(i, Problem)
    ]


def test_the_seed_article_reads_with_its_date_and_first_words():
    (article,), problems = split(read_articles([SEED]))
    assert problems == []
    assert article.id == "soledar" and article.date == date(2023, 1, 13)
    assert article.body.startswith("Russia said it has taken control of a salt-mining town")
    assert article.body.endswith("we're not doing that.\"")
    assert article.display_title.startswith("Russia said it has taken control")


@pytest.mark.parametrize(
    ("line", "day", "first_word"),
    [
        (" date 2023-01-13 Moscow claimed", date(2023, 1, 13), "Moscow"),
        (" date 13 Jan 2023 Moscow claimed", date(2023, 1, 13), "Moscow"),
        ("date January 13, 2023 Moscow claimed", date(2023, 1, 13), "Moscow"),
        (" DATE 2023/01/13", date(2023, 1, 13), "Second"),
    ],
)
def test_seed_format_dates_in_any_form(tmp_path, line, day, first_word):
    path = tmp_path / "a.txt"
    path.write_text(f"{line}\nSecond line.\n", encoding="utf-8")
    (article,), problems = split(read_articles([path]))
    assert problems == [] and article.date == day and article.body.startswith(first_word)


def test_jsonl_with_metadata_and_missing_ids(tmp_path):
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        [
            {
                "id": "r-1",
                "date": "1987-02-26",
                "title": "Cocoa",
                "body": "Cocoa rose.",
                "places": ["usa", "brazil"],
                "topics": ["cocoa"],
            },
            {"date": "1987-02-27", "body": "No id here.", "desk": "markets"},
        ],
    )
    (first, second), problems = split(read_articles([path]))
    assert problems == []
    assert first.metadata == {"places": ("usa", "brazil"), "topics": ("cocoa",)}
    assert first.title == "Cocoa" and first.line == 1 and first.source == str(path)
    assert second.id == "feed-2" and second.metadata == {"desk": ("markets",)}


def test_csv_with_header_aliases_and_metadata(tmp_path):
    path = tmp_path / "wire.csv"
    path.write_text(
        "ID,Date,Headline,Text,Places\n"
        'c1,2023-01-02,Grain,"Wheat rose, corn fell.",usa;canada\n'
        ",2023-01-03,,Coffee slipped.,\n",
        encoding="utf-8",
    )
    (first, second), problems = split(read_articles([path]))
    assert problems == []
    assert (first.id, first.title, first.body) == ("c1", "Grain", "Wheat rose, corn fell.")
    assert first.metadata == {"places": ("usa", "canada")}
    assert second.id == "wire-3" and second.date == date(2023, 1, 3)


def test_csv_without_a_body_column_names_what_it_found(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("id,date,summary\n1,2023-01-01,x\n", encoding="utf-8")
    articles, (problem,) = split(read_articles([path]))
    assert articles == [] and problem.line == 1 and "summary" in problem.reason


def test_csv_row_with_missing_columns_is_reported(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("id,date,title,body\na,2023-01-01,T,Fine body\nb,2023-01-02\n", "utf-8")
    articles, problems = split(read_articles([path]))
    assert [a.id for a in articles] == ["a"]
    assert any(p.line == 3 and "columns" in p.reason for p in problems)
    assert any(p.line == 3 and p.reason == "no body" and p.skipped for p in problems)


def test_folders_are_walked_recursively_with_ids_relative_to_the_root(tmp_path):
    write_seed_article(tmp_path / "news" / "2023" / "jan" / "one.txt", "2023-01-01", "One.")
    write_seed_article(tmp_path / "news" / "two.txt", "2023-01-02", "Two.")
    write_seed_article(tmp_path / "news" / ".hidden" / "three.txt", "2023-01-03", "Three.")
    (tmp_path / "news" / "notes.md").write_text("ignored", encoding="utf-8")
    articles, problems = split(read_articles([tmp_path / "news"]))
    assert sorted(a.id for a in articles) == ["2023/jan/one", "two"]
    assert problems == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("a b/c?d", "a_b/c_d"), ("../../etc/passwd", "etc/passwd"), ("/x/./y", "x/y"), ("..", "_")],
)
def test_ids_are_url_safe_and_never_climb(raw, expected):
    assert safe_id(raw) == expected


def test_a_broken_json_line_is_reported_and_the_others_kept(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        '{"id": "a", "date": "2023-01-01", "body": "Good."}\n'
        '{"id": "b", "date": \n'
        '["not", "an", "object"]\n'
        '{"id": "c", "date": "2023-01-03", "body": ""}\n'
        '{"id": "d", "date": "2023-01-04", "body": "Also good."}\n',
        encoding="utf-8",
    )
    articles, problems = split(read_articles([path]))
    assert [a.id for a in articles] == ["a", "d"]
    assert [(p.line, p.skipped) for p in problems] == [(2, True), (3, True), (4, True)]
    assert "JSON does not parse" in problems[0].reason and "object" in problems[1].reason
    assert problems[2].reason == "no body"
    assert str(problems[0]).startswith(f"{path}:2: ")


def test_unparseable_and_implausible_dates_are_indexed_undated_with_a_warning(tmp_path):
    path = write_jsonl(
        tmp_path / "d.jsonl",
        [
            {"id": "a", "date": "Jnu 2023", "body": "Typo in the date."},
            {"id": "b", "date": "0099-01-01", "body": "Far past."},
            {"id": "c", "date": "9999-12-31", "body": "Far future."},
            {"id": "d", "body": "No date at all."},
        ],
    )
    articles, problems = split(read_articles([path]))
    assert [a.date for a in articles] == [None] * 4
    assert [p.line for p in problems] == [1, 2, 3, 4]
    assert all(not p.skipped and "undated" in p.reason for p in problems)


def test_latin1_file_is_reported_with_line_and_byte(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(" date 2023-01-01 Caf\xe9 society.\n".encode("latin-1"))
    articles, (problem,) = split(read_articles([path]))
    assert articles == [] and problem.skipped and problem.line == 1
    assert "not UTF-8" in problem.reason and "0xe9" in problem.reason


def test_utf16_with_a_bom_is_read(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + " date 2023-01-01 Wide story.".encode("utf-16-le"))
    (article,), problems = split(read_articles([path]))
    assert problems == [] and article.body == "Wide story."


def test_binary_junk_and_empty_files_are_reported(tmp_path):
    (tmp_path / "junk.jsonl").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "dateonly.txt").write_text(" date 2023-01-01\n", encoding="utf-8")
    articles, problems = split(read_articles([tmp_path]))
    reasons = {p.path.rsplit("/", 1)[1]: p.reason for p in problems}
    assert articles == []
    assert reasons == {
        "junk.jsonl": "looks binary, not text",
        "empty.txt": "empty file",
        "dateonly.txt": "no body",
    }


def test_a_huge_article_is_skipped_and_its_neighbours_kept(tmp_path):
    path = write_jsonl(
        tmp_path / "big.jsonl",
        [
            {"id": "small", "date": "2023-01-01", "body": "Small."},
            {"id": "huge", "date": "2023-01-01", "body": "x" * (MAX_BODY_CHARS + 1)},
            {"id": "after", "date": "2023-01-01", "body": "After."},
        ],
    )
    articles, (problem,) = split(read_articles([path]))
    assert [a.id for a in articles] == ["small", "after"]
    assert problem.line == 2 and "limit" in problem.reason


def test_missing_paths_and_unknown_formats_are_reported(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    sources, problems = find_sources([tmp_path / "nowhere", tmp_path / "a.pdf"])
    assert sources == []
    assert ["no such file" in problems[0].reason, "unknown format" in problems[1].reason] == [
        True,
        True,
    ]


def test_content_hash_changes_with_content_only(tmp_path):
    one = Article(id="a", body="Text.", date=date(2023, 1, 1))
    assert one.content_hash == Article(id="a", body="Text.", date=date(2023, 1, 1)).content_hash
    assert one.content_hash != Article(id="a", body="Text!", date=date(2023, 1, 1)).content_hash
