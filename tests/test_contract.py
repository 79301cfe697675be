"""`marsad analyze` and `marsad cluster` print exactly the contract's shapes."""

import json
import subprocess
import sys

from conftest import SEEDS

KEYS = {"id", "name", "source", "outlet", "title", "language", "published", "text", "removed",
        "entities", "timexes", "quotes", "events"}


def run(*args):
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, check=False)


def test_analyze_prints_one_contract_object_per_report():
    out = run("analyze", str(SEEDS))
    assert out.returncode == 0, out.stderr
    docs = [json.loads(line) for line in out.stdout.splitlines()]
    assert sorted(d["name"] for d in docs) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    for d in docs:
        assert KEYS <= d.keys()
        assert d["language"] == "ar"
        for key in ("entities", "timexes"):
            for span in d[key]:
                assert d["text"][span["start"]:span["end"]] == span["text"]


def test_cluster_prints_documents_stories_topics():
    out = run("cluster", str(SEEDS))
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert set(result) == {"documents", "stories", "topics"}
    ids = {d["id"] for d in result["documents"]}
    assert ids == {doc for s in result["stories"] for doc in s["documents"]}
    assert {s["topic"] for s in result["stories"]} <= {t["id"] for t in result["topics"]}
