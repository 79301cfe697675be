"""The embedded default store: one SQLite file, WAL, one transaction per batch."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

from marsad.records import AnalyzedDocument, Story, Topic
from marsad.contract import document_json, story_detail_json
from marsad.store.queries import ReadQueries

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    name TEXT,
    source TEXT NOT NULL,
    outlet TEXT,
    title TEXT,
    published TEXT,
    precision TEXT,
    estimated INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL,
    analysis TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
CREATE INDEX IF NOT EXISTS documents_outlet ON documents(outlet);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    topic TEXT,
    title TEXT,
    span_start TEXT,
    span_end TEXT,
    detail TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS story_documents (
    story TEXT NOT NULL,
    document TEXT NOT NULL,
    PRIMARY KEY (story, document)
);
CREATE TABLE IF NOT EXISTS topics (
    id TEXT PRIMARY KEY,
    title TEXT,
    stories TEXT NOT NULL
);
"""


class SQLiteStore(ReadQueries):
    """Writes here; reads and search in `ReadQueries` (store/queries.py, its spec)."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self.create_index()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add_documents(self, batch: Sequence[AnalyzedDocument]) -> int:
        """Store a batch in one transaction; returns how many were new."""
        rows = []
        for a in batch:
            d = a.document
            rows.append((
                d.id, d.name, d.source, d.outlet, d.title,
                d.published.value if d.published else None,
                d.published.precision if d.published else None,
                int(bool(d.published and d.published.estimated)),
                d.text,
                json.dumps(document_json(a), ensure_ascii=False),
            ))
        with self.db:
            before = self.db.total_changes
            self.db.executemany(
                "INSERT OR IGNORE INTO documents (id, name, source, outlet, title, published, precision,"
                " estimated, text, analysis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            added = self.db.total_changes - before
            self.index_new()
        return added

    def has_document(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def count_documents(self) -> int:
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def analyses(self) -> Iterator[dict]:
        """Every stored document as `marsad analyze` prints it, oldest first."""
        for (analysis,) in self.db.execute("SELECT analysis FROM documents ORDER BY published, id"):
            yield json.loads(analysis)

    def replace_stories(self, stories: Sequence[Story], topics: Sequence[Topic]) -> None:
        with self.db:
            self.db.execute("DELETE FROM stories")
            self.db.execute("DELETE FROM story_documents")
            self.db.execute("DELETE FROM topics")
            self.db.executemany(
                "INSERT INTO stories (id, topic, title, span_start, span_end, detail) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (s.id, s.topic, s.title, s.span[0] if s.span else None, s.span[1] if s.span else None,
                     json.dumps(story_detail_json(s), ensure_ascii=False))
                    for s in stories
                ],
            )
            self.db.executemany(
                "INSERT INTO story_documents (story, document) VALUES (?, ?)",
                [(s.id, d) for s in stories for d in s.documents],
            )
            self.db.executemany(
                "INSERT INTO topics (id, title, stories) VALUES (?, ?, ?)",
                [(t.id, t.title, json.dumps(t.stories)) for t in topics],
            )


def open_store(url: str) -> SQLiteStore:
    """A store from `--db`: a file path or sqlite:///path."""
    if url.startswith("sqlite:///"):
        return SQLiteStore(url[len("sqlite:///"):])
    if "://" in url:
        raise ValueError(f"unsupported store URL {url!r}: use a file path or sqlite:///path")
    return SQLiteStore(url)
