"""What clustering compares: a report's weighted stems, entities, events and time."""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

from marsad.arabic import normalize
from marsad.records import AnalyzedDocument, Published
from marsad.stories.text import norm_words, stems_of, terms

TOP_TERMS = 40
TITLE_WEIGHT = 2.0  # a headline word counts as two body words
ENTITY_TYPES = {"PER", "ORG", "LOC", "FAC", "NORP"}
# Countries and nationalities are named in nearly every report of a region: they say little
# about which happening a report tells, so clustering leaves them to the words.
BROAD_ENTITIES = ("country:", "norp:", "outlet:")


@dataclass
class Features:
    id: str
    vector: dict[str, float]  # top stems, tf-idf, L2-normalized
    entities: frozenset[str]
    events: frozenset[str]
    lo: int | None  # publication day range, as date ordinals
    hi: int | None
    outlet: str | None = None
    counts: Counter = field(default_factory=Counter)  # raw stem counts, for document frequencies


class Vocabulary:
    """Document frequencies: a background table from 31,525 Arabic reports of 2018
    (shipped in the package) plus every report seen since, so weights are sensible
    from the first report on."""

    def __init__(self, df: Counter | None = None, n: int = 0):
        self.bg_n, self.bg_df = background()
        self.df: Counter = df if df is not None else Counter()
        self.n = n

    def add(self, stems) -> None:
        self.df.update(set(stems))
        self.n += 1

    def idf(self, stem: str) -> float:
        return math.log((self.bg_n + self.n + 1) / (self.bg_df.get(stem, 0) + self.df.get(stem, 0) + 1)) + 1


@lru_cache(maxsize=1)
def background() -> tuple[int, dict[str, int]]:
    path = resources.files("marsad.stories") / "data" / "df.json.gz"
    if not path.is_file():
        return 0, {}
    with gzip.open(path.open("rb"), "rt", encoding="utf-8") as f:
        obj = json.load(f)
    return obj["n"], obj["df"]


def stem_counts(title: str | None, text: str, words: list[str] | None = None) -> Counter:
    """Stem counts of a report, headline words weighted up (`words`: the text's normalized words)."""
    c: Counter = Counter(stems_of(words if words is not None else norm_words(text)))
    if title:
        for s in terms(title):
            c[s] += TITLE_WEIGHT
    return c


def weigh(counts: Counter, vocab: Vocabulary, top: int = TOP_TERMS) -> dict[str, float]:
    weighted = {s: (1 + math.log(c)) * vocab.idf(s) for s, c in counts.items()}
    best = sorted(weighted.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    norm = math.sqrt(sum(w * w for _, w in best)) or 1.0
    return {s: w / norm for s, w in best}


def day_range(p: Published | None) -> tuple[int | None, int | None]:
    """Publication as a range of days: exact, a month, a year, or an estimated window."""
    if p is None:
        return None, None
    if p.window:
        lo, hi = _day(p.window[0]), _day(p.window[1])
        if lo and hi:
            return lo, hi
    v = p.value
    try:
        if len(v) >= 10:
            d = date.fromisoformat(v[:10]).toordinal()
            return d, d
        if len(v) == 7:
            y, m = int(v[:4]), int(v[5:7])
            end = date(y + (m == 12), m % 12 + 1, 1).toordinal() - 1
            return date(y, m, 1).toordinal(), end
        if len(v) == 4:
            return date(int(v), 1, 1).toordinal(), date(int(v), 12, 31).toordinal()
    except ValueError:
        pass
    return None, None


def _day(value: str) -> int | None:
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def entity_keys(a: AnalyzedDocument) -> frozenset[str]:
    """Canonical ids where the entity stage linked a mention, else its normalized surface."""
    keys = set()
    for m in a.annotation.mentions:
        if m.type in ENTITY_TYPES and not (m.entity or "").startswith(BROAD_ENTITIES):
            keys.add(m.entity or "~" + normalize(m.text))
    return frozenset(keys)


def event_keys(a: AnalyzedDocument) -> frozenset[str]:
    keys = set()
    for e in a.events:
        if e.negated:
            continue
        where = e.place_entity or (normalize(e.place) if e.place else "")
        keys.add(f"{e.type}@{where}")
    return frozenset(keys)


def features(a: AnalyzedDocument, vocab: Vocabulary, words: list[str] | None = None) -> Features:
    """A report's features; its stems are counted into the vocabulary's document frequencies."""
    d = a.document
    counts = stem_counts(d.title, d.text, words)
    vocab.add(counts)
    lo, hi = day_range(d.published)
    return Features(d.id, weigh(counts, vocab), entity_keys(a), event_keys(a), lo, hi, d.outlet, counts)


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(s, 0.0) for s, w in a.items())
