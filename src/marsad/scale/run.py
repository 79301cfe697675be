"""The Dask driver: shards out, per-report pipeline on the workers, Parquet and the store in.

Workers run marsad.pipeline.analyze_raw unchanged on one shard each and write
its Parquet parts; the driver stores the shard's documents (one transaction
per shard, with their source keys) and only then records the shard as done in
<out>/_shards/. A run started again skips the shards recorded there, so an
interrupted run loses nothing and stores nothing twice. With a store, each
shard's reports are placed in its stories as they are stored (the stories
stage's incremental engine, in the order shards finish); without one, the
shards are placed in input order at the end, into <out>/stories.json.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from rich.console import Console

from marsad.records import IngestFailure
from marsad.scale import shards, tables
from marsad.scale.progress import Summary, bar
from marsad.scale.stored import load_engine, store_batch
from marsad.scale.work import ShardResult, prepare_worker, run_shard


STARTUP_SECONDS = 60  # for a local cluster's workers to come up
FETCH_SECONDS = 300  # for a finished shard's result to arrive; past it, the shard counts as lost


class ClusterStartError(RuntimeError):
    """The local cluster's workers did not come up."""


def connect(scheduler: str | None, workers: int):
    """A Dask client: to `scheduler` when given, else a LocalCluster of single-threaded worker processes.

    A local cluster whose workers do not all come up and answer is closed and started
    again once, then reported; it never leaves the run waiting forever. (Seen in CI: a
    worker whose listener tornado lost to "fd added twice" runs its tasks but never
    hands their results over.)"""
    from dask.distributed import Client

    if scheduler:
        return Client(scheduler)
    for _ in range(2):
        # A client that starts its own cluster also stops it when it closes; a worker that
        # cannot reach its scheduler gives up after death_timeout instead of retrying forever.
        client = Client(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                        silence_logs=logging.ERROR, death_timeout=STARTUP_SECONDS)
        try:
            client.wait_for_workers(workers, timeout=STARTUP_SECONDS)
            for address in client.scheduler_info()["workers"]:
                # fetching a result connects to the worker itself: its listener answers
                client.submit(os.getpid, workers=[address], pure=False).result(timeout=STARTUP_SECONDS)
            return client
        except TimeoutError:
            client.close()
    raise ClusterStartError(f"the local Dask cluster did not start {workers} workers within {STARTUP_SECONDS} s, twice")


def count_reports(paths) -> int:
    """How many reports the input holds, as far as a cheap pass can tell (for the progress bar)."""
    n = 0
    for item in shards.files(paths):
        if isinstance(item, IngestFailure):
            continue
        if shards.suffix(item) in shards.JSONL_SUFFIXES:
            n += sum(1 for x in shards.lines(item) if not isinstance(x, IngestFailure))
        else:
            n += 1
    return n


class Done:
    """<out>/_shards/<part>.json: a shard analyzed, written and (with a store) stored."""

    def __init__(self, out: Path, db: str | None):
        self.folder = out / "_shards"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.db = db

    def get(self, part: str) -> dict | None:
        path = self.folder / f"{part}.json"
        if not path.exists():
            return None
        record = json.loads(path.read_text("utf-8"))
        return record if self.db is None or record.get("db") == self.db else None

    def put(self, result: ShardResult) -> None:
        a = result.analyzed
        record = {"part": result.part, "db": self.db, "read": a.read, "documents": len(a.keys),
                  "failures": [[f.source, f.reason] for f in a.failures], "seconds": round(result.seconds, 3)}
        tmp = self.folder / f".{result.part}.json.tmp"
        tmp.write_text(json.dumps(record, ensure_ascii=False), "utf-8")
        tmp.replace(self.folder / f"{result.part}.json")


def run(paths, out: str | Path, db: str | None = None, scheduler: str | None = None, workers: int = 2,
        shard_size: int = 500, stories: bool = True, console: Console | None = None) -> Summary:
    from dask.distributed import as_completed

    from marsad.store import display_url, open_store

    console = console or Console(stderr=True)
    out = Path(out)
    done = Done(out, db)
    store = open_store(db) if db else None
    engine = load_engine(store) if store is not None and stories else None
    summary = Summary(f"marsad run → {out}" + (f" + {display_url(db)}" if db else ""))
    summary.counts.update({"reports read": 0, "analyzed": 0, "newly stored": 0, "shards": 0, "shards already done": 0})
    parts: list[str] = []
    total = count_reports(paths)
    with connect(scheduler, workers) as client, bar("run", console) as progress:
        client.run(prepare_worker)
        n_workers = len(client.scheduler_info()["workers"]) or workers
        summary.rows["workers"] = f"{n_workers} ({scheduler or 'local cluster'})"
        task = progress.add_task("run", total=total)
        planned = shards.plan(paths, shard_size)
        running = as_completed()
        sizes: dict[str, int] = {}  # reports per shard in flight, for the bar when one is lost

        def submit_next() -> bool:
            for item in planned:
                if isinstance(item, IngestFailure):
                    summary.failures.append(item)
                    continue
                parts.append(item.part)
                summary.counts["shards"] += 1
                if done.get(item.part):
                    summary.counts["shards already done"] += 1
                    progress.advance(task, item.size)
                    continue
                sizes[item.part] = item.size
                running.add(client.submit(run_shard, item, str(out), store is not None, key=f"marsad-{item.part}"))
                return True
            return False

        for _ in range(2 * n_workers):  # enough queued to keep every worker busy, no more in memory
            submit_next()
        for future in running:
            try:
                result: ShardResult = future.result(timeout=FETCH_SECONDS)
            except Exception as exc:  # noqa: BLE001 - a lost shard is reported; the others go on
                part = future.key.removeprefix("marsad-")
                summary.failures.append(IngestFailure(f"shard {part}", f"shard failed: {type(exc).__name__}: {exc}"))
                progress.advance(task, sizes.get(part, 0))
                parts.remove(part)  # no Parquet to cluster; a run started again retries it
                submit_next()
                continue
            a = result.analyzed
            if store is not None:
                summary.counts["newly stored"] += store_batch(store, engine, a.documents, a.keys)
            done.put(result)
            summary.counts["reports read"] += a.read
            summary.counts["analyzed"] += len(a.keys)
            summary.failures.extend(a.failures)
            progress.advance(task, a.read)
            future.release()
            submit_next()
    if store is not None:
        summary.rows["stories / topics in store"] = "{} / {}".format(*store.story_counts())
        store.close()
    else:
        del summary.counts["newly stored"]
        if stories:
            summary.rows["stories / topics"] = "{} / {}".format(*_stories(out, parts))
    return summary


def _stories(out: Path, parts: list[str]) -> tuple[int, int]:
    """The shards' reports placed shard by shard with the stories engine, into <out>/stories.json."""
    from marsad.contract import cluster_json
    from marsad.stories import Engine, refine_windows

    engine, docs = Engine(), {}
    for part in parts:
        shard = refine_windows([d for d in tables.read_part(out, part) if d.document.id not in docs], engine.vocab)
        engine.add_all(shard)
        docs.update((d.document.id, d) for d in shard)
    found, topics = engine.records(list(docs.values()))
    (out / "stories.json").write_text(
        json.dumps(cluster_json(list(docs.values()), found, topics), ensure_ascii=False), "utf-8")
    return len(found), len(topics)
