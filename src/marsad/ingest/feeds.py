"""RSS and Atom feeds, each entry a report."""

from __future__ import annotations

from collections.abc import Iterator

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from marsad.ingest import guard
from marsad.records import IngestFailure, RawDocument


def looks_like_feed(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head)


def read_bytes(data: bytes, source: str) -> Iterator[RawDocument | IngestFailure]:
    if not data.strip():
        yield IngestFailure(source, "empty file")
        return
    if guard.declares_entities(data):
        yield IngestFailure(source, f"feed {guard.REASON}")
        return
    try:
        fromstring(data)  # defusedxml: a second line of defence (external references, DTD tricks)
    except DefusedXmlException as exc:
        yield IngestFailure(source, f"feed refused by the safe XML parser: {type(exc).__name__}")
        return
    except Exception:  # noqa: BLE001 - feedparser reads feeds that are not well-formed XML itself
        pass
    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=True)
    if not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "no entries")
        yield IngestFailure(source, f"not a readable feed: {reason}")
        return
    outlet = parsed.feed.get("title") or None
    for i, entry in enumerate(parsed.entries, 1):
        where = f"{source}#{i}"
        content = ""
        if entry.get("content"):
            content = entry.content[0].get("value", "")
        content = content or entry.get("summary", "")
        if not content.strip():
            yield IngestFailure(where, "feed entry has no content or summary")
            continue
        yield RawDocument(
            source=entry.get("link") or where,
            name=None,
            content=content,
            media_type="text/html",
            encoding=parsed.get("encoding") or "utf-8",
            outlet=outlet,
            title=entry.get("title") or None,
            published=entry.get("published") or entry.get("updated") or None,
            url=entry.get("link") or None,
        )
