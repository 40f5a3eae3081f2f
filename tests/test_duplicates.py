"""Near-duplicate stories (wire re-sends, corrections) are grouped when indexed and shown as one
result with "n similar stories": through Index, the CLI, the JSON API and the web page."""

from __future__ import annotations

import json

import pytest

from search import Index
from tests.conftest import run, serving, write_jsonl
from webui import create_app

STORY = (
    "Workers at the Chuquicamata copper mine in northern Chile began a strike on Monday after "
    "talks on a new wage contract broke down, union leaders said. The mine, the largest open pit "
    "copper mine in the world, produced about 500,000 tonnes of refined copper last year. "
    "Union officials said the strike would last until the state copper company Codelco offered "
    "a wage rise of at least 15 pct. Codelco said it would not change its offer of eight pct and "
    "that stocks were enough to meet export commitments for several weeks."
)
CORRECTED = STORY.replace(
    "produced about 500,000 tonnes of refined copper last year",
    "produced about 550,000 tonnes of refined copper in 1986, a record",
)
OTHERS = {
    "zambia": (
        "Zambia's copper output fell sharply in the first quarter because of power cuts at the "
        "smelters of the Copperbelt, the state mining company said in a statement. Production "
        "was 110,000 tonnes against 130,000 a year earlier, and exports were delayed by a "
        "shortage of rail wagons on the line to the port of Dar es Salaam in Tanzania."
    ),
    "lme": (
        "Copper prices on the London Metal Exchange rose to their highest level in six months as "
        "dealers reported strong buying by Japanese and European fabricators. Cash metal closed "
        "at 1,012 stg a tonne, up 18 stg on the day, and three months metal rose by 15 stg. "
        "Traders said the market expected further gains if the Chilean strike continued."
    ),
    "cocoa": (
        "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought "
        "since early January and improving prospects for the coming temporao, although normal "
        "humidity levels have not been restored, Comissaria Smith said in its weekly review of "
        "the crop, which it put at around five mln bags for the whole season."
    ),
}


def record(article_id: str, day: str, body: str, title: str = "") -> dict:
    return {"id": article_id, "date": day, "title": title or f"Story {article_id}", "body": body}


def wire() -> list[dict]:
    return [
        record("strike", "1987-03-02", STORY, "CHILE COPPER MINE STRIKE"),
        record("strike-resent", "1987-03-02", STORY, "CHILE COPPER MINE STRIKE"),
        record("strike-corrected", "1987-03-03", CORRECTED, "CORRECTED - CHILE COPPER STRIKE"),
        *(record(name, "1987-03-02", body) for name, body in OTHERS.items()),
    ]


GROUP = {"strike", "strike-resent", "strike-corrected"}


@pytest.fixture
def wire_index(tmp_path) -> Index:
    index = Index(tmp_path / "index")
    index.reindex([write_jsonl(tmp_path / "wire" / "wire.jsonl", wire())])
    return index


def shown(page) -> list[tuple[str, set[str]]]:
    return [(hit.id, {s.id for s in hit.similar}) for hit in page.hits]


def test_a_resent_and_a_corrected_story_are_one_result_with_two_similar(wire_index):
    page = wire_index.search("copper")
    assert page.total == 5  # every matching article still counts
    results = shown(page)
    assert len(results) == 3
    leader, similar = next((i, s) for i, s in results if i in GROUP)
    assert similar == GROUP - {leader}
    assert {i for i, _ in results} - GROUP == {"zambia", "lme"}
    assert all(not s for i, s in results if i not in GROUP)
    titles = {s.title for hit in page.hits for s in hit.similar}
    assert "CORRECTED - CHILE COPPER STRIKE" in titles or leader == "strike-corrected"


def test_collapse_can_be_turned_off(wire_index):
    page = wire_index.search("copper", collapse=False)
    assert {hit.id for hit in page.hits} == GROUP | {"zambia", "lme"}
    assert all(not hit.similar for hit in page.hits)


def test_pages_never_show_a_group_twice(wire_index):
    seen: list[str] = []
    for number in (1, 2, 3):
        page = wire_index.search("copper", page=number, page_size=1)
        assert page.pages == 3
        for hit in page.hits:
            seen += [hit.id, *(s.id for s in hit.similar)]
    assert sorted(seen) == sorted(GROUP | {"zambia", "lme"})
    assert not wire_index.search("copper", page=4, page_size=1).hits


def test_the_same_text_weeks_later_is_a_new_story(tmp_path):
    """Weekly reports repeat their wording with new figures; only stories told again within a
    few days are the same story."""
    index = Index(tmp_path / "index")
    later = record("strike-next-month", "1987-04-20", STORY)
    index.reindex(
        [write_jsonl(tmp_path / "a.jsonl", [record("strike", "1987-03-02", STORY), later])]
    )
    assert all(not hit.similar for hit in index.search("chuquicamata").hits)
    assert index.search("chuquicamata").total == 2


def test_a_story_added_later_joins_its_group(tmp_path, wire_index):
    more = write_jsonl(
        tmp_path / "more" / "more.jsonl",
        [record("strike-again", "1987-03-04", STORY + " Talks resume on Friday.")],
    )
    report = wire_index.reindex([tmp_path / "wire", more.parent])
    assert report.added == 1 and report.unchanged == 6
    hits = wire_index.search("chuquicamata").hits
    assert len(hits) == 1
    assert {hits[0].id, *(s.id for s in hits[0].similar)} == GROUP | {"strike-again"}


def test_a_story_changed_into_another_leaves_its_group_for_the_new_one(tmp_path, wire_index):
    records = wire()
    cocoa_copper = OTHERS["cocoa"].replace("cocoa", "copper")
    records[1] = record("strike-resent", "1987-03-02", cocoa_copper)
    write_jsonl(tmp_path / "wire" / "wire.jsonl", records)
    report = wire_index.reindex([tmp_path / "wire"])
    assert report.updated == 1
    groups = {hit.id: {s.id for s in hit.similar} for hit in wire_index.search("copper").hits}
    assert groups.get("strike-resent") == {"cocoa"}
    remaining = {i: s for i, s in groups.items() if i in {"strike", "strike-corrected"}}
    assert len(remaining) == 1 and {*remaining, *next(iter(remaining.values()))} == {
        "strike",
        "strike-corrected",
    }


def test_a_full_rebuild_groups_the_same_way(tmp_path, wire_index):
    before = shown(wire_index.search("copper"))
    wire_index.reindex([tmp_path / "wire"], full=True)
    assert shown(wire_index.search("copper")) == before


def test_more_like_this_skips_the_story_told_again(wire_index):
    found = [hit.id for hit in wire_index.more_like_this("strike", top=5)]
    assert found and not set(found) & GROUP
    assert "lme" in found


def test_cli_json_carries_the_similar_stories(tmp_path, wire_index):
    done = run("search", "copper", "--index", wire_index.path, "--json")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["total"] == 5 and payload["collapse"] is True
    similar = {r["id"]: {s["id"] for s in r["similar"]} for r in payload["results"]}
    leader = next(i for i in similar if i in GROUP)
    assert similar[leader] == GROUP - {leader}
    entry = next(r for r in payload["results"] if r["id"] == leader)["similar"][0]
    assert set(entry) == {"id", "title", "date"} and entry["date"].startswith("1987-03")


def test_cli_text_says_how_many_similar_stories_and_can_list_them_all(wire_index):
    done = run("search", "copper", "--index", wire_index.path)
    assert done.returncode == 0, done.stderr
    assert "2 similar stories:" in done.stdout
    flat = run("search", "copper", "--index", wire_index.path, "--no-collapse", "--json")
    assert {r["id"] for r in json.loads(flat.stdout)["results"]} == GROUP | {"zambia", "lme"}


def test_cli_similar_skips_near_duplicates(wire_index):
    done = run("similar", "strike-resent", "--index", wire_index.path)
    assert done.returncode == 0, done.stderr
    assert not {line.split()[0] for line in done.stdout.splitlines() if line} & GROUP


def test_api_results_carry_similar_and_collapse_0_lists_them_all(wire_index):
    client = create_app(index=wire_index).test_client()
    payload = client.get("/api/search?q=copper").get_json()
    assert payload["total"] == 5 and len(payload["results"]) == 3
    leader = next(r for r in payload["results"] if r["id"] in GROUP)
    assert {s["id"] for s in leader["similar"]} == GROUP - {leader["id"]}
    flat = client.get("/api/search?q=copper&collapse=0").get_json()
    assert len(flat["results"]) == 5 and all(r["similar"] == [] for r in flat["results"])
    bad = client.get("/api/search?q=copper&collapse=maybe")
    assert bad.status_code == 400 and "collapse" in bad.get_json()["error"]


def test_api_similar_skips_near_duplicates(wire_index):
    client = create_app(index=wire_index).test_client()
    response = client.get("/api/similar/strike")
    assert response.status_code == 200
    body = response.get_json()
    found = {r["id"] for r in (body["results"] if isinstance(body, dict) else body)}
    assert found and not found & GROUP


def test_the_search_page_folds_the_duplicates_under_a_details_element(wire_index):
    client = create_app(index=wire_index).test_client()
    html = client.get("/search?q=copper").get_data(as_text=True)
    assert html.count('<details class="similar">') == 1
    assert "2 similar stories" in html
    flat = client.get("/search?q=copper&collapse=0").get_data(as_text=True)
    assert "similar stor" not in flat and flat.count('class="result"') == 5
    # Each page links to the other way of listing them.
    assert 'q=copper&amp;collapse=0">List each on its own' in html
    assert '?q=copper">Fold them under one result' in flat
    bad = client.get("/search?q=copper&collapse=maybe")
    assert (
        bad.status_code == 400 and "collapse must be 1 or 0" in bad.get_data(as_text=True).lower()
    )


@pytest.mark.browser
def test_in_chromium_the_similar_stories_expand(wire_index, browser):
    with serving(wire_index.path) as base:
        page = browser.new_page()
        page.goto(base + "/search?q=copper")
        results = page.locator("ol.results > li")
        assert results.count() == 3
        folded = page.locator("details.similar li a")
        assert folded.count() == 2 and not folded.first.is_visible()
        page.get_by_text("2 similar stories").click()
        assert folded.first.is_visible()
        titles = folded.all_inner_texts()
        assert any("CHILE COPPER" in t for t in titles)
        folded.first.click()
        page.wait_for_url("**/article/**")
        assert "Chuquicamata" in page.locator("body").inner_text()
