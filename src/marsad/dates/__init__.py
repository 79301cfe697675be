"""Arabic temporal expressions resolved to the calendar.

A library used by clean (to estimate when an undated report was written) and
by annotate (to tag and normalize every date in a report).
"""

from __future__ import annotations

from marsad.records import Published, Timex


def tag(text: str, anchor: str | None) -> list[Timex]:
    """Temporal expressions in `text`, resolved against `anchor` (ISO date)."""
    return []


def estimate_publication(text: str) -> Published | None:
    """A window for an undated report, from its own dated mentions."""
    return None
