"""The real thing: `dateline serve` as a subprocess, driven by Playwright in Debian's Chromium."""

from __future__ import annotations

import subprocess

import pytest

from search.bundled import SAMPLE_DIR
from search.index import Index
from tests.conftest import DATELINE, SEED_ID, serving, write_jsonl, write_seed_article

pytestmark = pytest.mark.browser

XSS_BODY = (
    'Hostile cocoa story. <script>alert("body")</script> <img src=x onerror=alert(1)> '
    '<a href="javascript:alert(2)">click</a> "<script>alert(3)</script> is bad," the minister said.'
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser")
    xss = write_jsonl(
        root / "xss" / "x.jsonl",
        [
            {
                "id": "xss-1",
                "date": "2023-01-20",
                "title": "<img src=x onerror=alert(4)>",
                "body": XSS_BODY,
            }
        ],
    )
    Index(root / "index").reindex([SAMPLE_DIR, xss.parent])
    with serving(root / "index") as base:
        yield base


def test_search_narrow_by_date_and_open_an_article(server, page, tmp_path):
    page.goto(server + "/")
    page.get_by_label("Search articles").fill("said")
    page.get_by_role("button", name="Search").click()
    page.wait_for_selector("ol.results li")
    everything = page.locator("ol.results > li").count()
    total_all = page.locator(".summary strong").first.inner_text()
    assert page.locator("ol.results mark").count() > 0
    page.screenshot(path=str(tmp_path / "results.png"), full_page=True)

    page.get_by_label("From", exact=True).fill("Mar 1987")
    page.get_by_label("To", exact=True).fill("Mar 1987")
    page.get_by_role("button", name="Search").click()
    page.wait_for_selector("ol.results li")
    total_march = page.locator(".summary strong").first.inner_text()
    assert int(total_march) < int(total_all) and everything > 0
    dates = page.locator("ol.results time").all_inner_texts()
    assert dates and all("March 1987" in d for d in dates)

    page.get_by_label("From", exact=True).fill("1987")
    page.get_by_label("To", exact=True).fill("1987")
    page.get_by_role("button", name="Search").click()
    page.locator("figure.chart a[aria-label^='Apr 1987']").click()
    page.wait_for_url("**from=1987-04-01&to=1987-04-30**")
    april = page.locator("ol.results time").all_inner_texts()
    assert april and all("April 1987" in d for d in april)
    assert page.get_by_label("From", exact=True).input_value() == "1987-04-01"

    page.get_by_label("Search articles").fill('"salt-mining town"')
    page.get_by_label("From", exact=True).fill("")
    page.get_by_label("To", exact=True).fill("")
    page.get_by_role("button", name="Search").click()
    page.locator("ol.results h2 a").first.click()
    page.wait_for_selector("article.story")
    assert SEED_ID in page.url
    assert "salt-mining town" in page.locator("article.story h1").inner_text()
    assert page.locator("article.story mark").count() >= 3
    assert page.get_by_text("Quotes in this article").is_visible()
    page.screenshot(path=str(tmp_path / "article.png"), full_page=True)
    page.get_by_role("link", name="Back to results").click()
    page.wait_for_selector("ol.results li")
    assert page.get_by_label("Search articles").input_value() == '"salt-mining town"'


def test_keyboard_only_search(server, page):
    page.goto(server + "/")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'q'")
    page.keyboard.type("bakhmut")
    page.keyboard.press("Enter")
    page.wait_for_selector("ol.results li")
    assert "Bakhmut" in page.locator("ol.results mark").first.inner_text()


def test_phone_width_has_no_horizontal_scroll(server, browser, tmp_path):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    widths = {}
    for name, path in (("phone", "/search?q=said"), ("phone-article", f"/article/{SEED_ID}?q=war")):
        page.goto(server + path)
        page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
        widths[name] = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert all(width <= 375 for width in widths.values()), widths


def test_hostile_articles_and_queries_run_no_script(server, page):
    for path in (
        "/search?q=hostile",
        "/article/xss-1?q=hostile",
        "/search?q=%3Cscript%3Ealert(5)%3C/script%3E",
        "/search?q=%22%3E%3Cimg%20src=x%20onerror=alert(6)%3E",
        "/article/xss-1?q=%3Cimg%20src=x%20onerror=alert(8)%3E%20hostile",
        "/api/search?q=%3Cscript%3Ealert(7)%3C/script%3E",
    ):
        page.goto(server + path)
        page.wait_for_load_state("load")
    assert page.dialogs == []
    page.goto(server + "/article/xss-1?q=hostile")
    assert page.locator("article.story img").count() == 0
    assert page.locator("article.story script").count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0


def test_a_running_server_shows_articles_from_a_reindex_without_a_restart(page, tmp_path):
    archive = tmp_path / "archive"
    write_seed_article(archive / "tin.txt", "2023-03-01", "Tin prices rose on Monday.")
    index_dir = tmp_path / "index"
    reindex = [DATELINE, "reindex", "--index", str(index_dir), str(archive)]
    subprocess.run(reindex, check=True, capture_output=True)
    with serving(index_dir) as base:
        page.goto(base + "/search?q=lithium")
        assert "No articles match" in page.locator(".summary").inner_text()
        write_seed_article(archive / "lithium.txt", "2023-03-02", "Lithium miners cut output.")
        subprocess.run(reindex, check=True, capture_output=True)
        page.reload()
        assert page.locator("ol.results > li").count() == 1
        assert page.locator("ol.results mark").first.inner_text() == "Lithium"


def test_a_speakers_name_leads_to_everything_they_said(server, page, tmp_path):
    page.goto(f"{server}/article/{SEED_ID}")
    page.locator("section.quotes").get_by_role("link", name="John Kirby").first.click()
    page.wait_for_url("**/speaker/John%20Kirby")
    assert page.locator("h1").inner_text() == "John Kirby"
    said = page.locator("section.quotes blockquote").all_inner_texts()
    assert any("strategic impact" in quote for quote in said)
    page.get_by_label("Words in the quotations").fill("slow")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**q=slow**")
    # The two parts of his split quote are one utterance: both answer, the word is marked.
    assert page.locator("section.quotes blockquote mark").all_inner_texts() == ["slow"]
    page.get_by_label("Words in the quotations").fill("cocoa")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**q=cocoa**")
    assert page.get_by_text("No quotations match.").is_visible()
    page.screenshot(path=str(tmp_path / "speaker.png"), full_page=True)
    assert page.dialogs == []
