"""`marsad ingest`: analyze and store."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser(
        "ingest",
        help="analyze reports and store them (SQLite by default)",
        description="Analyze reports and add them to a store, then update its stories. "
        "A report already stored (same clean content) is skipped; an ingest interrupted and started "
        "again goes on where it stopped (each batch is committed). For a corpus too big for one "
        "process, see `marsad run`.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--db", default="marsad.db",
                   help="store: a SQLite file path, sqlite:///path or postgresql://user@host:port/db "
                   "(default: marsad.db)")
    p.add_argument("--batch", type=int, default=200, help="reports per transaction (default: 200)")
    p.set_defaults(run=run)


def run(args) -> int:
    from marsad.serve.commands.ingest_run import run_ingest

    return run_ingest(args.paths, args.db, args.batch)
