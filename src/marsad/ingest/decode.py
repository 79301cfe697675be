"""Bytes to text for Arabic news files, never guessing silently.

Order: byte-order marks, strict UTF-8, BOM-less UTF-16, then the two Arabic
single-byte code pages scored by how Arabic the result reads. Anything else is
an error that names the reason.
"""

from __future__ import annotations

import re

from marsad.arabic import normalize


class DecodeError(ValueError):
    pass


# Function words and the article: decoded with the wrong Arabic code page,
# text keeps its letters' count but loses these.
_COMMON = {"في", "من", "علي", "الي", "ان", "عن", "مع", "التي", "الذي", "هذا", "هذه", "كان", "قال", "بين", "او", "ما", "لا", "وقال"}
_WORD = re.compile(r"[\u0621-\u064a]+")


def _arabic_score(text: str) -> float:
    words = _WORD.findall(text)
    if not words:
        return 0.0
    hits = 0
    for w in words:
        n = normalize(w)
        if n in _COMMON or n.startswith(("ال", "وال", "بال")):
            hits += 1
    return hits / len(words)


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls / max(1, len(sample)) > 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:2000]
    if len(sample) < 4 or len(data) % 2:
        return None
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    # ASCII-range text in UTF-16 puts a NUL in every other byte; Arabic
    # (U+06xx) puts 0x06 there instead.
    even_06 = sample[0::2].count(6) / (len(sample) / 2)
    odd_06 = sample[1::2].count(6) / (len(sample) / 2)
    for enc, hi in (("utf-16-le", odd_nul + odd_06), ("utf-16-be", even_nul + even_06)):
        if hi > 0.6:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding). Raise DecodeError naming the reason."""
    if not data.strip():
        raise DecodeError("empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", "utf-16")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, "utf-16"
    if _looks_binary(data):
        raise DecodeError("binary content, not text (control bytes in the first 4 KiB)")
    if declared:
        try:
            return data.decode(declared), declared.lower()
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong declaration is common; fall through to detection
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[float, str, str] | None = None
    for enc in ("cp1256", "iso-8859-6"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = _arabic_score(text)
        if best is None or score > best[0]:
            best = (score, text, enc)
    if best is None or best[0] < 0.15:
        raise DecodeError(
            "cannot decode: not valid UTF-8 or UTF-16, and reads as neither "
            "Windows-1256 nor ISO-8859-6 Arabic"
        )
    return best[1], best[2]


def _strict(data: bytes, codec: str, name: str) -> tuple[str, str]:
    try:
        return data.decode(codec), name
    except UnicodeDecodeError as exc:
        raise DecodeError(f"invalid {name} at byte {exc.start}: {exc.reason}") from exc
