"""Assemble a Document from a RawDocument."""

from __future__ import annotations

import hashlib
import re

from marsad import dates
from marsad.arabic import arabic_ratio, normalize
from marsad.clean import chrome, html
from marsad.clean.meta import is_headline, parse_dateline, parse_stated
from marsad.kb import outlets
from marsad.records import Document, Published, RawDocument, RemovedLine

_SOURCE_RE = re.compile(r"المصدر\s*[:：]\s*(.+)$")
# Lines after these labels are the related headlines, not the report.
_LIST_HEADERS = {"related", "ticker"}


def document_id(text: str) -> str:
    key = " ".join(text.split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def clean(raw: RawDocument) -> Document:
    title = raw.title
    published = parse_stated(raw.published) if raw.published else None
    outlet = raw.outlet
    if raw.media_type == "text/html":
        page = html.extract(raw.content)
        body = page.text
        title = title or _strip_site_suffix(page.title, page.site_name)
        if published is None and page.published:
            published = parse_stated(page.published)
        outlet = outlet or _known_name(page.site_name)
    else:
        body = raw.content

    kept, removed, found = _strip_chrome(body.splitlines())
    found_title, kept, repeats = _headline(kept, title)
    removed.extend(repeats)
    title = title or found_title
    published = published or found.get("published")
    outlet = outlet or found.get("outlet")
    if outlet is None and raw.url:
        known = outlets.by_url(raw.url)
        outlet = known.name if known else None

    text = "\n".join(kept)
    if published is None:
        published = dates.estimate_publication(text)
    return Document(
        id=document_id(text),
        name=raw.name,
        source=raw.source,
        outlet=outlet,
        language="ar" if arabic_ratio(text) >= 0.5 else "und",
        title=title,
        published=published,
        text=text,
        removed=removed,
        url=raw.url,
    )


def _strip_chrome(lines: list[str]) -> tuple[list[str], list[RemovedLine], dict]:
    kept: list[str] = []
    removed: list[RemovedLine] = []
    found: dict[str, object] = {}
    under_header: str | None = None
    for raw_line in lines:
        line = raw_line.strip()
        if not line:
            continue
        reason = chrome.classify(line)
        if reason is None and under_header and is_headline(line):
            reason = under_header
        elif reason is None:
            under_header = None
        if reason is None and len(line.split()) <= 12:
            dated = parse_dateline(line)
            if dated is not None:
                reason = "dateline"
                found.setdefault("published", dated)
                m = _SOURCE_RE.search(line)
                if m and (name := _known_name(m.group(1))):
                    found.setdefault("outlet", name)
        if reason is None and _known_name(line) and len(line.split()) <= 4:
            reason = "outlet-name"
            found.setdefault("outlet_footer", _known_name(line))
        if reason is None:
            kept.append(line)
            continue
        removed.append(RemovedLine(line, reason))
        if reason in _LIST_HEADERS:
            under_header = reason
        if reason in ("copyright", "follow") and "outlet_chrome" not in found:
            named = outlets.in_text(line)
            if named:
                found["outlet_chrome"] = named[0][1].name
    found.setdefault("outlet", found.get("outlet_chrome") or found.get("outlet_footer"))
    return kept, removed, found


def _headline(lines: list[str], given: str | None) -> tuple[str | None, list[str], list[RemovedLine]]:
    """The headline, the lines with its repeats collapsed, and the repeats."""
    first_body = next((i for i, line in enumerate(lines) if _is_body(line)), len(lines))
    head = lines[:first_body]
    title: str | None = None
    keys = [normalize(line) for line in head]
    if given:
        title = given
    else:
        repeated = [line for line, key in zip(head, keys) if keys.count(key) > 1]
        if repeated:
            title = repeated[0]
        elif head and first_body < len(lines):
            title = next((line for line in head if len(line.split()) >= 4), None)
    if title is None:
        return None, lines, []
    title_key = normalize(title)
    out: list[str] = []
    removed: list[RemovedLine] = []
    seen_title = False
    for i, line in enumerate(lines):
        if i < first_body and normalize(line) == title_key:
            if seen_title:
                removed.append(RemovedLine(line, "title-repeat"))
                continue
            seen_title = True
        elif i < first_body and not seen_title and len(line.split()) <= 3:
            removed.append(RemovedLine(line, "navigation"))
            continue
        out.append(line)
    return title, out, removed


def _is_body(line: str) -> bool:
    return len(line.split()) >= 3 and not is_headline(line)


def _known_name(name: str | None) -> str | None:
    if not name:
        return None
    known = outlets.by_name(name)
    return known.name if known else None


def _strip_site_suffix(title: str | None, site: str | None) -> str | None:
    if not title:
        return None
    for sep in (" | ", " - ", " – ", " — "):
        if sep in title:
            head, tail = title.rsplit(sep, 1)
            if (site and normalize(tail) == normalize(site)) or outlets.by_name(tail):
                return head.strip()
    return title.strip()


__all__ = ["clean", "document_id", "Published"]
