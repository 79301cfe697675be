"""`marsad analyze`: one JSON object per report."""

from __future__ import annotations

import json
import sys

from marsad.serve.commands.common import published_arg, report


def register(sub) -> None:
    p = sub.add_parser(
        "analyze",
        help="print one JSON object per report (JSON Lines)",
        description="Clean and analyze reports; print one JSON object per report on stdout "
        "(JSON Lines, the shape in DESIGN.md's contract). Writes nothing else.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--published", type=published_arg, metavar="YYYY-MM-DD[THH:MM]",
                   help="publication date for every report (overrides what the report says)")
    p.add_argument("--outlet", metavar="NAME", help="outlet for every report")
    p.set_defaults(run=run)


def run(args) -> int:
    from marsad.contract import document_json
    from marsad.pipeline import analyze_paths
    from marsad.records import IngestFailure

    from marsad.stories import refine_windows

    failed = 0
    docs = []
    for item in analyze_paths(args.paths, args.published, args.outlet):
        if isinstance(item, IngestFailure):
            report(item)
            failed += 1
            continue
        docs.append(item)
    # Several reports: an undated one's window may be narrowed by a related report's dated
    # mention of the happening it describes as going on (stories.refine), so the batch is held.
    if len(docs) > 1 and args.published is None:
        docs = refine_windows(docs)
    for item in docs:
        sys.stdout.write(json.dumps(document_json(item), ensure_ascii=False) + "\n")
    return 1 if failed else 0
