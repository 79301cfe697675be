"""The embedded default store: one SQLite file, WAL, one transaction per batch.

Schema from marsad.store.migrations; reads and search in `ReadQueries`
(store/queries.py, their spec), which PostgresStore shares.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from marsad.records import AnalyzedDocument, Story, Topic
from marsad.store import rows
from marsad.store.migrations import pending
from marsad.store.queries import ReadQueries


class SQLiteStore(ReadQueries):
    """Writes here; reads and search in `ReadQueries` (store/queries.py, its spec)."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self._migrate()
        self.create_index()

    def _migrate(self) -> None:
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
            " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')))"
        )
        self.db.commit()
        for m in pending(self.schema_version()):
            # executescript commits what is open first; BEGIN/COMMIT make each migration atomic.
            self.db.executescript(
                f"BEGIN;\n{m.sqlite}\nINSERT INTO schema_version (version, name) VALUES ({m.version}, "
                f"'{m.name.replace(chr(39), chr(39) * 2)}');\nCOMMIT;"
            )

    def schema_version(self) -> int:
        return self.db.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add_documents(self, batch: Sequence[AnalyzedDocument], keys: Sequence[str] | None = None) -> int:
        """Store a batch in one transaction, indexed for search; returns how many were new.

        `keys` (one per document, see marsad.ingest.identity) record which raw
        inputs are stored, in the same transaction, so a restarted ingest skips them.
        """
        with self.db:
            added = self.db.executemany(
                "INSERT OR IGNORE INTO documents (id, name, source, outlet, title, published, precision,"
                " estimated, text, analysis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [row for _, row in map(rows.document_row, batch)],
            ).rowcount
            self.index_new()
            self.db.executemany("INSERT OR IGNORE INTO sources (key, document) VALUES (?, ?)",
                                rows.source_rows(batch, keys))
        return added

    def known_sources(self, keys: Iterable[str]) -> set[str]:
        keys = list(keys)
        found: set[str] = set()
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            found.update(k for (k,) in self.db.execute(
                f"SELECT key FROM sources WHERE key IN ({','.join('?' * len(chunk))})", chunk))
        return found

    def has_document(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def count_documents(self) -> int:
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def analyses(self) -> Iterator[dict]:
        """Every stored document as `marsad analyze` prints it, oldest first."""
        for (analysis,) in self.db.execute("SELECT analysis FROM documents ORDER BY published, id"):
            yield json.loads(analysis)

    def analyses_by_id(self, ids: Iterable[str]) -> list[dict]:
        ids, out = list(ids), []
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            out.extend(json.loads(a) for (a,) in self.db.execute(
                f"SELECT analysis FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def unplaced_analyses(self) -> Iterator[dict]:
        """Stored documents in no story: stored by an ingest that stopped before placing them."""
        for (analysis,) in self.db.execute(
            "SELECT analysis FROM documents WHERE id NOT IN (SELECT document FROM story_documents)"
            " ORDER BY published, id"
        ):
            yield json.loads(analysis)

    def replace_stories(self, stories: Sequence[Story], topics: Sequence[Topic]) -> None:
        """Stories clustered from scratch, replacing the stored ones and the clustering state."""
        with self.db:
            for table in ("stories", "story_documents", "topics",
                          "cluster_groups", "cluster_vocab", "cluster_meta", "cluster_minhash"):
                self.db.execute(f"DELETE FROM {table}")
            self.db.executemany(
                "INSERT INTO stories (id, topic, title, span_start, span_end, detail) VALUES (?, ?, ?, ?, ?, ?)",
                rows.story_rows(stories),
            )
            self.db.executemany(
                "INSERT INTO story_documents (story, document) VALUES (?, ?)",
                [(s.id, d) for s in stories for d in s.documents],
            )
            self.db.executemany("INSERT INTO topics (id, title, stories) VALUES (?, ?, ?)", rows.topic_rows(topics))

    def cluster_stories(self) -> list[dict]:
        """Every stored story in `marsad cluster`'s shape, by id."""
        members: dict[str, list[str]] = {}
        for story, doc in self.db.execute("SELECT story, document FROM story_documents ORDER BY story, document"):
            members.setdefault(story, []).append(doc)
        return [rows.story_json(r, members.get(r[0], [])) for r in
                self.db.execute("SELECT id, topic, title, span_start, span_end FROM stories ORDER BY id")]

    # ---- the stories stage's state (marsad.store.stories_state) ----

    def cluster_state(self) -> dict:
        groups = {kind: [json.loads(s) for (s,) in self.db.execute(
            "SELECT state FROM cluster_groups WHERE kind = ? ORDER BY seq", (kind,))] for kind in ("story", "topic")}
        row = self.db.execute("SELECT value FROM cluster_meta WHERE key = 'n'").fetchone()
        return {"stories": groups["story"], "topics": groups["topic"],
                "df": dict(self.db.execute("SELECT stem, df FROM cluster_vocab")),
                "n": int(row[0]) if row else 0,
                "signatures": self.db.execute("SELECT document, sig, original FROM cluster_minhash").fetchall()}

    def save_cluster_state(self, groups: Sequence[tuple[str, str, str]], vocab: Sequence[tuple[str, int]], n: int,
                           signatures: Sequence[tuple[str, bytes, str | None]],
                           stories: Sequence[Story], topics: Sequence[Topic], gone: Sequence[str]) -> None:
        """One transaction: changed groups (id, kind, state JSON) in order, vocabulary, signatures, the
        touched stories and topics as records, and the stories and topics merged into others (`gone`)."""
        with self.db:
            for table, column in (("cluster_groups", "id"), ("stories", "id"), ("story_documents", "story"),
                                  ("topics", "id")):
                self.db.executemany(f"DELETE FROM {table} WHERE {column} = ?", [(g,) for g in gone])
            seq = (self.db.execute("SELECT max(seq) FROM cluster_groups").fetchone()[0] or 0) + 1
            self.db.executemany("INSERT OR REPLACE INTO cluster_groups (id, kind, seq, state) VALUES (?, ?, ?, ?)",
                                [(g, kind, seq + i, state) for i, (g, kind, state) in enumerate(groups)])
            self.db.executemany("INSERT OR REPLACE INTO cluster_vocab (stem, df) VALUES (?, ?)", vocab)
            self.db.execute("INSERT OR REPLACE INTO cluster_meta (key, value) VALUES ('n', ?)", (str(n),))
            self.db.executemany("INSERT OR IGNORE INTO cluster_minhash (document, sig, original) VALUES (?, ?, ?)",
                                signatures)
            self.db.executemany("DELETE FROM story_documents WHERE story = ?", [(s.id,) for s in stories])
            self.db.executemany("INSERT OR IGNORE INTO story_documents (story, document) VALUES (?, ?)",
                                [(s.id, d) for s in stories for d in s.documents])
            self.db.executemany("INSERT OR REPLACE INTO stories (id, topic, title, span_start, span_end, detail)"
                                " VALUES (?, ?, ?, ?, ?, ?)", rows.story_rows(stories))
            self.db.executemany("INSERT OR REPLACE INTO topics (id, title, stories) VALUES (?, ?, ?)",
                                rows.topic_rows(topics))

    def story_counts(self) -> tuple[int, int]:
        return (self.db.execute("SELECT count(*) FROM stories").fetchone()[0],
                self.db.execute("SELECT count(*) FROM topics").fetchone()[0])
