"""WARC archives: every HTML response record is a report."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from marsad.ingest.decode import DecodeError, decode
from marsad.records import IngestFailure, RawDocument


def read(path: Path) -> Iterator[RawDocument | IngestFailure]:
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = record.http_headers.get_header("Content-Type") or ""
                if "html" not in ctype and "text" not in ctype:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                charset = ctype.split("charset=")[-1].strip() if "charset=" in ctype else None
                try:
                    text, encoding = decode(record.content_stream().read(), charset)
                except DecodeError as exc:
                    yield IngestFailure(url or str(path), str(exc))
                    continue
                yield RawDocument(
                    source=url or str(path),
                    name=None,
                    content=text,
                    media_type="text/html" if "html" in ctype else "text/plain",
                    encoding=encoding,
                    url=url,
                )
    except ArchiveLoadFailed as exc:
        yield IngestFailure(str(path), f"not a readable WARC archive: {exc}")
