"""WARC archives: every HTML or text response record is a report."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from marsad.ingest import guard
from marsad.ingest.decode import DecodeError, decode
from marsad.records import IngestFailure, RawDocument


def read(path: Path) -> Iterator[RawDocument | IngestFailure]:
    n = 0
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in ctype and "text/plain" not in ctype:
                    continue
                n += 1
                url = record.rec_headers.get_header("WARC-Target-URI")
                where = url or f"{path}#{n}"
                charset = ctype.split("charset=")[-1].split(";")[0].strip() if "charset=" in ctype else None
                data = record.content_stream().read()
                try:
                    text, encoding = decode(data, charset)
                except DecodeError as exc:
                    yield IngestFailure(where, str(exc))
                    continue
                if "html" in ctype and guard.declares_entities(data):
                    yield IngestFailure(where, f"page {guard.REASON}")
                    continue
                yield RawDocument(
                    source=where,
                    name=None,
                    content=text,
                    media_type="text/html" if "html" in ctype else "text/plain",
                    encoding=encoding,
                    url=url,
                )
    except (ArchiveLoadFailed, OSError, EOFError) as exc:
        yield IngestFailure(str(path), f"not a readable WARC archive: {exc}")
        return
    if n == 0:
        yield IngestFailure(str(path), "WARC archive holds no HTML or text responses")
