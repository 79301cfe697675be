"""Search keys for Arabic: what the full-text index holds and queries match.

A word's key is its matching form (`marsad.arabic.normalize`: no diacritics or
tatweel, hamza/alef, ta marbuta and alef maqsura folded), with a few spelling
variants of foreign names unified, then light-stemmed: conjunction and article
prefixes and the common suffixes off (Larkey's light10, extended with attached
pronouns). So الهدنة, هدنة, والهدنةَ and بالهدنة all key to هدن, and أمريكا and
أميركا key alike. The index stores keys; snippets are cut from the original
text by recomputing each word's key, so highlights point at the words as the
outlet wrote them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.arabic import normalize

# A word: letters and digits, with any diacritics or tatweel inside it.
_WORD = re.compile(r"(?:[^\W_]|[\u0640\u064b-\u065f\u0670])+")

_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
# Longest first; applied repeatedly while two letters remain.
_SUFFIXES = ("هما", "ها", "هم", "كم", "نا", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
_PRONOUNS = {"هما", "ها", "هم", "كم", "نا"}

# Outlets spell some foreign names two ways; the key takes one (on normalized text).
_VARIANTS = (
    ("اميرك", "امريك"),
    ("ترمب", "ترامب"),
    ("نتانياهو", "نتنياهو"),
    ("اوربا", "اوروبا"),
    ("اوربي", "اوروبي"),
)


def light_stem(word: str) -> str:
    """Light stem of a normalized word (light10 plus pronoun suffixes)."""
    if len(word) >= 4 and word[0] == "و":
        word = word[1:]
    for p in _PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 2:
            word = word[len(p):]
            break
    stripped_pronoun = False
    changed = True
    while changed:
        changed = False
        for s in _SUFFIXES:
            if word.endswith(s) and len(word) - len(s) >= 2:
                word = word[: -len(s)]
                stripped_pronoun |= s in _PRONOUNS
                changed = True
                break
    # هدنتها: once the pronoun is off, the ت is the ta marbuta it stood for.
    if stripped_pronoun and word.endswith("ت") and len(word) >= 4:
        word = word[:-1]
    return word


@lru_cache(maxsize=200_000)
def key(word: str) -> str:
    """The index key of one word as written."""
    w = normalize(word)
    for a, b in _VARIANTS:
        if a in w:
            w = w.replace(a, b)
    return light_stem(w) if w[:1].isalpha() else w


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """Words of `text` with their offsets and keys."""
    return [(m.start(), m.end(), key(m.group())) for m in _WORD.finditer(text)]


def index_text(text: str | None) -> str:
    """What the index stores for `text`: its keys, space separated."""
    if not text:
        return ""
    return " ".join(key(m.group()) for m in _WORD.finditer(text))


def parse_query(query: str) -> list[list[str]]:
    """A query as a list of terms, each a list of keys (a phrase when quoted).

    Words outside quotes are separate terms that must all match; a quoted
    span is one phrase.
    """
    terms: list[list[str]] = []
    for i, part in enumerate(query.split('"')):
        keys = [k for k in index_text(part).split() if k]
        if i % 2:  # inside quotes
            if keys:
                terms.append(keys)
        else:
            terms.extend([k] for k in keys)
    return terms


def match_expression(terms: list[list[str]]) -> str:
    """An FTS5 MATCH expression: every term, each quoted so no key is read as syntax."""
    return " AND ".join('"' + " ".join(t) + '"' for t in terms)


def snippet(text: str, keys: set[str], width: int = 30) -> dict:
    """The stretch of `text` (about `width` words) with the most query words.

    Returns {"text", "start", "end", "highlights": [[s, e], ...]}: start/end
    are offsets into `text`, highlights are offsets into the snippet text.
    """
    spans = word_spans(text)
    if not spans:
        return {"text": "", "start": 0, "end": 0, "highlights": []}
    hits = [i for i, (_, _, k) in enumerate(spans) if k in keys]
    best, best_count = 0, -1
    j = 0
    for i in range(len(hits)):  # the window starting at each hit; count hits inside it
        while j < len(hits) and hits[j] < hits[i] + width:
            j += 1
        if j - i > best_count:
            best, best_count = hits[i], j - i
    first = max(0, min(best - width // 4, len(spans) - width)) if hits else 0
    last = min(len(spans), first + width) - 1
    start = _line_start(text, spans[first][0])
    end = spans[last][1]
    return {
        "text": text[start:end],
        "start": start,
        "end": end,
        "highlights": [[s - start, e - start] for s, e, k in spans[first:last + 1] if k in keys],
    }


def highlights(text: str, keys: set[str]) -> list[list[int]]:
    """Offsets of every word of `text` whose key is in `keys`."""
    return [[s, e] for s, e, k in word_spans(text) if k in keys]


def _line_start(text: str, at: int) -> int:
    """Start the snippet at `at`, or at the line start just before it when close."""
    nl = text.rfind("\n", 0, at)
    return nl + 1 if nl >= 0 and at - nl < 40 else at
