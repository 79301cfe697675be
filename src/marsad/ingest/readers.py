"""Dispatch a path to the reader for its format."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import re

from marsad.ingest import feeds, guard, jsonl, warc
from marsad.ingest.decode import DecodeError, decode
from marsad.records import IngestFailure, RawDocument

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonl.gz"}
WARC_SUFFIXES = {".warc", ".warc.gz"}
KNOWN = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if len(suffixes) == 2 and suffixes[1] == ".gz":
        return "".join(suffixes)
    return path.suffix.lower()


def _stem(path: Path) -> str:
    name = path.name
    suffix = _suffix(path)
    return name[: -len(suffix)] if suffix and name.lower().endswith(suffix) else path.stem


def report_files(paths: Iterable[str | Path]) -> Iterator[Path | IngestFailure]:
    """The files under the given files and folders in a stable order, or why a path gives none."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and _suffix(f) in KNOWN)
            if not files:
                yield IngestFailure(str(path), "folder holds no readable report files (.txt, .html, .xml/.rss/.atom, .jsonl, .warc)")
            yield from files
        elif path.exists():
            yield path
        else:
            yield IngestFailure(str(path), "no such file or folder")


def read_paths(paths: Iterable[str | Path]) -> Iterator[RawDocument | IngestFailure]:
    """Every report under the given files and folders, in a stable order."""
    for item in report_files(paths):
        if isinstance(item, IngestFailure):
            yield item
        else:
            yield from read_source(item)


def read_source(path: Path) -> Iterator[RawDocument | IngestFailure]:
    suffix = _suffix(path)
    try:
        if suffix in JSONL_SUFFIXES:
            yield from jsonl.read(path)
            return
        if suffix in WARC_SUFFIXES:
            yield from warc.read(path)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield IngestFailure(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if suffix in FEED_SUFFIXES or feeds.looks_like_feed(data):
        yield from feeds.read_bytes(data, str(path))
        return
    try:
        text, encoding = decode(data, _html_charset(data))
    except DecodeError as exc:
        yield IngestFailure(str(path), str(exc))
        return
    is_html = suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text))
    if is_html and guard.declares_entities(data):
        yield IngestFailure(str(path), f"page {guard.REASON}")
        return
    yield RawDocument(
        source=str(path),
        name=_stem(path),
        content=text,
        media_type="text/html" if is_html else "text/plain",
        encoding=encoding,
    )


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


def _html_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KiB, if any."""
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def _looks_like_html(text: str) -> bool:
    head = text[:1024].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head
