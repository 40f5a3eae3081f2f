"""Atom feeds of searches (RFC 4287), so a saved search becomes an alert in any feed reader."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time
from xml.etree import ElementTree as ET

from search import SearchPage, to_terminal
from webui.params import SearchParams

ATOM = "http://www.w3.org/2005/Atom"
ENTRIES = 20


def atom(page: SearchPage, params: SearchParams, base_url: str) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    query = params.query_string(page=1, sort="newest")
    _text(feed, "title", f"Dateline: {params.q}")
    _text(feed, "id", _tag_uri("search", query))
    _text(feed, "updated", _stamp(max((h.date for h in page.hits if h.date), default=None)))
    _link(feed, f"{base_url}/feed?{query}", rel="self")
    _link(feed, f"{base_url}/search?{query}", rel="alternate")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "Dateline")
    for hit in page.hits:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "title", hit.title)
        _text(entry, "id", _tag_uri("article", hit.id))
        _text(entry, "updated", _stamp(hit.date))
        _link(entry, f"{base_url}/article/{hit.id}", rel="alternate")
        summary = " … ".join(
            to_terminal(h, lambda word: word) for h in hit.highlights or [hit.summary]
        )
        _text(entry, "summary", summary)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _text(parent: ET.Element, name: str, value: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{name}").text = value


def _link(parent: ET.Element, href: str, rel: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", href=href, rel=rel)


def _stamp(day: date | None) -> str:
    moment = datetime.combine(day, time(), tzinfo=UTC) if day else datetime(1970, 1, 1, tzinfo=UTC)
    return moment.isoformat().replace("+00:00", "Z")


def _tag_uri(kind: str, key: str) -> str:
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    return f"tag:dateline.local,2026:{kind}/{digest}"
