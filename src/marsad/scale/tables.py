"""Analyzed documents as Parquet tables, one row per item, and back.

documents, sentences, entities, timexes, quotes, events: every row but a
document's carries `document` (its id) and the offsets into its text. Column
types come from the records' own type hints, so a field a stage adds to its
record becomes a column without touching this module, and every shard gets
the same schema even when it holds no event at all (readers merge shards by
schema). Nested records are flattened with a prefix (evidence_start,
speaker_text); lists of records (removed lines) stay nested. A table is built
column by column, each read off all its records at once by a plan compiled per
record type, with no dict per row.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from operator import attrgetter
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
def _struct_row(cls):
    """A record in a list of records as the tuple Arrow reads into its struct, field by field."""
    names = list(_hints(cls))
    return attrgetter(*names) if len(names) > 1 else lambda r: (getattr(r, names[0]),)


@cache
def _plan(cls) -> tuple:
    """How to flatten a record type: (field, column, kind, the nested record's plan or a list's struct row)."""
    plan = []
    for name, hint in _hints(cls).items():
        t = _arrow(hint)
        if t is None:
            plan.append((name, name + "_", "record", _plan(_unwrap(hint))))
        elif pa.types.is_list(t) and pa.types.is_struct(t.value_type):
            plan.append((name, name, "records", _struct_row(_unwrap(typing.get_args(_unwrap(hint))[0]))))
        elif pa.types.is_list(t):
            plan.append((name, name, "list", None))
        elif typing.get_origin(_unwrap(hint)) is dict:
            plan.append((name, name, "json", None))
        else:
            plan.append((name, name, "value", None))
    return tuple(plan)


def _fill(plan: tuple, records: list, prefix: str, columns: dict[str, list]) -> None:
    """Each column of one record type, read off a list of its records (None: a record absent)."""
    whole = all(r is not None for r in records)
    for name, column, kind, nested in plan:
        if whole:
            values = list(map(attrgetter(name), records))
        else:
            values = [None if r is None else getattr(r, name) for r in records]
        if kind == "record":
            _fill(nested, values, prefix + column, columns)
            continue
        if kind == "records":
            values = [None if v is None else list(map(nested, v)) for v in values]
        elif kind == "list":
            values = [None if v is None else list(v) for v in values]
        elif kind == "json":
            values = [None if v is None else json.dumps(v, ensure_ascii=False) for v in values]
        columns[prefix + column] = values


def to_tables(docs: list[AnalyzedDocument]) -> dict[str, pa.Table]:
    columns: dict[str, dict[str, list]] = {t: {} for t in TABLES}
    _fill(_plan(Document), [a.document for a in docs], "", columns["documents"])
    for table, (cls, items) in ITEMS.items():
        records, ids, index = [], [], []
        for a in docs:
            found = items(a)
            records.extend(found)
            ids.extend([a.document.id] * len(found))
            index.extend(range(len(found)))
        columns[table] = {"document": ids, "index": index}
        _fill(_plan(cls), records, "", columns[table])
    # column by column, as from_pylist converts rows, without a dict per row
    return {t: pa.Table.from_arrays([c[n] for n in schema(t).names], schema=schema(t))
            for t, c in columns.items()}


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
