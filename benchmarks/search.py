"""Search benchmark: index the ANT 2018 corpus (31,525 reports) and time Arabic queries.

    python3 benchmarks/search.py [--limit N] [--db FILE] [--repeat R]

Indexes each report's text as the corpus gives it (already clean article
text; the clean/annotate stages are skipped for speed), through the store's
own write path (`SQLiteStore.add_documents`, the same indexing `marsad
ingest` does). Then runs a fixed set of Arabic queries (words in several
forms, phrases, filters) R times each and prints latency p50/p95 and the
index size. Reads ../shared/datasets/ant-multisource-2018.jsonl.gz.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import tempfile
import time
from email.utils import parsedate_to_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from marsad.clean.document import document_id  # noqa: E402
from marsad.records import AnalyzedDocument, Annotation, Document, Published  # noqa: E402
from marsad.store import SQLiteStore  # noqa: E402
from marsad.store.queries import Filters  # noqa: E402

CORPUS = ROOT.parent / "shared" / "datasets" / "ant-multisource-2018.jsonl.gz"
OUTLETS = {"skynews": "سكاي نيوز عربية", "alarabia": "العربية", "france24": "فرانس 24", "bbc": "بي بي سي عربي",
           "cnn": "سي إن إن بالعربية"}

QUERIES = [
    ("هدنة", None),
    ("الهدنة", None),
    ("أمريكا", None),
    ("أميركا", None),
    ("ترامب", None),
    ("الانتخابات", None),
    ("الحوثيين", None),
    ("سوريا", None),
    ("كأس العالم", None),
    ("وقف إطلاق النار", None),
    ('"وقف إطلاق النار"', None),
    ('"الأمم المتحدة"', None),
    ("صواريخ الحوثي السعودية", None),
    ("النفط أسعار", None),
    ("القدس السفارة الأمريكية", None),
    ("الاتحاد الأوروبي بريكست", None),
    ("محمد صلاح", None),
    ("الأمم المتحدة", Filters(date_from="2018-06", date_to="2018-08")),
    ("إيران", Filters(outlet="العربية")),
    ("إسرائيل غزة", Filters(date_from="2018-05-01", date_to="2018-05-31", outlet="سكاي نيوز عربية")),
]


def reports(limit: int | None):
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit and (limit < 0 or i >= limit):
                return
            r = json.loads(line)
            text = r.get("text") or ""
            if not text.strip():
                continue
            try:
                published = Published(parsedate_to_datetime(r["time"]).strftime("%Y-%m-%dT%H:%M"), "minute")
            except (TypeError, ValueError, KeyError):
                published = None
            doc = Document(document_id(text), r.get("docno"), r.get("url") or r.get("docno"),
                           OUTLETS.get(r.get("src"), r.get("src")), "ar", r.get("title"), published, text)
            yield AnalyzedDocument(doc, Annotation())


def index_size(store: SQLiteStore) -> tuple[int, int]:
    """(bytes of the full-text index, bytes of the whole file)."""
    fts = store.db.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_fts%'").fetchone()[0]
    return fts or 0, os.path.getsize(store.path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="index only the first N reports")
    ap.add_argument("--db", default=None, help="store file (default: a temporary file, removed after)")
    ap.add_argument("--repeat", type=int, default=20, help="runs of each query (default: 20)")
    args = ap.parse_args()
    if not CORPUS.exists():
        sys.exit(f"search benchmark: {CORPUS} is absent")
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory()
        args.db = str(Path(tmp.name) / "search.db")
    store = SQLiteStore(args.db)
    reused = store.count_documents()
    if reused:
        print(f"{args.db} holds {reused} reports: reusing it, not re-indexing", file=sys.stderr)
        args.limit = -1

    started = time.perf_counter()
    batch, seen, added = [], 0, 0
    for a in reports(args.limit):
        batch.append(a)
        seen += 1
        if len(batch) == 1000:
            added += store.add_documents(batch)
            batch.clear()
            print(f"\rindexed {seen}", end="", file=sys.stderr)
    added += store.add_documents(batch)
    store.db.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    store.db.commit()
    index_s = time.perf_counter() - started
    print(file=sys.stderr)

    timings, rows = [], []
    for query, filters in QUERIES:
        store.search(query, filters, limit=20)  # warm
        runs = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            page = store.search(query, filters, limit=20)
            runs.append((time.perf_counter() - t) * 1000)
        timings += runs
        rows.append((query, filters, page["total"], statistics.median(runs)))

    fts_bytes, file_bytes = index_size(store)
    q = statistics.quantiles(timings, n=100)
    print(f"search benchmark — {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores (shared machine: timings are noisy)")
    if reused:
        print(f"store reused: {reused} reports (indexing not timed)")
    else:
        print(f"reports read {seen}, stored {added} (exact duplicates share one id); indexed in {index_s:.1f} s "
              f"({seen / index_s:.0f} reports/s)")
    print(f"full-text index {fts_bytes / 2**20:.1f} MiB; store file {file_bytes / 2**20:.1f} MiB")
    print(f"{len(QUERIES)} queries x {args.repeat} runs, top 20 with snippets: "
          f"p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms, max {max(timings):.1f} ms")
    for query, filters, total, median in rows:
        f = "" if filters is None else " [" + ", ".join(f"{k}={v}" for k, v in vars(filters).items() if v) + "]"
        print(f"  {median:7.1f} ms  {total:6d} hits  {query}{f}")
    store.close()
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
