"""Main text and page metadata out of HTML.

A whole page goes through trafilatura; a fragment (a feed entry's summary,
or a page trafilatura finds nothing in) is turned into text block by block.
"""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from lxml import etree
from lxml import html as lxml_html


@dataclass
class PageText:
    text: str
    title: str | None
    published: str | None  # as the page states it
    site_name: str | None
    url: str | None = None  # the page's own address (og:url, canonical link)
    copyright: str | None = None  # <meta name="copyright">


_DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "dc.date", "dc.date.issued", "sailthru.date", "date",
)
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section",
           "article", "header", "footer", "figcaption", "dd", "dt", "pre", "hr", "table", "ul", "ol"}
_SKIP = {"script", "style", "noscript", "template", "svg", "head"}


def is_page(content: str) -> bool:
    head = content[:2048].lower()
    return "<html" in head or "<!doctype" in head or "<body" in head or "<head" in head


def extract(content: str) -> PageText:
    tree = _parse(content)
    meta = _meta(tree) if tree is not None else {}
    text = ""
    if is_page(content):
        text = trafilatura.extract(
            tree if tree is not None else content,
            include_comments=False, include_tables=False, favor_precision=True, deduplicate=False,
        ) or ""
    if not text.strip() and tree is not None:
        text = block_text(tree)
    return PageText(
        text=text,
        title=meta.get("og:title") or meta.get("title"),
        published=next((meta[k] for k in _DATE_META if meta.get(k)), None),
        site_name=meta.get("og:site_name") or meta.get("application-name"),
        url=meta.get("og:url") or meta.get("canonical"),
        copyright=meta.get("copyright"),
    )


def _parse(content: str):
    try:
        # one parser per call: lxml parsers are not thread-safe
        parser = lxml_html.HTMLParser(encoding="utf-8")
        return lxml_html.document_fromstring(content.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):  # an empty or unparsable page
        return None


def block_text(tree) -> str:
    """The text of a tree, one line per block element."""
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else None  # comments and processing instructions
        if tag is not None and tag not in _SKIP:
            block = tag in _BLOCKS
            if block:
                parts.append("\n")
            parts.append(el.text or "")
            for child in el:
                walk(child)
            if block:
                parts.append("\n")
        parts.append(el.tail or "")

    body = tree.find("body")
    walk(body if body is not None else tree)
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)


def _meta(tree) -> dict[str, str]:
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        value = el.get("content")
        if key and value and value.strip():
            found.setdefault(key.strip().lower(), value.strip())
    for el in tree.iter("time"):
        if el.get("datetime"):
            found.setdefault("datepublished", el.get("datetime").strip())
            break
    for el in tree.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
            found.setdefault("canonical", el.get("href").strip())
    title = tree.find(".//title")
    if title is not None and title.text_content().strip():
        found.setdefault("title", title.text_content().strip())
    return found
