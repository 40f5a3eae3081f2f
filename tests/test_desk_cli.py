"""The research desk from the shell and in exports: errors that say what to try, exports with
links and text named after their search, a progress bar on a terminal only, titles cut where
a reader expects, and no passage shown twice."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
from pathlib import Path

import pytest

from search import Index
from search.bundled import SAMPLE_DIR
from search.ingest.articles import TITLE_MAX, title_from_body
from tests.conftest import DATELINE, SEED_ID, run, serving


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    index = tmp_path_factory.mktemp("desk") / "index"
    result = run("reindex", SAMPLE_DIR, "--index", index)
    assert result.returncode == 0, result.stderr
    return index


# Errors ------------------------------------------------------------------------------------


def test_an_unknown_article_id_says_it_was_not_found_and_how_to_find_ids(sample):
    result = run("similar", "nope", "--index", sample)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "no article with id 'nope'" in result.stderr
    assert "dateline search" in result.stderr
    assert result.stderr.strip() != "Error: nope"


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("--from", "whenever"), "'--from'"),
        (("--to", "2023-13-45"), "'--to'"),
        (("--from", "2023", "--to", "whenever"), "'--to'"),
        (("--from", "2023-02", "--to", "2023-01"), "'--from' / '--to'"),
    ],
)
@pytest.mark.parametrize("command", [("search", "oil"), ("quotes", "oil"), ("timeline", "oil")])
def test_a_bad_date_names_its_option(sample, command, args, option):
    result = run(*command, *args, "--index", sample)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"Invalid value for {option}:" in result.stderr


def test_an_unreadable_date_lists_the_forms_that_work(sample):
    result = run("search", "oil", "--from", "whenever", "--index", sample)
    assert "cannot understand the date 'whenever'" in result.stderr
    assert "2023-01-13" in result.stderr and "Jan 2023" in result.stderr


@pytest.mark.parametrize(
    ("args", "named", "said"),
    [
        (("search", "oil AND ("), "'QUERY'", "not closed"),
        (("search", "oil", "--facet", "colour"), "'--facet'", "choose from"),
        (("search", "oil", "--limit", "500"), "'--limit'", "1<=x<=100"),
        (("timeline", "a", "b", "c", "d"), "'QUERIES'", "between 1 and 3"),
        (("quotes",), "'QUERY' / '--speaker'", "or a speaker"),
        (("similar", SEED_ID, "--window", "-1"), "'--window'", "x>=0"),
        (("similar", SEED_ID, "--window", "738533"), "'--window'", "from 0 to 36,600 days"),
    ],
)
def test_bad_arguments_are_named(sample, args, named, said):
    result = run(*args, "--index", sample)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"Invalid value for {named}:" in result.stderr and said in result.stderr


def test_an_unknown_speaker_suggests_how_to_find_who_is_quoted(sample):
    result = run("speaker", "nobodyatall", "--index", sample)
    assert result.returncode == 1
    assert "no one called 'nobodyatall'" in result.stderr and "--facet speaker" in result.stderr


@pytest.mark.parametrize(
    "command", [("search", "oil"), ("similar", "x"), ("stats",), ("speaker", "x"), ("check",)]
)
def test_a_missing_index_names_the_option_and_how_to_build_one(tmp_path, command):
    result = run(*command, "--index", tmp_path / "nowhere")
    said = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in said
    assert "no index at" in said and "nowhere" in said
    assert "--index" in said and "dateline reindex PATH --index" in said


def test_reindex_with_nothing_to_index_says_to_give_paths(tmp_path):
    result = run("reindex", "--index", tmp_path / "empty")
    assert (
        result.returncode == 2 and "PATHS" in result.stderr and "dateline reindex" in result.stderr
    )


def test_help_shows_a_clean_default_and_the_environment_variable():
    result = run("search", "--help")
    flat = " ".join(result.stdout.split())
    assert "default: index/]" in flat and "env var: DATELINE_INDEX" in flat
    assert "(index/" not in flat and "(or $DATELINE_INDEX)" not in flat


# Export ------------------------------------------------------------------------------------


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_export_has_id_date_title_link_and_speakers(sample):
    result = run("search", "said", "--format", "csv", "--index", sample)
    assert result.returncode == 0, result.stderr
    rows = _csv(result.stdout)
    assert rows and list(rows[0])[:4] == ["id", "date", "title", "link"]
    assert "speakers" in rows[0] and "body" not in rows[0]
    seed = next(r for r in rows if r["id"] == SEED_ID)
    assert seed["link"] == f"http://127.0.0.1:8080/article/{SEED_ID}"
    assert "Kirby" in seed["speakers"]


def test_the_export_carries_each_article_text_when_asked(sample):
    result = run(
        "search",
        "salt-mining",
        "--format",
        "jsonl",
        "--body",
        "--base-url",
        "https://desk.example/",
        "--index",
        sample,
    )
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["link"] == f"https://desk.example/article/{SEED_ID}"
    assert record["body"].startswith("Russia said it has taken control of a salt-mining town")
    assert "\n\n" in record["body"]


def test_a_saved_export_is_named_after_its_search(sample, tmp_path):
    result = run(
        "search",
        "oil",
        "--from",
        "1987",
        "--to",
        "1987",
        "--format",
        "csv",
        "--save",
        "--index",
        sample,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    saved = tmp_path / "dateline-oil-1987.csv"
    assert saved.exists() and f"to {saved.name}" in result.stderr
    rows = _csv(saved.read_text(encoding="utf-8"))
    assert rows and all(r["date"].startswith("1987") for r in rows)


def test_the_web_export_is_named_after_its_search_and_links_each_article(client):
    response = client.get("/export?q=oil&from=1987&to=1987&format=csv&body=1")
    assert response.status_code == 200
    assert 'filename="dateline-oil-1987.csv"' in response.headers["Content-Disposition"]
    rows = _csv(response.get_data(as_text=True))
    assert rows and all(r["body"] for r in rows)
    assert all(r["link"] == f"http://localhost/article/{r['id']}" for r in rows)
    plain = client.get("/export?q=wheat+OR+corn&to=Jan+2023&format=jsonl")
    assert (
        'filename="dateline-wheat-or-corn-to-jan-2023.jsonl"'
        in plain.headers["Content-Disposition"]
    )
    assert "body" not in json.loads(plain.get_data(as_text=True).splitlines()[0])


# Reindex progress --------------------------------------------------------------------------


def test_reindex_reports_the_bytes_read_against_a_total_known_first(tmp_path):
    seen: list[tuple[int, int]] = []
    Index(tmp_path / "index").reindex([SAMPLE_DIR], on_bytes=lambda *pair: seen.append(pair))
    total = sum(p.stat().st_size for p in SAMPLE_DIR.iterdir() if p.suffix in {".txt", ".jsonl"})
    assert seen and {t for _, t in seen} == {total}
    done = [d for d, _ in seen]
    assert done == sorted(done) and done[-1] == total and len(set(done)) > 2


def test_reindex_off_a_terminal_prints_only_problems_and_the_summary(tmp_path):
    result = run("reindex", SAMPLE_DIR, "--index", tmp_path / "index")
    assert result.returncode == 0
    assert re.fullmatch(r"added \d+, updated 0, .* in [\d.]+s\n", result.stdout)
    assert result.stderr == ""


def _on_a_terminal(*args: str) -> tuple[int, str]:
    """`dateline ARGS...` with a pseudo-terminal as its standard streams, as in a shell."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(DATELINE, [DATELINE, *args])
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:  # the child has closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode("utf-8", "replace")


def test_reindex_on_a_terminal_shows_a_progress_bar(tmp_path):
    code, screen = _on_a_terminal("reindex", str(SAMPLE_DIR), "--index", str(tmp_path / "index"))
    assert code == 0, screen
    assert re.search(r"indexing\s+\[#+\]\s+100%", screen)
    assert re.search(r"[\d.]+ MB/s, \d+ articles", screen)
    assert re.search(r"added \d+, updated 0", screen)


# Titles and passages -----------------------------------------------------------------------


def test_the_2023_sample_title_ends_at_a_clause_not_mid_sentence(sample):
    result = json.loads(run("search", "salt-mining", "--json", "--index", sample).stdout)
    title = result["results"][0]["title"]
    assert title == (
        "Russia said it has taken control of a salt-mining town in eastern Ukraine's Donetsk "
        "enclave"
    )


@pytest.mark.parametrize(
    "body",
    [
        "Prices rose sharply on Monday. More text.",
        "Officials in the capital said on Tuesday that the long-awaited agreement on grain "
        "exports would be signed next week, according to people familiar with the talks.",
        " ".join(["word"] * 80) + ".",
        "A" * 300,
    ],
)
def test_a_derived_title_is_a_sentence_a_clause_or_marked_as_cut(body):
    title = title_from_body(body)
    sentence = body.split(". ")[0]
    assert len(title) <= TITLE_MAX + 1
    assert (
        title.endswith((".", "!", "?"))
        or (sentence.startswith(title) and sentence[len(title)] in ",;:")
        or (title.endswith("…") and body.startswith(title[:-1]))
    )


def test_a_repeated_paragraph_is_shown_once_in_a_result(sample):
    # reuters-18186 repeats two of its paragraphs word for word, as wire copy often does.
    result = json.loads(run("search", "pipeline capacity", "--json", "--index", sample).stdout)
    (hit,) = result["results"]
    plain = [re.sub(r"</?mark>", "", h) for h in hit["highlights"]]
    assert len(plain) == 3
    assert sum("reasonable to suggest" in p for p in plain) == 1


# In Chromium ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def desk(sample):
    with serving(sample) as base:
        yield base


@pytest.mark.browser
def test_in_chromium_the_export_downloads_named_after_the_search(desk, page):
    page.goto(desk + "/search?q=oil&from=1987&to=1987")
    with page.expect_download() as started:
        page.locator('a[href*="format=csv"]').first.click()
    download = started.value
    assert download.suggested_filename == "dateline-oil-1987.csv"
    rows = _csv(Path(download.path()).read_text(encoding="utf-8"))
    assert rows and all(r["link"] == f"{desk}/article/{r['id']}" for r in rows)


@pytest.mark.browser
def test_in_chromium_titles_are_whole_and_no_passage_shows_twice(desk, page):
    page.goto(desk + "/search?q=salt-mining")
    heading = page.locator("ol.results > li h2").first.inner_text()
    assert heading.endswith("eastern Ukraine's Donetsk enclave")
    page.goto(desk + "/search?q=pipeline+capacity")
    passages = page.locator("ol.results > li").first.locator("p.passage").all_inner_texts()
    assert len(passages) == 3
    assert sum("reasonable to suggest" in p for p in passages) == 1
