"""Specs to TIMEX3 values against an anchor (the publication date).

Rules for what a year-less date means (documented in docs/dates.md):
- "X الماضي" is the latest X strictly before the anchor, "X المقبل/القادم"
  the first strictly after, "الجاري/الحالي" the anchor's own.
- Without such a word, the tense of the clause decides: a past cue (قال،
  أعلن، كان ...) takes the latest X on or before the anchor, a future cue
  (سوف، المقرر، بحلول، حتى ...) the first on or after; with no cue a month
  is taken in the anchor's year and a weekday as the next one (Duckling's
  convention for a phrase on its own).
- Without an anchor, values keep X for what is unknown (XXXX-07-30).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from marsad.dates import calendar as C
from marsad.dates.spec import Spec

Resolved = tuple[str, str, str | None]  # type, value, modifier


def resolve(spec: Spec, anchor: datetime | None, tense: str | None = None) -> Resolved | None:
    tense = spec.tense or tense
    handler = _KINDS.get(spec.kind)
    try:
        return handler(spec, anchor, tense) if handler else None
    except (ValueError, OverflowError):
        return None  # off the calendar ("قبل 2500 عام" before year 1)


def _mod(spec: Spec) -> str | None:
    return spec.mod or ("APPROX" if spec.approx else None)


def _fmt(d: date) -> str:
    return d.isoformat()


def _month_value(y: int | None, m: int) -> str:
    return f"{y:04d}-{m:02d}" if y is not None else f"XXXX-{m:02d}"


def _pick_year(spec: Spec, anchor: date, day: int | None, tense: str | None) -> int:
    """The year of a year-less month (and day) said relative to the anchor."""
    m = spec.month
    key = (m, day or 0)
    now = (anchor.month, anchor.day if day else 0)
    rel = spec.rel
    if rel == -1:
        return anchor.year if key < now else anchor.year - 1
    if rel == 1:
        return anchor.year if key > now else anchor.year + 1
    if rel == 0:
        return anchor.year
    if tense == "past":
        return anchor.year if key <= now else anchor.year - 1
    if tense == "future":
        return anchor.year if key >= now else anchor.year + 1
    return anchor.year


def _date(spec: Spec, anchor: datetime | None, tense: str | None) -> Resolved | None:
    if spec.hijri:
        return _hijri(spec, anchor)
    y = spec.year
    m = spec.month
    if spec.year_rel is not None:
        if anchor is None:
            return None
        y = anchor.year + spec.year_rel
    if m is None:  # "العشرين من الشهر الجاري"
        if anchor is None:
            return None
        first = C.add_months(anchor.date().replace(day=1), spec.month_rel or 0)
        y, m = first.year, first.month
    if y is None and anchor is not None:
        y = _pick_year(spec, anchor.date(), spec.day, tense)
        if spec.day and spec.weekday is not None:
            for cand in (y, y + 1, y - 1):
                if _valid(cand, m, spec.day) and date(cand, m, spec.day).weekday() == spec.weekday:
                    y = cand
                    break
    if spec.day is None:
        return "DATE", _month_value(y, m), _mod(spec)
    if y is None:
        return "DATE", f"XXXX-{m:02d}-{spec.day:02d}", _mod(spec)
    if not _valid(y, m, spec.day):
        return None
    return "DATE", f"{y:04d}-{m:02d}-{spec.day:02d}", _mod(spec)


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _hijri(spec: Spec, anchor: datetime | None) -> Resolved | None:
    y = spec.year
    if y is None:
        if anchor is None:
            return None
        y = C.hijri_year_of(anchor.date())
    if spec.day:
        g = C.hijri_to_gregorian(y, spec.month, spec.day)
        return ("DATE", _fmt(g), None) if g else None
    first, last = C.hijri_to_gregorian(y, spec.month), C.hijri_month_end(y, spec.month)
    return ("DATE", f"{_fmt(first)}/{_fmt(last)}", None) if first and last else None


def _year(spec: Spec, anchor, tense) -> Resolved | None:
    y = spec.year
    if spec.hijri:
        g = C.hijri_to_gregorian(y, 1)
        if g is None:
            return None
        y = g.year
    if spec.mod == "END":
        return "DATE", f"{y:04d}-12", "END"
    if spec.mod == "START":
        return "DATE", f"{y:04d}-01", "START"
    return "DATE", f"{y:04d}", spec.mod


def _weekday(spec: Spec, anchor: datetime | None, tense: str | None) -> Resolved | None:
    wd = spec.weekday
    pod = f"T{spec.pod}" if spec.pod else ""
    if anchor is None:
        return ("TIME" if pod else "DATE"), f"XXXX-WXX-{wd + 1}{pod}", _mod(spec)
    a = anchor.date()
    if spec.days == 0:
        d = a
    elif spec.nth is not None:
        d = C.nth_weekday(a.year, a.month, wd, spec.nth)
    elif spec.day is not None:
        first = C.add_months(a.replace(day=1), spec.month_rel or 0)
        if not _valid(first.year, first.month, spec.day):
            return None
        d = date(first.year, first.month, spec.day)
    elif spec.week_rel is not None:
        monday = a - timedelta(days=a.weekday()) + timedelta(weeks=spec.week_rel)
        d = monday + timedelta(days=wd)
    elif spec.rel == -1 or (spec.rel is None and tense == "past"):
        back = (a.weekday() - wd) % 7
        d = a - timedelta(days=back or (7 if spec.rel == -1 else 0))
    elif spec.rel == 0:
        d = a - timedelta(days=a.weekday()) + timedelta(days=wd)
    else:
        d = a + timedelta(days=(wd - a.weekday()) % 7 or (7 if spec.rel == 1 else 0))
    if d is None:
        return None
    return ("TIME" if pod else "DATE"), _fmt(d) + pod, _mod(spec)


def _relday(spec: Spec, anchor: datetime | None, tense) -> Resolved | None:
    pod = f"T{spec.pod}" if spec.pod else ""
    if anchor is None:
        return None
    return ("TIME" if pod else "DATE"), _fmt(anchor.date() + timedelta(days=spec.days)) + pod, None


def _period(spec: Spec, anchor: datetime | None, tense) -> Resolved | None:
    if anchor is None:
        return None
    a = anchor.date()
    if spec.unit == "W":
        return "DATE", C.iso_week(a + timedelta(weeks=spec.rel)), spec.mod
    if spec.unit == "M":
        d = C.add_months(a.replace(day=1), spec.rel)
        return "DATE", f"{d.year:04d}-{d.month:02d}", spec.mod
    y = a.year + spec.rel
    if spec.mod == "END":
        return "DATE", f"{y:04d}-12", "END"
    if spec.mod == "START":
        return "DATE", f"{y:04d}-01", "START"
    return "DATE", f"{y:04d}", spec.mod


def _period_run(spec: Spec, anchor: datetime | None, tense) -> Resolved | None:
    """"الأسابيع الثلاثة المقبلة": the n whole units after (or before) the anchor's own."""
    if anchor is None:
        return None
    n = spec.amounts[0][0]
    a = anchor.date()
    if spec.unit == "W":
        monday = a - timedelta(days=a.weekday())
        first, last = (monday + timedelta(weeks=1), monday + timedelta(weeks=n)) if spec.rel > 0 else \
            (monday - timedelta(weeks=n), monday - timedelta(weeks=1))
        return "DATE", f"{C.iso_week(first)}/{C.iso_week(last)}", None
    if spec.unit == "M":
        m0 = a.replace(day=1)
        first, last = (C.add_months(m0, 1), C.add_months(m0, n)) if spec.rel > 0 else \
            (C.add_months(m0, -n), C.add_months(m0, -1))
        return "DATE", f"{first:%Y-%m}/{last:%Y-%m}", None
    if spec.unit == "Y":
        first, last = (a.year + 1, a.year + n) if spec.rel > 0 else (a.year - n, a.year - 1)
        return "DATE", f"{first}/{last}", None
    first, last = (a + timedelta(days=1), a + timedelta(days=n)) if spec.rel > 0 else \
        (a - timedelta(days=n), a - timedelta(days=1))
    return "DATE", f"{first}/{last}", None


_YEARS = {"Y": 1, "DEC": 10, "CENT": 100}
_CLOCK = {"H": "hours", "MIN": "minutes", "S": "seconds"}


def _shift(a: datetime, amounts, sign: int) -> tuple[datetime, bool]:
    """Anchor moved by the amounts; True when the result needs a clock time."""
    clock = False
    for n, unit in amounts:
        n *= sign
        if unit in _CLOCK:
            a, clock = a + timedelta(**{_CLOCK[unit]: n}), True
        elif unit in ("D", "W"):
            a += timedelta(days=n * (7 if unit == "W" else 1))
        elif not float(n).is_integer():  # "نصف عام": whole months or days are as precise as it gets
            a += timedelta(days=round(n * (30.44 if unit == "M" else 365.25 * _YEARS[unit])))
        elif unit == "M":
            a = datetime.combine(C.add_months(a.date(), int(n)), a.time())
        else:
            a = datetime.combine(C.add_years(a.date(), int(n) * _YEARS[unit]), a.time())
    return a, clock


def _offset(spec: Spec, anchor: datetime | None, tense) -> Resolved | None:
    if anchor is None:
        return None
    sign = spec.direction or (1 if tense == "future" else -1)
    d, clock = _shift(anchor, spec.amounts, sign)
    if clock:
        return "TIME", d.strftime("%Y-%m-%dT%H:%M"), _mod(spec)
    return "DATE", _fmt(d.date()), _mod(spec)


_DATE_UNITS = (("CENT", "CE"), ("DEC", "DE"), ("Y", "Y"), ("M", "M"), ("W", "W"), ("D", "D"))
_TIME_UNITS = (("H", "H"), ("MIN", "M"), ("S", "S"))


def _number(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _duration(spec: Spec, anchor, tense) -> Resolved:
    total: dict[str, float] = {}
    for n, unit in spec.amounts:
        total[unit] = total.get(unit, 0) + n
    date_part = "".join(f"{_number(total[u])}{code}" for u, code in _DATE_UNITS if u in total)
    time_part = "".join(f"{_number(total[u])}{code}" for u, code in _TIME_UNITS if u in total)
    return "DURATION", "P" + date_part + (f"T{time_part}" if time_part else ""), _mod(spec)


def _clock(spec: Spec, anchor: datetime | None) -> str:
    h = spec.hour
    if spec.part:
        offset, _default = spec.part
        if offset == 12 and h < 12:
            h += 12
    elif anchor is not None and h < 12 and (h, spec.minute) < (anchor.hour, anchor.minute):
        h += 12  # the next time the clock shows it (Duckling's convention)
    text = f"{h % 24:02d}:{spec.minute:02d}"
    return text + (f":{spec.second:02d}" if spec.second is not None else "")


def _time(spec: Spec, anchor: datetime | None, tense) -> Resolved:
    day = _fmt(anchor.date()) if anchor is not None else "XXXX-XX-XX"
    return "TIME", f"{day}T{_clock(spec, anchor)}", _mod(spec)


def _datetime(spec: Spec, anchor: datetime | None, tense) -> Resolved | None:
    day = resolve(spec.begin, anchor, tense)
    if day is None:
        return None
    return "TIME", f"{day[1][:10]}T{_clock(spec.end_spec, None)}", day[2]


def _range(spec: Spec, anchor: datetime | None, tense) -> Resolved | None:
    first, last = resolve(spec.begin, anchor, tense), resolve(spec.end_spec, anchor, tense)
    if first is None or last is None:
        return None
    return first[0], f"{first[1]}/{last[1]}", None


def _holiday(spec: Spec, anchor: datetime | None, tense) -> Resolved | None:
    y = spec.year or (anchor.year if anchor is not None else None)
    if y is None:
        return None
    name = spec.value
    fixed = {"CHRISTMAS": (12, 25), "NEW_YEAR": (1, 1)}
    if name in fixed:
        return "DATE", f"{y:04d}-{fixed[name][0]:02d}-{fixed[name][1]:02d}", None
    if name == "EASTER":
        return "DATE", _fmt(C.easter(y)), None
    month, day = {"FITR": (10, 1), "ADHA": (12, 10), "HIJRI_NEW_YEAR": (1, 1), "RAMADAN": (9, 1)}[name]
    g = C.hijri_in_year(y, month, day)
    if g is None:
        return None
    if name == "RAMADAN":
        end = C.hijri_month_end(C.hijri_year_of(g), 9)
        return "DATE", f"{_fmt(g)}/{_fmt(end)}", None
    return "DATE", _fmt(g), None


def _fixed(spec: Spec, anchor, tense) -> Resolved:
    return ("SET" if spec.kind == "set" else "DATE"), spec.value, None


def _decade(spec: Spec, anchor: datetime | None, tense) -> Resolved:
    dec = int(spec.value)
    year = anchor.year if anchor is not None else 1999
    if spec.year == -1:
        century = year // 100 - 1
    elif spec.year:
        century = spec.year
    else:
        century = year // 100 if (year // 100) * 100 + dec * 10 <= year else year // 100 - 1
    return "DATE", f"{century}{dec}", None


def _century(spec: Spec, anchor: datetime | None, tense) -> Resolved | None:
    if spec.value:
        return "DATE", spec.value, None
    if anchor is None:
        return None
    return "DATE", f"{anchor.year // 100 + spec.rel:02d}", None


def _quarter(spec: Spec, anchor: datetime | None, tense) -> Resolved | None:
    """"الربع الثالث من عام 2016" = 2016-Q3; "النصف الأول من العام الجاري" = 2024-H1."""
    y = spec.year
    if y is None:
        if anchor is None:
            return None
        y = anchor.year + (spec.year_rel or 0)
    return "DATE", f"{y:04d}-{spec.unit}{spec.nth}", None


def _month_of_spec(spec: Spec, anchor: datetime | None) -> tuple[int, int] | None:
    if spec.month:
        y = spec.year
        if spec.year_rel is not None:
            y = anchor.year + spec.year_rel if anchor is not None else None
        if y is None:
            y = anchor.year if anchor is not None else None
        return (y, spec.month) if y is not None else None
    if anchor is None:
        return None
    d = C.add_months(anchor.date().replace(day=1), spec.month_rel or 0)
    return d.year, d.month


def _nth_weekday(spec: Spec, anchor, tense) -> Resolved | None:
    ym = _month_of_spec(spec, anchor)
    d = C.nth_weekday(*ym, spec.weekday, spec.nth) if ym else None
    return ("DATE", _fmt(d), None) if d else None


def _nth_week(spec: Spec, anchor, tense) -> Resolved | None:
    ym = _month_of_spec(spec, anchor)
    d = C.nth_week(*ym, spec.nth) if ym else None
    return ("DATE", C.iso_week(d), None) if d else None


def _nth_day(spec: Spec, anchor, tense) -> Resolved | None:
    ym = _month_of_spec(spec, anchor)
    if not ym:
        return None
    d = C.month_end(*ym) if spec.nth == -1 else date(ym[0], ym[1], spec.nth)
    return "DATE", _fmt(d), None


_KINDS = {
    "date": _date, "year": _year, "weekday": _weekday, "relday": _relday, "period": _period,
    "offset": _offset, "duration": _duration, "time": _time, "datetime": _datetime, "range": _range,
    "period_run": _period_run, "quarter": _quarter, "holiday": _holiday, "present": _fixed, "set": _fixed,
    "decade": _decade,
    "century": _century,
    "nth_weekday": _nth_weekday, "nth_week": _nth_week, "nth_day": _nth_day,
}
