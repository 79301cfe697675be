"""Every event seeds.gold.json lists is found in `marsad analyze samples/seeds`, with its listed fields."""

import pytest

from conftest import GOLD_PATH
from gold_match import date_in, names_match

FIELDS = ("plover", "actor", "target", "place", "date", "date_window", "killed_at_least", "injured_at_least",
          "injured", "instrument", "count")


def _gold_events():
    import json

    if not GOLD_PATH.exists():
        return []
    gold = json.loads(GOLD_PATH.read_text("utf-8"))
    return [(name, i, ev) for name, doc in gold["documents"].items() for i, ev in enumerate(doc.get("events", []))]


def mismatches(doc: dict, ev: dict, gold: dict) -> list[str]:
    """The gold fields this system event gets wrong (empty: it is the gold event)."""
    bad = []
    if ev["type"] != gold["plover"]:
        return ["plover"]
    if "actor" in gold and not names_match(doc, ev["actor"], ev.get("actor_entity"), gold["actor"]):
        bad.append("actor")
    if "target" in gold:
        targets = gold["target"] if isinstance(gold["target"], list) else [gold["target"]]
        # a list: the event's target names every one of them
        if not all(names_match(doc, ev["target"], ev.get("target_entity"), t) for t in targets):
            bad.append("target")
    if "place" in gold and not names_match(doc, ev["place"], ev.get("place_entity"), gold["place"]):
        bad.append("place")
    if "date" in gold and not (ev["date"] or "").startswith(gold["date"]):
        bad.append("date")
    if "date_window" in gold:
        win = gold["date_window"]
        own = ev.get("date_window")
        if not (date_in(ev["date"], win) or own and win[0] <= own[0] and own[1] <= win[1]):
            bad.append("date_window")
    if "killed_at_least" in gold and not (ev["killed"] or 0) >= gold["killed_at_least"]:
        bad.append("killed")
    if "injured_at_least" in gold and not (ev["injured"] or 0) >= gold["injured_at_least"]:
        bad.append("injured")
    if "injured" in gold and ev["injured"] != gold["injured"]:
        bad.append("injured")
    if "instrument" in gold and ev["instrument"] != gold["instrument"]:
        bad.append("instrument")
    if "count" in gold and ev.get("count") != gold["count"]:
        bad.append("count")
    return bad


@pytest.mark.parametrize("name,index,gold_event", _gold_events(), ids=lambda v: str(v)[:24] if isinstance(v, str) else
                         str(v.get("plover")) if isinstance(v, dict) else str(v))
def test_gold_event_found(seeds_analyzed, name, index, gold_event):
    doc = seeds_analyzed[name]
    tries = [(ev, mismatches(doc, ev, gold_event)) for ev in doc["events"]]
    named = {"actor", "target", "place"}
    if not doc["entities"] and not any(not bad for _, bad in tries) and \
            any(bad and set(bad) <= named for _, bad in tries):
        # the contract prints an unbuilt stage's key empty: without entity mentions, places and parties named only
        # by a bare name ("في واشنطن") cannot be found; strict again as soon as the entity stage gives mentions
        pytest.xfail("the entity stage gives no mentions yet")
    assert any(not bad for _, bad in tries), (
        f"{name} gold event {gold_event} not found; nearest: "
        + "; ".join(f"{ev['type']} {ev['actor']}→{ev['target']} @{ev['place']} {ev['date']} wrong {bad}"
                    for ev, bad in tries if bad != ["plover"])
    )


def test_every_event_points_at_its_sentence(seeds_analyzed):
    for doc in seeds_analyzed.values():
        for ev in doc["events"]:
            s, e = ev["evidence"]["start"], ev["evidence"]["end"]
            assert 0 <= s < e <= len(doc["text"])
            assert 0 < ev["confidence"] <= 1


def test_a_denied_truce_is_not_a_truce(seeds_analyzed):
    doc = seeds_analyzed["003_495832e6572bb9ff"]
    types = {ev["type"] for ev in doc["events"]}
    assert "X_TRUCE_DENIED" in types
    assert not types & {"CONCEDE"}, "«لا هدنة» must not code a declared truce"


def test_threats_are_not_attacks(seeds_analyzed):
    """000 says the options to target US bases are open: THREATEN, and no attack on those bases."""
    doc = seeds_analyzed["000_acdcb25d376a7de1"]
    for ev in doc["events"]:
        if ev["type"] == "ASSAULT":
            assert "القواعد" not in (ev["target"] or "")


def test_capitals_as_actors_code_to_their_country(gold, seeds_analyzed):
    """seeds.gold.json's actor_same pairs (طهران/إيران, واشنطن/الولايات المتحدة): as actors, one code, the
    country's, whichever of the two names the report uses."""
    from gold_match import key_words
    from marsad.kb.entities import kb

    pairs = [p for doc in gold["documents"].values() for p in doc.get("actor_same", [])]
    seen = 0
    for pair in pairs:
        want = {kb().actor(s) for s in pair}
        assert len(want) == 1 and None not in want, (pair, want)
        for doc in seeds_analyzed.values():
            for ev in doc["events"]:
                if ev["actor"] and any(key_words(ev["actor"]) == key_words(s) for s in pair):
                    assert ev["actor_entity"] in want, (ev["actor"], ev["actor_entity"], want)
                    seen += 1
    assert seen, "no seeds event has one of the pairs as its actor"
