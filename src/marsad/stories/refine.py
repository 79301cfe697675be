"""Narrow an undated report's publication window from related reports.

An undated report that describes a happening as going on ("يجري وفد ... جولة
مفاوضات في واشنطن") was written while it went on. When a related report dates
the same happening ("وفي أواخر يوليو/تموز الماضي، زار وفد ... واشنطن"), the
undated report's window is intersected with that happening's dates. Same
happening = a sentence of each sharing key entities (or, where the entity
stage linked none, several rare stems).
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from marsad.arabic import normalize
from marsad.dates import intersect_windows
from marsad.annotate import annotate
from marsad.events import extract_events
from marsad.records import AnalyzedDocument, Document, Published, Timex
from marsad.stories.features import ENTITY_TYPES, Vocabulary
from marsad.stories.text import sentences, terms

# Present-tense or "now" cues that put the writer inside the happening.
ONGOING = re.compile(normalize(
    r"(?:^|\s)(?:يجري|تجري|يعقد|تعقد|يواصل|تواصل|تتواصل|يتواصل|يزور|تزور|يشارك|تشارك|تستضيف|يستضيف"
    r"|في الوقت الذي|هذا الاسبوع|حاليا|الجارية|الجاري)(?:\s|$|،)"
))
PART_OF_MONTH = {  # which days of a month "أواخر/أوائل/منتصف" cover
    "END": (21, 31), "START": (1, 10), "MID": (11, 20),
}
_PART_WORDS = {"اواخر": "END", "نهايه": "END", "اوايل": "START", "مطلع": "START",
               "بدايه": "START", "منتصف": "MID", "اواسط": "MID"}
MIN_SHARED_ENTITIES = 2
MIN_SHARED_STEMS = 4
MIN_RARE_IDF = 4.0  # a stem in fewer than about 1 in 20 reports


def _undated(a: AnalyzedDocument) -> bool:
    p = a.document.published
    return p is None or p.estimated


def happening_days(t: Timex, text: str) -> tuple[date, date] | None:
    """The days a dated mention covers: a day, a month, or part of a month."""
    v = t.value or ""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            d = date.fromisoformat(v)
            return d, d
        if re.fullmatch(r"\d{4}-\d{2}", v):
            y, m = int(v[:4]), int(v[5:])
            last = monthrange(y, m)[1]
            part = t.modifier or _part_word(text[max(0, t.start - 12):t.end])
            lo, hi = PART_OF_MONTH.get(part, (1, last))
            return date(y, m, lo), date(y, m, min(hi, last))
    except ValueError:
        return None
    return None


def _part_word(context: str) -> str | None:
    for w in normalize(context).split():
        if w in _PART_WORDS:
            return _PART_WORDS[w]
    return None


def _keys(a: AnalyzedDocument, start: int, end: int) -> tuple[set[str], set[str]]:
    ents = {m.entity or normalize(m.text) for m in a.annotation.mentions
            if m.type in ENTITY_TYPES and start <= m.start < end}
    return ents, set(terms(a.document.text[start:end]))


def _same_happening(k1, k2, vocab: Vocabulary) -> bool:
    (e1, s1), (e2, s2) = k1, k2
    if e1 and e2:
        return len(e1 & e2) >= MIN_SHARED_ENTITIES
    shared = s1 & s2
    return len(shared) >= MIN_SHARED_STEMS and sum(vocab.idf(s) >= MIN_RARE_IDF for s in shared) >= 2


def _own_window(a: AnalyzedDocument) -> tuple[str, str] | None:
    p = a.document.published
    return tuple(p.window) if p and p.window else None


def estimate(window: tuple[str, str], base: Published | None) -> Published:
    lo, hi = date.fromisoformat(window[0]), date.fromisoformat(window[1])
    if lo.year == hi.year and lo.month == hi.month:
        value, precision = lo.isoformat()[:7], "month"
    elif lo.year == hi.year:
        value, precision = str(lo.year), "year"
    else:
        value, precision = lo.isoformat(), "day"
    if lo == hi:
        value, precision = lo.isoformat(), "day"
    return Published(value, precision, True, (lo.isoformat(), hi.isoformat()), base.timezone if base else None)


def refine_windows(docs: Sequence[AnalyzedDocument], vocab: Vocabulary | None = None) -> list[AnalyzedDocument]:
    """The same reports, undated ones with windows narrowed by related reports' dated mentions."""
    vocab = vocab or Vocabulary()
    dated_mentions = []  # (doc index, days, sentence keys)
    for i, a in enumerate(docs):
        text = a.document.text
        spans = sentences(text)
        for t in a.annotation.timexes:
            if t.type != "DATE":
                continue
            days = happening_days(t, text)
            span = next(((s, e) for s, e in spans if s <= t.start < e), None)
            if days and span:
                dated_mentions.append((i, (days[0].isoformat(), days[1].isoformat()), _keys(a, *span)))
    out = list(docs)
    if not dated_mentions:
        return out
    for i, a in enumerate(docs):
        if not _undated(a):
            continue
        text = a.document.text
        window = _own_window(a)
        narrowed = False
        for s, e in sentences(text):
            if not ONGOING.search(normalize(text[s:e])):
                continue
            keys = _keys(a, s, e)
            for j, days, other in dated_mentions:
                if j == i or not _same_happening(keys, other, vocab):
                    continue
                new = intersect_windows(window, days)
                if new is not None and new != window:
                    window, narrowed = new, True
        if narrowed:
            out[i] = _reanchored(replace(a.document, published=estimate(window, a.document.published)))
    return out


def _reanchored(doc: Document) -> AnalyzedDocument:
    """Annotate again: "أول أمس" and the events' dates hang on the new window."""
    annotation = annotate(doc)
    return AnalyzedDocument(doc, annotation, extract_events(doc, annotation))
