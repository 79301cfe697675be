"""What one worker does with one shard: the per-report pipeline, unchanged."""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass, field
from pathlib import Path

from marsad.ingest.identity import raw_key
from marsad.pipeline import analyze_raw, load_models
from marsad.records import AnalyzedDocument, IngestFailure, RawDocument
from marsad.scale import shards, tables


def prepare_worker() -> None:
    """A worker's start-up: the models loaded, then kept out of the garbage collector's passes.

    A worker holds a shard's analyzed reports until it writes them, on top of the models and
    word caches; with Python's default thresholds every full collection walked all of it again
    (~0.3 ms a report with shards of 985). Loaded models are never garbage (frozen), and young
    collections come every 10,000 allocations instead of 700: the pipeline's garbage goes by
    reference counting, cycles are rare."""
    load_models()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


@dataclass
class Analyzed:
    documents: list[AnalyzedDocument] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # raw_key of each document, for the store's sources
    failures: list[IngestFailure] = field(default_factory=list)
    read: int = 0  # reports read, failures included
    skipped: int = 0  # already stored, not analyzed again


def analyze_items(items, known=None) -> Analyzed:
    """Analyze raw reports; `known(keys) -> set` names those stored already, which are skipped."""
    raws: list[RawDocument] = []
    out = Analyzed()
    for item in items:
        out.read += 1
        if isinstance(item, IngestFailure):
            out.failures.append(item)
        else:
            raws.append(item)
    keys = [raw_key(r) for r in raws]
    seen = set(known(keys)) if known else set()
    for raw, key in zip(raws, keys):
        if key in seen:
            out.skipped += 1
            continue
        if known:
            seen.add(key)  # a report twice in one batch: analyze it once
        try:
            out.documents.append(analyze_raw(raw))
        except Exception as exc:  # noqa: BLE001 - one bad report must not sink the batch
            out.failures.append(IngestFailure(raw.source, f"analysis failed: {type(exc).__name__}: {exc}"))
            continue
        out.keys.append(key)
    return out


@dataclass
class ShardResult:
    part: str
    analyzed: Analyzed
    seconds: float


def run_shard(shard: shards.Shard, out: str, return_documents: bool) -> ShardResult:
    """Analyze a shard and write its Parquet parts; the documents come back only when the driver stores them."""
    started = time.perf_counter()
    result = analyze_items(shards.read(shard))
    tables.write_part(result.documents, Path(out), shard.part)
    if not return_documents:
        result.documents = []
    return ShardResult(shard.part, result, time.perf_counter() - started)
