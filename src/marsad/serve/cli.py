"""The `marsad` command: one module per subcommand in serve/commands/."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from marsad import __version__

# Each module has register(subparsers); the order is the order --help lists.
COMMANDS = [
    "analyze",
    "cluster",
    "export",
    "ingest",
    "run",
    "search",
    "serve",
    "tag",
]

DESCRIPTION = """\
marsad (مرصد) turns raw Arabic news reports into clean text, entities, resolved
dates, quotes, PLOVER events and stories that gather many outlets' reports.

Inputs, everywhere a PATH is taken: .txt, .html/.htm, RSS/Atom feeds
(.xml/.rss/.atom), JSON Lines (.jsonl, .jsonl.gz; one report per line with
"text" or "html"), WARC (.warc, .warc.gz), or a folder of them.

Start here:
  marsad analyze samples/seeds            one JSON object per report
  marsad cluster samples/seeds            the reports grouped into stories and topics
  marsad ingest samples/seeds --db marsad.db
                                          analyze and store, adding to what is stored
  marsad run corpus.jsonl.gz --out corpus.parquet
                                          the same on Dask workers, into Parquet tables
  marsad search هدنة --db marsad.db       search the store (any form of the words)
  marsad serve --db marsad.db             the web page and REST API at http://127.0.0.1:8000/
  marsad export samples/seeds --format acled
                                          the reports' events as ACLED-style CSV

A report that cannot be read is named on stderr with the reason; the rest of
the batch goes on, and the exit status is 1.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="marsad", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"marsad {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"marsad.serve.commands.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Reports are Arabic and the contract's JSON is UTF-8, whatever the locale says.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
