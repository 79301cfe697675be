"""A raw input's identity, known before any analysis.

A document's id is the hash of its clean text, so it is known only after
cleaning. This key is the hash of everything the pipeline reads from a raw
report, so a restarted ingest can skip what it stored without redoing the work.
"""

from __future__ import annotations

import hashlib

from marsad.records import RawDocument


def raw_key(raw: RawDocument) -> str:
    h = hashlib.sha256()
    for part in (raw.content, raw.media_type, raw.name, raw.outlet, raw.title, raw.published, raw.url):
        h.update(b"\x00" if part is None else part.encode("utf-8", "surrogatepass") + b"\x01")
    return h.hexdigest()[:32]
