"""`marsad search`: full-text search over a store."""

from __future__ import annotations

import json
import re
import sys


def _date(value: str) -> str:
    import argparse

    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


def register(sub) -> None:
    p = sub.add_parser(
        "search",
        help="search the stored reports (any form of a word: الهدنة finds هدنة)",
        description="Full-text search over a store's reports, ranked by BM25. Words match in any "
        "form (diacritics, hamza, ta marbuta, article and common suffixes ignored: الهدنة finds هدنة "
        'and الهدنةَ; أمريكا finds أميركا); every word must match; "quoted words" must match as a phrase.',
    )
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--db", default="marsad.db", help="store: a SQLite file path or sqlite:///path (default: marsad.db)")
    p.add_argument("--from", dest="date_from", type=_date, metavar="DATE", help="published on or after (YYYY[-MM[-DD]])")
    p.add_argument("--to", dest="date_to", type=_date, metavar="DATE", help="published on or before (YYYY[-MM[-DD]])")
    p.add_argument("--outlet", help="only this outlet")
    p.add_argument("--entity", metavar="KEY", help="only reports naming this entity (key as the API gives it)")
    p.add_argument("--event-type", metavar="TYPE", help="only reports with an event of this type (e.g. ASSAULT)")
    p.add_argument("--story", metavar="ID", help="only reports of this story")
    p.add_argument("--limit", type=int, default=10, help="results to show (default: 10)")
    p.add_argument("--offset", type=int, default=0, help="results to skip (default: 0)")
    p.add_argument("--json", action="store_true", help="print the result page as JSON")
    p.set_defaults(run=run)


def run(args) -> int:
    from pathlib import Path

    from rich.console import Console
    from rich.text import Text

    from marsad.store import open_store
    from marsad.store.queries import Filters

    if "://" not in args.db and not Path(args.db).exists():
        print(f"marsad: no store at {args.db}: make one with `marsad ingest PATH --db {args.db}`", file=sys.stderr)
        return 2
    filters = Filters(args.date_from, args.date_to, args.outlet, args.entity, args.event_type, args.story)
    with open_store(args.db) as store:
        page = store.search(args.query, filters, args.limit, args.offset)
    if args.json:
        print(json.dumps(page, ensure_ascii=False, indent=1))
        return 0
    console = Console(highlight=False)
    console.print(f"{page['total']} results for {args.query}", style="bold")
    for i, r in enumerate(page["items"], start=args.offset + 1):
        when = r["published"]["value"] if r["published"] else "undated"
        console.print(Text(f"\n{i}. {r['title'] or r['name'] or r['id']}", style="bold"))
        console.print(Text(f"   {r['outlet'] or '?'} · {when} · {r['id']} · bm25 {r['score']}", style="dim"))
        snippet = Text("   " + r["snippet"]["text"].replace("\n", " "))
        for s, e in r["snippet"]["highlights"]:
            snippet.stylize("bold reverse", s + 3, e + 3)
        console.print(snippet)
    return 0
