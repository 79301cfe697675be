"""Identity is the hash of the clean content: a report ingested twice is stored once."""

import json
import re
import sqlite3
import subprocess
import sys

from conftest import SEEDS


def ingest(*args):
    return subprocess.run([sys.executable, "-m", "marsad", "ingest", *map(str, args)],
                          capture_output=True, text=True, check=False)


def stored(db):
    with sqlite3.connect(db) as con:
        return dict(con.execute("SELECT name, id FROM documents").fetchall())


def test_ingesting_the_same_reports_twice_stores_them_once(tmp_path):
    db = tmp_path / "marsad.db"
    first = ingest(SEEDS, "--db", db)
    assert first.returncode == 0, first.stderr
    assert len(stored(db)) == 5

    # the same reports again, from other paths and formats
    copies = tmp_path / "copies"
    copies.mkdir()
    seed_001 = (SEEDS / "001_2cfd4d4e231ec34c.txt").read_text("utf-8")
    (copies / "again.jsonl").write_text(json.dumps({"text": seed_001, "name": "again"}, ensure_ascii=False) + "\n",
                                        "utf-8")
    seed_003 = (SEEDS / "003_495832e6572bb9ff.txt").read_text("utf-8")
    (copies / "003-cp1256.txt").write_bytes(seed_003.encode("cp1256"))
    (copies / "004-utf16.txt").write_bytes((SEEDS / "004_fbf16886c3633287.txt").read_text("utf-8").encode("utf-16"))
    second = ingest(SEEDS, copies, "--db", db)
    assert second.returncode == 0, second.stderr
    assert len(stored(db)) == 5
    assert re.search(r"newly stored\W+0\b", second.stdout), second.stdout
