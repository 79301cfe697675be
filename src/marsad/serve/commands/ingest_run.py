"""`marsad ingest`: analyze, store, place in stories, and say what was found.

Resumable: each batch is committed with the keys of the raw reports it holds
(marsad.ingest.identity), and reports whose key is stored are not analyzed
again; reports stored by a run that stopped before placing them in stories
are placed first. An ingest killed midway and started again loses nothing and
stores nothing twice. Stories are placed batch by batch from the stored
clustering state: the stored reports are never re-clustered.
"""

from __future__ import annotations

from itertools import islice

from rich.console import Console
from rich.table import Table

from marsad.ingest import read_paths
from marsad.scale.progress import Summary, bar
from marsad.scale.run import count_reports
from marsad.scale.stored import load_engine, store_batch
from marsad.scale.work import analyze_items
from marsad.store import display_url, open_store


def run_ingest(paths, db: str, batch_size: int = 200) -> int:
    console = Console(stderr=True)
    store = open_store(db)
    engine = load_engine(store)
    summary = Summary(f"marsad ingest → {display_url(db)}")
    summary.counts.update({"reports read": 0, "analyzed": 0, "newly stored": 0, "already stored": 0})
    for key in ("entities", "dates", "quotes", "events"):
        summary.counts[key] = 0
    items = read_paths(paths)
    with bar("ingest", console) as progress:
        task = progress.add_task("ingest", total=count_reports(paths))
        while batch := list(islice(items, batch_size)):
            result = analyze_items(batch, store.known_sources)
            added = store_batch(store, engine, result.documents, result.keys)
            summary.counts["reports read"] += result.read
            summary.counts["analyzed"] += len(result.documents)
            summary.counts["newly stored"] += added
            summary.counts["already stored"] += result.skipped + len(result.documents) - added
            for a in result.documents:
                summary.counts["entities"] += len(a.annotation.mentions)
                summary.counts["dates"] += len(a.annotation.timexes)
                summary.counts["quotes"] += len(a.annotation.quotes)
                summary.counts["events"] += len(a.events)
            summary.failures.extend(result.failures)
            progress.advance(task, result.read)
    n_stories, n_topics = store.story_counts()
    summary.rows["stories / topics in store"] = f"{n_stories} / {n_topics}"
    summary.rows["documents in store"] = str(store.count_documents())
    biggest = store.stories(sort="biggest", limit=10)["items"]
    store.close()
    out = Console()
    summary.show(out)
    _show_stories(out, biggest, n_stories)
    out.print(f"Read them in the browser: [bold]marsad serve --db {db}[/bold], then open http://127.0.0.1:8000/")
    return 1 if summary.failures else 0


def _show_stories(out: Console, stories: list[dict], total: int) -> None:
    if not stories:
        return
    table = Table(title=f"biggest stories ({len(stories)} of {total})")
    for column in ("reports", "span", "outlets", "title"):
        table.add_column(column)
    for s in stories:
        span = " → ".join(dict.fromkeys(s["span"])) if s["span"] else "undated"
        table.add_row(str(s["size"]), span, "، ".join(s["outlets"]) or "—", s["title"] or "—")
    out.print(table)

