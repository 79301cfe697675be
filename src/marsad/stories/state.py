"""The clustering state as plain JSON-able values, so a store can keep it between runs."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable

from marsad.stories.engine import Engine
from marsad.stories.online import Group, Params


def group_to_dict(g: Group) -> dict:
    return {"id": g.id, "members": g.members, "centroid": {s: round(w, 5) for s, w in g.centroid.items()},
            "entities": dict(g.entities), "events": dict(g.events), "lo": g.lo, "hi": g.hi, "n": g.n,
            "topic": g.topic, "title": g.title, "dated": g.dated, "days": {str(d): c for d, c in g.days.items()},
            "recent": [[list(stems), [round(w, 5) for w in ws]] for stems, ws in g.recent]}


def group_from_dict(d: dict) -> Group:
    return Group(d["id"], list(d["members"]), dict(d["centroid"]), Counter(d["entities"]), Counter(d["events"]),
                 d["lo"], d["hi"], d["n"], d["topic"], d.get("title", ""), d.get("dated", False),
                 Counter({int(day): c for day, c in d.get("days", {}).items()}),
                 [(tuple(stems), array("f", ws)) for stems, ws in d.get("recent", [])])


def restore(stories: Iterable[dict], topics: Iterable[dict], df: dict[str, int], n: int,
            signatures: Iterable[tuple[str, bytes, str | None]], params: Params | None = None) -> Engine:
    """An engine as it was: groups oldest-updated first (so postings keep their recency order)."""
    from marsad.stories.neardup import from_bytes

    engine = Engine(params)
    engine.vocab.df.update(df)
    engine.vocab.n = n
    c = engine.clusterer
    for d in stories:
        g = c.stories[d["id"]] = group_from_dict(d)
        for doc in g.members:
            c.doc_story[doc] = g.id
        for k in list(g.centroid) + ["@" + e for e in g.entities]:
            c.story_index.add(k, g.id)
    for d in topics:
        g = c.topics[d["id"]] = group_from_dict(d)
        for k in list(g.centroid) + ["@" + e for e in g.entities]:
            c.topic_index.add(k, g.id)
    dups = engine.dups
    for doc, sig, original in signatures:
        s = from_bytes(sig)
        dups.signatures[doc] = s
        dups.lsh.insert(doc, s)
        if original:
            dups.original[doc] = original
    return engine
