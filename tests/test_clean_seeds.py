"""The clean stage on the sample corpus, checked against seeds.gold.json."""

import pytest

from marsad.arabic import normalize

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


@pytest.mark.parametrize("name", NAMES)
def test_no_body_sentence_removed(name, seeds_analyzed):
    """Every removed line is short chrome, never a report sentence."""
    text = normalize(seeds_analyzed[name]["text"])
    for r in seeds_analyzed[name]["removed"]:
        assert r["reason"]
        if r["reason"] != "title-repeat":
            assert normalize(r["line"]) not in text
