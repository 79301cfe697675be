"""What the events stage asks of the knowledge base: an entity's record (coordinates,
country, admin1), a demonym's country, and the government a capital stands for.

The entity stage owns the knowledge base (`marsad.kb`); this module only reads
it, through whichever of its lookups exist, so events work (without
coordinates) before the base is there and pick it up when it is.
"""

from __future__ import annotations

from functools import lru_cache

from marsad.arabic import normalize
from marsad.kb.matcher import norm  # normalize, cached per word
from marsad.records import Entity


def _kb():
    """The entity stage's knowledge base (`marsad.kb.entities.kb()`), or None before it exists."""
    try:
        from marsad.kb import entities as kb_entities
    except ImportError:
        return None
    fn = getattr(kb_entities, "kb", None)
    return fn() if callable(fn) else None


def entity(entity_id: str | None) -> Entity | None:
    base = _kb()
    if not entity_id or base is None:
        return None
    return base.get(entity_id)


def lookup(name: str) -> Entity | None:
    """A place or actor by name, when the knowledge base knows it."""
    base = _kb()
    if base is None or not name:
        return None
    return base.lookup(name)


def government(entity_id: str | None) -> str | None:
    """Metonymy: a capital as an actor codes to its country (طهران → إيران)."""
    base = _kb()
    if not entity_id or base is None:
        return entity_id
    return base.actor(entity_id) or entity_id


def known() -> bool:
    """Whether the knowledge base is there to resolve places."""
    return _kb() is not None


def is_country(ent: Entity | None) -> bool:
    return ent is not None and (getattr(ent, "kind", None) == "country" or (ent.id or "").startswith("country:"))


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
    found = lookup(word)
    if found is not None and found.type == "NORP" and getattr(found, "actor", None):
        country = entity(found.actor)  # the base's nationality entry points at its country: أميركية → US
        if country is not None:
            return country.id, country.names.get("ar", [word])[0]
    if is_country(found) and normalize(word) not in {normalize(n) for n in found.names.get("ar", [])}:
        return found.id, found.names.get("ar", [word])[0]  # a demonym the base lists as an inflected alias
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
    if is_country(found):
        return found.id, name
    return _countries().get(norm(name))


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str]]:
    """The demonym table's countries by normalized name (the first listed wins)."""
    out: dict[str, tuple[str, str]] = {}
    for ent, country in _DEMONYMS.values():
        out.setdefault(normalize(country), (ent, country))
    return out
