"""The records that flow between marsad's stages.

Plain typed data, no behaviour: each stage is a function from the previous
stage's records to its own. Every derived thing keeps character offsets
(Python string indices) into the clean text of its document, so any claim can
be traced to the words that support it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    start: int
    end: int


# ---- ingest -----------------------------------------------------------------


@dataclass
class RawDocument:
    """A report as read from its source, before any cleaning."""

    source: str  # path or url
    name: str | None  # file name without extension, or the record's own name
    content: str  # decoded text or HTML
    media_type: str  # "text/plain" | "text/html"
    encoding: str  # encoding the bytes were decoded from
    outlet: str | None = None  # given by the source (feed title, JSONL field)
    title: str | None = None
    published: str | None = None  # as the source states it, unparsed
    url: str | None = None


@dataclass
class IngestFailure:
    """An input that could not be read: reported, never silently dropped."""

    source: str
    reason: str


# ---- clean ------------------------------------------------------------------


@dataclass
class RemovedLine:
    line: str
    reason: str  # chrome | related | ticker | copyright | caption | follow | title-repeat | ...


@dataclass
class Published:
    value: str  # ISO: 2024-08-22T07:16, 2024-08-22, 2024-08, 2024
    precision: str  # minute | day | month | year
    estimated: bool = False
    window: tuple[str, str] | None = None  # set when estimated
    timezone: str | None = None  # "+04:00" when the page gives one


@dataclass
class Document:
    """A cleaned report: identity is the hash of its clean text."""

    id: str
    name: str | None
    source: str
    outlet: str | None
    language: str
    title: str | None
    published: Published | None
    text: str
    removed: list[RemovedLine] = field(default_factory=list)
    url: str | None = None


# ---- annotate ---------------------------------------------------------------


@dataclass
class Token:
    start: int
    end: int
    text: str
    norm: str  # normalized for matching
    stem: str


@dataclass
class Sentence:
    start: int
    end: int


@dataclass
class Mention:
    start: int
    end: int
    text: str
    type: str  # PER | ORG | LOC | FAC | NORP | MISC
    entity: str | None  # canonical entity id


@dataclass
class Entity:
    id: str
    type: str
    names: dict[str, list[str]]  # language -> names, first is preferred
    aliases: list[str] = field(default_factory=list)
    coordinates: tuple[float, float] | None = None
    country: str | None = None  # ISO 3166-1 alpha-2 for places
    admin1: str | None = None
    kind: str | None = None  # country | admin1 | city | base | faction | ministry | outlet ...
    role: str | None = None  # an official's role, as the news gives it
    actor: str | None = None  # the entity it stands for as an event actor (a capital -> its country)
    parent: str | None = None  # umbrella body, for a faction or unit
    short: list[str] = field(default_factory=list)  # names that stand for it only once it is fully named
    domains: list[str] = field(default_factory=list)  # web domains, for outlets


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value: 2024-07-30, 2024-09, P8M, 2024-W34 ...
    modifier: str | None = None  # START | MID | END | APPROX ... (fuzzy parts)
    anchor: str | None = None  # the date it was resolved against
    anchor_estimated: bool = False  # anchor is the middle of an estimated publication window


@dataclass
class Speaker:
    text: str
    entity: str | None
    start: int | None = None
    end: int | None = None


@dataclass
class Quote:
    speaker: Speaker
    role: str | None
    outlet: str | None  # the outlet spoken to
    cue: str
    content: Span
    direct: bool


@dataclass
class Annotation:
    """What the annotate stage found in one document."""

    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


# ---- events -----------------------------------------------------------------


@dataclass
class Event:
    type: str  # PLOVER type, or X_ extension
    mode: str | None
    actor: str | None
    target: str | None
    place: str | None
    coordinates: tuple[float, float] | None
    date: str | None
    killed: int | None
    injured: int | None
    instrument: str | None
    evidence: Span
    confidence: float
    actor_entity: str | None = None
    target_entity: str | None = None
    place_entity: str | None = None
    country: str | None = None
    admin1: str | None = None
    count: int | None = None  # how many projectiles, drones ...
    claimed_by: str | None = None
    negated: bool = False
    date_window: tuple[str, str] | None = None  # when the report only bounds the event's date


@dataclass
class AnalyzedDocument:
    document: Document
    annotation: Annotation
    events: list[Event] = field(default_factory=list)


# ---- stories ----------------------------------------------------------------


@dataclass
class TimelineEntry:
    date: str
    text: str
    documents: list[str]  # doc ids supporting it
    first_outlet: str | None
    event_type: str | None = None


@dataclass
class Discrepancy:
    field: str  # killed | injured | date | place | actor ...
    subject: str
    claims: dict[str, str]  # outlet (or doc id) -> what it says


@dataclass
class Story:
    id: str
    documents: list[str]
    title: str
    span: tuple[str, str] | None
    topic: str | None
    entities: list[str] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    comparison: list[Discrepancy] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)


@dataclass
class Topic:
    id: str
    title: str
    stories: list[str]
