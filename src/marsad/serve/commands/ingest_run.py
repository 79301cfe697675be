"""`marsad ingest`: analyze, store, cluster, and say what was found."""

from __future__ import annotations

import sys
import time
from collections import Counter

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from marsad.contract import analyzed_from_json
from marsad.pipeline import analyze_paths
from marsad.records import AnalyzedDocument, IngestFailure
from marsad.store import open_store


def run_ingest(paths, db: str, batch_size: int = 200) -> int:
    from marsad.stories import cluster

    console = Console(stderr=True)
    store = open_store(db)
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
                added += store.add_documents(batch)
                batch.clear()
        if batch:
            added += store.add_documents(batch)
    stories, topics = cluster(_stored(store))
    store.replace_stories(stories, topics)
    elapsed = time.perf_counter() - started

    table = Table(title=f"marsad ingest → {db}", show_header=False)
    table.add_row("reports read", str(seen))
    table.add_row("newly stored", str(added))
    table.add_row("already stored (same content)", str(seen - added))
    table.add_row("failed", str(len(failures)))
    for key in ("entities", "dates", "quotes", "events"):
        table.add_row(key, str(counts[key]))
    table.add_row("stories / topics in store", f"{len(stories)} / {len(topics)}")
    table.add_row("time", f"{elapsed:.1f} s")
    Console().print(table)
    for f in failures:
        print(f"marsad: skipped {f.source}: {f.reason}", file=sys.stderr)
    store.close()
    return 1 if failures else 0


def _stored(store) -> list[AnalyzedDocument]:
    return [analyzed_from_json(a) for a in store.analyses()]
