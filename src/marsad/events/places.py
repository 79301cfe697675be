"""What the events stage asks of the knowledge base: an entity's record (coordinates,
country, admin1), a demonym's country, and the government a capital stands for.

The entity stage owns the knowledge base (`marsad.kb`); this module only reads
it, through whichever of its lookups exist, so events work (without
coordinates) before the base is there and pick it up when it is.
"""

from __future__ import annotations

from functools import lru_cache

from marsad.arabic import normalize
from marsad.records import Entity


def _kb():
    try:
        from marsad import kb
    except ImportError:  # pragma: no cover - the package always has kb
        return None
    return kb


def entity(entity_id: str | None) -> Entity | None:
    kb = _kb()
    if not entity_id or kb is None:
        return None
    for name in ("entity", "get", "get_entity", "by_id"):
        fn = getattr(kb, name, None)
        if callable(fn):
            try:
                return fn(entity_id)
            except (KeyError, LookupError):
                return None
    return None


def lookup(name: str) -> Entity | None:
    """A place by name, when the knowledge base knows it."""
    kb = _kb()
    if kb is None or not name:
        return None
    for fn_name in ("lookup", "find", "by_name", "resolve"):
        fn = getattr(kb, fn_name, None)
        if callable(fn):
            try:
                found = fn(name)
            except (KeyError, LookupError, TypeError):
                continue
            if isinstance(found, list):
                found = found[0] if found else None
            if found is not None and hasattr(found, "coordinates"):
                return found
    return None


def government(entity_id: str | None) -> str | None:
    """Metonymy: a capital as an actor codes to its country (طهران → إيران)."""
    kb = _kb()
    if not entity_id or kb is None:
        return entity_id
    for name in ("metonym", "government_of", "actor_of"):
        fn = getattr(kb, name, None)
        if callable(fn):
            return fn(entity_id) or entity_id
    return entity_id


# Until the knowledge base carries demonyms: the few nationalities the region's
# conflict news names most, so "طائرة أميركية" gives an actor.
_DEMONYMS = {
    "امريكي": ("country:us", "الولايات المتحدة"), "اميركي": ("country:us", "الولايات المتحدة"),
    "اسرائيلي": ("country:il", "إسرائيل"), "ايراني": ("country:ir", "إيران"), "تركي": ("country:tr", "تركيا"),
    "روسي": ("country:ru", "روسيا"), "عراقي": ("country:iq", "العراق"), "سوري": ("country:sy", "سوريا"),
    "سعودي": ("country:sa", "السعودية"), "اماراتي": ("country:ae", "الإمارات"), "مصري": ("country:eg", "مصر"),
    "بريطاني": ("country:gb", "المملكة المتحدة"), "فرنسي": ("country:fr", "فرنسا"), "يمني": ("country:ye", "اليمن"),
    "لبناني": ("country:lb", "لبنان"), "اردني": ("country:jo", "الأردن"), "قطري": ("country:qa", "قطر"),
    "ليبي": ("country:ly", "ليبيا"), "فلسطيني": ("country:ps", "فلسطين"), "صيني": ("country:cn", "الصين"),
}


@lru_cache(maxsize=4096)
def demonym(word: str) -> tuple[str, str] | None:
    """(entity id, country name) for a nisba adjective: أميركية، الأمريكيين، الإيراني."""
    kb = _kb()
    fn = getattr(kb, "demonym", None) if kb is not None else None
    if callable(fn):
        found = fn(word)
        if found:
            return found if isinstance(found, tuple) else (found.id, found.names.get("ar", [word])[0])
    key = normalize(word)
    if key.startswith("ال"):
        key = key[2:]
    for suffix in ("يين", "يون", "ين", "ون", "يه", "ه", "ان"):
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            stem = key[: -len(suffix)]
            stem = stem if stem.endswith("ي") else stem + "ي"
            if stem in _DEMONYMS:
                return _DEMONYMS[stem]
    return _DEMONYMS.get(key)


def country_named(name: str) -> tuple[str, str] | None:
    """(entity id, name) when a phrase is a country's name: from the knowledge base, else the demonym table's countries."""
    found = lookup(name)
    if found is not None and (found.id or "").startswith("country:"):
        return found.id, name
    key = normalize(name)
    for ent, country in _DEMONYMS.values():
        if normalize(country) == key:
            return ent, country
    return None
