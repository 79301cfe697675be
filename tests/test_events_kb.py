"""What the events stage does with entity mentions and the knowledge base: a capital as actor codes to
its country's government, a place gets coordinates, country and admin1. The base here is a stand-in
with the entity stage's lookups (get, lookup, actor), so these run whatever the base holds."""

from types import SimpleNamespace

import pytest

from marsad.annotate.sentences import split_sentences
from marsad.events import extract_events, places
from marsad.records import Annotation, Document, Mention, Published

ENTITIES = {
    "country:ir": SimpleNamespace(id="country:ir", type="LOC", kind="country", names={"ar": ["إيران"]},
                                  coordinates=(32.0, 53.0), country="IR", admin1=None, actor=None),
    "country:us": SimpleNamespace(id="country:us", type="LOC", kind="country", names={"ar": ["الولايات المتحدة"]},
                                  coordinates=(38.0, -97.0), country="US", admin1=None, actor=None),
    "city:tehran": SimpleNamespace(id="city:tehran", type="LOC", kind="city", names={"ar": ["طهران"]},
                                   coordinates=(35.69, 51.42), country="IR", admin1="Tehran", actor="country:ir"),
    "city:washington": SimpleNamespace(id="city:washington", type="LOC", kind="city", names={"ar": ["واشنطن"]},
                                       coordinates=(38.9, -77.04), country="US", admin1=None, actor="country:us"),
    "city:erbil": SimpleNamespace(id="city:erbil", type="LOC", kind="city", names={"ar": ["أربيل", "إربيل"]},
                                  coordinates=(36.19, 44.01), country="IQ", admin1="Erbil", actor=None),
}


class StandInBase:
    def get(self, eid):
        return ENTITIES.get(eid)

    def lookup(self, name):
        return next((e for e in ENTITIES.values() if name in e.names["ar"]), None)

    def actor(self, eid):
        e = ENTITIES.get(eid)
        return (e.actor or e.id) if e else None


@pytest.fixture(autouse=True)
def base(monkeypatch):
    monkeypatch.setattr(places, "_kb", lambda: StandInBase())


def analyze(text: str, names: list[tuple[str, str, str]]):
    mentions = []
    for surface, typ, eid in names:
        start = text.index(surface)
        mentions.append(Mention(start, start + len(surface), surface, typ, eid))
    doc = Document(id="t", name="t", source="t", outlet=None, language="ar", title=None,
                   published=Published("2024-08-22", "day"), text=text)
    return extract_events(doc, Annotation(sentences=split_sentences(text), mentions=mentions))


def test_a_capital_as_actor_codes_to_its_government_and_stays_a_place_as_a_place():
    text = "قصفت طهران مواقع للمعارضة الكردية في أربيل."
    (ev,) = [e for e in analyze(text, [("طهران", "LOC", "city:tehran"), ("أربيل", "LOC", "city:erbil")])
             if e.type == "ASSAULT"]
    assert ev.actor == "طهران" and ev.actor_entity == "country:ir"
    assert ev.place == "أربيل" and ev.place_entity == "city:erbil"
    assert ev.coordinates == (36.19, 44.01) and ev.country == "IQ" and ev.admin1 == "Erbil"


def test_accusation_between_capitals():
    text = "واتهمت طهران واشنطن بالتخطيط للهجوم."
    (ev,) = [e for e in analyze(text, [("طهران", "LOC", "city:tehran"), ("واشنطن", "LOC", "city:washington")])
             if e.type == "ACCUSE"]
    assert (ev.actor_entity, ev.target_entity) == ("country:ir", "country:us")


def test_a_visit_to_a_capital_is_talks_with_its_government():
    text = "وزار وفد إيراني واشنطن لبحث الملف النووي."
    (ev,) = [e for e in analyze(text, [("واشنطن", "LOC", "city:washington")]) if e.type == "CONSULT"]
    assert ev.place == "واشنطن" and ev.target_entity == "country:us"
