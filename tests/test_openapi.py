"""The JSON API against its OpenAPI description, fuzzed with schemathesis: no request the
description allows gives a 5xx, and every response matches the status codes, media types and
schemas it promises."""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from webui import create_app, openapi

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Bounded, since it runs in every test run: a few dozen requests per route (more on demand).
EXAMPLES = int(os.environ.get("DATELINE_FUZZ_EXAMPLES", "25"))


# The description as the app serves it (test_the_app_serves_this_description checks that it
# is); loaded here, not through a fixture, since schemathesis parametrizes at collection.
schema = schemathesis.openapi.from_dict(openapi.spec())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_api_route_keeps_to_its_description(app, case):
    case.call_and_validate(app=app, checks=CHECKS)


def test_the_description_covers_every_api_route(sample_index):
    app = create_app(index=sample_index)
    described = set(app.test_client().get("/api/openapi.json").get_json()["paths"])
    routes = {
        rule.rule.replace("<path:article_id>", "{id}").replace("<path:name>", "{name}")
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/")
    }
    assert routes == described


def test_the_app_serves_this_description(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response.is_json
    assert response.get_json() == openapi.spec()
    assert response.get_json()["openapi"].startswith("3.")


def test_a_window_of_centuries_is_refused_not_a_server_error(client):
    # Found by the fuzzing above: a window past the calendar's range overflowed into a 500.
    response = client.get("/api/similar/soledar?window=738533")
    assert response.status_code == 400 and "window" in response.get_json()["error"]


def test_the_timeline_api_gives_every_articles_count_per_period_when_asked(client):
    plain = client.get("/api/timeline?q=said&granularity=month").get_json()
    with_totals = client.get("/api/timeline?q=said&granularity=month&totals=1").get_json()
    assert "totals" not in plain
    counts, totals = with_totals["series"]["said"], with_totals["totals"]
    assert len(totals) == len(counts) == len(with_totals["periods"])
    assert all(total >= n for total, n in zip(totals, counts, strict=True)) and sum(counts)
    assert sum(totals) > sum(counts)
