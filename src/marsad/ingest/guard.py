"""Refuse markup that declares XML entities before any parser sees it.

Entity declarations are how billion-laughs (exponential expansion) and
external-entity attacks work. No news feed or page needs them, so a document
that declares any is refused whole, in linear time, without parsing it.
"""

from __future__ import annotations

import re

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
REASON = "refused: it declares XML entities (<!ENTITY ...>), an entity-expansion (billion laughs) risk"


def declares_entities(data: bytes | str) -> bool:
    if isinstance(data, str):
        data = data.encode("utf-8", "replace")
    return _ENTITY_DECL.search(data) is not None
