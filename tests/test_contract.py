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


def test_dates_of_an_undated_report_hang_on_its_narrowed_window(gold):
    """002 is dated by a related report (000); its "أول أمس" then falls inside that window too."""
    out = run("analyze", str(SEEDS))
    doc = next(json.loads(line) for line in out.stdout.splitlines() if json.loads(line)["name"].startswith("002"))
    lo, hi = gold["documents"]["002_36023599d9510de5"]["published_window"]
    assert lo <= doc["published"]["window"][0] <= doc["published"]["window"][1] <= hi
    day_before_yesterday = [t["value"] for t in doc["timexes"] if t["text"] == "أول أمس"]
    assert day_before_yesterday and all(lo <= v <= hi for v in day_before_yesterday)
