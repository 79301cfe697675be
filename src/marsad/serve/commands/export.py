"""`marsad export`: the events of reports or of a store, as PLOVER JSON, ACLED CSV or GeoJSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from marsad.serve.commands.common import analyzed

EPILOG = """\
formats:
  plover   a JSON list, one PLOVER-style record per event (type, mode, actor,
           recipient, location with coordinates, date or date window, counts,
           source and the supporting sentence); marsad's X_ types are marked
           "extension": true
  acled    ACLED-style CSV: event_date, event_type, sub_event_type, actor1,
           actor2, country, admin1, location, latitude, longitude, source,
           notes, fatalities (verbal events such as ACCUSE have no ACLED code
           and are left out)
  geojson  a FeatureCollection of the events that have coordinates (Points,
           longitude first)

examples:
  marsad export samples/seeds --format acled > events.csv
  marsad export --db marsad.db --format geojson -o events.geojson
"""


def register(sub) -> None:
    p = sub.add_parser(
        "export",
        help="write the reports' events as PLOVER JSON, ACLED CSV or GeoJSON",
        description="Export the events of the reports under PATH (analyzed now) or of a store (--db).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="reports to analyze (files, folders, feeds, JSONL, WARC)")
    p.add_argument("--db", metavar="FILE", help="read the documents stored by `marsad ingest` instead of PATHs")
    p.add_argument("--format", required=True, choices=["plover", "acled", "geojson"])
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.set_defaults(run=run)


def run(args) -> int:
    from marsad.serve.exports import render

    if bool(args.paths) == bool(args.db):
        print("marsad export: give PATHs or --db FILE (one of them)", file=sys.stderr)
        return 2
    failed = 0
    if args.db:
        if not Path(args.db).exists() and "://" not in args.db:
            print(f"marsad export: {args.db}: no such store", file=sys.stderr)
            return 2
        docs = _stored(args.db)
    else:
        docs, failed = analyzed(args.paths)
    out = render(args.format, docs)
    if args.output:
        Path(args.output).write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return 1 if failed else 0


def _stored(url: str):
    from marsad.contract import analyzed_from_json
    from marsad.store import open_store

    with open_store(url) as store:
        return [analyzed_from_json(obj) for obj in store.analyses()]
