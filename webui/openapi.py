"""The OpenAPI 3.1 description of the JSON API, served at /api/openapi.json.

tests/test_openapi.py fuzzes the API from it, so it stays true: change a route or a payload
and that test says where this description no longer matches.
"""

from __future__ import annotations

from typing import Any

from search import GRANULARITIES, MAX_PAGE, MAX_PAGE_SIZE, SORTS, __version__

Schema = dict[str, Any]


def _ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(kind: str, **extra: Any) -> Schema:
    return {"type": [kind, "null"], **extra}


def _param(name: str, where: str, schema: Schema, description: str, **extra: Any) -> Schema:
    return {"name": name, "in": where, "schema": schema, "description": description, **extra}


def _query(name: str, description: str, schema: Schema | None = None, **extra: Any) -> Schema:
    return _param(name, "query", schema or {"type": "string"}, description, **extra)


def _path(name: str, description: str, example: str) -> Schema:
    schema = {"type": "string", "minLength": 1, "examples": [example]}
    return _param(name, "path", schema, description, required=True)


def _json(schema: Schema, description: str) -> Schema:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _responses(ok: Schema, ok_description: str, *errors: int) -> Schema:
    reasons = {
        400: "A query, date or parameter no search could use; `error` says which and why",
        404: "Nothing by that id or name",
        503: "No index yet, or the index is damaged",
    }
    out = {"200": _json(ok, ok_description)}
    for code in (*errors, 503):
        out[str(code)] = _json(_ref("Error"), reasons[code])
    return out


DATES = [
    _query("from", "Earliest date: 2023-01-13, 13 Jan 2023, Jan 2023 or 2023."),
    _query("to", "Latest date, inclusive (same forms)."),
]
PAGING = [
    _query("page", "Page of results.", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}),
    _query(
        "page_size",
        "Results per page.",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
    ),
]
SORT = _query("sort", "Order of results.", {"type": "string", "enum": [*SORTS, "date"]})
DAY = _nullable("string", format="date")

SCHEMAS: dict[str, Schema] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {"type": "string", "description": "What was wrong, for a user"},
            "parameter": {"type": "string", "description": "The request argument at fault"},
        },
    },
    "Hit": {
        "type": "object",
        "required": ["id", "title", "date", "score", "highlights", "speakers", "title_html"],
        "properties": {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "date": DAY,
            "score": _nullable("number"),
            "highlights": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Passages of the body, HTML-escaped, matches in <mark>",
            },
            "speakers": {"type": "array", "items": {"type": "string"}},
            "title_html": {"type": "string"},
            "summary": {"type": "string", "description": "The opening, when only the title hit"},
            "similar": {
                "type": "array",
                "description": "Near-identical stories (re-sends, corrections) folded under it",
                "items": {
                    "type": "object",
                    "required": ["id", "title", "date"],
                    "properties": {
                        "id": {"type": "string"},
                        "title": {"type": "string"},
                        "date": DAY,
                    },
                },
            },
        },
    },
    "QuoteHit": {
        "type": "object",
        "required": ["text", "text_html", "speaker", "article_id", "title", "date", "score"],
        "properties": {
            "text": {"type": "string"},
            "text_html": {"type": "string"},
            "speaker": _nullable("string"),
            "article_id": {"type": "string"},
            "title": {"type": "string"},
            "date": DAY,
            "score": _nullable("number"),
            "first_appearance": {
                "oneOf": [
                    {"type": "null"},
                    {
                        "type": "object",
                        "required": ["article_id", "title", "date"],
                        "properties": {
                            "article_id": {"type": "string"},
                            "title": {"type": "string"},
                            "date": DAY,
                        },
                    },
                ]
            },
        },
    },
    "Page": {
        "type": "object",
        "required": ["query", "total", "page", "page_size", "pages", "sort", "results"],
        "properties": {
            "query": {"type": "string"},
            "total": {"type": "integer", "minimum": 0},
            "total_all_words": {"type": "integer", "minimum": 0},
            "total_some_words": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "page_size": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 0},
            "sort": {"type": "string", "enum": list(SORTS)},
            "from": DAY,
            "to": DAY,
            "elapsed_ms": {"type": "number", "minimum": 0},
            "suggestion": _nullable("string"),
            "collapse": {"type": "boolean"},
            "total_is_lower_bound": {
                "type": "boolean",
                "description": "true: at least `total` match (10,000+); exact_total=1 counts all",
            },
        },
    },
    "SearchResults": {
        "allOf": [
            _ref("Page"),
            {
                "type": "object",
                "properties": {
                    "results": {"type": "array", "items": _ref("Hit")},
                    "facets": {
                        "type": "object",
                        "description": "Per facet asked for: [value, matching articles] pairs",
                        "additionalProperties": {
                            "type": "array",
                            "items": {
                                "type": "array",
                                "prefixItems": [{"type": "string"}, {"type": "integer"}],
                                "minItems": 2,
                                "maxItems": 2,
                            },
                        },
                    },
                },
            },
        ]
    },
    "QuoteResults": {
        "allOf": [
            _ref("Page"),
            {
                "type": "object",
                "properties": {"results": {"type": "array", "items": _ref("QuoteHit")}},
            },
        ]
    },
    "Timeline": {
        "type": "object",
        "required": ["granularity", "periods", "series"],
        "properties": {
            "granularity": {"type": "string", "enum": list(GRANULARITIES)},
            "periods": {
                "type": "array",
                "items": {"type": "string", "format": "date"},
                "description": "The first day of each period",
            },
            "series": {
                "type": "object",
                "description": "Per query, matching articles in each period",
                "additionalProperties": {
                    "type": "array",
                    "items": {"type": "integer", "minimum": 0},
                },
            },
            "totals": {
                "type": "array",
                "items": {"type": "integer", "minimum": 0},
                "description": "Every dated article in each period, when asked for",
            },
        },
    },
    "Article": {
        "type": "object",
        "required": ["id", "title", "date", "body", "body_html", "speakers", "metadata"],
        "properties": {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "date": DAY,
            "body": {"type": "string"},
            "body_html": {"type": "string", "description": "Escaped, query words in <mark>"},
            "speakers": {"type": "array", "items": {"type": "string"}},
            "metadata": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
            "quotes": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["text", "speaker"],
                    "properties": {
                        "text": {"type": "string"},
                        "speaker": _nullable("string"),
                        "searched": {"type": "boolean"},
                    },
                },
            },
        },
    },
    "Similar": {
        "type": "object",
        "required": ["results"],
        "properties": {"results": {"type": "array", "items": _ref("Hit")}},
    },
    "Speaker": {
        "allOf": [
            _ref("QuoteResults"),
            {
                "type": "object",
                "required": ["name", "also_named", "others", "roles", "alongside", "by_month"],
                "properties": {
                    "name": {"type": "string"},
                    "also_named": {"type": "array", "items": {"type": "string"}},
                    "others": {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": "Other speakers whose names hold the words asked, most "
                        "quoted first: each has a page of their own.",
                    },
                    "roles": {"type": "array", "items": {"type": "string"}},
                    "alongside": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["speaker", "articles"],
                            "properties": {
                                "speaker": {"type": "string"},
                                "articles": {"type": "integer", "minimum": 1},
                            },
                        },
                    },
                    "by_month": _ref("Timeline"),
                },
            },
        ]
    },
}

PATHS: dict[str, Schema] = {
    "/api/search": {
        "get": {
            "summary": "Search articles: ranked, highlighted results, with facet counts",
            "operationId": "search",
            "parameters": [
                _query(
                    "q",
                    'Query: words, "phrases", AND/OR/NOT, (groups), field:word, wildcards. '
                    "Needed unless a filter is given.",
                    {"type": "string", "examples": ["said", '"salt-mining town"']},
                ),
                *DATES,
                SORT,
                *PAGING,
                _query(
                    "facet",
                    "Count the matches by year, month, speaker or a metadata field.",
                    {"type": "array", "items": {"type": "string"}},
                    style="form",
                    explode=True,
                ),
                _query(
                    "filter",
                    "Only matches with (places:usa) or without (-places:usa) a facet value.",
                    {"type": "array", "items": {"type": "string"}},
                    style="form",
                    explode=True,
                ),
                _query(
                    "collapse",
                    "1 (default): near-identical stories are one result; 0: each on its own.",
                    {"type": "string", "enum": ["0", "1", "true", "false"]},
                ),
                _query(
                    "exact_total",
                    "1: count every match (past 10,000 the total is otherwise a lower bound).",
                    {"type": "string", "enum": ["0", "1", "true", "false"]},
                ),
            ],
            "responses": _responses(_ref("SearchResults"), "A page of results", 400),
        }
    },
    "/api/quotes": {
        "get": {
            "summary": "Search the quotations: who said what, and where it first appeared",
            "operationId": "quotes",
            "parameters": [
                _query(
                    "q",
                    "Words or a query to find in quotations.",
                    {"type": "string", "examples": ["oil"]},
                ),
                _query(
                    "speaker",
                    "Only quotations by this speaker (any part of the name).",
                    {"type": "string", "examples": ["kirby"]},
                ),
                *DATES,
                SORT,
                *PAGING,
            ],
            "responses": _responses(_ref("QuoteResults"), "A page of quotations", 400),
        }
    },
    "/api/timeline": {
        "get": {
            "summary": "Attention over time: matching articles per period, per query",
            "operationId": "timeline",
            "parameters": [
                _query(
                    "q",
                    "One to three queries to compare.",
                    {"type": "array", "items": {"type": "string"}, "examples": [["oil", "wheat"]]},
                    style="form",
                    explode=True,
                    required=True,
                ),
                *DATES,
                _query(
                    "granularity",
                    "Period; chosen from the range when not given.",
                    {"type": "string", "enum": list(GRANULARITIES)},
                ),
                _query(
                    "totals",
                    "1: also every dated article per period, the base of each period's share.",
                    {"type": "string", "enum": ["0", "1"]},
                ),
            ],
            "responses": _responses(_ref("Timeline"), "Counts per period", 400),
        }
    },
    "/api/article/{id}": {
        "get": {
            "summary": "One article, with the query words marked",
            "operationId": "article",
            "parameters": [
                _path("id", "The article's id.", "soledar"),
                _query("q", "Words to mark in the body.", {"type": "string", "examples": ["town"]}),
            ],
            "responses": _responses(_ref("Article"), "The article", 404),
        }
    },
    "/api/similar/{id}": {
        "get": {
            "summary": "More like this: the articles sharing most of this one's key terms",
            "operationId": "similar",
            "parameters": [
                _path("id", "The article's id.", "soledar"),
                _query(
                    "window",
                    "Only articles within this many days of its date.",
                    {"type": "integer", "minimum": 0},
                ),
            ],
            "responses": _responses(_ref("Similar"), "Similar articles", 400, 404),
        }
    },
    "/api/speaker/{name}": {
        "get": {
            "summary": "Everything a speaker is quoted as saying, newest first",
            "operationId": "speaker",
            "parameters": [
                _path("name", "The speaker's name, or part of it (a surname).", "kirby"),
                _query("q", "Only quotations with these words."),
                *DATES,
                PAGING[0],
            ],
            "responses": _responses(_ref("Speaker"), "The speaker's quotations", 400, 404),
        }
    },
    "/api/openapi.json": {
        "get": {
            "summary": "This description",
            "operationId": "openapi",
            "responses": {"200": _json({"type": "object"}, "The OpenAPI description")},
        }
    },
}


def spec() -> Schema:
    """The whole description, as JSON-ready values."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Dateline JSON API",
            "version": __version__,
            "description": (
                "Full-text search over news articles: the same searches as the web pages. "
                "Errors are JSON objects with an `error` message."
            ),
        },
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }
