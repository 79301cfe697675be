"""Search over normalized, light-stemmed Arabic: keys, snippets, filters, `marsad search`."""

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS
from marsad.store import SQLiteStore
from marsad.store.fts import key, parse_query, snippet
from marsad.store.queries import Filters


@pytest.mark.parametrize("forms", [
    ["الهدنة", "هدنة", "الهدنةَ", "والهدنة", "بالهدنة", "للهدنة", "هدنتها", "هدنـــة"],
    ["أمريكا", "أميركا", "امريكا"],
    ["الأمريكية", "الأميركية", "الامريكيه"],
    ["العراق", "والعراق", "العراقية"],
    ["إسرائيل", "اسرائيل", "الإسرائيلي"],
    ["الفصائل", "فصائل", "والفصائل"],
    ["ترامب", "ترمب"],
    ["٢٠٢٤", "2024"],
])
def test_forms_of_a_word_share_a_key(forms):
    assert len({key(f) for f in forms}) == 1, {f: key(f) for f in forms}


def test_different_words_keep_different_keys():
    assert len({key(w) for w in ["هدنة", "هدف", "انسحاب", "قاعدة", "عين", "الأسد"]}) == 6


def test_query_words_and_phrases():
    assert parse_query('الهدنة "القوات الأميركية"') == [["هدن"], ["قو", "امريك"]]
    assert parse_query('"" ، ؟') == []


def test_snippet_highlights_the_words_as_written():
    text = "سطر أول.\nقال القائد إن الهدنةَ انتهت، وإن هدنتها لم تعد قائمة."
    s = snippet(text, {"هدن"})
    assert text[s["start"]:s["end"]] == s["text"]
    assert [s["text"][a:b] for a, b in s["highlights"]] == ["الهدنةَ", "هدنتها"]


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("search") / "seeds.db"
    subprocess.run([sys.executable, "-m", "marsad", "ingest", str(SEEDS), "--db", str(db)],
                   check=True, capture_output=True, cwd=ROOT)
    return db


def test_seed_search_finds_every_report_with_a_form_of_the_word(seeds_db):
    with SQLiteStore(seeds_db) as store:
        names = lambda q, f=None: {r["name"] for r in store.search(q, f)["items"]}  # noqa: E731
        with_hudna = {"000_acdcb25d376a7de1", "001_2cfd4d4e231ec34c", "003_495832e6572bb9ff",
                      "004_fbf16886c3633287"}  # 002 never mentions a truce
        assert names("هدنة") == names("الهدنة") == names("الهدنةَ") == with_hudna
        assert names("أمريكا") == names("أميركا")
        assert names("عين الأسد") >= {"000_acdcb25d376a7de1"}
        assert names("هدنة", Filters(outlet="إرم نيوز")) == {"004_fbf16886c3633287"}
        # 003 is dated 2021-09-12 and 004 2024-08-22 (undated reports fall where their estimate puts them).
        in_2021 = names("هدنة", Filters(date_from="2021-01-01", date_to="2021-12-31"))
        assert "003_495832e6572bb9ff" in in_2021 and "004_fbf16886c3633287" not in in_2021
        since = names("هدنة", Filters(date_from="2024-08-22"))
        assert "004_fbf16886c3633287" in since and "003_495832e6572bb9ff" not in since
        top = store.search("هدنة")["items"][0]
        assert top["score"] <= store.search("هدنة")["items"][-1]["score"]  # BM25: lower is better


def test_store_opened_before_the_index_existed_is_indexed(tmp_path, seeds_db):
    """A store written by an older marsad (no search tables) gets indexed when opened."""
    import shutil
    import sqlite3

    copy = tmp_path / "old.db"
    shutil.copy(seeds_db, copy)
    with sqlite3.connect(copy) as db:
        db.executescript("DROP TABLE search_fts; DROP TABLE mentions; DROP TABLE events;")
    with SQLiteStore(copy) as store:
        assert store.search("هدنة")["total"] == 4


def test_search_command(seeds_db):
    out = subprocess.run([sys.executable, "-m", "marsad", "search", "الهدنة", "--db", str(seeds_db), "--json"],
                         check=True, capture_output=True, text=True, cwd=ROOT).stdout
    page = json.loads(out)
    assert page["total"] == 4 and all(r["snippet"]["highlights"] for r in page["items"])
    text = subprocess.run([sys.executable, "-m", "marsad", "search", "هدنة", "--db", str(seeds_db), "--limit", "1"],
                          check=True, capture_output=True, text=True, cwd=ROOT).stdout
    assert text.startswith("4 results") and "الهدنة" in text
    bad = subprocess.run([sys.executable, "-m", "marsad", "search", "x", "--db", str(seeds_db), "--from", "amnesia"],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "not a date" in bad.stderr
    missing = subprocess.run([sys.executable, "-m", "marsad", "search", "x", "--db", "/nonexistent/m.db"],
                             capture_output=True, text=True, cwd=ROOT)
    assert missing.returncode == 2 and "no store at" in missing.stderr
