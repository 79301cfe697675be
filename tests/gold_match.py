"""Matching system output against gold written as surface forms (seeds.gold.json, events_dev.jsonl)."""

from __future__ import annotations

import re

from marsad.arabic import normalize

_SPELLING = [("اميرك", "امريك")]  # أميركا / أمريكا


def key_words(text: str | None) -> list[str]:
    """Words of a name as a matching key: folded, article and و/ل/ب prefixes off, spelling variants merged."""
    if not text:
        return []
    out = []
    for w in re.findall(r"[^\W_]+", normalize(text)):
        for a, b in _SPELLING:
            w = w.replace(a, b)
        w = re.sub(r"^(?:و|ف)?(?:ب|ل|ك)?(?:ال|لل)", "", w) if len(w) > 4 else w
        w = w[1:] if len(w) > 3 and w[0] == "و" and not w.startswith("وزير") else w
        out.append(w)
    return out


def same_name(system: str | None, gold: str) -> bool:
    """One name holds the other ("قوات الحشد الشعبي" holds "الحشد الشعبي")."""
    s, g = key_words(system), key_words(gold)
    if not s or not g:
        return False
    return _holds(s, g) or _holds(g, s)


def _holds(outer: list[str], inner: list[str]) -> bool:
    n = len(inner)
    return any(outer[i:i + n] == inner for i in range(len(outer) - n + 1))


def entity_of(doc: dict, surface: str) -> set[str]:
    """Entity ids the document links a surface form to."""
    g = key_words(surface)
    return {m["entity"] for m in doc.get("entities", []) if m.get("entity") and key_words(m["text"]) == g}


def names_match(doc: dict, text: str | None, entity: str | None, gold: str) -> bool:
    return same_name(text, gold) or bool(entity and entity in entity_of(doc, gold))


def date_in(value: str | None, window: list[str]) -> bool:
    return bool(value) and window[0] <= value[:10] <= window[1]
