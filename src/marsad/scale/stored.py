"""Analyzed batches into a store, placed in its stories: what ingest and run do with each batch."""

from __future__ import annotations

from marsad.contract import analyzed_from_json
from marsad.records import AnalyzedDocument


def load_engine(store):
    """The store's stories engine, with any report stored but not yet placed (a run stopped between) placed."""
    from marsad.store.stories_state import load_engine as load

    engine = load(store)
    unplaced = [analyzed_from_json(a) for a in store.unplaced_analyses()]
    for i in range(0, len(unplaced), 500):
        place(store, engine, unplaced[i:i + 500])
    return engine


def store_batch(store, engine, batch: list[AnalyzedDocument], keys: list[str] | None = None) -> int:
    """Store a batch (undated reports' windows narrowed by the batch's related reports), then place it.

    Without an engine (stories skipped) the reports stay unplaced until the next load_engine."""
    from marsad.stories import refine_windows

    if engine is None:
        return store.add_documents(batch, keys)
    batch = refine_windows(batch, engine.vocab)
    added = store.add_documents(batch, keys)
    place(store, engine, batch)
    return added


def place(store, engine, batch: list[AnalyzedDocument]) -> None:
    """Place a batch's reports in the stored stories and save the state."""
    from marsad.stories import arrival_order
    from marsad.store.stories_state import save_engine

    for a in arrival_order(batch):
        engine.add(a)
    save_engine(store, engine, batch)
