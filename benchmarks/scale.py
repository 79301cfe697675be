"""Throughput of the per-report pipeline, by stage, in one process and on a 2-worker LocalCluster.

    PYTHONPATH=src python3 benchmarks/scale.py [--limit N] [--workers 2] [--profile]

Reads the 2018 multi-outlet corpus (../shared/datasets/ant-multisource-2018.jsonl.gz)
and prints, in one run: reports per second end to end in one process (a first
pass: no report seen before, its words new to every cache) and for each stage
(ingest, clean, annotate, events); end to end on a LocalCluster of 1 and of N
single-threaded workers (writing Parquet, as `marsad run` does) and the scaling
ratio; peak memory of the driver and the workers; and the ratio of end-to-end
throughput to a floor loop that only reads, normalizes and tokenizes the same
reports. Start-up (imports, loading the models and word lists: analyzing one
short report) is timed apart, in the process and on the workers. --profile adds where the single-process time
goes, by module and by function. Timings on a shared machine are noisy: the
load average is printed with them.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import pstats
import resource
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))

from marsad.annotate import annotate  # noqa: E402
from marsad.arabic import normalize, words  # noqa: E402
from marsad.clean import clean  # noqa: E402
from marsad.events import extract_events  # noqa: E402
from marsad.ingest import read_paths  # noqa: E402
from marsad.pipeline import analyze_raw, load_models  # noqa: E402
from marsad.records import IngestFailure  # noqa: E402
from marsad.scale.work import prepare_worker  # noqa: E402

CORPUS = ROOT.parent / "shared" / "datasets" / "ant-multisource-2018.jsonl.gz"


def timed(fn):
    """(result, wall seconds, CPU seconds of this process)."""
    gc.collect()
    started, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - started, time.process_time() - cpu


def rate(n: int, seconds: float, cpu: float | None = None) -> str:
    line = f"{n / seconds:8.1f} reports/s  ({seconds:6.2f} s wall"
    return line + (f", {n / cpu:8.1f} per CPU-second)" if cpu else ")")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read(path: Path, limit: int | None):
    return [r for r in islice(read_paths([path]), limit) if not isinstance(r, IngestFailure)]


def floor(path: Path, limit: int | None) -> int:
    """The least any pipeline must do: read each report, normalize it, split it into words."""
    n = 0
    for raw in islice(read_paths([path]), limit):
        if not isinstance(raw, IngestFailure):
            words(normalize(raw.content))
            n += 1
    return n


FAILED: dict[str, list[str]] = defaultdict(list)  # stage -> "source: error" (the pipeline reports these too)


def guarded(stage: str, fn, item, source: str):
    try:
        return fn(*item)
    except Exception as exc:  # noqa: BLE001 - a failing report is counted, the timing goes on
        FAILED[stage].append(f"{source}: {type(exc).__name__}: {exc}")
        return None


def stages(path: Path, limit: int | None) -> dict[str, tuple[float, float]]:
    """Stage -> (wall, CPU) seconds over the same reports, each stage fed the previous one's output."""
    raws, *t_ingest = timed(lambda: read(path, limit))
    docs, *t_clean = timed(lambda: [guarded("clean", clean, (r,), r.source) for r in raws])
    pairs = [(r, d) for r, d in zip(raws, docs) if d is not None]
    anns, *t_annotate = timed(lambda: [guarded("annotate", annotate, (d,), r.source) for r, d in pairs])
    done = [(r, d, a) for (r, d), a in zip(pairs, anns) if a is not None]
    _, *t_events = timed(lambda: [guarded("events", extract_events, (d, a), r.source) for r, d, a in done])
    return {"n": len(raws), "ingest": t_ingest, "clean": t_clean, "annotate": t_annotate, "events": t_events}


def end_to_end(path: Path, limit: int | None) -> tuple[int, float, float]:
    def run():
        n = 0
        for raw in islice(read_paths([path]), limit):
            if not isinstance(raw, IngestFailure):
                guarded("end to end", analyze_raw, (raw,), raw.source)
                n += 1
        return n
    return timed(run)


def cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def dask_run(corpus: Path, workers: int, shard_size: int) -> dict:
    """Wall seconds with and without cluster start, CPU seconds of driver and workers, peak worker MB."""
    from rich.console import Console

    from marsad.scale.run import connect
    from marsad.scale import run as scale_run

    out = Path(tempfile.mkdtemp(prefix="marsad-bench-"))
    started = time.perf_counter()
    with connect(None, workers) as client:
        client.run(prepare_worker)  # imports and loading the models are start-up, not throughput
        workers_cpu = sum(client.run(cpu_seconds).values())
        driver_cpu = cpu_seconds()
        ready = time.perf_counter()
        original, scale_run.connect = scale_run.connect, lambda *_: _Borrowed(client)
        try:
            scale_run.run([corpus], out, workers=workers, shard_size=shard_size, stories=False,
                          console=Console(file=open(os.devnull, "w")))
        finally:
            scale_run.connect = original
        done = time.perf_counter()
        driver_cpu = cpu_seconds() - driver_cpu
        workers_cpu = sum(client.run(cpu_seconds).values()) - workers_cpu
        peaks = client.run(peak_mb)
    shutil.rmtree(out, ignore_errors=True)
    return {"wall": done - started, "busy": done - ready, "driver_cpu": driver_cpu, "workers_cpu": workers_cpu,
            "peak": max(peaks.values())}


class _Borrowed:
    """A started client lent to scale.run without it closing it (the timing leaves out cluster start-up)."""

    def __init__(self, client):
        self.client = client

    def __enter__(self):
        return self.client

    def __exit__(self, *exc):
        return False


def profile(path: Path, limit: int | None, top: int = 15) -> None:
    raws = read(path, limit)
    prof = cProfile.Profile()
    prof.enable()
    for r in raws:
        guarded("profile", analyze_raw, (r,), r.source)
    prof.disable()
    stats = pstats.Stats(prof)
    total = sum(v[2] for v in stats.stats.values())
    by_module: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():
        if "/marsad/" in filename:
            key = "marsad/" + filename.split("/marsad/", 1)[1]
        elif "site-packages/" in filename:
            key = filename.split("site-packages/", 1)[1].split("/")[0]
        elif filename.startswith("<") or filename == "~":
            key = "builtins (re, str, json ...)"
        else:
            key = "stdlib " + Path(filename).name
        by_module[key] += tottime
    print(f"\nprofile: {len(raws)} reports, {total:.2f} s in one process (own time, by module)")
    for key, t in sorted(by_module.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {t / total:6.1%}  {t:7.2f} s  {key}")
    print("\nslowest functions (cumulative):")
    stats.sort_stats("cumulative")
    rows = sorted(((v[3], k) for k, v in stats.stats.items() if "/marsad/" in k[0]), reverse=True)[:top]
    for cum, (filename, line, name) in rows:
        print(f"  {cum / total:6.1%}  {cum:7.2f} s  {filename.split('/marsad/', 1)[1]}:{line} {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="first N reports (default: all 31,525)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shard-size", type=int, default=None, help="default: about 16 shards per worker")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"benchmarks/scale.py: {args.corpus} is absent", file=sys.stderr)
        return 2

    load_before = os.getloadavg()
    print(f"marsad scale benchmark: {args.corpus.name}, limit {args.limit or 'none'}, "
          f"{os.cpu_count()} cores, load average {load_before[0]:.2f} at start (shared machine: noisy)")

    _, t_start, cpu_start = timed(load_models)
    print(f"\none process: start-up (imports done) {t_start:.2f} s wall, {cpu_start:.2f} s CPU")
    n_e2e, t_e2e, cpu_e2e = end_to_end(args.corpus, args.limit)
    print(f"  {'end to end':10s} {rate(n_e2e, t_e2e, cpu_e2e)}   (one core, a first pass over the reports)")
    s = stages(args.corpus, args.limit)
    n = s["n"]
    print(f"stage by stage, over the same {n} reports again (their words now in the caches):")
    for stage in ("ingest", "clean", "annotate", "events"):
        print(f"  {stage:10s} {rate(n, *s[stage])}")
        if FAILED[stage]:
            print(f"             {len(FAILED[stage])} reports raised here, e.g. {FAILED[stage][0][:200]}")
    n_floor, t_floor, cpu_floor = timed(lambda: floor(args.corpus, args.limit))
    print(f"  {'floor':10s} {rate(n_floor, t_floor, cpu_floor)}   read + normalize + tokenize only")
    print(f"  end to end / floor: {(n_e2e / t_e2e) / (n_floor / t_floor):.3f} wall, "
          f"{cpu_floor / cpu_e2e:.3f} CPU (the pipeline runs at this fraction of the floor's speed)")
    driver_peak = peak_mb()

    # The same reports as one JSON Lines file, so the cluster reads exactly what was timed above.
    tmp = Path(tempfile.mkdtemp(prefix="marsad-bench-in-")) / "corpus.jsonl"
    with tmp.open("w", encoding="utf-8") as fh:
        for r in read(args.corpus, args.limit):
            fh.write(json.dumps({"name": r.name, "text": r.content, "outlet": r.outlet, "title": r.title,
                                 "published": r.published, "url": r.url}, ensure_ascii=False) + "\n")
    # 16 a worker: the last shard of one worker is what the other waits for at the end
    shard_size = args.shard_size or max(25, n // (16 * args.workers))
    print(f"\nDask LocalCluster, single-threaded worker processes, shards of {shard_size}, writing Parquet:")
    results = {}
    for w in sorted({1, args.workers}):
        r = results[w] = dask_run(tmp, w, shard_size)
        print(f"  {w} worker{'s' if w > 1 else ' '}   {rate(n, r['busy'])}   (+{r['wall'] - r['busy']:.1f} s cluster "
              f"start; CPU: workers {r['workers_cpu']:.1f} s, driver {r['driver_cpu']:.1f} s; "
              f"peak worker memory {r['peak']:.0f} MB)")
    one, many = n / results[1]["busy"], n / results[args.workers]["busy"]
    print(f"  scaling (wall): {args.workers} workers / 1 worker = {many / one:.2f}x; "
          f"{args.workers} workers / one process = {many / (n_e2e / t_e2e):.2f}x")
    shutil.rmtree(tmp.parent, ignore_errors=True)
    r = results[args.workers]
    free = n / max(r["workers_cpu"] / args.workers, r["driver_cpu"])
    print(f"  on {args.workers} free cores (from CPU time, not wall: the slower of the workers' share and the "
          f"driver): {free:.0f} reports/s = {free / (n / results[1]['workers_cpu']):.2f}x one worker's CPU rate")
    print(f"\npeak memory: driver {driver_peak:.0f} MB (all {n} reports analyzed in memory for the stage timings)")
    print(f"load average at end {os.getloadavg()[0]:.2f} (start {load_before[0]:.2f}); {os.cpu_count()} cores shared")
    if args.profile:
        profile(args.corpus, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
