"""Online clustering: each new report joins a recent story or opens one; each new
story joins a topic or opens one. A report that matches two stories of its days
as well merges them when their words agree (coverage that opened two stories
before one report bridged them); their topics become one too.

A story is one happening bounded in time, so a report may only join a story
whose days lie within `gap` days of its own. A topic is the long-running affair
its stories belong to, compared by content and entities with no time bound.

Candidates come from inverted indexes (stem/entity -> stories), reading only
the most recent postings of the report's most weighted keys, so the cost of one
report does not grow with the number of stories kept.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from itertools import islice
from dataclasses import dataclass, field

from marsad.stories.features import Features, cosine

STORY_TERMS = 80  # stems kept in a story's or a topic's centroid
QUERY_KEYS = 12  # a report's strongest stems used to find candidates
POSTINGS_READ = 64  # most recent stories read per posting list
TOPIC_KEYS, TOPIC_POSTINGS = 8, 24  # topics have no time bound: read fewer, more telling keys
RECENT_MEMBERS = 6  # member vectors a story keeps to check a newcomer against its closest report


@dataclass
class Params:
    story_threshold: float = 0.14
    topic_threshold: float = 0.1
    gap_days: int = 1  # a report joins a story only within this many days of its span
    peak_days: int = 1  # and only within this many days of the story's busiest day
    exact_days: int = 2  # a report known to within this many days counts as dated
    window_days: int = 31  # an estimated window up to this wide may join a story it overlaps
    vague_threshold: float = 0.45  # a report known more loosely (or a story with no days) must match this well
    entity_weight: float = 0.25
    event_bonus: float = 0.05
    member_weight: float = 0.7  # share of the score from the closest recent report (vs the centroid)
    merge_centroids: float = 0.37  # two stories one report would join merge when their centroids are this close


@dataclass
class Group:
    """A story or a topic as the clusterer keeps it."""

    id: str
    members: list[str]  # documents (story) or stories (topic)
    centroid: dict[str, float] = field(default_factory=dict)  # sum of member vectors, pruned
    entities: Counter = field(default_factory=Counter)
    events: Counter = field(default_factory=Counter)
    lo: int | None = None
    hi: int | None = None
    n: int = 0
    topic: str | None = None
    title: str = ""
    dated: bool = False  # days come from dated reports (else from an estimated window)
    days: Counter = field(default_factory=Counter)  # dated members per day (ordinal)
    recent: list[tuple[tuple[str, ...], array]] = field(default_factory=list)  # latest member vectors, compact
    _norm: float = 0.0

    def peak(self) -> int:
        """The day most members were published on (the earliest such day on ties)."""
        return max(self.days, key=lambda d: (self.days[d], -d))

    def norm(self) -> float:
        if not self._norm:
            self._norm = math.sqrt(sum(w * w for w in self.centroid.values())) or 1.0
        return self._norm


class Index:
    """key -> ids, in insertion order; only the tail is read, and only a few times that is kept."""

    def __init__(self, keep: int):
        self.keep = keep
        self.postings: dict[str, dict[str, None]] = defaultdict(dict)

    def add(self, key: str, gid: str) -> None:
        p = self.postings[key]
        p.pop(gid, None)  # move to the recent end
        p[gid] = None
        if len(p) > self.keep:
            del p[next(iter(p))]

    def move(self, keys, old: str, new: str) -> None:
        """Point `old`'s postings at `new` (what a key no longer lists lingers; readers skip it)."""
        for k in keys:
            p = self.postings.get(k)
            if p is not None:
                p.pop(old, None)
            self.add(k, new)

    def recent(self, key: str, limit: int = POSTINGS_READ) -> list[str]:
        p = self.postings.get(key)
        return list(islice(reversed(p), limit)) if p else []


def _absorb(g: Group, f: Features, member: str | None, keep_recent: bool, exact_days: int,
            window_days: int) -> list[str]:
    """Add a report's features to a group (and `member` to its list); returns its keys to index."""
    if member is not None:
        g.members.append(member)
    if keep_recent:
        g.recent = (g.recent + [(tuple(f.vector), array("f", f.vector.values()))])[-RECENT_MEMBERS:]
    _add_sums(g, 1, f.vector, f.entities, f.events)
    if f.lo is not None:
        width = f.hi - f.lo
        if width <= exact_days:
            if g.dated:
                g.lo, g.hi = min(g.lo, f.lo), max(g.hi, f.hi)
            else:
                g.lo, g.hi, g.dated = f.lo, f.hi, True
            g.days[f.lo] += 1
        elif width <= window_days and g.lo is None:
            g.lo, g.hi = f.lo, f.hi
    return list(f.vector) + ["@" + e for e in f.entities]


def _add_sums(g: Group, n: int, terms: dict, entities, events) -> None:
    """Reports' term weights, entities and events into a group; the centroid keeps its strongest terms."""
    g._norm = 0.0
    g.n += n
    for s, w in terms.items():
        g.centroid[s] = g.centroid.get(s, 0.0) + w
    if len(g.centroid) > STORY_TERMS:
        g.centroid = dict(sorted(g.centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:STORY_TERMS])
    g.entities.update(entities)
    g.events.update(events)


def _keys(g: Group) -> list[str]:
    return list(g.centroid) + ["@" + e for e in g.entities]


def _fold(g: Group, other: Group) -> None:
    """Add another group's sums to a group (members aside)."""
    _add_sums(g, other.n, other.centroid, other.entities, other.events)
    g.days.update(other.days)
    g.recent = (other.recent + g.recent)[-RECENT_MEMBERS:]
    if other.dated and g.dated:
        g.lo, g.hi = min(g.lo, other.lo), max(g.hi, other.hi)
    elif other.dated or g.lo is None:
        g.lo, g.hi, g.dated = other.lo, other.hi, other.dated


def _overlap(a, b) -> float:
    """Shared keys (entities, events) as the cosine of the two sets."""
    if not a or not b:
        return 0.0
    shared = sum(1 for k in a if k in b)
    return shared / math.sqrt(len(a) * len(b))


class Clusterer:
    def __init__(self, params: Params | None = None):
        self.p = params or Params()
        self.stories: dict[str, Group] = {}
        self.topics: dict[str, Group] = {}
        self.story_index = Index(4 * POSTINGS_READ)
        self.topic_index = Index(4 * TOPIC_POSTINGS)
        self.doc_story: dict[str, str] = {}
        # Since the state was last saved: merged-away stories and topics (-> the group that took
        # them in), and stories moved to another topic by a merge.
        self.absorbed: dict[str, str] = {}
        self.retopiced: set[str] = set()

    # -- scoring -----------------------------------------------------------------

    def _content(self, f: Features, g: Group) -> float:
        c = cosine(f.vector, g.centroid) / g.norm()
        if g.recent:
            w = self.p.member_weight
            get = f.vector.get
            c = (1 - w) * c + w * max(sum(x * get(s, 0.0) for s, x in zip(stems, ws)) for stems, ws in g.recent)
        if f.entities and g.entities:
            c = (1 - self.p.entity_weight) * c + self.p.entity_weight * _overlap(f.entities, g.entities)
        if f.events and g.events and _overlap(f.events, g.events) > 0:
            c += self.p.event_bonus
        return c

    def _time_fit(self, f: Features, g: Group) -> str | None:
        """How a report's days fit a story's: "day" (dated, within the gap and near the story's peak),
        "window" (an estimated window of a month or less that overlaps the story's days),
        "vague" (a wider window, or no days on either side), or None (they do not fit)."""
        if f.lo is None or g.lo is None or f.hi - f.lo > self.p.window_days:
            return "vague"
        apart = max(f.lo - g.hi, g.lo - f.hi, 0)
        if f.hi - f.lo > self.p.exact_days or not g.dated:
            return "window" if apart == 0 else None
        # Bound by the busiest day, not the first: coverage that runs ahead of a happening
        # (previews, threats) must not use up the span the happening itself needs.
        peak = g.peak() if g.days else g.lo
        off_peak = max(f.lo - peak, peak - f.hi, 0)
        return "day" if apart <= self.p.gap_days and off_peak <= self.p.peak_days else None

    def _candidates(self, f: Features, index: Index, keys: int = QUERY_KEYS, read: int = POSTINGS_READ) -> set[str]:
        strongest = sorted(f.vector, key=lambda s: -f.vector[s])[:keys] + ["@" + e for e in sorted(f.entities)][:keys]
        found: set[str] = set()
        for k in strongest:
            found.update(index.recent(k, read))
        return found

    def best_story(self, f: Features) -> tuple[str | None, float, list[str]]:
        """The best story, its score, and the other stories of the report's days it matches as well."""
        best, best_score, close = None, 0.0, []
        for sid in self._candidates(f, self.story_index):
            g = self.stories.get(sid)
            if g is None:
                continue
            fit = self._time_fit(f, g)
            if fit is None:
                continue
            score = self._content(f, g)
            if fit == "day" and score >= self.p.story_threshold:
                close.append(sid)
            if fit == "vague":
                score += self.p.story_threshold - self.p.vague_threshold
            elif fit == "window":
                # An undated report cannot tell apart episodes inside its window: one of the same
                # affair (the topic threshold) whose days it overlaps is the best it can say.
                score += self.p.story_threshold - self.p.topic_threshold
            if score > best_score or (score == best_score and best is not None and sid < best):
                best, best_score = sid, score
        return best, best_score, close

    def best_topic(self, f: Features) -> tuple[str | None, float]:
        best, best_score = None, 0.0
        for tid in self._candidates(f, self.topic_index, TOPIC_KEYS, TOPIC_POSTINGS):
            t = self.topics.get(tid)
            if t is None:
                continue
            score = self._content(f, t)
            if score > best_score or (score == best_score and best is not None and tid < best):
                best, best_score = tid, score
        return best, best_score

    # -- adding --------------------------------------------------------------------

    def add(self, f: Features, copy_of: str | None = None) -> tuple[str, str, bool]:
        """Place one report: (story id, topic id, whether the story is new)."""
        if f.id in self.doc_story:
            sid = self.doc_story[f.id]
            return sid, self.stories[sid].topic, False
        sid = self.doc_story.get(copy_of) if copy_of else None
        close: list[str] = []
        if sid is None:
            sid, score, close = self.best_story(f)
            if score < self.p.story_threshold:
                sid, close = None, []
        created = sid is None
        if created:
            sid = "s-" + f.id
            story = self.stories[sid] = Group(sid, [])
            tid, score = self.best_topic(f)
            if tid is None or score < self.p.topic_threshold:
                tid = "t-" + f.id
                self.topics[tid] = Group(tid, [])
            story.topic = tid
        story = self.stories[sid]
        for k in _absorb(story, f, f.id, True, self.p.exact_days, self.p.window_days):
            self.story_index.add(k, sid)
        topic = self.topics[story.topic]
        for k in _absorb(topic, f, sid if created else None, False, self.p.exact_days, self.p.window_days):
            self.topic_index.add(k, topic.id)
        self.doc_story[f.id] = sid
        for other in sorted(close):
            if other != sid and other in self.stories:
                sid = self._maybe_merge(sid, other)
        return sid, self.stories[sid].topic, created

    # -- merging -------------------------------------------------------------------

    def _maybe_merge(self, a: str, b: str) -> str:
        """Merge the report's story `a` with `b`, which it matches too, when their peaks and words
        say one happening; the larger keeps its id (the smaller id on ties). Returns the survivor."""
        ga, gb = self.stories[a], self.stories[b]
        if ga.days and gb.days and abs(ga.peak() - gb.peak()) > self.p.peak_days:
            return a
        if cosine(ga.centroid, gb.centroid) / (ga.norm() * gb.norm()) < self.p.merge_centroids:
            return a
        keep, gone = (ga, gb) if (ga.n, b) >= (gb.n, a) else (gb, ga)
        self._merge(keep, gone)
        return keep.id

    def _take_in(self, keep: Group, gone: Group, groups: dict[str, Group], index: Index) -> None:
        """`gone`'s sums, members and postings to `keep`; `gone` is no more."""
        _fold(keep, gone)
        keep.members.extend(gone.members)
        index.move(_keys(gone), gone.id, keep.id)
        del groups[gone.id]
        self.absorbed[gone.id] = keep.id

    def _merge(self, keep: Group, gone: Group) -> None:
        for d in gone.members:
            self.doc_story[d] = keep.id
        self._take_in(keep, gone, self.stories, self.story_index)
        self.topics[gone.topic].members.remove(gone.id)
        if gone.topic != keep.topic:
            # One happening in two topics: the two are one affair.
            a, b = self.topics[keep.topic], self.topics[gone.topic]
            big, small = (a, b) if (len(a.members), b.id) >= (len(b.members), a.id) else (b, a)
            self._merge_topics(big, small)

    def _merge_topics(self, keep: Group, gone: Group) -> None:
        for sid in gone.members:
            self.stories[sid].topic = keep.id
        self.retopiced.update(gone.members)
        self._take_in(keep, gone, self.topics, self.topic_index)

    def resolve(self, gid: str) -> str:
        """A story's or topic's id now: merged-away ones lead to the group that took them in."""
        while gid in self.absorbed:
            gid = self.absorbed[gid]
        return gid
