"""stories: AnalyzedDocuments to Stories and Topics."""

from __future__ import annotations

from collections.abc import Sequence

from marsad.records import AnalyzedDocument, Story, Topic


def cluster(docs: Sequence[AnalyzedDocument]) -> tuple[list[Story], list[Topic]]:
    """Each report its own story and topic until the stories stage lands."""
    stories: list[Story] = []
    topics: list[Topic] = []
    for d in docs:
        sid, tid = f"story:{d.document.id}", f"topic:{d.document.id}"
        day = d.document.published.value[:10] if d.document.published else None
        stories.append(Story(sid, [d.document.id], d.document.title or "", (day, day) if day else None, tid))
        topics.append(Topic(tid, d.document.title or "", [sid]))
    return stories, topics


__all__ = ["cluster"]
