"""Input cut into shards: the unit of work a Dask worker takes.

JSON Lines (.jsonl, .jsonl.gz) are cut into runs of lines, read by the driver
and shipped with the task; other files (.txt, .html, feeds, WARC) are grouped
by count and read by the worker itself (a real cluster needs them on storage
every worker sees). A shard's name holds a hash of what it holds, so a run
started again over the same input finds the shards it already wrote.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from marsad.ingest.jsonl import parse_line
from marsad.ingest.readers import JSONL_SUFFIXES, read_source
from marsad.ingest.readers import report_files as files
from marsad.ingest.readers import _suffix as suffix
from marsad.records import IngestFailure, RawDocument


@dataclass(frozen=True)
class Shard:
    part: str  # part-00012-3f9a0c1d: the file name of its Parquet parts
    path: str | None = None  # the JSON Lines file the lines come from
    lines: tuple[tuple[int, str], ...] = ()  # (line number, line)
    files: tuple[str, ...] = ()
    size: int = field(default=0, compare=False)  # reports, as far as known before reading


def lines(path: Path) -> Iterator[tuple[int, str] | IngestFailure]:
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", errors="strict") as fh:
        lineno = 0
        while True:
            lineno += 1
            try:
                line = fh.readline()
            except UnicodeDecodeError as exc:
                yield IngestFailure(f"{path}:{lineno}", f"not UTF-8 ({exc.reason}); JSON Lines must be UTF-8")
                return
            if not line:
                return
            if line.strip():
                yield lineno, line


def _name(index: int, *parts: str) -> str:
    h = hashlib.sha1()
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass") + b"\x00")
    return f"part-{index:05d}-{h.hexdigest()[:8]}"


def plan(paths: Iterable[str | Path], size: int) -> Iterator[Shard | IngestFailure]:
    """Shards of about `size` reports, in input order; inputs that give none are failures."""
    index = 0
    pending: list[str] = []

    def files_shard() -> Shard:
        nonlocal index
        stats = [f"{f}\x00{Path(f).stat().st_size}\x00{Path(f).stat().st_mtime_ns}" for f in pending]
        shard = Shard(_name(index, *stats), files=tuple(pending), size=len(pending))
        index += 1
        pending.clear()
        return shard

    for item in files(paths):
        if isinstance(item, IngestFailure):
            yield item
            continue
        if suffix(item) not in JSONL_SUFFIXES:
            pending.append(str(item))
            if len(pending) >= size:
                yield files_shard()
            continue
        chunk: list[tuple[int, str]] = []
        for line in lines(item):
            if isinstance(line, IngestFailure):
                yield line
                continue
            chunk.append(line)
            if len(chunk) >= size:
                yield Shard(_name(index, str(item), *(l for _, l in chunk)), str(item), tuple(chunk), size=len(chunk))
                index += 1
                chunk = []
        if chunk:
            yield Shard(_name(index, str(item), *(l for _, l in chunk)), str(item), tuple(chunk), size=len(chunk))
            index += 1
    if pending:
        yield files_shard()


def read(shard: Shard) -> Iterator[RawDocument | IngestFailure]:
    """The shard's reports, as read_paths would give them."""
    for lineno, line in shard.lines:
        yield parse_line(line, f"{shard.path}:{lineno}")
    for f in shard.files:
        yield from read_source(Path(f))
