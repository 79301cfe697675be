"""The stories stage's state in the SQLite store: clustering groups, vocabulary and
MinHash signatures, so `marsad ingest` places new reports without re-clustering
the stored ones. Kept apart from sqlite.py so the document schema evolves freely.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from marsad.contract import analyzed_from_json, story_detail_json
from marsad.records import AnalyzedDocument, Story, Topic
from marsad.stories.engine import Engine
from marsad.stories.neardup import to_bytes
from marsad.stories.state import group_to_dict, restore

SCHEMA = """
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
"""


def load_engine(store) -> Engine:
    db = store.db
    db.executescript(SCHEMA)
    groups = {kind: [json.loads(s) for (s,) in db.execute(
        "SELECT state FROM cluster_groups WHERE kind = ? ORDER BY seq", (kind,))] for kind in ("story", "topic")}
    df = dict(db.execute("SELECT stem, df FROM cluster_vocab"))
    row = db.execute("SELECT value FROM cluster_meta WHERE key = 'n'").fetchone()
    sigs = db.execute("SELECT document, sig, original FROM cluster_minhash")
    return restore(groups["story"], groups["topic"], df, int(row[0]) if row else 0, sigs)


def save_engine(store, engine: Engine, docs: Sequence[AnalyzedDocument]) -> tuple[list[Story], list[Topic]]:
    """Write what changed since the engine was loaded; returns the touched stories and topics, described."""
    db = store.db
    changed = engine.changed
    story_ids = list(dict.fromkeys(p.story for p in changed))
    topic_ids = list(dict.fromkeys(p.topic for p in changed))
    c = engine.clusterer
    seq = (db.execute("SELECT max(seq) FROM cluster_groups").fetchone()[0] or 0) + 1
    stems = engine.changed_stems
    wanted = {d for sid in story_ids for d in c.stories[sid].members}
    have = {a.document.id: a for a in docs}
    missing = [d for d in wanted if d not in have]
    for i in range(0, len(missing), 500):
        part = missing[i:i + 500]
        for (analysis,) in db.execute(
                f"SELECT analysis FROM documents WHERE id IN ({','.join('?' * len(part))})", part):
            a = analyzed_from_json(json.loads(analysis))
            have[a.document.id] = a
    stories, topics = engine.records(list(have.values()), story_ids)
    with db:
        db.executemany("INSERT OR REPLACE INTO cluster_groups (id, kind, seq, state) VALUES (?, 'story', ?, ?)",
                       [(sid, seq + i, json.dumps(group_to_dict(c.stories[sid]), ensure_ascii=False))
                        for i, sid in enumerate(story_ids)])
        db.executemany("INSERT OR REPLACE INTO cluster_groups (id, kind, seq, state) VALUES (?, 'topic', ?, ?)",
                       [(tid, seq + i, json.dumps(group_to_dict(c.topics[tid]), ensure_ascii=False))
                        for i, tid in enumerate(topic_ids)])
        db.executemany("INSERT OR REPLACE INTO cluster_vocab (stem, df) VALUES (?, ?)",
                       [(s, engine.vocab.df[s]) for s in stems if s in engine.vocab.df])
        db.execute("INSERT OR REPLACE INTO cluster_meta (key, value) VALUES ('n', ?)", (str(engine.vocab.n),))
        db.executemany("INSERT OR IGNORE INTO cluster_minhash (document, sig, original) VALUES (?, ?, ?)",
                       [(p.document, to_bytes(engine.dups.signatures[p.document]), p.copy_of)
                        for p in changed if p.document in engine.dups.signatures])
        db.executemany("DELETE FROM story_documents WHERE story = ?", [(s.id,) for s in stories])
        db.executemany("INSERT OR IGNORE INTO story_documents (story, document) VALUES (?, ?)",
                       [(s.id, d) for s in stories for d in s.documents])
        db.executemany(
            "INSERT OR REPLACE INTO stories (id, topic, title, span_start, span_end, detail) VALUES (?, ?, ?, ?, ?, ?)",
            [(s.id, s.topic, s.title, s.span[0] if s.span else None, s.span[1] if s.span else None,
              json.dumps(story_detail_json(s), ensure_ascii=False)) for s in stories])
        db.executemany("INSERT OR REPLACE INTO topics (id, title, stories) VALUES (?, ?, ?)",
                       [(t.id, t.title, json.dumps(t.stories)) for t in topics])
    engine.changed, engine.changed_stems = [], set()
    return stories, topics


def story_counts(store) -> tuple[int, int]:
    db = store.db
    return db.execute("SELECT count(*) FROM stories").fetchone()[0], db.execute("SELECT count(*) FROM topics").fetchone()[0]
