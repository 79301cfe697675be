"""Arabic temporal expressions resolved to the calendar.

A library used by clean (to estimate when an undated report was written) and
by annotate (to tag and normalize every date in a report).

    tag(text, "2024-08-22")          → [Timex(... value="2024-07-30" ...)]
    estimate_publication(text)       → Published(estimated=True, window=(...))
    intersect_windows(w1, w2)        → the days two estimates agree on
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from marsad.dates.grammar import find
from marsad.dates.resolve import resolve
from marsad.dates.window import estimate_publication, intersect_windows, window_middle
from marsad.records import Timex

__all__ = ["tag", "estimate_publication", "intersect_windows", "window_middle", "parse_anchor"]


@lru_cache(maxsize=1024)  # reports of a day share their anchor; strptime is slow
def parse_anchor(anchor: str | None) -> datetime | None:
    """'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM[:SS]' (a longer ISO string is cut)."""
    if not anchor:
        return None
    for size, fmt in ((19, "%Y-%m-%dT%H:%M:%S"), (16, "%Y-%m-%dT%H:%M"), (10, "%Y-%m-%d")):
        try:
            return datetime.strptime(anchor[:size], fmt)
        except ValueError:
            continue
    return None


def tag(text: str, anchor: str | None, estimated: bool = False) -> list[Timex]:
    """Temporal expressions in `text`, resolved against `anchor` (ISO date).

    `estimated` marks an anchor that is the middle of an estimated publication
    window rather than a stated date; every Timex carries it.
    """
    when = parse_anchor(anchor)
    out = []
    for spec in find(text):
        resolved = resolve(spec, when)
        if resolved is None:
            continue
        kind, value, modifier = resolved
        out.append(Timex(spec.start, spec.end, text[spec.start:spec.end], kind, value, modifier,
                         anchor=anchor if when else None, anchor_estimated=estimated and when is not None))
    return out
