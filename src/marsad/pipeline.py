"""The per-report flow: ingest -> clean -> annotate -> events.

Stories need many reports at once and run after this, over its output.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from marsad.annotate import annotate
from marsad.clean import clean
from marsad.clean.document import CleanError
from marsad.events import extract_events
from marsad.ingest import read_paths
from marsad.records import AnalyzedDocument, IngestFailure, Published, RawDocument


def analyze_raw(raw: RawDocument, published: Published | None = None, outlet: str | None = None) -> AnalyzedDocument:
    doc = clean(raw)
    if published is not None:
        doc = replace(doc, published=published)
    if outlet is not None:
        doc = replace(doc, outlet=outlet)
    annotation = annotate(doc)
    return AnalyzedDocument(doc, annotation, extract_events(doc, annotation))


# A short report that touches what the stages load on first use: names, dates, a quote, an attack
# with its weapons and casualties, a claim, a threat.
_FIRST_USE = RawDocument("marsad:load_models", None, (
    "قال المتحدث باسم الحكومة العراقية حيدر الشمري يوم الثلاثاء 3 آذار 2020 إن هجوماً بثلاثة صواريخ كاتيوشا "
    "استهدف قاعدة عين الأسد غرب بغداد، ما أدى إلى مقتل جنديين وإصابة خمسة آخرين. وأعلنت كتائب حزب الله "
    "مسؤوليتها عن الهجوم، فيما هدد الجيش الأمريكي بالرد. وأضاف: «لن نسمح بتكرار ذلك»."), "text/plain", "utf-8")


def load_models() -> None:
    """Load the models, word lists and compiled rules the stages otherwise load on their first report."""
    analyze_raw(_FIRST_USE)


def analyze_paths(
    paths: Iterable[str | Path], published: Published | None = None, outlet: str | None = None
) -> Iterator[AnalyzedDocument | IngestFailure]:
    """Analyze every report under `paths`; a report that fails is reported, the rest go on."""
    for item in read_paths(paths):
        if isinstance(item, IngestFailure):
            yield item
            continue
        try:
            yield analyze_raw(item, published, outlet)
        except CleanError as exc:
            yield IngestFailure(item.source, str(exc))
        except Exception as exc:  # noqa: BLE001 - one bad report must not sink the batch
            yield IngestFailure(item.source, f"analysis failed: {type(exc).__name__}: {exc}")
