"""The JSON shapes outside tools depend on (DESIGN.md, "The contract").

Change only by adding keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from marsad.records import (
    Annotation, AnalyzedDocument, Document, Event, Mention, Published, Quote, RemovedLine, Span, Speaker, Story,
    Timex, Topic,
)


def published_json(p: Published | None) -> dict | None:
    if p is None:
        return None
    out = {
        "value": p.value,
        "precision": p.precision,
        "estimated": p.estimated,
        "window": list(p.window) if p.window else None,
    }
    if p.timezone:
        out["timezone"] = p.timezone
    return out


def quote_json(q: Quote) -> dict:
    return {
        "speaker": {"text": q.speaker.text, "entity": q.speaker.entity},
        "role": q.role,
        "outlet": q.outlet,
        "cue": q.cue,
        "content": {"start": q.content.start, "end": q.content.end},
        "direct": q.direct,
    }


def event_json(e: Event) -> dict:
    return {
        "type": e.type,
        "mode": e.mode,
        "actor": e.actor,
        "target": e.target,
        "place": e.place,
        "coordinates": list(e.coordinates) if e.coordinates else None,
        "date": e.date,
        "killed": e.killed,
        "injured": e.injured,
        "instrument": e.instrument,
        "evidence": {"start": e.evidence.start, "end": e.evidence.end},
        "confidence": round(e.confidence, 3),
        # added keys (the contract grows only by adding): links, place detail, counts, claims
        "actor_entity": e.actor_entity,
        "target_entity": e.target_entity,
        "place_entity": e.place_entity,
        "country": e.country,
        "admin1": e.admin1,
        "date_window": list(e.date_window) if e.date_window else None,
        "count": e.count,
        "claimed_by": e.claimed_by,
    }


def document_json(a: AnalyzedDocument) -> dict:
    d, ann = a.document, a.annotation
    return {
        "id": d.id,
        "name": d.name,
        "source": d.source,
        "outlet": d.outlet,
        "title": d.title,
        "language": d.language,
        "published": published_json(d.published),
        "text": d.text,
        "removed": [{"line": r.line, "reason": r.reason} for r in d.removed],
        "entities": [
            {"start": m.start, "end": m.end, "text": m.text, "type": m.type, "entity": m.entity}
            for m in ann.mentions
        ],
        "timexes": [
            {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
             "modifier": t.modifier, "anchor": t.anchor, "anchor_estimated": t.anchor_estimated}
            for t in ann.timexes
        ],
        "quotes": [quote_json(q) for q in ann.quotes],
        "events": [event_json(e) for e in a.events],
    }


def cluster_json(docs: Sequence[AnalyzedDocument], stories: Sequence[Story], topics: Sequence[Topic]) -> dict:
    return {
        "documents": [{"id": a.document.id, "name": a.document.name} for a in docs],
        "stories": [
            {
                "id": s.id,
                "documents": list(s.documents),
                "title": s.title,
                "span": list(s.span) if s.span else None,
                "topic": s.topic,
            }
            for s in stories
        ],
        "topics": [{"id": t.id, "title": t.title, "stories": list(t.stories)} for t in topics],
    }


def story_detail_json(s: Story) -> dict:
    """The full story record, for the API and the web page."""
    out = asdict(s)
    out["span"] = list(s.span) if s.span else None
    return out


def analyzed_from_json(obj: dict) -> AnalyzedDocument:
    """The inverse of `document_json`, for stages that read from a store."""
    p = obj.get("published")
    published = (
        Published(p["value"], p["precision"], p.get("estimated", False),
                  tuple(p["window"]) if p.get("window") else None, p.get("timezone"))
        if p else None
    )
    doc = Document(
        id=obj["id"], name=obj.get("name"), source=obj["source"], outlet=obj.get("outlet"),
        language=obj.get("language", "ar"), title=obj.get("title"), published=published,
        text=obj["text"], removed=[RemovedLine(r["line"], r["reason"]) for r in obj.get("removed", [])],
    )
    ann = Annotation(
        sentences=[],
        mentions=[Mention(m["start"], m["end"], m["text"], m["type"], m.get("entity")) for m in obj.get("entities", [])],
        timexes=[Timex(t["start"], t["end"], t["text"], t["type"], t["value"], t.get("modifier"), t.get("anchor"),
                       t.get("anchor_estimated", False)) for t in obj.get("timexes", [])],
        quotes=[
            Quote(Speaker(q["speaker"]["text"], q["speaker"].get("entity")), q.get("role"), q.get("outlet"),
                  q.get("cue", ""), Span(q["content"]["start"], q["content"]["end"]), q.get("direct", False))
            for q in obj.get("quotes", [])
        ],
    )
    events = [
        Event(
            type=e["type"], mode=e.get("mode"), actor=e.get("actor"), target=e.get("target"), place=e.get("place"),
            coordinates=tuple(e["coordinates"]) if e.get("coordinates") else None, date=e.get("date"),
            killed=e.get("killed"), injured=e.get("injured"), instrument=e.get("instrument"),
            evidence=Span(e["evidence"]["start"], e["evidence"]["end"]), confidence=e.get("confidence", 0.0),
            actor_entity=e.get("actor_entity"), target_entity=e.get("target_entity"),
            place_entity=e.get("place_entity"), country=e.get("country"), admin1=e.get("admin1"),
            date_window=tuple(e["date_window"]) if e.get("date_window") else None, count=e.get("count"),
            claimed_by=e.get("claimed_by"),
        )
        for e in obj.get("events", [])
    ]
    return AnalyzedDocument(doc, ann, events)
