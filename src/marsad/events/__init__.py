"""events: Document + Annotation to PLOVER-coded Events (docs/events.md)."""

from marsad.events.extract import extract_events

__all__ = ["extract_events"]
