"""`marsad ingest`: analyze, store, cluster, and say what was found."""

from __future__ import annotations

import sys
import time
from collections import Counter

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from marsad.pipeline import analyze_paths
from marsad.records import AnalyzedDocument, IngestFailure
from marsad.store import open_store


def run_ingest(paths, db: str, batch_size: int = 200) -> int:
    from marsad.store.stories_state import load_engine, story_counts

    console = Console(stderr=True)
    store = open_store(db)
    engine = load_engine(store)
    started = time.perf_counter()
    failures: list[IngestFailure] = []
    batch: list[AnalyzedDocument] = []
    seen = added = 0
    counts: Counter[str] = Counter()
    with Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True,
    ) as progress:
        task = progress.add_task("ingest", total=None)
        for item in analyze_paths(paths):
            progress.advance(task)
            if isinstance(item, IngestFailure):
                failures.append(item)
                continue
            seen += 1
            counts["entities"] += len(item.annotation.mentions)
            counts["dates"] += len(item.annotation.timexes)
            counts["quotes"] += len(item.annotation.quotes)
            counts["events"] += len(item.events)
            batch.append(item)
            if len(batch) >= batch_size:
                added += _store_batch(store, engine, batch)
                batch.clear()
        if batch:
            added += _store_batch(store, engine, batch)
    n_stories, n_topics = story_counts(store)
    elapsed = time.perf_counter() - started

    table = Table(title=f"marsad ingest → {db}", show_header=False)
    table.add_row("reports read", str(seen))
    table.add_row("newly stored", str(added))
    table.add_row("already stored (same content)", str(seen - added))
    table.add_row("failed", str(len(failures)))
    for key in ("entities", "dates", "quotes", "events"):
        table.add_row(key, str(counts[key]))
    table.add_row("stories / topics in store", f"{n_stories} / {n_topics}")
    table.add_row("time", f"{elapsed:.1f} s")
    Console().print(table)
    for f in failures:
        print(f"marsad: skipped {f.source}: {f.reason}", file=sys.stderr)
    store.close()
    return 1 if failures else 0


def _store_batch(store, engine, batch: list[AnalyzedDocument]) -> int:
    """Store a batch (undated reports' windows narrowed by the batch's related reports),
    then place its reports in the stored stories: the stored ones are never re-clustered."""
    from marsad.stories import arrival_order, refine_windows
    from marsad.store.stories_state import save_engine

    batch = refine_windows(batch, engine.vocab)
    added = store.add_documents(batch)
    for a in arrival_order(batch):
        engine.add(a)
    save_engine(store, engine, batch)
    return added
