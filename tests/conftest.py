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
