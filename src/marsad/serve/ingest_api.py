"""POST /api/documents: reports from a caller, analyzed, stored and placed in stories
the way `marsad ingest` does it."""

from __future__ import annotations

from marsad.pipeline import analyze_raw
from marsad.records import RawDocument


def ingest_reports(store, reports) -> dict:
    """Analyze and store `reports` (api.ReportIn); a report that fails is named, the rest go on."""
    from marsad.scale.stored import load_engine, store_batch

    done, failures = [], []
    for i, r in enumerate(reports):
        source = r.url or f"api:{r.name or i}"
        raw = RawDocument(
            source=source, name=r.name, content=r.html or r.text,
            media_type="text/html" if r.html else "text/plain", encoding="utf-8",
            outlet=r.outlet, title=r.title, published=r.published, url=r.url,
        )
        try:
            done.append(analyze_raw(raw))
        except Exception as exc:  # noqa: BLE001 - one bad report must not sink the batch
            failures.append({"source": source, "reason": f"analysis failed: {type(exc).__name__}: {exc}"})
    added = store_batch(store, load_engine(store), done) if done else 0
    return {
        "added": added,
        "documents": [{"id": a.document.id, "name": a.document.name} for a in done],
        "failures": failures,
    }
