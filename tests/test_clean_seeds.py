"""The clean stage on the sample corpus, checked against seeds.gold.json."""

import pytest

from conftest import SEEDS
from marsad.pipeline import analyze_paths

NAMES = [
    "000_acdcb25d376a7de1", "001_2cfd4d4e231ec34c", "002_36023599d9510de5",
    "003_495832e6572bb9ff", "004_fbf16886c3633287",
]


@pytest.mark.parametrize("name", NAMES)
def test_gold_chrome_lines_removed(name, gold, seeds_analyzed):
    removed = {r["line"].strip() for r in seeds_analyzed[name]["removed"]}
    for line in gold["documents"][name].get("chrome_lines_removed", []):
        assert line.strip() in removed
        assert line.strip() not in seeds_analyzed[name]["text"].splitlines()


@pytest.mark.parametrize("name", NAMES)
def test_title_and_outlet(name, gold, seeds_analyzed):
    g, d = gold["documents"][name], seeds_analyzed[name]
    assert d["title"] == g["title"]
    assert d["outlet"] in g["outlet_any_of"]
    if g.get("title_repeats_removed"):
        assert d["text"].count(g["title"]) <= 1


@pytest.mark.parametrize("name", ["003_495832e6572bb9ff", "004_fbf16886c3633287"])
def test_gold_publication_dates(name, gold, seeds_analyzed):
    g, p = gold["documents"][name], seeds_analyzed[name]["published"]
    assert p["estimated"] is False
    assert p["value"][:10] == g["published"]
    if g.get("published_time"):
        assert p["value"][11:16] == g["published_time"]


def raw_lines(name):
    return [line.strip() for line in (SEEDS / f"{name}.txt").read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", NAMES)
def test_no_body_sentence_removed(name, gold, seeds_analyzed):
    """Every line of the report that is a sentence, and not gold chrome, is in the clean text."""
    chrome = {line.strip() for line in gold["documents"][name].get("chrome_lines_removed", [])}
    kept = set(seeds_analyzed[name]["text"].splitlines())
    for line in raw_lines(name):
        sentence = len(line.split()) >= 8 and line.rstrip("\"”»").endswith((".", "؟", "!"))
        if line not in chrome and sentence:
            assert line in kept
    for r in seeds_analyzed[name]["removed"]:
        assert r["reason"]


@pytest.mark.parametrize("name", NAMES)
def test_removed_lines_in_document_order(name):
    lines = raw_lines(name)
    [a] = analyze_paths([SEEDS / f"{name}.txt"])
    positions, start = [], 0
    for r in a.document.removed:
        start = lines.index(r.line, start)
        positions.append(start)
        start += 1
    assert positions == sorted(positions)


@pytest.mark.parametrize("name", NAMES)
def test_every_seed_line_is_kept_or_removed_with_a_reason(name):
    """Nothing is lost silently: the clean text and the removed lines add up to the report."""
    [a] = analyze_paths([SEEDS / f"{name}.txt"])
    assert sorted(a.document.text.splitlines() + [r.line for r in a.document.removed]) == sorted(raw_lines(name))
