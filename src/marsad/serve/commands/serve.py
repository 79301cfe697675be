"""`marsad serve`: the web page and the REST API over a store."""

from __future__ import annotations

import argparse
import os
import sys


def register(sub) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the web page (Arabic, offline) and the REST API over a store",
        description="Serve the store's stories, entities, events and search as a web page in Arabic\n"
        "(right to left, nothing loaded from the internet) and as a REST API (/api/..., spec at\n"
        "/openapi.json, table at /docs). Read-only unless a write token is given; then\n"
        "POST /api/documents ingests reports sent with 'Authorization: Bearer TOKEN'.\n\n"
        "  marsad ingest samples/seeds --db marsad.db && marsad serve --db marsad.db\n"
        "  then open http://127.0.0.1:8000/",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--db", default="marsad.db", help="store: a SQLite file path or sqlite:///path (default: marsad.db)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--token", default=None,
                   help="write token that allows POST /api/documents (default: $MARSAD_TOKEN; none: read-only)")
    p.add_argument("--max-body", type=int, default=5 * 1024 * 1024, metavar="BYTES",
                   help="largest request body accepted (default: 5 MiB)")
    p.set_defaults(run=run)


def run(args) -> int:
    from pathlib import Path

    import uvicorn

    from marsad.serve.api import create_app

    path = args.db.removeprefix("sqlite:///")
    if "://" not in args.db and not Path(path).exists():
        print(f"marsad: no store at {args.db}: make one with `marsad ingest PATH --db {args.db}`", file=sys.stderr)
        return 2
    token = args.token or os.environ.get("MARSAD_TOKEN") or None
    app = create_app(args.db, token=token, max_body=args.max_body)
    mode = "writing allowed with the token" if token else "read-only"
    print(f"marsad: serving {args.db} ({mode}) at http://{args.host}:{args.port}/", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
