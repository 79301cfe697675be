"""The entity knowledge base: places, organizations, people, outlets.

One knowledge base from four sources, later ones adding to earlier ones:
`data/gazetteer.json.gz` (countries, first-level divisions and cities, built by
scripts/build_gazetteer.py), `data/outlets.json` (news outlets), `data/curated.json`
(what no gazetteer has), and any files named in the MARSAD_KB environment
variable (paths separated by the OS path separator). An entry whose id already
exists adds its names to that entity and overrides its other fields.
The file format is described in docs/entities.md.
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from marsad.arabic import normalize
from marsad.records import Entity

TYPES = {"PER", "ORG", "LOC", "FAC", "NORP", "MISC"}
# Which entity a name means when several share it: curated and user entries
# first, then countries, big cities and capitals, provinces, smaller cities.
_RANK = {"curated": 0, "country": 1, "big-city": 2, "admin1": 3, "city": 4}
_SUFFIXES = ("ة", "ون", "ين", "تان", "تين", "ان")  # demonym inflections: أمريكية، أمريكيون ...


class KnowledgeBase:
    def __init__(self, entries: list[tuple[dict, str]]):
        self.entities: dict[str, Entity] = {}
        self._rank: dict[str, int] = {}
        self._population: dict[str, int] = {}
        for raw, source in entries:
            self._add(raw, source)
        self.names: dict[str, list[str]] = {}  # normalized name -> entity ids, best first
        self.short: dict[str, list[str]] = {}
        # Names that are common words too ("العربية", "الصباح", "الحشد"): named on
        # the list alone they need the tagger's agreement.
        self.ambiguous: set[str] = {normalize(n) for raw, _ in entries for n in raw.get("ambiguous", [])}
        for e in self.entities.values():
            for n in _variants(e):
                self.names.setdefault(normalize(n), []).append(e.id)
            for n in e.short:
                self.short.setdefault(normalize(n), []).append(e.id)
        for table in (self.names, self.short):
            for ids in table.values():
                ids.sort(key=self._priority)

    def _priority(self, eid: str) -> tuple:
        return (self._rank[eid], -self._population.get(eid, 0))

    def _add(self, raw: dict, source: str) -> None:
        eid = raw["id"]
        old = self.entities.get(eid)
        names = list(raw.get("ar", []))
        en = raw.get("en")
        if old:
            merged_ar = old.names.get("ar", []) + [n for n in names if n not in old.names.get("ar", [])]
            fields = {k: raw[k] for k in ("kind", "role", "actor", "parent", "country", "admin1") if k in raw}
            if "coordinates" in raw:
                fields["coordinates"] = tuple(raw["coordinates"])
            e = replace(old, names={**old.names, "ar": merged_ar, **({"en": [en]} if en else {})},
                        short=old.short + list(raw.get("short", [])),
                        domains=old.domains + list(raw.get("domains", [])), **fields)
            if source != "gazetteer":
                self._rank[eid] = _RANK["curated"]
        else:
            if raw.get("type") not in TYPES:
                raise ValueError(f"knowledge base entry {eid!r}: type must be one of {sorted(TYPES)}")
            e = Entity(
                id=eid, type=raw["type"], names={"ar": names, **({"en": [en]} if en else {})},
                aliases=list(raw.get("aliases", [])),
                coordinates=tuple(raw["coordinates"]) if raw.get("coordinates") else None,
                country=raw.get("country"), admin1=raw.get("admin1"), kind=raw.get("kind"),
                role=raw.get("role"), actor=raw.get("actor"), parent=raw.get("parent"),
                short=list(raw.get("short", [])), domains=list(raw.get("domains", [])),
            )
            self._rank[eid] = _rank(raw, source)
        if raw.get("inflect"):
            e.aliases.extend(n + s for n in names for s in _SUFFIXES)
        if "population" in raw:
            self._population[eid] = raw["population"]
        self.entities[eid] = e

    # ---- lookups -------------------------------------------------------------

    def listed(self, eid: str) -> bool:
        """Whether the entity is known well enough to be named on the list alone: curated,
        a country, a capital, a big city or a province; a small city shares its name with
        common words often enough ("السفيرة") to need the tagger's agreement."""
        return self._rank.get(eid, 9) <= _RANK["admin1"]

    def get(self, eid: str) -> Entity | None:
        return self.entities.get(eid)

    def lookup(self, name: str) -> Entity | None:
        """The entity a name (as written, quotes and diacritics allowed) most likely means."""
        ids = self.names.get(_key(name))
        return self.entities[ids[0]] if ids else None

    def candidates(self, name: str) -> list[Entity]:
        return [self.entities[i] for i in self.names.get(_key(name), [])]

    def actor(self, name_or_id: str) -> str | None:
        """The id an event actor codes to: a capital or a government stands for its country."""
        e = self.entities.get(name_or_id) or self.lookup(name_or_id)
        if e is None:
            return None
        return e.actor or e.id

    def same_actor(self, a: str, b: str) -> bool:
        x, y = self.actor(a), self.actor(b)
        return x is not None and x == y


def _key(name: str) -> str:
    return " ".join(normalize(name).replace("«", " ").replace("»", " ").replace("“", " ").replace("”", " ")
                    .replace('"', " ").split())


def _variants(e: Entity) -> list[str]:
    return list(dict.fromkeys(e.names.get("ar", []) + e.names.get("en", []) + e.aliases))


def _rank(raw: dict, source: str) -> int:
    if source != "gazetteer":
        return _RANK["curated"]
    kind = raw.get("kind")
    if kind == "city":
        return _RANK["big-city"] if raw.get("actor") or raw.get("population", 0) >= 1_000_000 else _RANK["city"]
    return _RANK.get(kind, _RANK["city"])


def _read(name: str):
    f = resources.files("marsad.kb").joinpath(f"data/{name}")
    if name.endswith(".gz"):
        with f.open("rb") as fh:
            return json.loads(gzip.decompress(fh.read()).decode("utf-8"))
    return json.loads(f.read_text("utf-8"))


def _outlet_entries() -> list[dict]:
    return [{"id": o["id"], "type": "ORG", "kind": "outlet", "ar": [o["name"]], "aliases": o["aliases"],
             "domains": o["domains"]} for o in _read("outlets.json")]


def load_entries(paths: list[str | Path] | None = None) -> list[tuple[dict, str]]:
    entries = [(e, "gazetteer") for e in _read("gazetteer.json.gz")]
    entries += [(e, "outlets") for e in _outlet_entries()]
    entries += [(e, "curated") for e in _read("curated.json")]
    for p in paths if paths is not None else filter(None, os.environ.get("MARSAD_KB", "").split(os.pathsep)):
        try:
            data = json.loads(Path(p).read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"knowledge base file {p}: {exc}") from exc
        entries += [(e, str(p)) for e in data]
    return entries


@lru_cache(maxsize=1)
def kb() -> KnowledgeBase:
    """The knowledge base, built once per process."""
    return KnowledgeBase(load_entries())
