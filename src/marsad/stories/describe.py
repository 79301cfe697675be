"""What a story shows: title, span, top entities, timeline, source comparison, summary."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date

from marsad.arabic import normalize
from marsad.records import AnalyzedDocument, Discrepancy, Event, Story, TimelineEntry
from marsad.stories.features import ENTITY_TYPES, Vocabulary, cosine, stem_counts, weigh
from marsad.stories.summary import summarize
from marsad.stories.text import sentences

TOP_ENTITIES = 10
TITLE_WORDS = 14


def _sort_key(a: AnalyzedDocument) -> tuple[str, str]:
    p = a.document.published
    return ((p.window[0] if p and p.estimated and p.window else p.value if p else "9999"), a.document.id)


def describe(story: Story, docs: Sequence[AnalyzedDocument], vocab: Vocabulary | None = None) -> Story:
    """Fill a story's title, span, entities, timeline, comparison and summary from its reports."""
    vocab = vocab or Vocabulary()
    docs = sorted(docs, key=_sort_key)
    story.summary = summarize([a.document for a in docs], vocab=vocab)
    story.title = _title(docs, vocab, story.summary)
    story.span = _span(docs)
    story.entities = _entities(docs)
    story.timeline = timeline(docs)
    story.comparison = compare(docs)
    return story


def _title(docs: Sequence[AnalyzedDocument], vocab: Vocabulary, summary: list[str]) -> str:
    """The headline of the most central report; the summary's first words when none has one."""
    vectors = [weigh(stem_counts(a.document.title, a.document.text), vocab) for a in docs]
    centroid: dict[str, float] = defaultdict(float)
    for v in vectors:
        for s, w in v.items():
            centroid[s] += w
    titled = [(cosine(v, centroid), i) for i, v in enumerate(vectors) if docs[i].document.title]
    if titled:
        return docs[max(titled, key=lambda t: (t[0], -t[1]))[1]].document.title
    words = (summary[0] if summary else docs[0].document.text).split()
    return " ".join(words[:TITLE_WORDS]) + (" …" if len(words) > TITLE_WORDS else "")


def _days(a: AnalyzedDocument) -> tuple[str, str] | None:
    p = a.document.published
    if p is None:
        return None
    if p.estimated and p.window:
        return p.window[0], p.window[1]
    return p.value[:10], p.value[:10]


def _span(docs: Sequence[AnalyzedDocument]) -> tuple[str, str] | None:
    dated = [_days(a) for a in docs if a.document.published and not a.document.published.estimated]
    spans = dated or [d for d in map(_days, docs) if d]
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


def _entities(docs: Sequence[AnalyzedDocument]) -> list[str]:
    """Most widely mentioned entities: canonical id where linked, else the commonest surface."""
    reach: Counter = Counter()
    surface: dict[str, Counter] = defaultdict(Counter)
    for a in docs:
        seen = set()
        for m in a.annotation.mentions:
            if m.type not in ENTITY_TYPES:
                continue
            key = m.entity or normalize(m.text)
            surface[key][m.text] += 1
            seen.add(key)
        reach.update(seen)
    linked = {m.entity for a in docs for m in a.annotation.mentions if m.entity}
    ranked = sorted(reach, key=lambda k: (-reach[k], -sum(surface[k].values()), k))[:TOP_ENTITIES]
    return [k if k in linked else surface[k].most_common(1)[0][0] for k in ranked]


def _sentence_at(text: str, offset: int) -> str:
    for start, end in sentences(text):
        if start <= offset < end:
            return text[start:end]
    return text[offset:offset + 200]


def _full_day(value: str | None) -> bool:
    if not value or len(value) < 10:
        return False
    try:
        date.fromisoformat(value[:10])
        return True
    except ValueError:
        return False


def timeline(docs: Sequence[AnalyzedDocument]) -> list[TimelineEntry]:
    """Dated events, dated mentions and publications of all reports, merged by day and kind.

    Reports are read oldest first, so the first supporting report of an entry is
    the outlet that said it first."""
    entries: dict[tuple[str, str], TimelineEntry] = {}

    def put(day: str, kind: str, text: str, a: AnalyzedDocument, event_type: str | None = None) -> None:
        key = (day, kind)
        e = entries.get(key)
        if e is None:
            entries[key] = TimelineEntry(day, text, [a.document.id], a.document.outlet, event_type)
        elif a.document.id not in e.documents:
            e.documents.append(a.document.id)

    for a in docs:
        d = a.document
        told = set()  # (day, sentence) an event already puts on the timeline
        for ev in a.events:
            if _full_day(ev.date) and not ev.negated:
                sentence = _sentence_at(d.text, ev.evidence.start)
                told.add((ev.date[:10], sentence))
                put(ev.date[:10], f"event:{ev.type}:{ev.place_entity or normalize(ev.place or '')}", sentence, a,
                    ev.type)
        for t in a.annotation.timexes:
            if t.type == "DATE" and _full_day(t.value) and len(t.value) == 10:
                sentence = _sentence_at(d.text, t.start)
                if (t.value, sentence) not in told:
                    put(t.value, "date", sentence, a)
        if d.published and not d.published.estimated and _full_day(d.published.value):
            put(d.published.value[:10], "published", d.title or _sentence_at(d.text, 0), a)
    return sorted(entries.values(), key=lambda e: (e.date, e.event_type is None, e.text))


def compare(docs: Sequence[AnalyzedDocument]) -> list[Discrepancy]:
    """Where outlets tell the same happening differently, side by side.

    Two outlets' events of one type are the same happening when they share a place (then their
    dates, counts and actors are compared) or, with no shared place, a day (then their places
    too). Each outlet's first claim stands for it."""
    told: list[tuple[str, Event]] = []
    for a in docs:
        who = a.document.outlet or a.document.name or a.document.id
        told.extend((who, ev) for ev in a.events if not ev.negated)
    claims: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for i, (w1, e1) in enumerate(told):
        for w2, e2 in told[i + 1:]:
            if w1 == w2 or e1.type != e2.type:
                continue
            p1, p2 = _place(e1), _place(e2)
            if p1 and p1 == p2:
                subject, fields = f"{e1.type} @ {e1.place}", ("date", "killed", "injured", "actor")
            elif e1.date and e1.date[:10] == (e2.date or "")[:10] and len(e1.date) >= 10:
                subject, fields = f"{e1.type} {e1.date[:10]}", ("place", "killed", "injured", "actor")
            else:
                continue
            for fld in fields:
                v1, v2 = getattr(e1, fld), getattr(e2, fld)
                if v1 is not None and v2 is not None and normalize(str(v1)) != normalize(str(v2)):
                    c = claims[(fld, subject)]
                    c.setdefault(w1, str(v1))
                    c.setdefault(w2, str(v2))
    return [Discrepancy(fld, subject, c) for (fld, subject), c in claims.items()]


def _place(e: Event) -> str | None:
    return e.place_entity or (normalize(e.place) if e.place else None)
