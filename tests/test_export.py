"""`marsad export`: each format read back the way its users read it."""

import io
import json
import subprocess
import sys

import pandas as pd

from conftest import SEEDS
from marsad.records import (AnalyzedDocument, Annotation, Document, Event, Published, Span)
from marsad.serve.exports import ACLED_COLUMNS
from marsad.store.sqlite import SQLiteStore


def run(*args):
    return subprocess.run([sys.executable, "-m", "marsad", "export", *args], capture_output=True, text=True,
                          check=False)


def stored(tmp_path):
    """A store holding one report whose one event has coordinates (Babil: lat 32.5, lon 44.4)."""
    text = "قتل 4 على الأقل بضربة طائرة أميركية بدون طيار على قاعدة في محافظة بابل."
    doc = Document(id="d1", name="babil", source="babil.txt", outlet="الدبلوماسي اليوم", language="ar", title=None,
                   published=Published("2024-08-20", "day"), text=text)
    ev = Event(type="ASSAULT", mode="drone", actor="الولايات المتحدة", target="الحشد الشعبي", place="بابل",
               coordinates=(32.5, 44.4), date="2024-07-30", killed=4, injured=None, instrument="drone",
               evidence=Span(0, len(text)), confidence=0.9, country="IQ", admin1="Babil")
    db = tmp_path / "m.db"
    with SQLiteStore(db) as store:
        store.add_documents([AnalyzedDocument(doc, Annotation(), [ev])])
    return db


def test_acled_csv_reads_in_pandas():
    out = run(str(SEEDS), "--format", "acled")
    assert out.returncode == 0, out.stderr
    frame = pd.read_csv(io.StringIO(out.stdout))
    assert list(frame.columns) == ACLED_COLUMNS
    babil = frame[frame["location"].fillna("").str.contains("بابل")]
    assert len(babil) == 1
    row = babil.iloc[0]
    assert row["event_type"] == "Explosions/Remote violence" and row["sub_event_type"] == "Air/drone strike"
    assert row["fatalities"] == 4 and row["source"] == "الدبلوماسي اليوم"
    assert row["country"] == "Iraq" and 29 < row["latitude"] < 38 and 38 < row["longitude"] < 49


def test_geojson_from_a_store_orders_lon_lat(tmp_path):
    out = run("--db", str(stored(tmp_path)), "--format", "geojson")
    assert out.returncode == 0, out.stderr
    fc = json.loads(out.stdout)
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 1
    feature = fc["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [44.4, 32.5]}
    assert feature["properties"]["event_type"] == "ASSAULT" and feature["properties"]["killed"] == 4


def test_plover_json_from_a_store(tmp_path):
    out = run("--db", str(stored(tmp_path)), "--format", "plover")
    assert out.returncode == 0, out.stderr
    (record,) = json.loads(out.stdout)
    assert record["event_type"] == "ASSAULT" and record["mode"] == "drone" and not record["extension"]
    assert record["location"] == {"name": "بابل", "entity": None, "country": "IQ", "admin1": "Babil",
                                  "lat": 32.5, "lon": 44.4}
    assert record["evidence"]["text"].startswith("قتل 4")


def test_plover_marks_marsad_extensions():
    out = run(str(SEEDS / "003_495832e6572bb9ff.txt"), "--format", "plover")
    records = json.loads(out.stdout)
    assert any(r["event_type"] == "X_TRUCE_DENIED" and r["extension"] for r in records)


def test_bad_input_is_named(tmp_path):
    out = run("--format", "acled")
    assert out.returncode == 2 and "PATH" in out.stderr
    out = run("--db", str(tmp_path / "missing.db"), "--format", "acled")
    assert out.returncode == 2 and "missing.db" in out.stderr


def test_geojson_of_the_seeds_places_babil_in_iraq():
    out = run(str(SEEDS / "000_acdcb25d376a7de1.txt"), "--format", "geojson")
    assert out.returncode == 0, out.stderr
    fc = json.loads(out.stdout)
    babil = [f for f in fc["features"] if "بابل" in (f["properties"]["place"] or "")]
    assert babil, [f["properties"]["place"] for f in fc["features"]]
    lon, lat = babil[0]["geometry"]["coordinates"]
    assert 38 < lon < 49 and 29 < lat < 38  # Iraq, longitude first
    assert babil[0]["properties"]["country"] == "IQ"
