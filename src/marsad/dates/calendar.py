"""Calendar arithmetic: months, ISO weeks, nth weekdays, Hijri and Easter."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hijridate import Gregorian, Hijri


def add_months(d: date, n: int) -> date:
    total = d.year * 12 + d.month - 1 + n
    y, m = divmod(total, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def add_years(d: date, n: int) -> date:
    y = d.year + n
    return date(y, d.month, min(d.day, calendar.monthrange(y, d.month)[1]))


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def nth_weekday(y: int, m: int, weekday: int, nth: int) -> date | None:
    """The nth (1-based; -1 = last) given weekday of a month."""
    if nth == -1:
        d = month_end(y, m)
        return d - timedelta(days=(d.weekday() - weekday) % 7)
    first = date(y, m, 1)
    d = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    return d if d.month == m else None


def nth_week(y: int, m: int, nth: int) -> date | None:
    """Monday of the nth full week of a month (-1: the last one inside it)."""
    if nth == -1:
        d = nth_weekday(y, m, 0, -1)
        return d - timedelta(days=7) if d + timedelta(days=6) > month_end(y, m) else d
    return nth_weekday(y, m, 0, nth)


def hijri_to_gregorian(y: int, m: int, d: int = 1) -> date | None:
    """Umm al-Qura calendar (hijridate); None outside its range (1343–1500 AH)."""
    try:
        return Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        return None


def hijri_month_end(y: int, m: int) -> date | None:
    try:
        h = Hijri(y, m, 1)
        return h.to_gregorian() + timedelta(days=h.month_length() - 1)
    except (ValueError, OverflowError):
        return None


def hijri_year_of(d: date) -> int | None:
    try:
        return Gregorian(d.year, d.month, d.day).to_hijri().year
    except (ValueError, OverflowError):
        return None


def hijri_in_year(gregorian_year: int, m: int, d: int = 1) -> date | None:
    """The Gregorian date of Hijri month/day that falls in a Gregorian year."""
    h = hijri_year_of(date(gregorian_year, 1, 1))
    if h is None:
        return None
    for year in (h, h + 1):
        g = hijri_to_gregorian(year, m, d)
        if g is not None and g.year == gregorian_year:
            return g
    return None


def easter(y: int) -> date:
    """Western Easter (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(y, month, day + 1)
