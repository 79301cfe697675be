"""News outlets and agencies, by name, alias and domain."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlparse

from marsad.arabic import normalize
from marsad.kb.entities import kb


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]


@lru_cache(maxsize=1)
def outlets() -> tuple[Outlet, ...]:
    """The knowledge base's outlets and agencies (data/outlets.json and curated entries of kind outlet)."""
    found = []
    for e in kb().entities.values():
        if e.kind == "outlet":
            names = e.names.get("ar", []) + e.names.get("en", []) + e.aliases
            found.append(Outlet(e.id, names[0], tuple(dict.fromkeys(names[1:])), tuple(e.domains)))
    return tuple(found)


@lru_cache(maxsize=1)
def _by_key() -> dict[str, Outlet]:
    table: dict[str, Outlet] = {}
    for o in outlets():
        for n in (o.name, *o.aliases):
            table.setdefault(normalize(n), o)
    return table


def by_name(name: str) -> Outlet | None:
    return _by_key().get(normalize(name).strip(" \"'«»“”"))


def in_text(text: str) -> list[tuple[int, Outlet]]:
    """Known outlets named in a (normalized) line, with their positions."""
    key = normalize(text)
    found = []
    for alias, outlet in _by_key().items():
        pos = key.find(alias)
        if pos >= 0 and (pos == 0 or not key[pos - 1].isalnum()):
            end = pos + len(alias)
            if end == len(key) or not key[end].isalnum():
                found.append((pos, outlet))
    return sorted(found, key=lambda x: x[0])


def by_url(url: str) -> Outlet | None:
    host = (urlparse(url).hostname or "").lower()
    for o in outlets():
        if any(host == d or host.endswith("." + d) for d in o.domains):
            return o
    return None
