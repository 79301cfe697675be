"""Every quote seeds.gold.json lists is attributed in `marsad analyze samples/seeds`."""

import json

import pytest

from conftest import GOLD_PATH
from gold_match import names_match, same_name


def _gold_quotes():
    if not GOLD_PATH.exists():
        return []
    gold = json.loads(GOLD_PATH.read_text("utf-8"))
    return [(name, q) for name, doc in gold["documents"].items() for q in doc.get("quotes", [])]


def content(doc, q):
    return doc["text"][q["content"]["start"]:q["content"]["end"]].strip(" \"“”«»")


def fits(doc, q, gold) -> bool:
    if not names_match(doc, q["speaker"]["text"], q["speaker"].get("entity"), gold["speaker"]):
        return False
    if "role" in gold and not same_name(q["role"], gold["role"]):
        return False
    if "to_outlet" in gold and not same_name(q["outlet"], gold["to_outlet"]):
        return False
    if "starts_with" in gold and not content(doc, q).startswith(gold["starts_with"]):
        return False
    return True


@pytest.mark.parametrize("name,gold_quote", _gold_quotes(), ids=lambda v: v if isinstance(v, str) else v["speaker"])
def test_gold_quote_attributed(seeds_analyzed, name, gold_quote):
    doc = seeds_analyzed[name]
    assert any(fits(doc, q, gold_quote) for q in doc["quotes"]), (
        f"{gold_quote} not found in: "
        + "; ".join(f"{q['speaker']['text']} | {q['role']} | {q['outlet']} | {content(doc, q)[:40]}"
                    for q in doc["quotes"])
    )


def test_quote_spans_hold_the_words(seeds_analyzed):
    for doc in seeds_analyzed.values():
        for q in doc["quotes"]:
            text = doc["text"][q["content"]["start"]:q["content"]["end"]]
            assert text.strip() and not text.startswith(("“", "«")), text[:30]
            assert q["cue"]


def test_continuation_keeps_the_speaker_and_outlet(seeds_analyzed):
    """"وأضاف “كنا قد ...”" continues the senior official who spoke to The National."""
    doc = seeds_analyzed["000_acdcb25d376a7de1"]
    q = next(q for q in doc["quotes"] if content(doc, q).startswith("كنا قد أنهينا"))
    assert q["cue"] == "أضاف" and q["direct"]
    assert q["speaker"]["text"] == "مسؤول حكومي كبير" and q["outlet"] == "ذا ناشيونال"
