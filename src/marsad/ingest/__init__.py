"""ingest: sources to RawDocuments.

Reads files, folders, RSS/Atom feeds, JSON Lines and WARC archives. A source
that cannot be read yields an IngestFailure naming it and the reason; the rest
of the batch goes on.
"""

from marsad.ingest.readers import read_paths, read_source

__all__ = ["read_paths", "read_source"]
