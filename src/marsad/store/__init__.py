"""store: one schema, two back ends (SQLite by default, PostgreSQL for scale)."""

from __future__ import annotations

import re

from marsad.store.sqlite import SQLiteStore

URL_HELP = "a SQLite file path, sqlite:///path, or postgresql://user@host:port/db"


def display_url(url: str) -> str:
    """The URL with any password hidden, for messages and summaries."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


def open_store(url: str):
    """A store from `--db`: a file path, sqlite:///path, or a postgresql:// URL."""
    if url.startswith(("postgresql://", "postgres://")):
        from marsad.store.postgres import PostgresStore

        return PostgresStore(url)
    if url.startswith("sqlite:///"):
        return SQLiteStore(url[len("sqlite:///"):])
    if "://" in url:
        raise ValueError(f"unsupported store URL {url!r}: use {URL_HELP}")
    return SQLiteStore(url)


__all__ = ["SQLiteStore", "open_store", "display_url", "URL_HELP"]
