"""annotate: Document to Annotation (sentences, entities, dates, quotes)."""

from marsad.annotate.pipeline import annotate

__all__ = ["annotate"]
