"""Publication date lines and headline shape.

`parse_stated` reads a date a source gives (feed, JSONL field, HTML meta);
`parse_dateline` reads a line of the page that states when the report was
published, and accepts only a line that is nothing but that (a date, a time,
a zone, a weekday, "المصدر: ..."), so a report sentence with a date in it is
never taken for a dateline.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from marsad.arabic import digits_to_ascii, normalize
from marsad.records import Published

MONTHS = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "كانون الثاني": 1, "كانون ثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6,
    "تموز": 7, "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين اول": 10, "تشرين الثاني": 11,
    "تشرين ثاني": 11, "كانون الاول": 12, "كانون اول": 12,
    "جانفي": 1, "فيفري": 2, "افريل": 4, "ماي": 5, "جوان": 6, "جويليه": 7, "اوت": 8,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))

# Zones with no daylight saving, as Arabic pages name them.
_ZONES = {
    "غرينتش": "+00:00", "جرينتش": "+00:00", "gmt": "+00:00", "utc": "+00:00",
    "مكه المكرمه": "+03:00", "مكه": "+03:00", "الرياض": "+03:00", "السعوديه": "+03:00",
    "بغداد": "+03:00", "العراق": "+03:00", "الكويت": "+03:00", "الدوحه": "+03:00", "قطر": "+03:00",
    "ابوظبي": "+04:00", "ابو ظبي": "+04:00", "الامارات": "+04:00", "دبي": "+04:00", "مسقط": "+04:00",
}
_ZONE_ALT = "|".join(sorted(_ZONES, key=len, reverse=True))

_ISO = re.compile(
    r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[ t](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(z|[+-]\d{2}:?\d{2})?(?!\d)"
)
_DMY_AR = re.compile(
    r"(?<!\d)(\d{1,2})\s*(?:من\s+)?(?:شهر\s+)?(" + _MONTH_ALT + r")(?:\s*[/(-]\s*(?:" + _MONTH_ALT + r")\)?)?"
    r"\s*,?\s*(?:سنه|عام)?\s*(\d{4})(?!\d)"
)
_DMY_NUM = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_TIME = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?::\d{2})?\s*(ص|م|صباحا|مساء|am|pm|a\.m\.|p\.m\.)?(?![\d:])")
_ZONE = re.compile(
    r"(?:بتوقيت\s+(" + _ZONE_ALT + r")|\b(gmt|utc)\s*([+-]\d{1,2}(?::?\d{2})?)?|(?<![\d:])([+-]\d{2}:?\d{2})(?!\d))"
)
# What else a dateline may say.
_DATELINE_WORDS = re.compile(
    r"\b(نشر(ت)? (في|بتاريخ)|تاريخ النشر|اخر تحديث|تم التحديث|تحديث|محدث|نشر|"
    r"الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت|"
    r"يوم|الساعه|الموافق|في|بتوقيت|توقيت|منذ|ص|م)\b"
)
_YEAR_MONTH = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
_SOURCE = re.compile(r"المصدر\s*[:：]\s*(.+)$")


def parse_dateline(line: str) -> Published | None:
    """The publication date a line states, when the line is only a dateline."""
    text = normalize(digits_to_ascii(line))
    found = _find(text)
    if found is None:
        return None
    published, spans = found
    rest = text
    for start, end in sorted(spans, reverse=True):
        rest = rest[:start] + " " + rest[end:]
    rest = _SOURCE.sub(" ", rest)
    leftover = [w for w in re.findall(r"\w+", _DATELINE_WORDS.sub(" ", rest)) if not w.isdigit()]
    # a city before the date ("بغداد - 22 اغسطس 2024") is still a dateline
    return published if len(leftover) <= 2 else None


def source_named(line: str) -> str | None:
    """What a dateline or footer says after "المصدر:"."""
    m = _SOURCE.search(line)
    return m.group(1).strip(" .") if m else None


def parse_stated(value: str) -> Published | None:
    """A publication date given by the source (feed, JSONL, HTML meta)."""
    value = value.strip()
    if not value:
        return None
    try:
        dt = _feed_date(value)  # RFC 2822, as feeds write dates
    except (TypeError, ValueError, IndexError):
        dt = None
    if dt is None:
        try:
            dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            dt = None
    if dt is not None and _valid(dt.year, dt.month, dt.day):
        tz = _offset(dt.utcoffset()) if dt.tzinfo else None
        if (dt.hour, dt.minute) == (0, 0):
            # midnight exactly is how CMSs print a date without a time
            return Published(dt.strftime("%Y-%m-%d"), "day", timezone=tz)
        return Published(dt.strftime("%Y-%m-%dT%H:%M"), "minute", timezone=tz)
    text = normalize(digits_to_ascii(value))
    partial = _YEAR_MONTH.match(text)
    if partial:
        y, mo = partial.groups()
        if mo is None:
            return Published(y, "year") if _valid(int(y), 1, 1) else None
        return Published(f"{y}-{mo}", "month") if _valid(int(y), int(mo), 1) else None
    found = _find(text)
    return found[0] if found else None


_FEED_MONTHS = {m: n for n, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
_FEED_DATE = re.compile(  # a four-digit year in full: parsedate reads 0018 as 2018
    r"(?:[A-Z][a-z]{2}, )?(\d{1,2}) ([A-Z][a-z]{2}) ((?:19|20)\d\d) (\d{2}):(\d{2}):(\d{2}) (?:\+(\d{2})(\d{2})|GMT)",
    re.ASCII,
)


def _feed_date(value: str) -> datetime:
    """`parsedate_to_datetime`, read directly when the date is written as most feeds write it."""
    m = _FEED_DATE.fullmatch(value)  # "Sun, 18 Feb 2018 21:35:43 +0400" or "... GMT"
    month = _FEED_MONTHS.get(m[2]) if m else None
    if month is None:
        return parsedate_to_datetime(value)
    d, y, hh, mm, ss = map(int, m.group(1, 3, 4, 5, 6))
    offset = timedelta(hours=int(m[7]), minutes=int(m[8])) if m[7] else timedelta(0)  # GMT
    return datetime(y, month, d, hh, mm, ss, tzinfo=timezone(offset))


def _find(text: str) -> tuple[Published, list[tuple[int, int]]] | None:
    """The first date in a normalized line, with its time and zone when given."""
    m = _ISO.search(text)
    if m:
        y, mo, d, hh, mm, _ss, tz = m.groups()
        if not _valid(int(y), int(mo), int(d)):
            return None
        spans = [m.span()]
        tz = _zone(tz) if tz else None
        if tz is None:
            tz, zspan = _zone_in(text, m.end())
            spans += zspan
        date = f"{y}-{mo}-{d}"
        if hh is None or (hh, mm) == ("00", "00") or int(hh) > 23 or int(mm) > 59:
            return Published(date, "day", timezone=tz), spans
        return Published(f"{date}T{hh}:{mm}", "minute", timezone=tz), spans
    m = _DMY_AR.search(text)
    if m:
        d, month, y = m.groups()
        date = (int(y), MONTHS[month], int(d))
    else:
        m = _DMY_NUM.search(text)
        if not m:
            return None
        d, mo, y = m.groups()
        date = (int(y), int(mo), int(d))
    if not _valid(*date):
        return None
    iso = f"{date[0]:04d}-{date[1]:02d}-{date[2]:02d}"
    spans = [m.span()]
    t = _TIME.search(text)
    if t is None:
        return Published(iso, "day"), spans
    spans.append(t.span())
    hh, mm, ampm = int(t.group(1)), t.group(2), t.group(3)
    if ampm:
        pm = ampm.startswith(("م", "p"))
        hh = hh % 12 + (12 if pm else 0)
    if hh > 23 or int(mm) > 59:
        return Published(iso, "day"), spans[:1]
    tz, zspan = _zone_in(text, 0)
    return Published(f"{iso}T{hh:02d}:{mm}", "minute", timezone=tz), spans + zspan


def _zone_in(text: str, pos: int) -> tuple[str | None, list[tuple[int, int]]]:
    z = _ZONE.search(text, pos)
    if z is None:
        return None, []
    named, gmt, gmt_offset, offset = z.groups()
    if named:
        return _ZONES[named], [z.span()]
    if gmt:
        return (_zone(gmt_offset) if gmt_offset else "+00:00"), [z.span()]
    return _zone(offset), [z.span()]


def _zone(raw: str) -> str:
    if raw.lower() == "z":
        return "+00:00"
    sign, digits = raw[0], raw[1:].replace(":", "")
    hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "00")
    return f"{sign}{int(hours):02d}:{minutes}"


def _offset(delta: timedelta | None) -> str | None:
    if delta is None:
        return None
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _valid(y: int, mo: int, d: int) -> bool:
    try:
        datetime(y, mo, d)
    except ValueError:
        return False
    return 1900 <= y <= 2100


_END_QUOTES = " \t\"'”“»«)]("


def is_headline(line: str) -> bool:
    """Short, unpunctuated at its end: how headlines look in a page's text."""
    # the end first: most report paragraphs end in a full stop, and then are not split at all
    unpunctuated = not line.rstrip(_END_QUOTES).endswith((".", "،", ":", "؛", "!", "…"))
    return unpunctuated and 2 <= len(line.split(maxsplit=25)) <= 25
