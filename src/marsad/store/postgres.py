"""The server store: PostgreSQL behind the same interface as SQLiteStore.

For many users or many millions of reports. Same tables and migrations
(marsad.store.migrations), the same read and search methods (ReadQueries,
store/queries.py: its SQL is run through a small translation to PostgreSQL's
dialect), and the same search keys (marsad.store.fts): the index is a tsvector
built from the keys with their positions, never by PostgreSQL's own parser or
dictionaries, so a query matches the same documents on both back ends. Ranks
differ: SQLite ranks by BM25, PostgreSQL by ts_rank (score = -ts_rank, lower
is better on both).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

import psycopg

from marsad.records import AnalyzedDocument, Story, Topic
from marsad.store import fts, rows
from marsad.store.migrations import pending
from marsad.store.queries import ReadQueries, _SUMMARY_COLUMNS, event_rows, mention_rows

_MIGRATION_LOCK = 0x6D617273  # "mars": one migrator at a time across processes
_MAX_POSITION = 16383  # PostgreSQL's highest tsvector position

_DIALECT = [
    (re.compile("%"), "%%"),
    (re.compile(r"\?"), "%s"),
    (re.compile(r"group_concat\(DISTINCT ([\w.]+)\)"), r"string_agg(DISTINCT \1, ',')"),
    (re.compile(r"json_group_array\(DISTINCT ([\w.]+)\)"), r"CAST(json_agg(DISTINCT \1) AS text)"),
    (re.compile(r"LIMIT %s"), "LIMIT nullif(CAST(%s AS bigint), -1)"),  # SQLite: a negative limit is none
    (re.compile(r"json_array_length\(([\w.]+)\)"), r"json_array_length(\1::json)"),
    (re.compile(r"\binstr\("), "strpos("),
    (re.compile(r"(?<![\w\"])end\b"), '"end"'),  # a column there, reserved here (queries.py writes keywords in capitals)
    (re.compile(r" OR 0\b"), " OR false"),
]


@lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """queries.py's SQLite SQL as PostgreSQL runs it."""
    for pattern, replacement in _DIALECT:
        sql = pattern.sub(replacement, sql)
    return sql


class _Dialect:
    """The connection ReadQueries sees: SQLite's SQL in, PostgreSQL's out."""

    def __init__(self, conn: psycopg.Connection):
        self.conn = conn

    def execute(self, sql: str, params: Sequence | None = None):
        return self.conn.execute(translate(sql), params)


def _lexeme(key: str) -> str:
    return "'" + key.replace("\\", "\\\\").replace("'", "''") + "'"


def search_vector(title: str | None, text: str) -> str:
    """A tsvector literal of the fts keys, title (weight A) then body, with positions for phrases."""
    parts, pos = [], 0
    for weight, keys in (("A", fts.index_text(title).split()), ("", fts.index_text(text).split())):
        for k in keys:
            pos += 1
            parts.append(f"{_lexeme(k)}:{min(pos, _MAX_POSITION)}{weight}")
        pos += 1  # a gap: no phrase runs from the title into the body
    return " ".join(parts)


def search_query(terms: list[list[str]]) -> str:
    """A tsquery literal: every term, a phrase's keys adjacent."""
    return " & ".join("(" + " <-> ".join(_lexeme(k) for k in t) + ")" for t in terms)


class PostgresStore(ReadQueries):
    def __init__(self, url: str):
        self.url = url
        # autocommit: each transaction() block below is a real transaction, not a savepoint.
        self.pg = psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True)
        self.db = _Dialect(self.pg)
        self._migrate()

    def _migrate(self) -> None:
        with self.pg.transaction():
            self.pg.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            self.pg.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
            )
            for m in pending(self.schema_version()):
                self.pg.execute(m.postgres)
                self.pg.execute("INSERT INTO schema_version (version, name) VALUES (%s, %s)", (m.version, m.name))

    def schema_version(self) -> int:
        return self.pg.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]

    def close(self) -> None:
        self.pg.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- writes ----

    def add_documents(self, batch: Sequence[AnalyzedDocument], keys: Sequence[str] | None = None) -> int:
        """Store a batch in one transaction, indexed for search; returns how many were new (see SQLiteStore)."""
        docs = [rows.document_row(a) for a in batch]
        with self.pg.transaction(), self.pg.cursor() as cur:
            new: set[str] = set()
            if docs:
                columns = [list(c) for c in zip(*(r + (search_vector(r[4], r[8]),) for _, r in docs))]
                cur.execute(
                    "INSERT INTO documents (id, name, source, outlet, title, published, precision, estimated, text,"
                    " analysis, search) SELECT * FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[],"
                    " %s::text[], %s::text[], %s::text[], %s::bool[], %s::text[], %s::text[], %s::tsvector[])"
                    " ON CONFLICT (id) DO NOTHING RETURNING id",
                    columns,
                )
                new = {i for (i,) in cur.fetchall()}
            fresh = [analysis for analysis, r in docs if r[0] in new]
            cur.executemany("INSERT INTO mentions (document, entity, type, text, start, \"end\")"
                            " VALUES (%s, %s, %s, %s, %s, %s)", [m for a in fresh for m in mention_rows(a)])
            cur.executemany("INSERT INTO events (document, seq, type, date, start, \"end\", names, detail)"
                            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                            [e for a in fresh for e in event_rows(a)])
            src = rows.source_rows(batch, keys)
            if src:
                cur.execute("INSERT INTO sources (key, document) SELECT * FROM unnest(%s::text[], %s::text[])"
                            " ON CONFLICT (key) DO NOTHING", [list(c) for c in zip(*src)])
            return len(new)

    def create_index(self) -> None:
        """Nothing to do: the index is made by the migrations, and documents are indexed as they are added."""

    index_new = create_index

    def replace_stories(self, stories: Sequence[Story], topics: Sequence[Topic]) -> None:
        """Stories clustered from scratch, replacing the stored ones and the clustering state."""
        with self.pg.transaction(), self.pg.cursor() as cur:
            cur.execute("TRUNCATE stories, story_documents, topics,"
                        " cluster_groups, cluster_vocab, cluster_meta, cluster_minhash")
            cur.executemany("INSERT INTO stories (id, topic, title, span_start, span_end, detail)"
                            " VALUES (%s, %s, %s, %s, %s, %s)", rows.story_rows(stories))
            cur.executemany("INSERT INTO story_documents (story, document) VALUES (%s, %s)",
                            [(s.id, d) for s in stories for d in s.documents])
            cur.executemany("INSERT INTO topics (id, title, stories) VALUES (%s, %s, %s)", rows.topic_rows(topics))

    # ---- reads that SQLiteStore has beside ReadQueries ----

    def known_sources(self, keys: Iterable[str]) -> set[str]:
        return {k for (k,) in self.pg.execute("SELECT key FROM sources WHERE key = ANY(%s)", (list(keys),))}

    def has_document(self, doc_id: str) -> bool:
        return self.pg.execute("SELECT 1 FROM documents WHERE id = %s", (doc_id,)).fetchone() is not None

    def count_documents(self) -> int:
        return self.pg.execute("SELECT count(*) FROM documents").fetchone()[0]

    def _analyses(self, sql: str, params: Sequence = ()) -> Iterator[dict]:
        with self.pg.transaction(), self.pg.cursor(name="analyses") as cur:  # streamed, not all in memory
            cur.execute(sql, params)
            for (analysis,) in cur:
                yield json.loads(analysis)

    def analyses(self) -> Iterator[dict]:
        """Every stored document as `marsad analyze` prints it, oldest first."""
        return self._analyses("SELECT analysis FROM documents ORDER BY published NULLS FIRST, id")

    def analyses_by_id(self, ids: Iterable[str]) -> list[dict]:
        return [json.loads(a) for (a,) in
                self.pg.execute("SELECT analysis FROM documents WHERE id = ANY(%s)", (list(ids),))]

    def unplaced_analyses(self) -> Iterator[dict]:
        """Stored documents in no story: stored by an ingest that stopped before placing them."""
        return self._analyses(
            "SELECT analysis FROM documents d WHERE NOT EXISTS (SELECT 1 FROM story_documents s"
            " WHERE s.document = d.id) ORDER BY published NULLS FIRST, id")

    def cluster_stories(self) -> list[dict]:
        """Every stored story in `marsad cluster`'s shape, by id."""
        members: dict[str, list[str]] = {}
        for story, doc in self.pg.execute("SELECT story, document FROM story_documents ORDER BY story, document"):
            members.setdefault(story, []).append(doc)
        return [rows.story_json(r, members.get(r[0], [])) for r in
                self.pg.execute("SELECT id, topic, title, span_start, span_end FROM stories ORDER BY id")]

    # ---- search: the same keys, PostgreSQL's index ----

    def _hits(self, terms: list[list[str]], where: str, args: list, limit: int, offset: int) -> list[tuple]:
        q = search_query(terms)
        return self.db.execute(
            "WITH hits AS MATERIALIZED (SELECT id, -ts_rank(search, CAST(? AS tsquery)) AS score"
            "  FROM documents WHERE search @@ CAST(? AS tsquery))"
            " SELECT d.id, hits.score, count(*) OVER () FROM hits JOIN documents d ON d.id = hits.id"
            f" {where} ORDER BY hits.score, d.id LIMIT ? OFFSET ?",
            [q, q, *args, limit, offset],
        ).fetchall()

    def _hit_rows(self, hits: list) -> dict:
        return {r[0]: r[1:] for r in self.db.execute(
            f"SELECT d.id, {_SUMMARY_COLUMNS}, d.text FROM documents d WHERE d.id = ANY(?)", [hits])}

    # ---- the stories stage's state (marsad.store.stories_state) ----

    def cluster_state(self) -> dict:
        groups = {kind: [json.loads(s) for (s,) in self.pg.execute(
            "SELECT state FROM cluster_groups WHERE kind = %s ORDER BY seq", (kind,))] for kind in ("story", "topic")}
        row = self.pg.execute("SELECT value FROM cluster_meta WHERE key = 'n'").fetchone()
        return {"stories": groups["story"], "topics": groups["topic"],
                "df": dict(self.pg.execute("SELECT stem, df FROM cluster_vocab").fetchall()),
                "n": int(row[0]) if row else 0,
                "signatures": [(d, bytes(s), o) for d, s, o in
                               self.pg.execute("SELECT document, sig, original FROM cluster_minhash")]}

    def save_cluster_state(self, groups: Sequence[tuple[str, str, str]], vocab: Sequence[tuple[str, int]], n: int,
                           signatures: Sequence[tuple[str, bytes, str | None]],
                           stories: Sequence[Story], topics: Sequence[Topic], gone: Sequence[str]) -> None:
        """See SQLiteStore.save_cluster_state."""
        with self.pg.transaction(), self.pg.cursor() as cur:
            for table, column in (("cluster_groups", "id"), ("stories", "id"), ("story_documents", "story"),
                                  ("topics", "id")):
                cur.execute(f"DELETE FROM {table} WHERE {column} = ANY(%s)", (list(gone),))
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
                rows.story_rows(stories))
            cur.executemany(
                "INSERT INTO topics (id, title, stories) VALUES (%s, %s, %s)"
                " ON CONFLICT (id) DO UPDATE SET title = excluded.title, stories = excluded.stories",
                rows.topic_rows(topics))

    def story_counts(self) -> tuple[int, int]:
        return (self.pg.execute("SELECT count(*) FROM stories").fetchone()[0],
                self.pg.execute("SELECT count(*) FROM topics").fetchone()[0])
