"""What several subcommands share."""

from __future__ import annotations

import argparse
import sys

from marsad.clean.meta import parse_stated
from marsad.records import AnalyzedDocument, IngestFailure


def published_arg(value: str):
    p = parse_stated(value)
    if p is None:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)")
    return p


def report(failure: IngestFailure) -> None:
    print(f"marsad: skipped {failure.source}: {failure.reason}", file=sys.stderr)


def analyzed(paths, published=None, outlet=None) -> tuple[list[AnalyzedDocument], int]:
    """All reports under `paths`, analyzed; failures reported on stderr."""
    from marsad.pipeline import analyze_paths

    docs, failed = [], 0
    for item in analyze_paths(paths, published, outlet):
        if isinstance(item, IngestFailure):
            report(item)
            failed += 1
        else:
            docs.append(item)
    return docs, failed
