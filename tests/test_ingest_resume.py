"""An ingest killed with SIGKILL midway and started again stores every report exactly once."""

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

import psycopg
import pytest

from marsad.pipeline import analyze_paths
from scale_corpus import write_corpus

N = 300


def count(url: str) -> int:
    try:
        if url.startswith("postgresql://"):
            with psycopg.connect(url) as db:
                return db.execute("SELECT count(*) FROM documents").fetchone()[0]
        with sqlite3.connect(url) as db:
            return db.execute("SELECT count(*) FROM documents").fetchone()[0]
    except (sqlite3.OperationalError, psycopg.errors.UndefinedTable):
        return 0  # not created yet


def ingest(corpus, url):
    return subprocess.Popen([sys.executable, "-m", "marsad", "ingest", str(corpus), "--db", url, "--batch", "10"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    return str(tmp_path / "marsad.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")


def test_killed_ingest_resumes_and_stores_each_report_once(tmp_path, url):
    corpus = write_corpus(tmp_path / "corpus.jsonl", N, repeat_every=10)
    expected = {a.document.id for a in analyze_paths([corpus])}
    assert len(expected) == N - (N - 1) // 10  # the repeats are one document each

    first = ingest(corpus, url)
    deadline = time.monotonic() + 120
    while count(url) < 30 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert first.poll() is None, "the ingest finished before it could be killed: raise N"
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    stored_before = count(url)
    assert 0 < stored_before < len(expected)

    second = ingest(corpus, url)
    out, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    assert count(url) == len(expected)
    # the restart skipped what the first run had committed instead of analyzing it again
    analyzed = int(re.search(r"analyzed\s*│\s*(\d+)", out).group(1))
    assert analyzed <= len(expected) - stored_before

    from marsad.store import open_store
    with open_store(url) as store:
        ids = [a["id"] for a in store.analyses()]
    assert len(ids) == len(set(ids)) and set(ids) == expected
