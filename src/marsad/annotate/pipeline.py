"""Run the annotators over one document."""

from __future__ import annotations

from marsad import dates
from marsad.annotate.entities import find_mentions
from marsad.annotate.quotes import find_quotes
from marsad.annotate.sentences import split_sentences
from marsad.records import Annotation, Document


def annotate(doc: Document) -> Annotation:
    # an undated report's dates resolve against the middle of its estimated window
    anchor = _anchor(doc)
    estimated = bool(doc.published and doc.published.estimated)
    sentences = split_sentences(doc.text)
    mentions = find_mentions(doc.text, sentences)
    timexes = dates.tag(doc.text, anchor, estimated=estimated)
    quotes = find_quotes(doc.text, sentences, mentions)
    return Annotation(sentences=sentences, mentions=mentions, timexes=timexes, quotes=quotes)


def _anchor(doc: Document) -> str | None:
    p = doc.published
    if p is None:
        return None
    if p.window:
        return dates.window_middle(p.window)
    return p.value[:10] if len(p.value) >= 10 else None
