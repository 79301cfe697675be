"""`marsad cluster`: stories and topics as one JSON object."""

from __future__ import annotations

import json

from marsad.serve.commands.common import analyzed


def register(sub) -> None:
    p = sub.add_parser(
        "cluster",
        help="print the reports' stories and topics as one JSON object",
        description="Group reports into stories (one happening, bounded in time) and topics "
        "(a long-running affair). Writes nothing else.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(run=run)


def run(args) -> int:
    from marsad.contract import cluster_json
    from marsad.stories import cluster

    docs, failed = analyzed(args.paths)
    stories, topics = cluster(docs)
    print(json.dumps(cluster_json(docs, stories, topics), ensure_ascii=False, indent=1))
    return 1 if failed else 0
