"""Main text and page metadata out of HTML."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from lxml import html as lxml_html


@dataclass
class PageText:
    text: str
    title: str | None
    published: str | None  # as the page states it
    site_name: str | None


_DATE_META = (
    "article:published_time", "og:article:published_time", "datePublished",
    "pubdate", "publishdate", "date", "dc.date", "DC.date.issued", "sailthru.date",
)


def extract(content: str) -> PageText:
    meta = _meta(content)
    text = trafilatura.extract(
        content, include_comments=False, include_tables=False, favor_precision=True, deduplicate=False
    ) or ""
    return PageText(
        text=text,
        title=meta.get("og:title") or meta.get("title"),
        published=next((meta[k] for k in _DATE_META if meta.get(k)), None),
        site_name=meta.get("og:site_name") or meta.get("application-name"),
    )


def _meta(content: str) -> dict[str, str]:
    try:
        tree = lxml_html.fromstring(content.encode("utf-8", "replace"))
    except Exception:  # noqa: BLE001 - malformed pages still have trafilatura's text
        return {}
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        value = el.get("content")
        if key and value and key not in found:
            found[key] = value.strip()
    for el in tree.iter("time"):
        if el.get("datetime") and "datePublished" not in found:
            found["datePublished"] = el.get("datetime").strip()
    titles = tree.findall(".//title")
    if titles and titles[0].text_content().strip():
        found.setdefault("title", titles[0].text_content().strip())
    return found
