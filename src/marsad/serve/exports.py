"""Events out of marsad, in the shapes other tools read: PLOVER-style JSON,
ACLED-style CSV and GeoJSON (docs/events.md, "Export formats")."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator

from marsad.records import AnalyzedDocument, Event

ACLED_COLUMNS = ["event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "location",
                 "latitude", "longitude", "source", "notes", "fatalities"]

# PLOVER type (and mode) to ACLED's event type and sub-event type. Verbal
# events (ACCUSE, THREATEN, REQUEST ...) have no ACLED code and are left out.
_ACLED_ASSAULT = {
    "drone": ("Explosions/Remote violence", "Air/drone strike"),
    "airstrike": ("Explosions/Remote violence", "Air/drone strike"),
    "rockets": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "heavy-weapons": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "explosives": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "suicide-attack": ("Explosions/Remote violence", "Suicide bomb"),
    "assassinate": ("Violence against civilians", "Attack"),
    "abduct": ("Violence against civilians", "Abduction/forced disappearance"),
    "firearms": ("Battles", "Armed clash"),
    None: ("Battles", "Armed clash"),
}
_ACLED_OTHER = {
    "PROTEST": ("Protests", "Peaceful protest"),
    "COERCE": ("Strategic developments", "Arrests"),
    "MOBILIZE": ("Strategic developments", "Other"),
    "AGREE": ("Strategic developments", "Agreement"),
    "CONCEDE": ("Strategic developments", "Agreement"),
    "RETREAT": ("Strategic developments", "Non-violent transfer of territory"),
    "X_TRUCE_END": ("Strategic developments", "Other"),
}


def event_rows(docs: Iterable[AnalyzedDocument]) -> Iterator[tuple[AnalyzedDocument, int, Event]]:
    for a in docs:
        for i, e in enumerate(a.events):
            yield a, i, e


def event_id(a: AnalyzedDocument, i: int) -> str:
    return hashlib.sha1(f"{a.document.id}:{i}".encode()).hexdigest()[:16]


def _evidence(a: AnalyzedDocument, e: Event) -> str:
    return a.document.text[e.evidence.start:e.evidence.end]


def plover(docs: Iterable[AnalyzedDocument]) -> list[dict]:
    """One PLOVER-style record per event: type, mode, actor, recipient, location, date, source text."""
    out = []
    for a, i, e in event_rows(docs):
        d = a.document
        out.append({
            "id": event_id(a, i),
            "event_type": e.type,
            "mode": e.mode,
            "extension": e.type.startswith("X_"),  # marsad's own types: a PLOVER-only consumer drops these
            "date": e.date,
            "date_window": list(e.date_window) if e.date_window else None,
            "actor": e.actor,
            "actor_entity": e.actor_entity,
            "recipient": e.target,
            "recipient_entity": e.target_entity,
            "location": {
                "name": e.place, "entity": e.place_entity, "country": e.country, "admin1": e.admin1,
                "lat": e.coordinates[0] if e.coordinates else None,
                "lon": e.coordinates[1] if e.coordinates else None,
            },
            "killed": e.killed,
            "injured": e.injured,
            "instrument": e.instrument,
            "count": e.count,
            "claimed_by": e.claimed_by,
            "confidence": round(e.confidence, 3),
            "source": {"document": d.id, "name": d.name, "outlet": d.outlet, "url": d.url or d.source,
                       "title": d.title, "published": d.published.value if d.published else None},
            "evidence": {"start": e.evidence.start, "end": e.evidence.end, "text": _evidence(a, e)},
        })
    return out


def acled_rows(docs: Iterable[AnalyzedDocument]) -> list[dict]:
    rows = []
    for a, _, e in event_rows(docs):
        if e.type == "ASSAULT":
            etype, sub = _ACLED_ASSAULT.get(e.mode, _ACLED_ASSAULT[None])
        elif e.type in _ACLED_OTHER:
            etype, sub = _ACLED_OTHER[e.type]
        else:
            continue
        notes = [_evidence(a, e)]
        date = e.date
        if not date and e.date_window:
            date = e.date_window[0]
            notes.append(f"date window {e.date_window[0]}..{e.date_window[1]}")
        if not date and a.document.published:
            date = a.document.published.value[:10]
            notes.append("date: the report's publication date")
        if e.injured is not None:
            notes.append(f"injured: {e.injured}")
        if e.claimed_by:
            notes.append(f"claimed by: {e.claimed_by}")
        rows.append({
            "event_date": date or "",
            "event_type": etype,
            "sub_event_type": sub,
            "actor1": e.actor or "",
            "actor2": e.target or "",
            "country": _country_name(e.country),
            "admin1": e.admin1 or "",
            "location": e.place or "",
            "latitude": e.coordinates[0] if e.coordinates else "",
            "longitude": e.coordinates[1] if e.coordinates else "",
            "source": a.document.outlet or a.document.name or a.document.source,
            "notes": " | ".join(notes),
            "fatalities": e.killed or 0,
        })
    return rows


def _country_name(code: str | None) -> str:
    """ACLED names countries in English: "IQ" → "Iraq", from the knowledge base when it has the name."""
    if not code:
        return ""
    from marsad.events.places import entity

    ent = entity(f"country:{code.lower()}")
    names = ent.names.get("en") if ent is not None else None
    return names[0] if names else code


def acled_csv(docs: Iterable[AnalyzedDocument]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(acled_rows(docs))
    return buf.getvalue()


def geojson(docs: Iterable[AnalyzedDocument]) -> dict:
    """Events with coordinates as Points; GeoJSON orders a position longitude first (RFC 7946)."""
    features = []
    for a, i, e in event_rows(docs):
        if not e.coordinates:
            continue
        lat, lon = e.coordinates
        features.append({
            "type": "Feature",
            "id": event_id(a, i),
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "event_type": e.type, "mode": e.mode, "actor": e.actor, "target": e.target, "place": e.place,
                "country": e.country, "admin1": e.admin1, "date": e.date,
                "date_window": list(e.date_window) if e.date_window else None,
                "killed": e.killed, "injured": e.injured, "instrument": e.instrument,
                "document": a.document.id, "outlet": a.document.outlet, "evidence": _evidence(a, e),
            },
        })
    return {"type": "FeatureCollection", "features": features}


def render(fmt: str, docs: list[AnalyzedDocument]) -> str:
    if fmt == "plover":
        return json.dumps(plover(docs), ensure_ascii=False, indent=1) + "\n"
    if fmt == "acled":
        return acled_csv(docs)
    if fmt == "geojson":
        return json.dumps(geojson(docs), ensure_ascii=False, indent=1) + "\n"
    raise ValueError(f"unknown export format {fmt!r}")
