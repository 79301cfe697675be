"""The stories stage's state in a store: clustering groups, vocabulary and
MinHash signatures, so `marsad ingest` places new reports without re-clustering
the stored ones. The SQL lives in each back end (cluster_state,
save_cluster_state); this module turns it into an Engine and back.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from marsad.contract import analyzed_from_json
from marsad.records import AnalyzedDocument, Story, Topic
from marsad.stories.engine import Engine
from marsad.stories.neardup import to_bytes
from marsad.stories.state import group_to_dict, restore


def load_engine(store) -> Engine:
    s = store.cluster_state()
    return restore(s["stories"], s["topics"], s["df"], s["n"], s["signatures"])


def save_engine(store, engine: Engine, docs: Sequence[AnalyzedDocument]) -> tuple[list[Story], list[Topic]]:
    """Write what changed since the engine was loaded; returns the touched stories and topics, described."""
    changed = engine.changed
    c = engine.clusterer
    # a placement's story may since have merged into another; a merge may move stories to another topic
    story_ids = list(dict.fromkeys([c.resolve(p.story) for p in changed] + sorted(c.retopiced - set(c.absorbed))))
    topic_ids = list(dict.fromkeys(c.stories[sid].topic for sid in story_ids))
    wanted = {d for sid in story_ids for d in c.stories[sid].members}
    have = {a.document.id: a for a in docs}
    for analysis in store.analyses_by_id([d for d in wanted if d not in have]):
        a = analyzed_from_json(analysis)
        have[a.document.id] = a
    stories, topics = engine.records(list(have.values()), story_ids)
    groups = [(sid, "story", json.dumps(group_to_dict(c.stories[sid]), ensure_ascii=False)) for sid in story_ids]
    groups += [(tid, "topic", json.dumps(group_to_dict(c.topics[tid]), ensure_ascii=False)) for tid in topic_ids]
    store.save_cluster_state(
        groups,
        [(s, engine.vocab.df[s]) for s in engine.changed_stems if s in engine.vocab.df],
        engine.vocab.n,
        [(p.document, to_bytes(engine.dups.signatures[p.document]), p.copy_of)
         for p in changed if p.document in engine.dups.signatures],
        stories, topics, list(c.absorbed),
    )
    engine.changed, engine.changed_stems = [], set()
    c.absorbed, c.retopiced = {}, set()
    return stories, topics


def story_counts(store) -> tuple[int, int]:
    return store.story_counts()
