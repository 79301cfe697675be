"""The words a store indexes for search, the same on every back end.

Both stores index these terms (SQLite through FTS5, PostgreSQL through a
tsvector built from the term list, never through its own parser), and a query
goes through the same function, so a search gives the same documents on both.
"""

from __future__ import annotations

from functools import lru_cache

import Stemmer

from marsad.arabic import normalize, words

_STEMMER = Stemmer.Stemmer("arabic")


@lru_cache(maxsize=200_000)
def _term(word: str) -> str:
    return normalize(_STEMMER.stemWord(word))


def terms(text: str) -> list[str]:
    """Folded light stems of the words in `text`, in order (duplicates kept)."""
    return [_term(w) for _, _, w in words(text)]


def index_text(*parts: str | None) -> str:
    """One space-separated string of terms: what a store puts in its index."""
    return " ".join(t for p in parts if p for t in terms(p))
