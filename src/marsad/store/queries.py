"""The store's read and search interface: what the API, the web page and
`marsad search` ask of a store. A PostgreSQL store offers the same methods
with the same arguments and returns the same shapes.

Shapes (plain JSON-ready dicts and lists):

- A *page* is ``{"items": [...], "total": N, "limit": L, "offset": O}``;
  every listing method takes ``limit`` (1..MAX_LIMIT) and ``offset``.
- A *document summary* is ``{"id", "name", "outlet", "title", "published"}``
  (published is the contract's object or null).
- ``Filters`` narrows documents: ``date_from``/``date_to`` (inclusive
  YYYY[-MM[-DD]] against the publication date; undated reports are left out
  when a date bound is set), ``outlet`` (exact), ``entity`` (an entity key, see
  below), ``event_type`` (a document with an event of that type), ``story``
  (a member of that story).
- An *entity key* is the canonical entity id a mention carries, or, for a
  mention not linked to one, ``"~"`` + its matching form
  (``marsad.arabic.normalize``), so every name can have a page.

Methods:

- ``documents(filters, limit, offset)`` → page of document summaries, newest first.
- ``document(id)`` → the full analysis (the contract's ``analyze`` object) plus
  ``"stories"`` (ids of its stories) and each entity mention's ``"key"``, or None.
- ``stories(sort="newest"|"biggest", limit, offset)`` → page of
  ``{"id", "title", "span", "topic", "size", "outlets"}``.
- ``story(id)`` → the stories stage's detail (``contract.story_detail_json``)
  plus ``"reports"`` (document summaries, oldest first), ``"events"`` (events
  of its reports, each with ``"document"`` and ``"outlet"``) and
  ``"top_entities"`` (most mentioned in its reports), or None.
- ``topics(limit, offset)`` → page of ``{"id", "title", "stories", "size"}``;
  ``topic(id)`` → that plus ``"story_list"`` (story summaries), or None.
- ``entities(query=None, type=None, limit, offset)`` → page of
  ``{"key", "name", "type", "documents", "mentions"}``, most mentioned first;
  ``query`` matches names by their matching form.
- ``entity(key)`` → ``{"key", "name", "type", "names", "documents", "stories",
  "events", "by_month"}`` (events whose evidence mentions it or that name it
  as actor, target or place; by_month counts its documents per YYYY-MM), or None.
- ``events(filters, type=None, limit, offset)`` → page of events (the
  contract's event object plus ``"document"``, ``"outlet"``), by date.
- ``search(query, filters, limit, offset)`` → page of document summaries with
  ``"score"`` (BM25, lower is better), ``"snippet"`` (``fts.snippet``) and
  ``"title_highlights"``; ranked best first. The query is words (all must
  match, in any form: الهدنة finds هدنة) and "quoted phrases".
- ``outlets()`` → ``[{"outlet", "documents"}]``; ``event_types()`` →
  ``[{"type", "events"}]``; ``stats()`` → counts of documents, stories,
  topics, entities and events.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass

from marsad.arabic import normalize
from marsad.store import fts

MAX_LIMIT = 200

INDEX_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
    title, body, tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TABLE IF NOT EXISTS mentions (
    document TEXT NOT NULL,
    entity TEXT NOT NULL,
    type TEXT,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity);
CREATE INDEX IF NOT EXISTS mentions_document ON mentions(document);
CREATE TABLE IF NOT EXISTS events (
    document TEXT NOT NULL,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    date TEXT,
    start INTEGER,
    end INTEGER,
    names TEXT NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (document, seq)
);
CREATE INDEX IF NOT EXISTS events_type ON events(type);
"""


@dataclass
class Filters:
    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    entity: str | None = None
    event_type: str | None = None
    story: str | None = None


def entity_key(mention: dict) -> str:
    return mention.get("entity") or "~" + normalize(mention["text"])


def mention_rows(analysis: dict) -> list[tuple]:
    """(document, entity, type, text, start, end) per entity mention."""
    return [(analysis["id"], entity_key(m), m.get("type"), m["text"], m["start"], m["end"])
            for m in analysis.get("entities", [])]


def event_rows(analysis: dict) -> list[tuple]:
    """(document, seq, type, date, start, end, names, detail) per event."""
    return [
        (analysis["id"], i, e["type"], e.get("date"), e["evidence"]["start"], e["evidence"]["end"],
         "|" + "|".join(normalize(e[k]) for k in ("actor", "target", "place") if e.get(k)) + "|",
         json.dumps(e, ensure_ascii=False))
        for i, e in enumerate(analysis.get("events", []))
    ]


def index_rows(db: sqlite3.Connection, rowid: int, analysis: dict) -> None:
    """Index one stored document: search keys, mentions, events."""
    db.execute(
        "INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)",
        (rowid, fts.index_text(analysis.get("title")), fts.index_text(analysis["text"])),
    )
    db.executemany(
        "INSERT INTO mentions (document, entity, type, text, start, end) VALUES (?, ?, ?, ?, ?, ?)",
        mention_rows(analysis),
    )
    db.executemany(
        "INSERT OR REPLACE INTO events (document, seq, type, date, start, end, names, detail)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        event_rows(analysis),
    )


def _clamp(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(int(limit), MAX_LIMIT)), max(0, int(offset))


def _page(items: list, total: int, limit: int, offset: int) -> dict:
    return {"items": items, "total": total, "limit": limit, "offset": offset}


_SUMMARY_COLUMNS = "d.id, d.name, d.outlet, d.title, d.published, d.precision, d.estimated"


def _summary(row) -> dict:
    doc_id, name, outlet, title, published, precision, estimated = row[:7]
    return {
        "id": doc_id, "name": name, "outlet": outlet, "title": title,
        "published": {"value": published, "precision": precision, "estimated": bool(estimated)}
        if published else None,
    }


def _date_upper(value: str) -> str:
    """The smallest string above every timestamp inside `value` (2024-08 -> 2024-08~)."""
    return value + "~"


class ReadQueries:
    """The read/search methods over SQLite; mixed into SQLiteStore (needs `self.db`)."""

    db: sqlite3.Connection

    # -- indexing -----------------------------------------------------------

    def create_index(self) -> None:
        """Create the search tables, and index what an older store holds unindexed."""
        self.db.executescript(INDEX_SCHEMA)
        with self.db:
            self.index_new()

    def index_new(self) -> None:
        """Index the documents stored since the last call (inside the caller's transaction)."""
        last = self.db.execute("SELECT coalesce(max(rowid), 0) FROM search_fts").fetchone()[0]
        for rowid, analysis in self.db.execute(
                "SELECT rowid, analysis FROM documents WHERE rowid > ? ORDER BY rowid", (last,)).fetchall():
            index_rows(self.db, rowid, json.loads(analysis))

    # -- filters ------------------------------------------------------------

    def _where(self, f: Filters | None, alias: str = "d") -> tuple[str, list]:
        if f is None:
            return "", []
        sql, args = [], []
        if f.date_from:
            sql.append(f"{alias}.published >= ?")
            args.append(f.date_from)
        if f.date_to:
            sql.append(f"{alias}.published < ?")
            args.append(_date_upper(f.date_to))
        if f.outlet:
            sql.append(f"{alias}.outlet = ?")
            args.append(f.outlet)
        if f.entity:
            sql.append(f"{alias}.id IN (SELECT document FROM mentions WHERE entity = ?)")
            args.append(f.entity)
        if f.event_type:
            sql.append(f"{alias}.id IN (SELECT document FROM events WHERE type = ?)")
            args.append(f.event_type)
        if f.story:
            sql.append(f"{alias}.id IN (SELECT document FROM story_documents WHERE story = ?)")
            args.append(f.story)
        return (" AND ".join(sql), args)

    # -- documents ----------------------------------------------------------

    def documents(self, filters: Filters | None = None, limit: int = 20, offset: int = 0) -> dict:
        limit, offset = _clamp(limit, offset)
        where, args = self._where(filters)
        where = f"WHERE {where}" if where else ""
        total = self.db.execute(f"SELECT count(*) FROM documents d {where}", args).fetchone()[0]
        rows = self.db.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM documents d {where}"
            " ORDER BY d.published IS NULL, d.published DESC, d.id LIMIT ? OFFSET ?",
            [*args, limit, offset],
        ).fetchall()
        return _page([_summary(r) for r in rows], total, limit, offset)

    def document(self, doc_id: str) -> dict | None:
        row = self.db.execute("SELECT analysis FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        out = json.loads(row[0])
        for m in out["entities"]:
            m["key"] = entity_key(m)
        out["stories"] = [s for (s,) in self.db.execute(
            "SELECT story FROM story_documents WHERE document = ? ORDER BY story", (doc_id,))]
        return out

    def _summaries(self, ids: list[str]) -> list[dict]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM documents d WHERE d.id IN ({marks})"
            " ORDER BY d.published IS NULL, d.published, d.id", ids,
        ).fetchall()
        return [_summary(r) for r in rows]

    # -- stories and topics -------------------------------------------------

    def stories(self, sort: str = "newest", limit: int = 20, offset: int = 0) -> dict:
        limit, offset = _clamp(limit, offset)
        order = {
            "newest": "s.span_end IS NULL, s.span_end DESC, size DESC, s.id",
            "biggest": "size DESC, s.span_end IS NULL, s.span_end DESC, s.id",
        }.get(sort)
        if order is None:
            raise ValueError(f"sort must be 'newest' or 'biggest', not {sort!r}")
        total = self.db.execute("SELECT count(*) FROM stories").fetchone()[0]
        return _page(self._story_rows("", [], order, limit, offset), total, limit, offset)

    def _story_rows(self, where: str, args: list, order: str, limit: int = -1, offset: int = 0) -> list[dict]:
        rows = self.db.execute(
            "SELECT s.id, s.title, s.span_start, s.span_end, s.topic, count(sd.document) AS size,"
            " json_group_array(DISTINCT d.outlet) FROM stories s"
            " LEFT JOIN story_documents sd ON sd.story = s.id LEFT JOIN documents d ON d.id = sd.document"
            f" {where} GROUP BY s.id ORDER BY {order} LIMIT ? OFFSET ?",
            [*args, limit, offset],
        ).fetchall()
        return [
            {"id": i, "title": t, "span": [a, b] if a else None, "topic": tp, "size": n,
             "outlets": sorted(x for x in json.loads(o) if x)}
            for i, t, a, b, tp, n, o in rows
        ]

    def _stories_by_id(self, ids: list[str]) -> list[dict]:
        """Story summaries, newest first."""
        if not ids:
            return []
        return self._story_rows(f"WHERE s.id IN ({','.join('?' * len(ids))})", list(ids),
                                "s.span_end IS NULL, s.span_end DESC, s.id")

    def story(self, story_id: str) -> dict | None:
        row = self.db.execute("SELECT detail FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            return None
        out = json.loads(row[0])
        ids = [d for (d,) in self.db.execute("SELECT document FROM story_documents WHERE story = ?", (story_id,))]
        out["reports"] = self._summaries(ids)
        out["events"] = self._events_of(ids)
        out["top_entities"] = self._top_entities(ids)
        return out

    def topics(self, limit: int = 20, offset: int = 0) -> dict:
        limit, offset = _clamp(limit, offset)
        total = self.db.execute("SELECT count(*) FROM topics").fetchone()[0]
        rows = self.db.execute(
            "SELECT id, title, stories FROM topics ORDER BY json_array_length(stories) DESC, id LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        items = [{"id": i, "title": t, "stories": json.loads(s), "size": len(json.loads(s))} for i, t, s in rows]
        return _page(items, total, limit, offset)

    def topic(self, topic_id: str) -> dict | None:
        row = self.db.execute("SELECT id, title, stories FROM topics WHERE id = ?", (topic_id,)).fetchone()
        if row is None:
            return None
        ids = json.loads(row[2])
        story_list = self._stories_by_id(ids)
        return {"id": row[0], "title": row[1], "stories": ids, "size": len(ids), "story_list": story_list}

    # -- entities -----------------------------------------------------------

    def entities(self, query: str | None = None, type: str | None = None, limit: int = 50, offset: int = 0) -> dict:
        limit, offset = _clamp(limit, offset)
        where, args = [], []
        if type:
            where.append("type = ?")
            args.append(type)
        if query:
            q = normalize(query)
            where.append("entity IN (SELECT entity FROM mentions WHERE entity = ? OR instr(entity, ?) > 0"
                         " OR instr(text, ?) > 0)")
            args += ["~" + q, q, query]
        sql = f"WHERE {' AND '.join(where)}" if where else ""
        total = self.db.execute(f"SELECT count(DISTINCT entity) FROM mentions {sql}", args).fetchone()[0]
        rows = self.db.execute(
            f"SELECT entity, count(DISTINCT document) AS docs, count(*) AS n FROM mentions {sql}"
            " GROUP BY entity ORDER BY n DESC, entity LIMIT ? OFFSET ?",
            [*args, limit, offset],
        ).fetchall()
        items = []
        for key, docs, n in rows:
            name, etype, _ = self._entity_names(key)
            items.append({"key": key, "name": name, "type": etype, "documents": docs, "mentions": n})
        return _page(items, total, limit, offset)

    def _entity_names(self, key: str) -> tuple[str, str | None, list[str]]:
        names = Counter()
        types = Counter()
        for text, etype in self.db.execute("SELECT text, type FROM mentions WHERE entity = ?", (key,)):
            names[text] += 1
            types[etype] += 1
        ordered = [n for n, _ in names.most_common()]
        return (ordered[0] if ordered else key.lstrip("~"), types.most_common(1)[0][0] if types else None, ordered)

    def entity(self, key: str) -> dict | None:
        doc_ids = [d for (d,) in self.db.execute(
            "SELECT DISTINCT document FROM mentions WHERE entity = ?", (key,))]
        if not doc_ids:
            return None
        name, etype, names = self._entity_names(key)
        docs = self._summaries(doc_ids)
        marks = ",".join("?" * len(doc_ids))
        story_ids = [s for (s,) in self.db.execute(
            f"SELECT DISTINCT story FROM story_documents WHERE document IN ({marks})", doc_ids)]
        stories = self._stories_by_id(story_ids)
        by_month = Counter(d["published"]["value"][:7] for d in docs if d["published"])
        name_keys = [f"%|{normalize(n)}|%" for n in names]
        name_sql = " OR ".join("e.names LIKE ?" for _ in name_keys) or "0"
        rows = self.db.execute(
            "SELECT e.document, e.seq, e.detail, d.outlet, d.published FROM events e"
            " JOIN documents d ON d.id = e.document"
            " WHERE EXISTS (SELECT 1 FROM mentions m WHERE m.entity = ? AND m.document = e.document"
            f"   AND m.start >= e.start AND m.end <= e.end) OR {name_sql}"
            " ORDER BY coalesce(e.date, d.published), e.document, e.seq",
            [key, *name_keys],
        ).fetchall()
        return {
            "key": key, "name": name, "type": etype, "names": names,
            "documents": docs, "stories": stories,
            "events": [self._event(r) for r in rows],
            "by_month": dict(sorted(by_month.items())),
        }

    def _top_entities(self, doc_ids: list[str], n: int = 15) -> list[dict]:
        if not doc_ids:
            return []
        marks = ",".join("?" * len(doc_ids))
        rows = self.db.execute(
            f"SELECT entity, count(*) AS c FROM mentions WHERE document IN ({marks})"
            " GROUP BY entity ORDER BY c DESC, entity LIMIT ?", [*doc_ids, n],
        ).fetchall()
        out = []
        for key, count in rows:
            name, etype, _ = self._entity_names(key)
            out.append({"key": key, "name": name, "type": etype, "mentions": count})
        return out

    # -- events -------------------------------------------------------------

    @staticmethod
    def _event(row) -> dict:
        doc_id, seq, detail, outlet, published = row
        e = json.loads(detail)
        e.update({"document": doc_id, "seq": seq, "outlet": outlet,
                  "published": published})
        return e

    def _events_of(self, doc_ids: list[str]) -> list[dict]:
        if not doc_ids:
            return []
        marks = ",".join("?" * len(doc_ids))
        rows = self.db.execute(
            "SELECT e.document, e.seq, e.detail, d.outlet, d.published FROM events e"
            f" JOIN documents d ON d.id = e.document WHERE e.document IN ({marks})"
            " ORDER BY coalesce(e.date, d.published), e.document, e.seq", doc_ids,
        ).fetchall()
        return [self._event(r) for r in rows]

    def events(self, filters: Filters | None = None, type: str | None = None,
               limit: int = 50, offset: int = 0) -> dict:
        limit, offset = _clamp(limit, offset)
        where, args = self._where(filters)
        clauses = [where] if where else []
        if type:
            clauses.append("e.type = ?")
            args.append(type)
        sql = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        total = self.db.execute(
            f"SELECT count(*) FROM events e JOIN documents d ON d.id = e.document {sql}", args).fetchone()[0]
        rows = self.db.execute(
            "SELECT e.document, e.seq, e.detail, d.outlet, d.published FROM events e"
            f" JOIN documents d ON d.id = e.document {sql}"
            " ORDER BY coalesce(e.date, d.published) DESC, e.document, e.seq LIMIT ? OFFSET ?",
            [*args, limit, offset],
        ).fetchall()
        return _page([self._event(r) for r in rows], total, limit, offset)

    # -- search -------------------------------------------------------------

    def search(self, query: str, filters: Filters | None = None, limit: int = 20, offset: int = 0) -> dict:
        limit, offset = _clamp(limit, offset)
        terms = fts.parse_query(query)
        if not terms:
            return _page([], 0, limit, offset)
        where, args = self._where(filters)
        where = f"WHERE {where}" if where else ""
        rows = self._hits(terms, where, args, limit, offset)
        if rows:
            total = rows[0][2]
        elif offset:
            total = self.search(query, filters, 1, 0)["total"]
        else:
            total = 0
        scores = {hit: score for hit, score, _ in rows}
        full = self._hit_rows(list(scores)) if scores else {}
        keys = {k for t in terms for k in t}
        items = []
        for hit, score, _ in rows:
            r = full[hit]
            item = _summary(r)
            item["score"] = round(score, 4)
            item["snippet"] = fts.snippet(r[7], keys)
            item["title_highlights"] = fts.highlights(item["title"] or "", keys)
            items.append(item)
        return _page(items, total, limit, offset)

    def _hits(self, terms: list[list[str]], where: str, args: list, limit: int, offset: int) -> list[tuple]:
        """(hit key, score, total matches) of the page: matched first (the FTS index), then filtered and ranked."""
        return self.db.execute(
            "WITH hits AS MATERIALIZED (SELECT rowid, bm25(search_fts, 2.0, 1.0) AS score"
            "  FROM search_fts WHERE search_fts MATCH ?)"
            " SELECT d.rowid, hits.score, count(*) OVER () FROM hits JOIN documents d ON d.rowid = hits.rowid"
            f" {where} ORDER BY hits.score, d.rowid LIMIT ? OFFSET ?",
            [fts.match_expression(terms), *args, limit, offset],
        ).fetchall()

    def _hit_rows(self, hits: list) -> dict:
        """Hit key -> (summary columns..., text): only the page's rows are read in full."""
        return {r[0]: r[1:] for r in self.db.execute(
            f"SELECT d.rowid, {_SUMMARY_COLUMNS}, d.text FROM documents d"
            f" WHERE d.rowid IN ({','.join('?' * len(hits))})", hits)}

    # -- facets -------------------------------------------------------------

    def outlets(self) -> list[dict]:
        return [{"outlet": o, "documents": n} for o, n in self.db.execute(
            "SELECT outlet, count(*) FROM documents WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY 2 DESC, 1")]

    def event_types(self) -> list[dict]:
        return [{"type": t, "events": n} for t, n in self.db.execute(
            "SELECT type, count(*) FROM events GROUP BY type ORDER BY 2 DESC, 1")]

    def stats(self) -> dict:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "documents": one("SELECT count(*) FROM documents"),
            "stories": one("SELECT count(*) FROM stories"),
            "topics": one("SELECT count(*) FROM topics"),
            "entities": one("SELECT count(DISTINCT entity) FROM mentions"),
            "events": one("SELECT count(*) FROM events"),
        }
