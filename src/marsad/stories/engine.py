"""The incremental stories stage: near-duplicates, vocabulary and clusterer together.

`Engine.add` places one report; the engine's state can be saved to and loaded
from a store, so adding reports never re-clusters the ones already placed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from marsad.records import AnalyzedDocument, Story, Topic
from marsad.stories.describe import describe
from marsad.stories.features import Vocabulary, features
from marsad.stories.neardup import NearDuplicates
from marsad.stories.online import Clusterer, Params
from marsad.stories.text import norm_words


@dataclass
class Placement:
    document: str
    story: str
    topic: str
    new_story: bool
    copy_of: str | None  # the original this report republishes, if any


def arrival_order(docs: Iterable[AnalyzedDocument]) -> list[AnalyzedDocument]:
    """Oldest first; estimated windows by their start; undated last; ties by id (stable ids)."""
    def key(a: AnalyzedDocument):
        p = a.document.published
        if p is None:
            return (1, "", a.document.id)
        when = p.window[0] if p.estimated and p.window else p.value
        return (0, when, a.document.id)

    return sorted(docs, key=key)


class Engine:
    def __init__(self, params: Params | None = None):
        self.vocab = Vocabulary()
        self.dups = NearDuplicates()
        self.clusterer = Clusterer(params)
        self.changed: list[Placement] = []  # placements since the state was last saved
        self.changed_stems: set[str] = set()

    def add(self, a: AnalyzedDocument) -> Placement:
        if a.document.id in self.clusterer.doc_story:
            sid = self.clusterer.doc_story[a.document.id]
            return Placement(a.document.id, sid, self.clusterer.stories[sid].topic, False,
                             self.dups.original.get(a.document.id))
        words = norm_words(a.document.text)
        copy_of = self.dups.add(a.document.id, a.document.text, words)
        f = features(a, self.vocab, words=words)
        self.changed_stems.update(f.counts)
        sid, tid, created = self.clusterer.add(f, copy_of)
        placed = Placement(a.document.id, sid, tid, created, copy_of)
        self.changed.append(placed)
        return placed

    def add_all(self, docs: Iterable[AnalyzedDocument]) -> list[Placement]:
        return [self.add(a) for a in arrival_order(docs)]

    def records(self, docs: Sequence[AnalyzedDocument], story_ids: Iterable[str] | None = None
                ) -> tuple[list[Story], list[Topic]]:
        """Story records (described from `docs`, which must hold their reports) and their topics."""
        by_id = {a.document.id: a for a in docs}
        wanted = list(story_ids) if story_ids is not None else list(self.clusterer.stories)
        stories = []
        for sid in wanted:
            g = self.clusterer.stories[sid]
            members = [by_id[d] for d in g.members if d in by_id]
            stories.append(describe(Story(sid, list(g.members), "", None, g.topic), members, self.vocab))
        for s in stories:
            self.clusterer.stories[s.id].title = s.title
        topics = []
        for tid in dict.fromkeys(s.topic for s in stories):
            t = self.clusterer.topics[tid]
            # a topic is named after its largest story (the first one on ties)
            biggest = max(t.members, key=lambda sid: (self.clusterer.stories[sid].n, -t.members.index(sid)))
            t.title = self.clusterer.stories[biggest].title or t.title
            topics.append(Topic(tid, t.title, list(t.members)))
        return stories, topics
