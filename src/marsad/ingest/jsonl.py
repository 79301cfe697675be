"""JSON Lines: one report per line.

Keys: text or html (one required), and optionally url, outlet, published,
title, name. The 2018 multi-outlet corpus's keys (docno, src, time) are read
as name, outlet and published.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from marsad.records import IngestFailure, RawDocument


def read(path: Path) -> Iterator[RawDocument | IngestFailure]:
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", errors="strict") as fh:
        lineno = 0
        while True:
            lineno += 1
            try:
                line = fh.readline()
            except UnicodeDecodeError as exc:
                yield IngestFailure(f"{path}:{lineno}", f"not UTF-8 ({exc.reason}); JSON Lines must be UTF-8")
                return
            if not line:
                return
            if not line.strip():
                continue
            yield parse_line(line, f"{path}:{lineno}")


def parse_line(line: str, where: str) -> RawDocument | IngestFailure:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return IngestFailure(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(obj, dict):
        return IngestFailure(where, "a line must be a JSON object")
    html, text = obj.get("html"), obj.get("text")
    body = html if isinstance(html, str) and html.strip() else text
    if not isinstance(body, str) or not body.strip():
        return IngestFailure(where, "no 'text' or 'html' field with content")
    return RawDocument(
        source=obj.get("url") or where,
        name=_str(obj.get("name") or obj.get("id") or obj.get("docno")),
        content=body,
        media_type="text/html" if body is html else "text/plain",
        encoding="utf-8",
        outlet=_str(obj.get("outlet") or obj.get("src")),
        title=_str(obj.get("title")),
        published=_str(obj.get("published") or obj.get("time")),
        url=_str(obj.get("url")),
    )


def _str(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
