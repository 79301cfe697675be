"""The `marsad` command."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from marsad import __version__
from marsad.clean.meta import parse_stated
from marsad.records import IngestFailure

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

A report that cannot be read is named on stderr with the reason; the rest of
the batch goes on, and the exit status is 1.
"""


def _published(value: str):
    p = parse_stated(value)
    if p is None:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)")
    return p


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="marsad", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"marsad {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "analyze",
        help="print one JSON object per report (JSON Lines)",
        description="Clean and analyze reports; print one JSON object per report on stdout. "
        "Writes nothing else.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--published", type=_published, metavar="YYYY-MM-DD[THH:MM]",
                   help="publication date to use for every report (overrides what the report says)")
    p.add_argument("--outlet", metavar="NAME", help="outlet to use for every report")
    p.set_defaults(run=_cmd_analyze)

    p = sub.add_parser(
        "cluster",
        help="print the reports' stories and topics as one JSON object",
        description="Group reports into stories (one happening) and topics (a long-running affair).",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(run=_cmd_cluster)

    p = sub.add_parser(
        "ingest",
        help="analyze reports and store them (SQLite by default)",
        description="Analyze reports and add them to a store. A report already stored is skipped.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--db", default="marsad.db", help="store: a SQLite file path or sqlite:///path (default: marsad.db)")
    p.add_argument("--batch", type=int, default=200, help="reports per transaction (default: 200)")
    p.set_defaults(run=_cmd_ingest)

    p = sub.add_parser(
        "tag",
        help="tag a CoNLL file with named entities (ANERcorp BIO scheme)",
        description="Read one token per line (token in the first column, blank line between "
        "sentences) and print 'token TAG' per line, tags in BIO over PERS, ORG, LOC, MISC.",
    )
    p.add_argument("--conll", required=True, metavar="FILE")
    p.set_defaults(run=_cmd_tag)
    return parser


def _report(failure: IngestFailure) -> None:
    print(f"marsad: skipped {failure.source}: {failure.reason}", file=sys.stderr)


def _analyzed(paths, published=None, outlet=None):
    from marsad.pipeline import analyze_paths

    docs, failed = [], 0
    for item in analyze_paths(paths, published, outlet):
        if isinstance(item, IngestFailure):
            _report(item)
            failed += 1
        else:
            docs.append(item)
    return docs, failed


def _cmd_analyze(args) -> int:
    from marsad.contract import document_json
    from marsad.pipeline import analyze_paths

    failed = 0
    for item in analyze_paths(args.paths, args.published, args.outlet):
        if isinstance(item, IngestFailure):
            _report(item)
            failed += 1
            continue
        sys.stdout.write(json.dumps(document_json(item), ensure_ascii=False) + "\n")
    return 1 if failed else 0


def _cmd_cluster(args) -> int:
    from marsad.contract import cluster_json
    from marsad.stories import cluster

    docs, failed = _analyzed(args.paths)
    stories, topics = cluster(docs)
    print(json.dumps(cluster_json(docs, stories, topics), ensure_ascii=False, indent=1))
    return 1 if failed else 0


def _cmd_ingest(args) -> int:
    from marsad.serve.ingest_command import run_ingest

    return run_ingest(args.paths, args.db, args.batch)


def _cmd_tag(args) -> int:
    print("marsad: the entity tagger is not built yet", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
