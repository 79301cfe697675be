"""JSON Lines: one report per line.

Keys: text or html (one required), and optionally url, outlet, published,
title, name. The 2018 multi-outlet corpus's keys (docno, src, time) are read
as name, outlet and published. A bad line is reported with its number; the
other lines go on.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path

from marsad.ingest import guard
from marsad.records import IngestFailure, RawDocument


def read(path: Path) -> Iterator[RawDocument | IngestFailure]:
    gz = path.name.lower().endswith(".gz")
    lineno = 0
    broken = False
    try:
        with (gzip.open(path, "rb") if gz else open(path, "rb")) as fh:
            for lineno, data in enumerate(fh, 1):
                where = f"{path}:{lineno}"
                if lineno == 1:
                    data = data.removeprefix(b"\xef\xbb\xbf")
                if not data.strip():
                    continue
                try:
                    line = data.decode("utf-8")
                except UnicodeDecodeError as exc:
                    byte = f"byte 0x{data[exc.start]:02x} at column {exc.start + 1}"
                    yield IngestFailure(where, f"not UTF-8 ({byte}); JSON Lines must be UTF-8")
                    continue
                yield parse_line(line, where)
    except (OSError, EOFError, zlib.error) as exc:
        # a truncated or corrupt gzip stream: what was read so far stands
        broken = True
        yield IngestFailure(f"{path}:{lineno + 1}", f"cannot read further: {exc}")
    if lineno == 0 and not broken:
        yield IngestFailure(str(path), "empty file")


def parse_line(line: str, where: str) -> RawDocument | IngestFailure:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return IngestFailure(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(obj, dict):
        return IngestFailure(where, "a line must be a JSON object")
    html, text = obj.get("html"), obj.get("text")
    is_html = isinstance(html, str) and bool(html.strip())
    body = html if is_html else text
    if not isinstance(body, str) or not body.strip():
        return IngestFailure(where, "no 'text' or 'html' field with content")
    if is_html and guard.declares_entities(body):
        return IngestFailure(where, f"html {guard.REASON}")
    return RawDocument(
        source=_str(obj.get("url")) or where,
        name=_str(obj.get("name") or obj.get("id") or obj.get("docno")),
        content=body,
        media_type="text/html" if is_html else "text/plain",
        encoding="utf-8",
        outlet=_str(obj.get("outlet") or obj.get("src")),
        title=_str(obj.get("title")),
        published=_str(obj.get("published") or obj.get("time") or obj.get("date")),
        url=_str(obj.get("url")),
    )


def _str(value: object) -> str | None:
    return str(value).strip() or None if value not in (None, "") else None
