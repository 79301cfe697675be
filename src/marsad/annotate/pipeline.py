"""Run the annotators over one document."""

from __future__ import annotations

from marsad import dates
from marsad.annotate.sentences import split_sentences
from marsad.records import Annotation, Document


def annotate(doc: Document) -> Annotation:
    anchor = doc.published.value[:10] if doc.published else None
    return Annotation(
        sentences=split_sentences(doc.text),
        mentions=[],
        timexes=dates.tag(doc.text, anchor),
        quotes=[],
    )
