"""The store's schema as a versioned list of migrations, one per change.

Each migration carries its SQL for both back ends, so the two schemas cannot
drift apart: a change that exists for SQLite exists for PostgreSQL. A store
applies at open every migration above the highest version recorded in its
`schema_version` table, each in its own transaction with its record. Append
new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.store.queries import INDEX_SCHEMA


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sqlite: str
    postgres: str


MIGRATIONS: list[Migration] = [
    Migration(
        1,
        "documents, stories, topics",
        sqlite="""
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
        """,
        # JSON kept as text (the analysis exactly as written, read back as SQLite reads it); keys and
        # dates COLLATE "C" so every comparison and ORDER BY is byte order, as SQLite's BINARY.
        postgres="""
        CREATE TABLE IF NOT EXISTS documents (
            id TEXT COLLATE "C" PRIMARY KEY,
            name TEXT COLLATE "C",
            source TEXT NOT NULL,
            outlet TEXT COLLATE "C",
            title TEXT,
            published TEXT COLLATE "C",
            precision TEXT,
            estimated BOOLEAN NOT NULL DEFAULT FALSE,
            text TEXT NOT NULL,
            analysis TEXT NOT NULL,
            ingested_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
        CREATE INDEX IF NOT EXISTS documents_outlet ON documents(outlet);
        CREATE TABLE IF NOT EXISTS stories (
            id TEXT COLLATE "C" PRIMARY KEY,
            topic TEXT COLLATE "C",
            title TEXT,
            span_start TEXT COLLATE "C",
            span_end TEXT COLLATE "C",
            detail TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS story_documents (
            story TEXT COLLATE "C" NOT NULL,
            document TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (story, document)
        );
        CREATE TABLE IF NOT EXISTS topics (
            id TEXT COLLATE "C" PRIMARY KEY,
            title TEXT,
            stories TEXT NOT NULL
        );
        """,
    ),
    Migration(
        2,
        "sources: which raw inputs are stored, so an interrupted ingest resumes without re-analyzing",
        sqlite="""
        CREATE TABLE sources (
            key TEXT PRIMARY KEY,
            document TEXT NOT NULL
        );
        """,
        postgres="""
        CREATE TABLE sources (
            key TEXT COLLATE "C" PRIMARY KEY,
            document TEXT COLLATE "C" NOT NULL
        );
        """,
    ),
    Migration(
        3,
        "search (marsad.store.fts keys), entity mentions and events, for marsad.store.queries",
        sqlite=INDEX_SCHEMA,
        # The index is a tsvector built from fts keys with positions (PostgresStore._search_vector), so
        # PostgreSQL's parser and dictionaries never see the text and both stores match alike.
        postgres="""
        ALTER TABLE documents ADD COLUMN search tsvector;
        CREATE INDEX documents_search ON documents USING gin(search);
        CREATE TABLE mentions (
            document TEXT COLLATE "C" NOT NULL,
            entity TEXT COLLATE "C" NOT NULL,
            type TEXT COLLATE "C",
            text TEXT COLLATE "C" NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL
        );
        CREATE INDEX mentions_entity ON mentions(entity);
        CREATE INDEX mentions_document ON mentions(document);
        CREATE TABLE events (
            document TEXT COLLATE "C" NOT NULL,
            seq INTEGER NOT NULL,
            type TEXT COLLATE "C" NOT NULL,
            date TEXT COLLATE "C",
            start INTEGER,
            "end" INTEGER,
            names TEXT NOT NULL,
            detail TEXT NOT NULL,
            PRIMARY KEY (document, seq)
        );
        CREATE INDEX events_type ON events(type);
        """,
    ),
    Migration(
        4,
        "the stories stage's clustering state (marsad.store.stories_state), so ingest places new reports only",
        sqlite="""
        CREATE TABLE IF NOT EXISTS cluster_groups (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,            -- story | topic
            seq INTEGER NOT NULL,          -- last update, for posting-list recency
            state TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS cluster_groups_seq ON cluster_groups(kind, seq);
        CREATE TABLE IF NOT EXISTS cluster_vocab (stem TEXT PRIMARY KEY, df INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS cluster_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS cluster_minhash (document TEXT PRIMARY KEY, sig BLOB NOT NULL, original TEXT);
        CREATE INDEX IF NOT EXISTS story_documents_document ON story_documents(document);
        """,
        postgres="""
        CREATE TABLE IF NOT EXISTS cluster_groups (
            id TEXT COLLATE "C" PRIMARY KEY,
            kind TEXT NOT NULL,
            seq BIGINT NOT NULL,
            state TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS cluster_groups_seq ON cluster_groups(kind, seq);
        CREATE TABLE IF NOT EXISTS cluster_vocab (stem TEXT PRIMARY KEY, df BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS cluster_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS cluster_minhash (document TEXT PRIMARY KEY, sig BYTEA NOT NULL, original TEXT);
        CREATE INDEX IF NOT EXISTS story_documents_document ON story_documents(document);
        """,
    ),
]

LATEST = MIGRATIONS[-1].version


def pending(current: int) -> list[Migration]:
    return [m for m in MIGRATIONS if m.version > current]
