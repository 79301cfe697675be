"""`marsad run`: the pipeline on Dask over a corpus too big for one process."""

from __future__ import annotations

import os

EPILOG = """\
examples:
  marsad run corpus.jsonl.gz --out corpus.parquet
      2 local worker processes; Parquet tables under corpus.parquet/
  marsad run shards/ --out out/ --db postgresql://marsad@db/marsad --workers 8
      also store every document (and its stories) in PostgreSQL
  marsad run shards/ --out out/ --scheduler tcp://10.0.0.5:8786
      on a running Dask cluster (marsad installed on every worker; .txt/.html/
      feed/WARC inputs on storage every worker sees; JSON Lines are shipped)

Output: <out>/{documents,sentences,entities,timexes,quotes,events}/part-*.parquet,
one row per item with its document id and offsets; pandas.read_parquet(
"<out>/entities"), polars.read_parquet("<out>/entities/*.parquet") and DuckDB's
read_parquet('<out>/entities/*.parquet') read them as they are. Without --db,
stories go to <out>/stories.json (the shape `marsad cluster` prints).

Started again with the same input and --out, a run skips the shards it
finished (recorded in <out>/_shards/): an interrupted run loses nothing.
"""


def register(sub) -> None:
    from argparse import RawDescriptionHelpFormatter

    from marsad.store import URL_HELP

    p = sub.add_parser(
        "run",
        help="analyze a large corpus on Dask into Parquet (and a store)",
        description="Run the per-report pipeline (ingest, clean, annotate, events) on Dask workers over "
        "shards of the input and write Parquet tables; with --db also store each shard and place its "
        "reports in the store's stories as it arrives (else stories go to <out>/stories.json).",
        epilog=EPILOG, formatter_class=RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (JSON Lines shards, .txt, .html, ...)")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the Parquet tables")
    p.add_argument("--db", metavar="URL", help=f"also store the documents: {URL_HELP}")
    p.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler, e.g. tcp://host:8786 "
                   "(default: start a local cluster)")
    p.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                   help="local worker processes, one thread each (default: 2, or 1 on a one-core machine)")
    p.add_argument("--shard-size", type=int, default=500, metavar="N", help="reports per shard (default: 500)")
    p.add_argument("--no-stories", dest="stories", action="store_false",
                   help="skip story clustering (stored reports are placed by the next ingest or run)")
    p.set_defaults(run=run)


def run(args) -> int:
    from rich.console import Console

    from marsad.scale.run import ClusterStartError
    from marsad.scale.run import run as run_dask

    if args.workers < 1 or args.shard_size < 1:
        raise SystemExit("marsad run: --workers and --shard-size must be at least 1")
    console = Console(stderr=True)
    try:
        summary = run_dask(args.paths, args.out, db=args.db, scheduler=args.scheduler, workers=args.workers,
                           shard_size=args.shard_size, stories=args.stories, console=console)
    except ClusterStartError as exc:
        raise SystemExit(f"marsad run: {exc}; run it again (finished shards are kept)") from None
    summary.show(console)
    return 1 if summary.failures else 0
