"""Bytes to text for Arabic news files, never guessing silently.

Order: byte-order marks, known binary formats, BOM-less UTF-16, strict UTF-8,
then the declared charset and the two Arabic single-byte code pages, scored by
how Arabic the result reads. Anything else is an error that names the reason.
"""

from __future__ import annotations

import codecs
import re

from marsad.arabic import normalize


class DecodeError(ValueError):
    pass


# Function words and the article: text decoded with the wrong Arabic code
# page keeps its letter count but loses these.
_COMMON = {"في", "من", "علي", "الي", "ان", "عن", "مع", "التي", "الذي", "هذا", "هذه", "كان", "قال", "بين", "او", "ما", "لا", "وقال"}
_WORD = re.compile(r"[\u0621-\u064a]+")
_MIN_SCORE = 0.15

# Signatures of files that are not text, however they are named.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


def _arabic_score(text: str) -> float:
    words = _WORD.findall(text[:20000])
    if not words:
        return 0.0
    hits = 0
    for w in words:
        n = normalize(w)
        if n in _COMMON or n.startswith(("ال", "وال", "بال")):
            hits += 1
    return hits / len(words)


def _controls(text: str) -> float:
    sample = text[:4096]
    bad = sum(1 for c in sample if c < "\t" or "\r" < c < " ")
    return bad / max(1, len(sample))


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls / max(1, len(sample)) > 0.05


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    sample = data[:2000]
    if len(sample) < 4 or len(data) % 2:
        return None
    half = len(sample) / 2
    # Text in UTF-16 has one high byte per character that is mostly NUL
    # (ASCII) or 0x06 (Arabic, U+06xx).
    for enc, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if (high.count(0) + high.count(6)) / half > 0.6:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                return None
            return (text, enc) if _controls(text) < 0.01 else None
    return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding). Raise DecodeError naming the reason.

    `declared` is what the source says (HTTP or HTML charset). Pages often
    declare a wrong one, so it is used only when the bytes are not UTF-8 and
    neither Arabic code page reads as Arabic.
    """
    if not data.strip():
        raise DecodeError("empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", "utf-8-sig")
    if data.startswith(b"\xff\xfe"):
        return _strict(data[2:], "utf-16-le", "utf-16-le")
    if data.startswith(b"\xfe\xff"):
        return _strict(data[2:], "utf-16-be", "utf-16-be")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DecodeError(f"binary file, not text: {what}")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise DecodeError("binary file, not text (control bytes in the first 4 KiB)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    scored = []
    for enc in ("cp1256", "iso-8859-6"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        scored.append((_arabic_score(text), enc, text))
    if scored:
        score, enc, text = max(scored, key=lambda s: s[0])
        if score >= _MIN_SCORE:
            return text, enc
    declared = _codec(declared)
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    raise DecodeError(
        f"cannot decode: not UTF-8 ({utf8_error}) nor UTF-16, and reads as neither "
        "Windows-1256 nor ISO-8859-6 Arabic"
    )


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name.replace("_", "-")
    except LookupError:
        return None


def _strict(data: bytes, codec: str, name: str) -> tuple[str, str]:
    try:
        return data.decode(codec), name
    except UnicodeDecodeError as exc:
        raise DecodeError(f"invalid {name}: byte 0x{data[exc.start]:02x} at offset {exc.start} ({exc.reason})") from exc
