"""`marsad run` on a 2-worker LocalCluster: the same documents as one process, in Parquet anyone reads."""

import json
import re
import subprocess
import sys

import duckdb
import pandas as pd
import polars as pl
import pytest

from conftest import SEEDS
from marsad.contract import document_json
from marsad.pipeline import analyze_paths
from marsad.records import (Annotation, AnalyzedDocument, Event, Mention, Quote, Sentence, Span, Speaker,
                            Timex)
from marsad.scale import tables
from scale_corpus import write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus") / "reports.jsonl", 40)


@pytest.fixture(scope="module")
def ran(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "out"
    db = out.parent / "run.db"
    proc = subprocess.run(
        [sys.executable, "-m", "marsad", "run", str(corpus), str(SEEDS), "--out", str(out), "--db", str(db),
         "--workers", "2", "--shard-size", "7"],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return out, db, proc


def single_process(corpus):
    return [document_json(a) for a in analyze_paths([corpus, SEEDS])]


def test_dask_run_gives_the_documents_one_process_gives(ran, corpus):
    out, _, _ = ran
    parts = sorted(p.stem for p in (out / "documents").glob("*.parquet"))
    assert len(parts) == 7  # 45 reports, 7 a shard
    from_parquet = [document_json(a) for part in parts for a in tables.read_part(out, part)]
    assert from_parquet == single_process(corpus)


def test_dask_run_stores_the_same_documents_and_their_stories(ran, corpus):
    """The store holds what one process analyzes; only an undated report's estimated window may differ,
    narrowed by the related reports stored in the same batch, and the dates and events resolved on it."""
    from marsad.store import open_store

    def comparable(docs):
        on_window = {"published", "timexes", "events"}
        return sorted(
            ({k: v for k, v in d.items() if not (k in on_window and (d["published"] or {}).get("estimated"))}
             for d in docs),
            key=lambda d: d["id"],
        )

    _, db, _ = ran
    with open_store(str(db)) as store:
        stored = list(store.analyses())
        assert comparable(stored) == comparable(single_process(corpus))
        assert {d for s in store.cluster_stories() for d in s["documents"]} == {d["id"] for d in stored}


def test_parquet_reads_back_with_pandas_polars_and_duckdb(ran):
    out, _, _ = ran
    docs = pd.read_parquet(out / "documents")
    assert len(docs) == 45 and docs["id"].is_unique
    sentences = pl.read_parquet(out / "sentences" / "*.parquet")
    assert sentences.height > 45 and set(sentences["document"]) == set(docs["id"])
    row = duckdb.sql(
        f"SELECT d.text, s.start, s.end FROM read_parquet('{out}/sentences/*.parquet') s "
        f"JOIN read_parquet('{out}/documents/*.parquet') d ON d.id = s.document LIMIT 1"
    ).fetchall()[0]
    assert row[0][row[1]:row[2]].strip()  # offsets point into the document's text
    for table in tables.TABLES:  # every table is there, typed the same in every shard, even when empty
        assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/{table}/*.parquet')").fetchall()[0][0] >= 0


def test_a_run_started_again_skips_the_finished_shards(ran, corpus):
    out, db, _ = ran
    proc = subprocess.run(
        [sys.executable, "-m", "marsad", "run", str(corpus), str(SEEDS), "--out", str(out), "--db", str(db),
         "--workers", "1", "--shard-size", "7", "--no-stories"],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"shards already done\s*│\s*7\b", proc.stderr), proc.stderr


def test_tables_round_trip_every_kind_of_item():
    text = "قال المتحدث إن الهجوم وقع في 30 يوليو/تموز الماضي على قاعدة عين الأسد."
    doc = next(iter(analyze_paths([SEEDS]))).document
    doc.text = text
    ann = Annotation(
        sentences=[Sentence(0, len(text))],
        mentions=[Mention(57, 69, "عين الأسد", "FAC", "ain-al-asad")],
        timexes=[Timex(29, 49, "30 يوليو/تموز الماضي", "DATE", "2024-07-30", anchor="2024-08-22")],
        quotes=[Quote(Speaker("المتحدث", None, 4, 11), "متحدث", None, "قال", Span(12, len(text)), False)],
    )
    events = [Event("ASSAULT", "drone", "فصائل", "قاعدة", "عين الأسد", (33.8, 42.44), "2024-07-30", 0, 2,
                    "drone", Span(0, len(text)), 0.8, count=3)]
    a = AnalyzedDocument(doc, ann, events)
    back = tables.from_tables(tables.to_tables([a]))
    assert back == [a]


def test_without_a_store_stories_go_to_stories_json(corpus, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "marsad", "run", str(SEEDS), "--out", str(out), "--workers", "1"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    result = json.loads((out / "stories.json").read_text("utf-8"))
    assert {d["id"] for d in result["documents"]} == {d for s in result["stories"] for d in s["documents"]}
    assert len(result["documents"]) == 5
