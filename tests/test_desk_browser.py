"""The research desk in Chromium (issue 16): `dateline serve` over the bundled sample, driven by
Playwright at desktop and 375-pixel phone widths. Screenshots go to /tmp/desk-shots/."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.bundled import SAMPLE_DIR
from search.index import Index
from tests.conftest import serving

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/desk-shots")
DESKTOP = {"width": 1200, "height": 900}
PHONE = {"width": 375, "height": 812}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("desk")
    Index(root / "index").reindex([SAMPLE_DIR])
    with serving(root / "index") as base:
        yield base


def _page(browser, viewport):
    context = browser.new_context(viewport=viewport)
    return context, context.new_page()


@pytest.fixture
def desktop(browser):
    context, page = _page(browser, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context, page = _page(browser, PHONE)
    yield page
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_keyboard_reaches_the_first_result_within_five_tab_stops(server, desktop):
    desktop.goto(server + "/search?q=cocoa")
    desktop.locator("#q").focus()
    first = desktop.locator("ol.results > li").first.locator("h2 a")
    for _ in range(5):
        desktop.keyboard.press("Tab")
        if first.evaluate("link => link === document.activeElement"):
            break
    else:
        pytest.fail("the first result is more than five tab stops from the search box")
    desktop.keyboard.press("Enter")
    desktop.wait_for_selector("article.story")
    assert "q=cocoa" in desktop.url


def test_chart_reads_with_a_scale_and_its_bars_narrow_the_search(server, desktop):
    desktop.goto(server + "/search?q=said&filter=places:usa")
    chart = desktop.locator("figure.chart")
    ticks = chart.locator("text.tick").all_text_contents()
    assert ticks[0] == "0" and len(ticks) >= 3
    dates = chart.locator("text.date")
    assert dates.count() >= 3
    boxes = [dates.nth(n).bounding_box() for n in range(dates.count())]
    for left, right in zip(boxes, boxes[1:], strict=False):
        assert left["x"] + left["width"] < right["x"], "date labels do not overlap"
    assert chart.locator("svg").bounding_box()["height"] >= 150
    shot(desktop, "search-desktop")
    chart.locator("a").first.click()
    desktop.wait_for_url("**from=*")
    assert "filter=places%3Ausa" in desktop.url, "the bar keeps the filter"
    assert desktop.locator(".chips").get_by_text("places: usa").is_visible()


def test_filters_are_chips_that_can_be_added_left_out_and_removed(server, desktop):
    desktop.goto(server + "/search?q=said")
    everything = int(desktop.locator(".summary strong").first.inner_text())
    side = desktop.locator("aside.side")
    usa = int(
        side.locator("li", has=desktop.get_by_role("link", name="usa", exact=True))
        .locator(".count")
        .inner_text()
    )
    side.get_by_role("link", name="usa", exact=True).click()
    desktop.wait_for_url("**filter=places%3Ausa**")
    assert int(desktop.locator(".summary strong").first.inner_text()) == usa
    desktop.get_by_role("link", name="Remove the filter places: usa").click()
    desktop.wait_for_selector("ol.results li")
    assert "filter" not in desktop.url
    desktop.locator("aside.side").get_by_role("link", name="Leave out usa").click()
    desktop.wait_for_url("**filter=-places%3Ausa**")
    assert int(desktop.locator(".summary strong").first.inner_text()) == everything - usa
    assert desktop.locator(".chips").get_by_text("not places: usa").is_visible()
    more = desktop.locator("aside.side details.more").first
    hidden = more.locator("li").first
    assert not hidden.is_visible()
    more.locator("summary").click()
    assert hidden.is_visible()


def test_a_bad_date_is_marked_next_to_its_field(server, desktop):
    desktop.goto(server + "/")
    desktop.get_by_label("Search articles").fill("oil")
    desktop.get_by_label("From", exact=True).fill("someday")
    desktop.get_by_role("button", name="Search").click()
    desktop.wait_for_selector("#from-error")
    # Positions mean something only once the stylesheet applies: unstyled, a label sits beside
    # its field and the message starts a label's width to the left of it.
    desktop.wait_for_load_state("load")
    field = desktop.get_by_label("From", exact=True)
    assert field.get_attribute("aria-invalid") == "true"
    assert desktop.get_by_label("To", exact=True).get_attribute("aria-invalid") is None
    message, box = desktop.locator("#from-error").bounding_box(), field.bounding_box()
    assert 0 <= message["y"] - (box["y"] + box["height"]) < 40, "the message sits under the field"
    assert abs(message["x"] - box["x"]) < 5
    assert "someday" in desktop.locator("#from-error").inner_text()


def test_timeline_page_chooses_period_and_measure(server, desktop):
    desktop.goto(server + "/timeline")
    assert desktop.get_by_text("Type up to three searches").is_visible()
    desktop.get_by_label("Query 1").fill("said")
    desktop.get_by_label("Query 2").fill("oil")
    desktop.get_by_label("Period").select_option("year")
    desktop.get_by_label("Show").select_option("share")
    desktop.get_by_role("button", name="Compare").click()
    desktop.wait_for_url("**granularity=year**")
    assert "measure=share" in desktop.url
    ticks = desktop.locator("text.tick").all_text_contents()
    assert all(t.endswith("%") for t in ticks)
    assert desktop.locator("ul.totals li").count() == 2
    shot(desktop, "timeline-desktop")
    with desktop.expect_download() as download:
        desktop.get_by_role("link", name="Download the series as CSV").click()
    assert download.value.suggested_filename.endswith(".csv")


def test_phone_has_filters_folded_above_the_results_and_captions_that_fit(server, phone):
    phone.goto(server + "/search?q=said")
    panel = phone.locator("details.filters-panel")
    first = phone.locator("ol.results > li").first
    assert panel.is_visible() and not phone.locator("aside.side .facets").is_visible()
    assert panel.bounding_box()["y"] < first.bounding_box()["y"]
    assert not panel.get_by_role("link", name="usa", exact=True).is_visible()
    caption = phone.locator("figure.chart figcaption")
    fits = "el => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= 375"
    assert caption.evaluate(fits)
    for label in phone.locator("text.date").all():
        if label.is_visible():
            box = label.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    panel.locator("> summary").click()
    shot(phone, "search-phone")
    panel.get_by_role("link", name="usa", exact=True).click()
    phone.wait_for_url("**filter=places%3Ausa**")
    assert phone.locator(".chips").get_by_text("places: usa").is_visible()
    phone.goto(server + "/timeline?q=said&q=oil&granularity=year")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    shot(phone, "timeline-phone")
