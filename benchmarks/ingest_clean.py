"""Ingest + clean throughput, peak memory and exact duplicates on the 2018 corpus.

    python3 benchmarks/ingest_clean.py [--limit N] [PATH]

PATH defaults to ../shared/datasets/ant-multisource-2018.jsonl.gz (31,525
reports, five outlets). Prints reports per second, peak memory (the
process's maximum resident set, so it includes Python and the libraries), and
exact duplicates counted two ways:

- raw: reports whose text field is identical, character for character (the
  corpus's own figure is 1,464 groups);
- clean: reports with the same identity, the hash of the clean text with runs
  of white space collapsed, which is what the store deduplicates on.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from marsad.clean import clean  # noqa: E402
from marsad.clean.document import CleanError  # noqa: E402
from marsad.ingest import read_paths  # noqa: E402
from marsad.records import IngestFailure  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "datasets" / "ant-multisource-2018.jsonl.gz"


def groups(counter: Counter) -> tuple[int, int]:
    """(groups of two or more, reports in them)."""
    sizes = [n for n in counter.values() if n > 1]
    return len(sizes), sum(sizes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=None, help="stop after N reports (quick runs)")
    args = parser.parse_args(argv)
    if not Path(args.path).exists():
        print(f"no corpus at {args.path}", file=sys.stderr)
        return 2

    raw_hashes: Counter[str] = Counter()
    clean_ids: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    read = cleaned = 0
    ingest_s = clean_s = 0.0
    started, cpu_started = time.perf_counter(), time.process_time()
    items = read_paths([args.path])
    while args.limit is None or read < args.limit:
        t0 = time.perf_counter()
        item = next(items, None)
        t1 = time.perf_counter()
        ingest_s += t1 - t0
        if item is None:
            break
        read += 1
        if isinstance(item, IngestFailure):
            failures[item.reason] += 1
            continue
        raw_hashes[hashlib.sha256(item.content.encode("utf-8")).hexdigest()] += 1
        try:
            doc = clean(item)
        except CleanError as exc:
            failures[str(exc)] += 1
            continue
        finally:
            clean_s += time.perf_counter() - t1
        clean_ids[doc.id] += 1
        cleaned += 1
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    raw_groups, raw_in = groups(raw_hashes)
    clean_groups, clean_in = groups(clean_ids)
    print(f"corpus                 {args.path}")
    print(f"reports read           {read}")
    print(f"cleaned                {cleaned}")
    print(f"failed                 {sum(failures.values())}")
    for reason, n in failures.most_common():
        print(f"  {n:>6}  {reason}")
    print(f"time                   {elapsed:.1f} s (ingest {ingest_s:.1f} s, clean {clean_s:.1f} s)")
    print(f"reports per second     {read / elapsed:.0f} wall-clock, {read / cpu:.0f} per CPU second "
          f"(CPU {cpu:.1f} s; clean alone {cleaned / max(clean_s, 1e-9):.0f}/s wall-clock)")
    print(f"peak memory (max RSS)  {peak_mib:.0f} MiB")
    print(f"exact duplicates, raw  {raw_groups} groups, {raw_in} reports (identical text)")
    print(f"exact duplicates, id   {clean_groups} groups, {clean_in} reports (same clean-content hash)")
    print(f"stored once each       {len(clean_ids)} distinct reports")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
