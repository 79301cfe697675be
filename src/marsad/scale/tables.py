"""Analyzed documents as Parquet tables, one row per item, and back.

documents, sentences, entities, timexes, quotes, events: every row but a
document's carries `document` (its id) and the offsets into its text. Column
types come from the records' own type hints, so a field a stage adds to its
record becomes a column without touching this module, and every shard gets
the same schema even when it holds no event at all (readers merge shards by
schema). Nested records are flattened with a prefix (evidence_start,
speaker_text); lists of records (removed lines) stay nested.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from marsad.records import AnalyzedDocument, Annotation, Document, Event, Mention, Quote, Sentence, Timex

# table name -> (record type, where the items are in an AnalyzedDocument)
ITEMS = {
    "sentences": (Sentence, lambda a: a.annotation.sentences),
    "entities": (Mention, lambda a: a.annotation.mentions),
    "timexes": (Timex, lambda a: a.annotation.timexes),
    "quotes": (Quote, lambda a: a.annotation.quotes),
    "events": (Event, lambda a: a.events),
}
TABLES = ["documents", *ITEMS]


def _unwrap(hint):
    """X | None -> X."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else str
    return hint


@cache
def _hints(cls) -> dict:
    return typing.get_type_hints(cls)


def _arrow(hint) -> pa.DataType | None:
    """The Arrow type of a scalar or list hint; None for a record (flattened)."""
    hint = _unwrap(hint)
    origin = typing.get_origin(hint)
    if dataclasses.is_dataclass(hint):
        return None
    if origin in (list, tuple):
        (item, *_) = typing.get_args(hint)
        item = _unwrap(item)
        if dataclasses.is_dataclass(item):
            return pa.list_(pa.struct([(f, _arrow(h)) for f, h in _hints(item).items()]))
        return pa.list_(_arrow(item))
    return {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}.get(hint, pa.string())


def _fields(cls, prefix: str = "") -> list[tuple[str, pa.DataType]]:
    out = []
    for name, hint in _hints(cls).items():
        t = _arrow(hint)
        if t is None:
            out.extend(_fields(_unwrap(hint), f"{prefix}{name}_"))
        else:
            out.append((prefix + name, t))
    return out


@cache
def schema(table: str) -> pa.Schema:
    if table == "documents":
        return pa.schema(_fields(Document))
    cls, _ = ITEMS[table]
    return pa.schema([("document", pa.string()), ("index", pa.int32()), *_fields(cls)])


@cache
def _plan(cls) -> tuple:
    """How to flatten a record type: (field, column, kind, nested plan or nested columns)."""
    plan = []
    for name, hint in _hints(cls).items():
        t = _arrow(hint)
        if t is None:
            sub = _unwrap(hint)
            plan.append((name, name + "_", "record", (_plan(sub), [c for c, _ in _fields(sub, name + "_")])))
        elif pa.types.is_list(t) and pa.types.is_struct(t.value_type):
            plan.append((name, name, "records", None))
        elif pa.types.is_list(t):
            plan.append((name, name, "list", None))
        elif typing.get_origin(_unwrap(hint)) is dict:
            plan.append((name, name, "json", None))
        else:
            plan.append((name, name, "value", None))
    return tuple(plan)


def _flatten(obj, prefix: str, row: dict) -> None:
    for name, column, kind, nested in _plan(type(obj)):
        value = getattr(obj, name)
        if kind == "value":
            row[prefix + column] = value
        elif kind == "record":
            if value is None:
                for c in nested[1]:
                    row[prefix + c] = None
            else:
                _flatten(value, prefix + column, row)
        elif value is None:
            row[prefix + column] = None
        elif kind == "records":
            row[prefix + column] = [dataclasses.asdict(v) for v in value]
        elif kind == "list":
            row[prefix + column] = list(value)
        else:
            row[prefix + column] = json.dumps(value, ensure_ascii=False)


def to_tables(docs: list[AnalyzedDocument]) -> dict[str, pa.Table]:
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    for a in docs:
        row: dict = {}
        _flatten(a.document, "", row)
        rows["documents"].append(row)
        for table, (_, items) in ITEMS.items():
            for i, item in enumerate(items(a)):
                row = {"document": a.document.id, "index": i}
                _flatten(item, "", row)
                rows[table].append(row)
    return {t: pa.Table.from_pylist(r, schema=schema(t)) for t, r in rows.items()}


def _unflatten(cls, row: dict, prefix: str = ""):
    kwargs = {}
    for name, hint in _hints(cls).items():
        t = _arrow(hint)
        if t is None:
            sub = _unwrap(hint)
            cols = [c for c, _ in _fields(sub, f"{prefix}{name}_")]
            nullable = _unwrap(hint) is not hint
            kwargs[name] = None if nullable and all(row.get(c) is None for c in cols) else _unflatten(sub, row, f"{prefix}{name}_")
            continue
        value = row.get(prefix + name)
        base = _unwrap(hint)
        if value is not None and typing.get_origin(base) is tuple:
            value = tuple(value)
        elif value is not None and typing.get_origin(base) is list:
            (item,) = typing.get_args(base)
            if dataclasses.is_dataclass(_unwrap(item)):
                value = [_unwrap(item)(**v) for v in value]
        elif value is not None and typing.get_origin(base) is dict:
            value = json.loads(value)
        elif value is None and typing.get_origin(base) is list:
            value = []
        kwargs[name] = value
    return cls(**kwargs)


def from_tables(tables: dict[str, pa.Table]) -> list[AnalyzedDocument]:
    """The inverse of to_tables: documents in table order with all their items."""
    items: dict[str, dict[str, list]] = {}
    for table, (cls, _) in ITEMS.items():
        per_doc: dict[str, list] = {}
        for row in sorted(tables[table].to_pylist(), key=lambda r: r["index"]):
            per_doc.setdefault(row["document"], []).append(_unflatten(cls, row))
        items[table] = per_doc
    out = []
    for row in tables["documents"].to_pylist():
        doc = _unflatten(Document, row)
        get = lambda t: items[t].get(doc.id, [])  # noqa: E731
        ann = Annotation(sentences=get("sentences"), mentions=get("entities"), timexes=get("timexes"),
                         quotes=get("quotes"))
        out.append(AnalyzedDocument(doc, ann, get("events")))
    return out


def write_part(docs: list[AnalyzedDocument], out: Path, part: str) -> None:
    """Write one shard's tables as out/<table>/<part>.parquet, each file complete or absent."""
    for table, data in to_tables(docs).items():
        folder = out / table
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{part}.parquet.tmp"  # readers skip dot files
        pq.write_table(data, tmp, compression="zstd")
        tmp.replace(folder / f"{part}.parquet")


def read_part(out: Path, part: str) -> list[AnalyzedDocument]:
    return from_tables({t: pq.read_table(out / t / f"{part}.parquet") for t in TABLES})
