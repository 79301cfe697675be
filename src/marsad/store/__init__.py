"""store: one schema, SQLite by default (PostgreSQL for scale)."""

from marsad.store.sqlite import SQLiteStore, open_store

__all__ = ["SQLiteStore", "open_store"]
