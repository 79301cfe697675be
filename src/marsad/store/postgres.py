"""The server store: PostgreSQL behind the same interface as SQLiteStore.

For many users or many millions of reports. Same tables, same migrations
(marsad.store.migrations), same search terms (marsad.store.search_text): the
index is a tsvector built from the term list itself, so PostgreSQL's own
parser and dictionaries never see the text and both stores match alike.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence

import psycopg
from psycopg.types.json import Jsonb

from marsad.records import AnalyzedDocument, Story, Topic
from marsad.store import rows
from marsad.store.migrations import pending
from marsad.store.search_text import terms

_MIGRATION_LOCK = 0x6D617273  # "mars": one migrator at a time across processes


class PostgresStore:
    def __init__(self, url: str):
        self.url = url
        # autocommit: each transaction() block below is a real transaction, not a savepoint.
        self.db = psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True)
        self._migrate()

    def _migrate(self) -> None:
        with self.db.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
            )
            for m in pending(self.schema_version()):
                self.db.execute(m.postgres)
                self.db.execute("INSERT INTO schema_version (version, name) VALUES (%s, %s)", (m.version, m.name))

    def schema_version(self) -> int:
        return self.db.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add_documents(self, batch: Sequence[AnalyzedDocument], keys: Sequence[str] | None = None) -> int:
        """Store a batch in one transaction; returns how many were new (see SQLiteStore.add_documents)."""
        doc_rows = [r[:9] + (Jsonb(r[9], dumps=str),) + r[10:] for r in map(rows.document_row, batch)]
        with self.db.transaction(), self.db.cursor() as cur:
            added = 0
            if doc_rows:
                cur.execute(
                    "INSERT INTO documents (id, name, source, outlet, title, published, precision, estimated, text,"
                    " analysis, search_text) SELECT * FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[],"
                    " %s::text[], %s::text[], %s::text[], %s::bool[], %s::text[], %s::jsonb[], %s::text[])"
                    " ON CONFLICT (id) DO NOTHING",
                    [list(col) for col in zip(*doc_rows)],
                )
                added = cur.rowcount
            src = rows.source_rows(batch, keys)
            if src:
                cur.execute(
                    "INSERT INTO sources (key, document) SELECT * FROM unnest(%s::text[], %s::text[])"
                    " ON CONFLICT (key) DO NOTHING",
                    [list(col) for col in zip(*src)],
                )
            return added

    def known_sources(self, keys: Iterable[str]) -> set[str]:
        return {k for (k,) in self.db.execute("SELECT key FROM sources WHERE key = ANY(%s)", (list(keys),))}

    def has_document(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE id = %s", (doc_id,)).fetchone() is not None

    def count_documents(self) -> int:
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def analyses(self) -> Iterator[dict]:
        """Every stored document as `marsad analyze` prints it, oldest first."""
        # Both stores sort byte-wise (COLLATE "C" here is SQLite's BINARY), so the order agrees.
        with self.db.transaction(), self.db.cursor(name="analyses") as cur:
            cur.execute('SELECT analysis FROM documents ORDER BY published COLLATE "C" NULLS FIRST, id COLLATE "C"')
            for (analysis,) in cur:
                yield analysis

    def replace_stories(self, stories: Sequence[Story], topics: Sequence[Topic]) -> None:
        with self.db.transaction(), self.db.cursor() as cur:
            cur.execute("DELETE FROM stories")
            cur.execute("DELETE FROM story_documents")
            cur.execute("DELETE FROM topics")
            cur.execute("TRUNCATE cluster_groups, cluster_vocab, cluster_meta, cluster_minhash")
            cur.executemany(
                "INSERT INTO stories (id, topic, title, span_start, span_end, detail) VALUES (%s, %s, %s, %s, %s, %s)",
                [r[:5] + (Jsonb(r[5], dumps=str),) for r in rows.story_rows(stories)],
            )
            cur.executemany(
                "INSERT INTO story_documents (story, document) VALUES (%s, %s)",
                [(s.id, d) for s in stories for d in s.documents],
            )
            cur.executemany(
                "INSERT INTO topics (id, title, stories) VALUES (%s, %s, %s)",
                [(i, t, Jsonb(s, dumps=str)) for i, t, s in rows.topic_rows(topics)],
            )

    def stories(self) -> list[dict]:
        """Stored stories in `marsad cluster`'s shape, by id."""
        members: dict[str, list[str]] = {}
        for story, doc in self.db.execute(
            'SELECT story, document FROM story_documents ORDER BY story COLLATE "C", document COLLATE "C"'
        ):
            members.setdefault(story, []).append(doc)
        return [rows.story_json(r, members.get(r[0], [])) for r in self.db.execute(
            'SELECT id, topic, title, span_start, span_end FROM stories ORDER BY id COLLATE "C"')]

    def analyses_by_id(self, ids: Iterable[str]) -> list[dict]:
        return [a for (a,) in self.db.execute("SELECT analysis FROM documents WHERE id = ANY(%s)", (list(ids),))]

    def unplaced_analyses(self) -> Iterator[dict]:
        """Stored documents in no story: stored by an ingest that stopped before placing them."""
        with self.db.transaction(), self.db.cursor(name="unplaced") as cur:
            cur.execute(
                "SELECT analysis FROM documents d WHERE NOT EXISTS (SELECT 1 FROM story_documents s"
                ' WHERE s.document = d.id) ORDER BY published COLLATE "C" NULLS FIRST, id COLLATE "C"'
            )
            for (analysis,) in cur:
                yield analysis

    # ---- the stories stage's state (marsad.store.stories_state) ----

    def cluster_state(self) -> dict:
        groups = {kind: [json.loads(s) for (s,) in self.db.execute(
            "SELECT state FROM cluster_groups WHERE kind = %s ORDER BY seq", (kind,))] for kind in ("story", "topic")}
        row = self.db.execute("SELECT value FROM cluster_meta WHERE key = 'n'").fetchone()
        return {"stories": groups["story"], "topics": groups["topic"],
                "df": dict(self.db.execute("SELECT stem, df FROM cluster_vocab").fetchall()),
                "n": int(row[0]) if row else 0,
                "signatures": [(d, bytes(s), o) for d, s, o in
                               self.db.execute("SELECT document, sig, original FROM cluster_minhash")]}

    def save_cluster_state(self, groups: Sequence[tuple[str, str, str]], vocab: Sequence[tuple[str, int]], n: int,
                           signatures: Sequence[tuple[str, bytes, str | None]],
                           stories: Sequence[Story], topics: Sequence[Topic]) -> None:
        """See SQLiteStore.save_cluster_state."""
        with self.db.transaction(), self.db.cursor() as cur:
            seq = (cur.execute("SELECT max(seq) FROM cluster_groups").fetchone()[0] or 0) + 1
            cur.executemany(
                "INSERT INTO cluster_groups (id, kind, seq, state) VALUES (%s, %s, %s, %s) ON CONFLICT (id) DO"
                " UPDATE SET kind = excluded.kind, seq = excluded.seq, state = excluded.state",
                [(g, kind, seq + i, state) for i, (g, kind, state) in enumerate(groups)])
            cur.executemany("INSERT INTO cluster_vocab (stem, df) VALUES (%s, %s)"
                            " ON CONFLICT (stem) DO UPDATE SET df = excluded.df", vocab)
            cur.execute("INSERT INTO cluster_meta (key, value) VALUES ('n', %s)"
                        " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(n),))
            cur.executemany("INSERT INTO cluster_minhash (document, sig, original) VALUES (%s, %s, %s)"
                            " ON CONFLICT (document) DO NOTHING", signatures)
            cur.execute("DELETE FROM story_documents WHERE story = ANY(%s)", ([s.id for s in stories],))
            cur.executemany("INSERT INTO story_documents (story, document) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                            [(s.id, d) for s in stories for d in s.documents])
            cur.executemany(
                "INSERT INTO stories (id, topic, title, span_start, span_end, detail) VALUES (%s, %s, %s, %s, %s, %s)"
                " ON CONFLICT (id) DO UPDATE SET topic = excluded.topic, title = excluded.title,"
                " span_start = excluded.span_start, span_end = excluded.span_end, detail = excluded.detail",
                [r[:5] + (Jsonb(r[5], dumps=str),) for r in rows.story_rows(stories)])
            cur.executemany(
                "INSERT INTO topics (id, title, stories) VALUES (%s, %s, %s)"
                " ON CONFLICT (id) DO UPDATE SET title = excluded.title, stories = excluded.stories",
                [(i, t, Jsonb(s, dumps=str)) for i, t, s in rows.topic_rows(topics)])

    def story_counts(self) -> tuple[int, int]:
        return (self.db.execute("SELECT count(*) FROM stories").fetchone()[0],
                self.db.execute("SELECT count(*) FROM topics").fetchone()[0])

    def search(self, query: str, limit: int = 20) -> list[dict]:
        """Documents holding every word of `query` (stems folded as indexed), best first."""
        words = list(dict.fromkeys(terms(query)))
        if not words:
            return []
        tsquery = " & ".join("'" + w.replace("'", "''") + "'" for w in words)
        return [
            {"id": i, "title": t, "outlet": o, "published": p}
            for i, t, o, p in self.db.execute(
                "SELECT id, title, outlet, published FROM documents WHERE search @@ %s::tsquery"
                ' ORDER BY ts_rank(search, %s::tsquery) DESC, id COLLATE "C" LIMIT %s',
                (tsquery, tsquery, limit),
            )
        ]
