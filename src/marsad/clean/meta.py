"""Headline, publication date and outlet from the lines around the report."""

from __future__ import annotations

import re
from datetime import datetime

from marsad.arabic import digits_to_ascii, normalize
from marsad.records import Published

MONTHS = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6,
    "تموز": 7, "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?")
_DMY_AR = re.compile(
    r"\b(\d{1,2})\s+(" + _MONTH_ALT + r")(?:\s*/\s*(?:" + _MONTH_ALT + r"))?\s+(\d{4})"
    r"(?:\s*[,،]?\s*(?:الساعه\s*)?(\d{1,2}):(\d{2})\s*(ص|م|صباحا|مساء)?)?"
)
_DMY_NUM = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:\s+(\d{1,2}):(\d{2}))?")


def parse_dateline(line: str) -> Published | None:
    """A line that states when the report was published, or None."""
    text = normalize(digits_to_ascii(line))
    m = _ISO.search(text)
    if m:
        y, mo, d, hh, mm, _ss, tz = m.groups()
        if not _valid(int(y), int(mo), int(d)):
            return None
        if hh is None or (hh == "00" and mm == "00"):
            # midnight exactly is how CMSs print a date without a time
            return Published(f"{y}-{mo}-{d}", "day", timezone=_tz(tz))
        return Published(f"{y}-{mo}-{d}T{hh}:{mm}", "minute", timezone=_tz(tz))
    m = _DMY_AR.search(text)
    if m:
        d, month, y, hh, mm, ampm = m.groups()
        mo = MONTHS[month]
        if not _valid(int(y), mo, int(d)):
            return None
        date = f"{int(y):04d}-{mo:02d}-{int(d):02d}"
        if hh is None:
            return Published(date, "day")
        hour = int(hh) % 12 + (12 if ampm and ampm.startswith("م") else 0) if ampm else int(hh)
        return Published(f"{date}T{hour:02d}:{mm}", "minute")
    m = _DMY_NUM.search(text)
    if m:
        d, mo, y, hh, mm = m.groups()
        if not _valid(int(y), int(mo), int(d)):
            return None
        date = f"{y}-{int(mo):02d}-{int(d):02d}"
        return Published(f"{date}T{int(hh):02d}:{mm}", "minute") if hh else Published(date, "day")
    return None


def parse_stated(value: str) -> Published | None:
    """A publication date given by the source (feed, JSONL, HTML meta)."""
    value = value.strip()
    for fmt in ("%a, %d %b %Y %H:%M:%S %z", "%a, %d %b %Y %H:%M:%S %Z"):
        try:
            dt = datetime.strptime(value, fmt)
        except ValueError:
            continue
        tz = dt.strftime("%z")
        return Published(dt.strftime("%Y-%m-%dT%H:%M"), "minute", timezone=f"{tz[:3]}:{tz[3:]}" if tz else None)
    return parse_dateline(value)


def _tz(raw: str | None) -> str | None:
    if not raw:
        return None
    if raw == "z":
        return "+00:00"
    raw = raw.replace(":", "")
    return f"{raw[:3]}:{raw[3:]}"


def _valid(y: int, mo: int, d: int) -> bool:
    try:
        datetime(y, mo, d)
    except ValueError:
        return False
    return 1900 <= y <= 2100


def is_headline(line: str) -> bool:
    """Short, unpunctuated at its end: how headlines look in a page's text."""
    words = line.split()
    return 3 <= len(words) <= 25 and not line.rstrip().endswith((".", "،", ":", "؛"))
