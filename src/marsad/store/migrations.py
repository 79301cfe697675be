"""The store's schema as a versioned list of migrations, one per change.

Each migration carries its SQL for both back ends, so the two schemas cannot
drift apart: a change that exists for SQLite exists for PostgreSQL. A store
applies at open every migration above the highest version recorded in its
`schema_version` table, each in its own transaction with its record. Append
new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

from dataclasses import dataclass


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
        postgres="""
        CREATE TABLE IF NOT EXISTS documents (
            id TEXT PRIMARY KEY,
            name TEXT,
            source TEXT NOT NULL,
            outlet TEXT,
            title TEXT,
            published TEXT,
            precision TEXT,
            estimated BOOLEAN NOT NULL DEFAULT FALSE,
            text TEXT NOT NULL,
            analysis JSONB NOT NULL,
            ingested_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
        CREATE INDEX IF NOT EXISTS documents_outlet ON documents(outlet);
        CREATE TABLE IF NOT EXISTS stories (
            id TEXT PRIMARY KEY,
            topic TEXT,
            title TEXT,
            span_start TEXT,
            span_end TEXT,
            detail JSONB NOT NULL
        );
        CREATE TABLE IF NOT EXISTS story_documents (
            story TEXT NOT NULL,
            document TEXT NOT NULL,
            PRIMARY KEY (story, document)
        );
        CREATE TABLE IF NOT EXISTS topics (
            id TEXT PRIMARY KEY,
            title TEXT,
            stories JSONB NOT NULL
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
            key TEXT PRIMARY KEY,
            document TEXT NOT NULL
        );
        """,
    ),
    Migration(
        3,
        "full-text search over search_text.index_text(title, text)",
        sqlite="""
        ALTER TABLE documents ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            search_text, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0'
        );
        CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
        END;
        CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
        END;
        CREATE TRIGGER documents_fts_update AFTER UPDATE OF search_text ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
            INSERT INTO documents_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
        END;
        """,
        postgres="""
        ALTER TABLE documents ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
        ALTER TABLE documents ADD COLUMN search tsvector
            GENERATED ALWAYS AS (array_to_tsvector(array_remove(string_to_array(search_text, ' '), ''))) STORED;
        CREATE INDEX documents_search ON documents USING gin(search);
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
            id TEXT PRIMARY KEY,
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
