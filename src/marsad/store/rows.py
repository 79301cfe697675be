"""What both back ends write for a document and read back for a story."""

from __future__ import annotations

import json
from collections.abc import Sequence

from marsad.contract import document_json, story_detail_json
from marsad.records import AnalyzedDocument, Story, Topic


def document_row(a: AnalyzedDocument) -> tuple[dict, tuple]:
    """(the contract's analysis, (id, name, source, outlet, title, published, precision, estimated, text,
    analysis JSON))"""
    d = a.document
    analysis = document_json(a)
    return analysis, (
        d.id, d.name, d.source, d.outlet, d.title,
        d.published.value if d.published else None,
        d.published.precision if d.published else None,
        bool(d.published and d.published.estimated),
        d.text,
        json.dumps(analysis, ensure_ascii=False),
    )


def source_rows(batch: Sequence[AnalyzedDocument], keys: Sequence[str] | None) -> list[tuple[str, str]]:
    if keys is None:
        return []
    if len(keys) != len(batch):
        raise ValueError(f"{len(keys)} source keys for {len(batch)} documents")
    return [(k, a.document.id) for k, a in zip(keys, batch)]


def story_rows(stories: Sequence[Story]) -> list[tuple]:
    return [
        (s.id, s.topic, s.title, s.span[0] if s.span else None, s.span[1] if s.span else None,
         json.dumps(story_detail_json(s), ensure_ascii=False))
        for s in stories
    ]


def topic_rows(topics: Sequence[Topic]) -> list[tuple]:
    return [(t.id, t.title, json.dumps(list(t.stories), ensure_ascii=False)) for t in topics]


def story_json(row: tuple, documents: list[str]) -> dict:
    """A stored story in `marsad cluster`'s shape."""
    sid, topic, title, start, end = row
    return {"id": sid, "documents": documents, "title": title,
            "span": [start, end] if start is not None else None, "topic": topic}
