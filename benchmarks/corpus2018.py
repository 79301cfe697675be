"""The ANT 2018 multi-outlet corpus as marsad records, for the stories benchmark.

Reads ../shared/datasets/ant-multisource-2018.jsonl.gz; a report's id is its
docno. No annotation is run (clustering is measured on text, time and outlet).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path

from marsad.records import AnalyzedDocument, Annotation, Document, Published

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "ant-multisource-2018.jsonl.gz"


def rows(path: Path = CORPUS) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def published(raw: str | None) -> Published | None:
    try:
        t = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return Published(t.strftime("%Y-%m-%dT%H:%M"), "minute", timezone=t.strftime("%z") or None)


def analyzed(r: dict) -> AnalyzedDocument:
    doc = Document(id=r["docno"], name=r["docno"], source=r.get("url") or r["docno"], outlet=r["src"],
                   language="ar", title=r.get("title"), published=published(r.get("time")), text=r.get("text") or "")
    return AnalyzedDocument(doc, Annotation())
