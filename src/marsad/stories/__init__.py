"""stories: AnalyzedDocuments to Stories and Topics.

Near-duplicates (neardup), online clustering into stories and topics (online,
over features), and what each story shows (describe: title, span, entities,
timeline, source comparison, summary). `refine` narrows undated reports'
windows from related reports before they are placed.
"""

from __future__ import annotations

from collections.abc import Sequence

from marsad.records import AnalyzedDocument, Story, Topic
from marsad.stories.engine import Engine, Placement, arrival_order
from marsad.stories.online import Params
from marsad.stories.refine import refine_windows


def cluster(docs: Sequence[AnalyzedDocument], params: Params | None = None) -> tuple[list[Story], list[Topic]]:
    """Stories and topics of a batch, placed one report at a time, oldest first."""
    engine = Engine(params)
    docs = refine_windows(docs, engine.vocab)
    engine.add_all(docs)
    return engine.records(docs)


__all__ = ["Engine", "Params", "Placement", "arrival_order", "cluster", "refine_windows"]
