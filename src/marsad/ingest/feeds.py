"""RSS and Atom feeds, each entry a report."""

from __future__ import annotations

from collections.abc import Iterator

import feedparser
from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring

from marsad.records import IngestFailure, RawDocument


def looks_like_feed(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head)


def read_bytes(data: bytes, source: str) -> Iterator[RawDocument | IngestFailure]:
    try:
        # Entity declarations are how billion-laughs and external-entity
        # attacks work; a news feed has no need of them.
        fromstring(data)
    except (EntitiesForbidden, DTDForbidden, ExternalReferenceForbidden) as exc:
        yield IngestFailure(source, f"feed refused: it declares XML entities ({type(exc).__name__}), an entity-expansion risk")
        return
    except Exception as exc:  # noqa: BLE001 - feedparser handles non-well-formed feeds itself
        if not data.strip():
            yield IngestFailure(source, "empty file")
            return
        del exc
    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=True)
    if not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "no entries")
        yield IngestFailure(source, f"not a readable feed: {reason}")
        return
    outlet = parsed.feed.get("title") or None
    for i, entry in enumerate(parsed.entries):
        content = ""
        if entry.get("content"):
            content = entry.content[0].get("value", "")
        content = content or entry.get("summary", "")
        if not content.strip():
            yield IngestFailure(f"{source}#{i}", "feed entry has no content or summary")
            continue
        yield RawDocument(
            source=entry.get("link") or f"{source}#{i}",
            name=entry.get("id") or None,
            content=content,
            media_type="text/html",
            encoding="utf-8",
            outlet=outlet,
            title=entry.get("title") or None,
            published=entry.get("published") or entry.get("updated") or None,
            url=entry.get("link") or None,
        )
