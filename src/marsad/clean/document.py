"""Assemble a Document from a RawDocument.

Three passes over the report's lines: each line on its own (chrome rules),
the lists under a "related"/"عاجل" label, then datelines and lines of outlet
names, which count only above the first or below the last body line. The
headline comes last: repeats at the top collapse, and short labels above it
are navigation.
"""

from __future__ import annotations

import hashlib
import unicodedata

from marsad import dates
from marsad.arabic import arabic_ratio, normalize
from marsad.clean import chrome, html
from marsad.clean.meta import is_headline, parse_dateline, parse_stated, source_named
from marsad.kb import outlets
from marsad.records import Document, Published, RawDocument, RemovedLine

_MAX_LIST = 8  # headlines a related/ticker list holds at most
_BODY_WORDS = 6  # a line this long, not shaped like a headline, is report text
_DATELINE_WORDS = 16

Line = tuple[int, str]  # (position in the report, text)


class CleanError(ValueError):
    """A report with no text left to analyze."""


def document_id(text: str) -> str:
    key = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def clean(raw: RawDocument) -> Document:
    title = raw.title
    published = parse_stated(raw.published) if raw.published else None
    url = raw.url
    page = None
    if raw.media_type == "text/html":
        page = html.extract(raw.content)
        body = page.text
        page_title, site_outlet = _split_site_suffix(page.title, page.site_name)
        title = title or page_title
        if published is None and page.published:
            published = parse_stated(page.published)
        url = url or page.url
    else:
        body = raw.content
        site_outlet = None

    lines = [(i, line.strip()) for i, line in enumerate(body.splitlines()) if line.strip()]
    kept, removed, found = _strip_chrome(lines)
    found_title, kept, repeats = _headline(kept, title)
    removed = [r for _, r in sorted(removed + repeats, key=lambda x: x[0])]
    text = "\n".join(line for _, line in kept)
    if not text:
        raise CleanError("no report text found" if not lines else "no report text left once page chrome is removed")

    if published is None:
        published = found.get("published")
    if published is None:
        published = dates.estimate_publication(text)
    return Document(
        id=document_id(text),
        name=raw.name,
        source=raw.source,
        outlet=_outlet(raw.outlet, found, page, site_outlet, url),
        language="ar" if arabic_ratio(text[:1500]) >= 0.5 else "und",
        title=title or found_title,
        published=published,
        text=text,
        removed=removed,
        url=url,
    )


def _strip_chrome(lines: list[Line]) -> tuple[list[Line], list[tuple[int, RemovedLine]], dict]:
    reasons = [chrome.classify(line) for _, line in lines]

    # Headlines listed under a bare "related"/"عاجل" label are other reports.
    header, listed = None, 0
    for n, (_, line) in enumerate(lines):
        reason = reasons[n]
        if reason is not None:
            header = reason if reason in chrome.LIST_HEADERS and chrome.is_label(line) else None
            listed = 0
        elif header and listed < _MAX_LIST and is_headline(line):
            reasons[n] = header
            listed += 1
        else:
            header = None

    found: dict = {}
    body = [n for n, (_, line) in enumerate(lines)
            if reasons[n] is None and len(line.split(maxsplit=_BODY_WORDS)) >= _BODY_WORDS and not is_headline(line)]
    first, last = (body[0], body[-1]) if body else (len(lines), -1)
    for n, (_, line) in enumerate(lines):
        if reasons[n] is not None or first <= n <= last:
            continue
        if chrome.outlet_names(line):
            reasons[n] = "outlet-name"
        elif len(line.split()) <= _DATELINE_WORDS and (dated := parse_dateline(line)) is not None:
            reasons[n] = "dateline"
            found.setdefault("published", dated)
            _note(found, "source", _known(source_named(line)))

    kept: list[Line] = []
    removed: list[tuple[int, RemovedLine]] = []
    for n, (pos, line) in enumerate(lines):
        reason = reasons[n]
        if reason is None:
            kept.append((pos, line))
            continue
        removed.append((pos, RemovedLine(line, reason)))
        if reason == "source" and not first <= n <= last:
            # inside the report, a bare "المصدر: رويترز" credits a photo, not the report
            _note(found, "source", _known(source_named(line)))
        elif reason == "outlet-name":
            _note(found, "byline", chrome.outlet_names(line)[0])
        elif reason in ("copyright", "follow"):
            _note(found, reason, chrome.named_outlet(line))
    return kept, removed, found


def _note(found: dict, kind: str, value: str | None) -> None:
    if value and kind not in found:
        found[kind] = value


def _headline(lines: list[Line], given: str | None) -> tuple[str | None, list[Line], list[tuple[int, RemovedLine]]]:
    """The headline, the lines with its repeats collapsed, and what was removed."""
    first_body = next((n for n, (_, line) in enumerate(lines) if _is_body(line)), len(lines))
    head = [line for _, line in lines[:first_body]]
    keys = [_key(line) for line in head]
    title = given
    if title is None:
        repeated = [line for line, k in zip(head, keys) if keys.count(k) > 1]
        if repeated:
            title = repeated[0]
        elif head and first_body < len(lines):
            title = next((line for line in head if len(line.split()) >= 4), None)
    if title is None or not head:  # no line above the body to collapse
        return title, lines, []
    title_key = _key(title)
    at = keys.index(title_key) if title_key in keys else None
    out: list[Line] = []
    removed: list[tuple[int, RemovedLine]] = []
    for n, (pos, line) in enumerate(lines):
        if at is not None and n < first_body:
            if n > at and keys[n] == title_key:
                removed.append((pos, RemovedLine(line, "title-repeat")))
                continue
            if n < at and len(line.split()) <= 3:
                removed.append((pos, RemovedLine(line, "navigation")))
                continue
        out.append((pos, line))
    return title, out, removed


def _key(line: str) -> str:
    return " ".join(normalize(line).split())


def _is_body(line: str) -> bool:
    return len(line.split(maxsplit=3)) >= 3 and not is_headline(line)


def _outlet(
    given: str | None, found: dict, page: html.PageText | None, site: str | None, url: str | None
) -> str | None:
    """The outlet, by how directly the report names it.

    The source's own word first, then the page's lines ("المصدر:", a byline
    of outlet names, the copyright holder, a follow-us line), then the page's
    metadata and its domain. Report sentences are never read for it.
    """
    if given:
        return _canonical(given)
    for kind in ("source", "byline", "copyright", "follow"):
        if found.get(kind):
            return found[kind]
    if page is not None:
        for candidate in (_known(page.site_name), site, page.copyright and chrome.named_outlet(page.copyright)):
            if candidate:
                return candidate
    for address in (url, page.url if page else None):
        known = outlets.by_url(address) if address else None
        if known:
            return known.name
    return page.site_name if page is not None and page.site_name else None


def _known(name: str | None) -> str | None:
    known = outlets.by_name(name) if name else None
    return known.name if known else None


def _canonical(name: str) -> str:
    """A source-given outlet under its known name ("skynews" -> "سكاي نيوز عربية")."""
    known = outlets.by_name(name)
    if known is None:
        named = outlets.in_text(name)
        known = named[0][1] if named else None
    return known.name if known else name.strip()


def _split_site_suffix(title: str | None, site: str | None) -> tuple[str | None, str | None]:
    """A page title without the site's name after it ("... - الصباح | Assabah"), and the known outlet cut off."""
    if not title:
        return None, None
    title, outlet = title.strip(), None
    while True:
        at, sep = max((title.rfind(sep), sep) for sep in (" | ", " - ", " – ", " — "))
        if at <= 0:
            return title, outlet
        tail = title[at + len(sep):]
        known = outlets.by_name(tail)
        if not (known or (site and normalize(tail) == normalize(site))):
            return title, outlet
        title, outlet = title[:at].strip(), outlet or (known.name if known else None)


__all__ = ["clean", "document_id", "CleanError", "Published"]
