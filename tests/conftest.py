import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "samples" / "seeds"
GOLD_PATH = SHARED / "corpus" / "seeds.gold.json"
DATASETS = SHARED / "datasets"

# Subprocesses (`python -m marsad ...`) import this checkout's package, so a
# worktree's tests never run another checkout's installed copy.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))


@pytest.fixture(scope="session")
def gold() -> dict:
    if not GOLD_PATH.exists():
        pytest.skip("../shared/corpus/seeds.gold.json is absent")
    return json.loads(GOLD_PATH.read_text("utf-8"))


@pytest.fixture(scope="session")
def seeds_analyzed() -> dict:
    """`marsad analyze samples/seeds`, as the contract prints it, by name."""
    from marsad.contract import document_json
    from marsad.pipeline import analyze_paths

    return {a.document.name: document_json(a) for a in analyze_paths([SEEDS])}


@pytest.fixture
def pg_url():
    """A fresh schema on the test PostgreSQL (MARSAD_TEST_PG), as a URL that selects it."""
    import uuid

    import psycopg

    dsn = os.environ.get("MARSAD_TEST_PG")
    if not dsn:
        pytest.skip("MARSAD_TEST_PG is unset (scripts/test.sh starts a PostgreSQL and sets it)")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dsn, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")
    yield f"{dsn}{'&' if '?' in dsn else '?'}options=-csearch_path%3D{schema}"
    with psycopg.connect(dsn, autocommit=True) as db:
        db.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    """A fresh store of each back end, as a URL."""
    return str(tmp_path / "marsad.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")
