"""The Flask app over a real index: every route, every bad input, escaping and headers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import quote_plus

import feedparser
import pytest

from search.bundled import SAMPLE_DIR
from search.index import Index
from tests.conftest import SEED_ID, write_jsonl, write_seed_article
from webui import create_app

XSS = (
    '<script>alert("body")</script><img src=x onerror=alert(1)><a href="javascript:alert(2)">x</a>'
)


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Index:
    folder = tmp_path_factory.mktemp("web")
    write_jsonl(
        folder / "xss.jsonl",
        [
            {
                "id": "xss-1",
                "date": "2023-01-20",
                "title": '<script>alert("title")</script> Hostile headline',
                "body": f'Hostile cocoa story. {XSS} "<b>quoted</b> danger," the minister said.',
            }
        ],
    )
    index = Index(folder / "index")
    index.reindex([SAMPLE_DIR, folder])
    return index


@pytest.fixture
def client(index):
    return create_app(index=index).test_client()


def test_home_page_has_a_labelled_search_form(client):
    page = client.get("/").get_data(as_text=True)
    for field in ("q", "from", "to", "sort"):
        assert f'<label for="{field}"' in page and f'id="{field}"' in page


def test_search_shows_ranked_highlighted_results_and_keeps_the_query(client):
    response = client.get("/search?q=bakhmut")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="bakhmut"' in page
    assert "<mark>Bakhmut</mark>" in page
    assert f"/article/{SEED_ID}?q=bakhmut" in page
    assert "<strong>1</strong> article" in page and " ms)" in page


def test_date_range_narrows_results(client):
    everything = client.get("/api/search?q=said&page_size=100").get_json()["total"]
    march = client.get("/api/search?q=said&from=Mar+1987&to=Mar+1987").get_json()["total"]
    assert 0 < march < everything
    page = client.get("/search?q=said&from=Mar+1987&to=Mar+1987").get_data(as_text=True)
    assert f"<strong>{march}</strong> article" in page


def test_histogram_bars_link_to_narrower_searches(client):
    page = client.get("/search?q=said&from=1987&to=1987").get_data(as_text=True)
    assert "<svg" in page and 'class="bar series0"' in page
    assert "/search?q=said&amp;from=1987-03-01&amp;to=1987-03-31" in page
    assert "by month" in page and "most: 20 in Mar 1987" in page
    march = client.get("/search?q=said&from=1987-03-01&to=1987-03-31").get_data(as_text=True)
    assert "<strong>20</strong> article" in march and "by day" in march
    wide = client.get("/search?q=said").get_data(as_text=True)
    assert "/search?q=said&amp;from=1987-01-01&amp;to=1987-12-31" in wide and "by year" in wide


def test_no_chart_when_nothing_in_the_range_matches(client):
    page = client.get("/search?q=said&from=1990&to=1991").get_data(as_text=True)
    assert "No articles match" in page and "<svg" not in page


def test_sort_and_pagination(client):
    newest = client.get("/api/search?q=said&sort=newest&page_size=5").get_json()
    second = client.get("/api/search?q=said&sort=newest&page_size=5&page=2").get_json()
    dates = [r["date"] for r in newest["results"] + second["results"]]
    assert dates == sorted(dates, reverse=True)
    assert newest["pages"] == second["pages"] > 1 and second["page"] == 2
    html = client.get("/search?q=said").get_data(as_text=True)
    assert 'rel="next"' in html and "page=2" in html


def test_page_and_api_agree(client):
    api = client.get("/api/search?q=oil").get_json()
    html = client.get("/search?q=oil").get_data(as_text=True)
    assert api["total"] > 0 and f"<strong>{api['total']}</strong>" in html
    for result in api["results"]:
        assert f"/article/{result['id']}?" in html


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/search?q=%22open", "quotation mark"),
        ("/search?q=oil&from=2023-02&to=2023-01", "reversed"),
        ("/search?q=oil&from=someday", "cannot understand"),
        ("/search?q=oil&page=abc", "whole number"),
        ("/search?q=oil&page=0", "whole number from 1"),
        ("/search?q=oil&page=%C2%B2", "whole number"),
        ("/search?q=oil&page=" + "9" * 5000, "too large"),
        ("/search?q=oil&page=1001", "page must be between"),
        ("/search?q=oil&sort=sideways", "unknown sort"),
    ],
)
def test_bad_input_gets_a_friendly_message_not_a_500(client, url, message):
    response = client.get(url)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page.lower() and 'role="alert"' in page
    assert 'name="q"' in page, "the search form stays so the user can fix the query"
    api = client.get(url.replace("/search", "/api/search"))
    assert api.status_code == 400 and message in api.get_json()["error"].lower()


def test_api_rejects_bad_page_sizes_and_windows_as_json(client):
    for url in (
        "/api/search?q=oil&page_size=%C2%B2",
        "/api/search?q=oil&page_size=1000",
        f"/api/similar/{SEED_ID}?window=soon",
        "/api/search?q=",
    ):
        response = client.get(url)
        assert response.status_code == 400 and response.is_json, url
        assert response.get_json()["error"]
    assert client.get("/api/nowhere").get_json() == {"error": "not found"}


def test_empty_query_no_results_and_past_the_end(client):
    assert "Search the archive" in client.get("/search?q=").get_data(as_text=True)
    none = client.get("/search?q=zzyzxq").get_data(as_text=True)
    assert "No articles match" in none
    past = client.get("/search?q=bakhmut&page=5").get_data(as_text=True)
    assert "past the last page" in past


def test_did_you_mean(client):
    page = client.get("/search?q=bakhmutt").get_data(as_text=True)
    assert "Did you mean" in page and "q=bakhmut" in page


def test_article_page_marks_query_words_and_lists_quotes(client):
    page = client.get(f"/article/{SEED_ID}?q=soledar").get_data(as_text=True)
    assert page.count("<mark>Soledar</mark>") >= 5
    assert "Quotes in this article" in page and "house to house" in page
    assert "Back to results" in page and "/search?q=soledar" in page
    assert "More like this" in page
    assert "In this article" in page and 'href="/speaker/John%20Kirby"' in page
    by_speaker = client.get('/api/search?q=speaker:"John Kirby"').get_json()["results"]
    assert SEED_ID in [r["id"] for r in by_speaker]


def test_article_page_links_its_metadata(client, index):
    hit = index.search("cocoa brazil").hits[0]
    page = client.get(f"/article/{hit.id}").get_data(as_text=True)
    assert "Places" in page and "/search?q=places:%22brazil%22" in page
    assert client.get('/api/search?q=places:"brazil"').get_json()["total"] > 0


def test_unknown_article_is_a_404_page_and_json(client):
    response = client.get("/article/does-not-exist")
    assert response.status_code == 404 and "no article" in response.get_data(as_text=True)
    assert client.get("/api/article/does-not-exist").status_code == 404
    assert client.get("/api/article/does-not-exist").get_json()["error"]


@pytest.mark.parametrize("article_id", ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%00"])
def test_article_ids_cannot_reach_outside_the_index(client, article_id):
    response = client.get(f"/article/{article_id}")
    assert response.status_code == 404
    assert "root:" not in response.get_data(as_text=True)


def test_article_text_and_queries_are_escaped(client):
    results = client.get("/search?q=hostile").get_data(as_text=True)
    article = client.get("/article/xss-1?q=hostile").get_data(as_text=True)
    for page in (results, article):
        assert "<script>" not in page and "<img" not in page and '<a href="javascript:' not in page
        assert "&lt;script&gt;" in page
    echoed = client.get('/search?q=<script>alert(3)</script>"').get_data(as_text=True)
    assert "<script>alert(3)" not in echoed and "&lt;script&gt;alert(3)" in echoed
    in_article = client.get("/article/xss-1?q=<img src=x onerror=alert(4)>").get_data(as_text=True)
    assert "<img" not in in_article and "&lt;img src=x onerror=alert(4)&gt;" in in_article


def test_security_headers_on_every_response(client):
    for url in (
        "/",
        "/search?q=oil",
        "/search?q=%22",
        "/api/search?q=oil",
        "/api/search?q=%22",
        "/article/nope",
        "/static/style.css",
    ):
        response = client.get(url)
        headers = response.headers
        response.close()
        assert "script-src" not in headers["Content-Security-Policy"]
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Frame-Options"] == "DENY"


def test_pages_need_no_inline_script_or_style(client):
    for url in ("/", "/search?q=said", f"/article/{SEED_ID}?q=soledar", "/article/nope"):
        page = client.get(url).get_data(as_text=True)
        assert "<script" not in page and "style=" not in page and "<style" not in page


class _Broken(Index):
    def search(self, *args, **kwargs):
        raise RuntimeError("secret internals /srv/index")


def test_an_unexpected_failure_is_a_friendly_500_without_a_traceback(index):
    client = create_app(index=_Broken(index.path)).test_client()
    page = client.get("/search?q=oil")
    text = page.get_data(as_text=True)
    assert page.status_code == 500 and "Something went wrong" in text
    assert "Traceback" not in text and "secret internals" not in text
    api = client.get("/api/search?q=oil")
    assert api.status_code == 500 and api.is_json and "secret" not in api.get_json()["error"]


def test_facets_narrow_the_search(client):
    page = client.get("/search?q=said").get_data(as_text=True)
    assert "Places" in page and "Topics" in page
    api = client.get("/api/search?q=said&facet=places&facet=year").get_json()
    top_place, count = api["facets"]["places"][0]
    narrowed = client.get(f'/api/search?q=said places:"{top_place}"').get_json()
    assert narrowed["total"] == count
    # A facet value is a filter link; the filter narrows to exactly the count shown.
    assert f"filter=places%3A{top_place}" in page
    filtered = client.get(f"/api/search?q=said&filter=places:{top_place}").get_json()
    assert filtered["total"] == count


def test_export_streams_the_whole_result_set(client):
    total = client.get("/api/search?q=said").get_json()["total"]
    csv_text = client.get("/export?q=said&format=csv").get_data(as_text=True)
    assert len(csv_text.strip().splitlines()) == total + 1
    jsonl = client.get("/export?q=said&format=jsonl").get_data(as_text=True)
    assert len(jsonl.strip().splitlines()) == total
    assert client.get("/export?q=said&format=xml").status_code == 400


def test_atom_feed_parses_newest_first(client):
    response = client.get("/feed?q=said")
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.get_data())
    assert not feed.bozo and feed.version == "atom10"
    assert feed.feed.title == "Dateline: said"
    updated = [entry.updated for entry in feed.entries]
    assert len(updated) == 20 and updated == sorted(updated, reverse=True)
    ET.fromstring(response.get_data())


def test_timeline_compares_queries(client):
    page = client.get("/timeline?q=oil&q=wheat").get_data(as_text=True)
    assert 'class="bar series0"' in page and 'class="bar series1"' in page
    data = client.get("/api/timeline?q=oil&q=wheat&granularity=month").get_json()
    assert set(data["series"]) == {"oil", "wheat"}
    oil_total = client.get("/api/search?q=oil").get_json()["total"]
    assert sum(data["series"]["oil"]) == oil_total


def test_quote_and_similar_apis(client):
    quotes = client.get("/api/quotes?q=bakhmut").get_json()
    assert quotes["total"] >= 1 and "<mark>Bakhmut</mark>" in quotes["results"][0]["text_html"]
    similar = client.get(f"/api/similar/{SEED_ID}").get_json()["results"]
    assert SEED_ID not in [r["id"] for r in similar]


def test_a_running_app_answers_from_a_new_index_after_reindex(tmp_path):
    folder = tmp_path / "a"
    write_seed_article(folder / "one.txt", "2023-03-01", "First story about tin.")
    index = Index(tmp_path / "index")
    index.reindex([folder])
    client = create_app(index_dir=tmp_path / "index").test_client()
    assert client.get("/api/search?q=lithium").get_json()["total"] == 0
    write_seed_article(folder / "two.txt", "2023-03-02", "Second story about lithium.")
    Index(tmp_path / "index").reindex([folder])
    assert client.get("/api/search?q=lithium").get_json()["total"] == 1


def test_facet_values_are_escaped_and_link_to_themselves(tmp_path):
    hostile = '<b>r&d</b> "q"'
    write_jsonl(
        tmp_path / "one.jsonl",
        [
            {
                "id": "m-1",
                "date": "2023-02-01",
                "title": "Cocoa",
                "body": "Cocoa.",
                "topics": [hostile],
            }
        ],
    )
    index = Index(tmp_path / "index")
    index.reindex([tmp_path / "one.jsonl"])
    page = create_app(index=index).test_client().get("/search?q=cocoa&sort=newest")
    html = page.get_data(as_text=True)
    value = index.facets("cocoa", names=["topics"])["topics"][0][0]
    shown = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    shown = shown.replace('"', "&#34;")
    assert "<b>" not in html and html.count(f">{shown}</a>") == 2  # the phone panel and the side
    leave_out = f'aria-label="Leave out {shown}"'
    assert html.count(leave_out) == 2
    for kept in ("", "-"):  # keep the value, or leave it out
        query = f"filter={kept}topics%3A{quote_plus(value)}"
        assert html.count(f'href="/search?q=cocoa&amp;sort=newest&amp;{query}"') == 2


def test_the_home_page_follows_each_reindex(tmp_path):
    """Its examples are worked out once per published generation, and again after a reindex."""

    def cocoa(n: int, place: str) -> dict:
        body = "Cocoa prices rose."
        return {
            "id": f"c-{n}",
            "date": "2023-02-01",
            "title": "Cocoa",
            "body": body,
            "places": [place],
        }

    write_jsonl(tmp_path / "one.jsonl", [cocoa(n, "ghana") for n in range(3)])
    index = Index(tmp_path / "index")
    index.reindex([tmp_path / "one.jsonl"])
    client = create_app(index=index).test_client()
    first = client.get("/").get_data(as_text=True)
    assert "<strong>3</strong> articles" in first and "places%3Aghana" in first
    assert "ivory" not in first
    write_jsonl(tmp_path / "two.jsonl", [cocoa(n, "ivory-coast") for n in range(3, 8)])
    index.reindex([tmp_path / "one.jsonl", tmp_path / "two.jsonl"])
    second = client.get("/").get_data(as_text=True)
    assert "<strong>8</strong> articles" in second and "places%3Aivory-coast" in second
