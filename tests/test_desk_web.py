"""The research desk over HTTP (issue 16): charts with a scale, the timeline page, facets as
filters, state kept in every link, the home and help pages, and errors that name their field.
All against the real app over the bundled sample index."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import SEED_ID
from webui.views import FACETS_MAX


class _Page(HTMLParser):
    """The parts of a page the tests look at: every link, and elements by id."""

    def __init__(self, html: str):
        super().__init__()
        self.links: list[tuple[dict, str]] = []
        self.by_id: dict[str, dict] = {}
        self.svg_links = 0
        self.rects: list[dict] = []
        self._open: dict | None = None
        self._in_svg = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if "id" in attrs:
            self.by_id[attrs["id"]] = {"tag": tag, **attrs}
        if tag == "svg":
            self._in_svg = True
        if tag == "rect" and self._in_svg:
            self.rects.append(attrs)
        if tag == "a" and "href" in attrs:
            self.svg_links += self._in_svg
            self._open = {**attrs, "text": ""}
            self.links.append((self._open, ""))

    def handle_endtag(self, tag):
        if tag == "svg":
            self._in_svg = False
        if tag == "a":
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data

    def hrefs(self, prefix: str) -> list[str]:
        return [a["href"] for a, _ in self.links if a["href"].startswith(prefix)]

    def link(self, text: str) -> str:
        return next(a["href"] for a, _ in self.links if text in " ".join(a["text"].split()))


def page_of(client, url: str, status: int = 200) -> tuple[str, _Page]:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    html = response.get_data(as_text=True)
    return html, _Page(html)


def args(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def total(client, url: str) -> int:
    return client.get(url).get_json()["total"]


# --- 1. charts a reader can read ------------------------------------------------------------


def test_chart_has_a_scale_of_round_ticks_and_dates_along_the_bottom(client):
    html, _ = page_of(client, "/search?q=said")
    ticks = [int(t) for t in re.findall(r'<text class="tick"[^>]*>([\d,]+)</text>', html)]
    assert ticks[0] == 0 and len(ticks) >= 3
    step = ticks[1] - ticks[0]
    assert all(b - a == step for a, b in zip(ticks, ticks[1:], strict=False))
    assert str(step)[0] in "125", "round steps"
    dates = re.findall(r'<text class="date[^"]*"[^>]*>([^<]+)</text>', html)
    assert dates[0] == "1987" and dates[-1] == "2023" and len(dates) >= 3, dates
    height = int(re.search(r'<svg class="plot" width="100%" height="(\d+)"', html).group(1))
    assert height >= 150


def test_one_match_is_a_bar_under_the_top_of_the_scale_not_a_block(client):
    html, page = page_of(client, "/search?q=bakhmut")
    bar = next(r for r in page.rects if "bar" in r.get("class", ""))
    top = min(
        float(t.group(1)) for t in re.finditer(r'<line class="grid[^"]*"[^>]*y1="([\d.]+)"', html)
    )
    baseline = float(bar["y"]) + float(bar["height"])
    assert float(bar["y"]) > top + 10, "the bar stops well below the top tick"
    assert float(bar["width"].rstrip("%")) <= 10, "a lone period is a slim bar, not a block"
    assert baseline - float(bar["y"]) < baseline - top


def test_empty_periods_are_drawn_but_are_not_links(client):
    html, page = page_of(client, "/search?q=said")
    api = client.get("/api/timeline?q=said").get_json()
    counts = api["series"]["said"]
    assert page.svg_links == sum(1 for c in counts if c), "only periods with matches are links"
    empty = [r for r in page.rects if r.get("class", "").startswith("empty")]
    assert len(empty) == sum(1 for c in counts if not c) > 0


def test_chart_has_a_table_for_screen_readers(client):
    html, _ = page_of(client, "/search?q=said&from=1987&to=1987")
    table = html[html.index('<table class="visually-hidden">') :]
    table = table[: table.index("</table>")]
    assert '<th scope="row">Mar 1987</th><td>20 articles</td>' in table
    assert table.count('<th scope="row">') == len(
        client.get("/api/timeline?q=said&from=1987&to=1987").get_json()["periods"]
    )


# --- 2. the timeline page -------------------------------------------------------------------


def test_timeline_honours_the_period_chosen_on_the_page(client):
    html, _ = page_of(client, "/timeline?q=said&granularity=month&from=1987&to=1987")
    assert 'value="month" selected' in html
    assert "Matching articles per month" in html
    assert html.count('<th scope="row">') == 12
    weekly, _ = page_of(client, "/timeline?q=said&granularity=week&from=Mar+1987&to=Mar+1987")
    assert "per week" in weekly


def test_timeline_gives_each_query_a_total_and_a_share_of_all_articles(client, sample_index):
    html, _ = page_of(client, "/timeline?q=said&q=oil&measure=share&granularity=year")
    said, oil = (total(client, f"/api/search?q={q}") for q in ("said", "oil"))
    assert f"<strong>{said}</strong> dated articles" in html
    assert f"<strong>{oil}</strong> dated articles" in html
    ticks = re.findall(r'<text class="tick"[^>]*>([^<]+)</text>', html)
    assert ticks and all(t.endswith("%") for t in ticks)
    # 1 of the archive's 2023 articles says "said", and it has only one.
    assert "1 article, 100.0% of 1" in html
    totals = sample_index.timeline(["said"], granularity="year", totals=True).totals
    assert sum(totals) == sample_index.stats().articles - sample_index.stats().undated


def test_timeline_series_downloads_as_csv(client):
    response = client.get("/timeline?q=said&q=oil&granularity=year&format=csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0]["period"] == "1987-01-01" and rows[-1]["period"] == "2023-01-01"
    assert sum(int(r["said count"]) for r in rows) == total(client, "/api/search?q=said")
    first = rows[0]
    assert float(first["said share"]) == pytest.approx(
        int(first["said count"]) / int(first["articles"]), abs=1e-6
    )
    _, page = page_of(client, "/timeline?q=said&granularity=year")
    assert args(page.link("Download the series as CSV"))["format"] == ["csv"]


def test_empty_timeline_explains_and_offers_examples_that_work(client):
    html, page = page_of(client, "/timeline")
    assert "Type up to three searches" in html
    examples = [a["href"] for a, _ in page.links if a["href"].startswith("/timeline?")]
    assert examples
    for href in examples:
        shown, _ = page_of(client, href)
        assert '<svg class="plot"' in shown, href


def test_bad_timeline_period_is_a_message_not_a_500(client):
    html, _ = page_of(client, "/timeline?q=oil&granularity=fortnight", status=400)
    assert "Granularity must be one of" in html and 'role="alert"' in html


# --- 3. facets as filters -------------------------------------------------------------------


def test_a_facet_value_becomes_a_removable_chip_and_narrows_to_its_count(client):
    api = client.get("/api/search?q=said&facet=places").get_json()
    place, count = api["facets"]["places"][0]
    _, page = page_of(client, "/search?q=said")
    href = page.link(place)
    assert args(href)["filter"] == [f"places:{place}"] and args(href)["q"] == ["said"]
    html, narrowed = page_of(client, href)
    assert f"<strong>{count}</strong> article" in html
    chip = next(
        a for a, _ in narrowed.links if "Remove the filter places" in a.get("aria-label", "")
    )
    assert "filter" not in args(chip["href"]) and args(chip["href"])["q"] == ["said"]


def test_a_facet_value_can_be_left_out(client):
    everything = total(client, "/api/search?q=said")
    usa = total(client, "/api/search?q=said&filter=places:usa")
    html, page = page_of(client, "/search?q=said")
    exclude = next(a for a, _ in page.links if a.get("aria-label") == "Leave out usa")
    assert args(exclude["href"])["filter"] == ["-places:usa"]
    left, _ = page_of(client, exclude["href"])
    assert f"<strong>{everything - usa}</strong> article" in left
    assert "not places: usa" in left
    assert total(client, "/api/search?q=said&filter=-places:usa") == everything - usa


def test_each_facet_shows_more_than_eight_values_on_request(client, sample_index):
    places = sample_index.facets("said", names=["places"], size=FACETS_MAX)["places"]
    assert len(places) > 8
    html, _ = page_of(client, "/search?q=said")
    panel = html[html.index('<aside class="side"') :]
    section = panel[panel.index("<h3>Places</h3>") :]
    section = section[: section.index("</section>")]
    assert f"Show {len(places) - 8} more" in section
    assert all(f">{value}</a>" in section for value, _ in places)


def test_facet_counts_follow_the_filters(client):
    filtered = client.get("/api/search?q=said&filter=places:usa&facet=topics").get_json()["facets"][
        "topics"
    ]
    unfiltered = client.get("/api/search?q=said&facet=topics").get_json()["facets"]["topics"]
    assert filtered != unfiltered
    topic, count = filtered[0]
    html, _ = page_of(client, "/search?q=said&filter=places:usa")
    side = html[html.index('<aside class="side"') :]
    assert re.search(rf">{topic}</a>\s*<span class=\"count\">{count}</span>", side)
    both = total(client, f"/api/search?q=said&filter=places:usa&filter=topics:{topic}")
    assert both == count


def test_plain_words_keep_matching_any_word_under_a_filter(client):
    api = client.get("/api/search?q=coffee+wheat&facet=places").get_json()
    place, count = api["facets"]["places"][0]
    assert total(client, f"/api/search?q=coffee+wheat&filter=places:{place}") == count


def test_api_takes_filters_and_names_a_bad_one(client):
    response = client.get("/api/search?q=said&filter=places")
    assert response.status_code == 400
    assert response.get_json()["parameter"] == "filter"
    html, _ = page_of(client, "/search?q=said&filter=nowhere:usa", status=400)
    assert "no facet &#39;nowhere&#39; to filter on" in html.lower()
    unknown = client.get("/api/search?q=said&filter=nowhere:usa")
    assert unknown.status_code == 400 and unknown.get_json()["parameter"] == "filter"


# --- 4. state kept everywhere ---------------------------------------------------------------

STATE = "q=said&from=1987&to=1987&sort=newest&filter=places%3Ausa&page=2"


def test_every_link_from_a_results_page_carries_the_whole_search(client):
    _, page = page_of(client, "/search?" + STATE)
    expected = {"q": ["said"], "from": ["1987"], "to": ["1987"], "sort": ["newest"]}
    kinds = {
        "article": page.hrefs("/article/"),
        "export": page.hrefs("/export?"),
        "feed": page.hrefs("/feed?"),
        "json": page.hrefs("/api/search?"),
        "pages": [a["href"] for a, _ in page.links if "page=" in a["href"]],
    }
    facet_links = [h for h in page.hrefs("/search?") if "topics" in h]
    chart_links = [a["href"] for a, _ in page.links if a.get("aria-label", "").endswith("articles")]
    assert all(kinds.values()) and facet_links and chart_links, kinds
    for kind, hrefs in kinds.items():
        for href in hrefs:
            got = args(href)
            for key, value in expected.items():
                assert got.get(key) == value, (kind, href)
            assert "places:usa" in got["filter"], (kind, href)
    for href in kinds["article"] + kinds["json"]:
        assert args(href)["page"] == ["2"], href
    for href in facet_links:
        assert "places:usa" in args(href)["filter"] and args(href)["sort"] == ["newest"]
    for href in chart_links:
        got = args(href)
        assert (
            got["filter"] == ["places:usa"] and got["sort"] == ["newest"] and got["q"] == ["said"]
        )


def test_back_to_results_restores_the_search(client):
    _, results = page_of(client, "/search?" + STATE)
    article = results.hrefs("/article/")[0]
    html, page = page_of(client, article)
    back = page.link("Back to results")
    assert args(back) == args("/search?" + STATE)
    again, _ = page_of(client, back)
    assert "page 2 of" in again


def test_pagination_shows_the_page_count_and_first_and_last(client):
    pages = client.get("/api/search?q=said").get_json()["pages"]
    assert pages >= 3
    html, page = page_of(client, "/search?q=said&page=2")
    assert f"page 2 of {pages}" in html and f"Page 2 of {pages}" in html
    assert args(page.link("First"))["q"] == ["said"] and "page" not in args(page.link("First"))
    assert args(page.link("Last"))["page"] == [str(pages)]


def test_the_footer_json_link_is_this_search(client):
    _, page = page_of(client, "/search?q=coffee&from=1987")
    json_link = page.link("This search as JSON")
    assert args(json_link) == {"q": ["coffee"], "from": ["1987"]}
    _, home = page_of(client, "/")
    assert all("cocoa" not in href for href in home.hrefs("/api/"))


# --- 5. home and help -----------------------------------------------------------------------


def test_home_page_shows_the_archive_and_examples_that_find_something(client, sample_index):
    html, page = page_of(client, "/")
    stats = sample_index.stats()
    assert f"<strong>{stats.articles}</strong> articles" in html
    assert stats.first_date.strftime("%d %B %Y") in html
    assert stats.last_date.strftime("%d %B %Y") in html
    examples = [a["href"] for a, _ in page.links if a["href"].startswith("/search?")]
    assert len(examples) >= 3
    for href in examples:
        shown, _ = page_of(client, href)
        assert re.search(r"<strong>[1-9][\d,]*</strong> article", shown), href
    assert page.link("query syntax") == "/help"


OPERATORS = [
    "AND",
    "OR",
    "NOT",
    '"',
    "(",
    "+",
    "title:",
    "body:",
    "quotes:",
    "speaker:",
    "places:",
    "*",
    "id:",
]


def test_help_page_documents_every_operator_with_a_working_example(client):
    html, page = page_of(client, "/help")
    examples = [a for a, _ in page.links if a["href"].startswith("/search?")]
    texts = " ".join(a["text"] for a in examples)
    for operator in OPERATORS:
        assert operator in texts, operator
    assert "From" in html and "Jan 2023" in html and "filter=-places:usa" in html
    for link in examples:
        response = client.get(link["href"])
        assert response.status_code == 200, link["href"]


# --- 7. errors name their field -------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "field", "other"),
    [
        ("from=someday", "from", "to"),
        ("to=2023-13-45", "to", "from"),
        ("from=2023&to=1987", "to", "from"),
    ],
)
def test_a_bad_date_is_marked_on_its_field(client, query, field, other):
    html, page = page_of(client, f"/search?q=oil&{query}", status=400)
    marked = page.by_id[field]
    assert marked["aria-invalid"] == "true"
    assert f"{field}-error" in marked["aria-describedby"]
    assert page.by_id[f"{field}-error"]["tag"] == "p"
    assert "aria-invalid" not in page.by_id[other]
    api = client.get(f"/api/search?q=oil&{query}")
    assert api.status_code == 400 and api.get_json()["parameter"] == field


def test_article_page_without_a_search_offers_a_new_one(client):
    _, page = page_of(client, f"/article/{SEED_ID}")
    assert page.link("New search") == "/search"
