"""events: Document + Annotation to PLOVER-coded Events."""

from __future__ import annotations

from marsad.records import Annotation, Document, Event


def extract_events(doc: Document, annotation: Annotation) -> list[Event]:
    return []


__all__ = ["extract_events"]
