"""Matches to Specs: read the parts of a match; None rejects it."""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.dates import lexicon as L
from marsad.dates.numbers import NUMBER_WORD, value
from marsad.dates.patterns import DECIMAL, MEDIA, PARTS_POD, RELDAY_VALUE, SETS, UNITW
from marsad.dates.spec import Spec



def _month_of(text: str) -> int | None:
    text = text.strip()
    for name in sorted(L.MONTHS, key=len, reverse=True):
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            return L.MONTHS[name]
    m = re.search(rf"(?:شهر|الشهر)\s+(\d{{1,2}}|{NUMBER_WORD}(?:\s+عشر)?)", text)
    if m:
        n = value(m.group(1))
        return n if n and 1 <= n <= 12 else None
    return None


@lru_cache(maxsize=4096)
def _month_cached(text: str) -> int | None:
    return _month_of(text)


def _ambiguous_month(text: str) -> bool:
    return text.strip() in L.AMBIGUOUS_MONTHS


def _year(m: re.Match) -> tuple[int | None, int | None, bool]:
    """(year, year_rel, ok) from the YEARX groups of a match."""
    gd = m.groupdict()
    raw = gd.get("year") or gd.get("year2")
    if raw:
        y = value(raw)
        if y is None or not (100 <= y <= 2200):
            return None, None, False
        if y < 1000 and not raw.isdigit():
            return None, None, False
        return y, None, True
    if gd.get("yrel"):
        return None, L.RELATIVE[gd["yrel"].split()[-1]], True
    return None, None, True


def _day(raw: str | None) -> int | None:
    if raw is None:
        return None
    d = value(raw)
    return d if d and 1 <= d <= 31 else None


def _split_day_year(raw: str) -> tuple[int | None, int | None]:
    """"الحادي والعشرين ألفان وثمانية عشر" → (21, 2018): a day runs until a thousand."""
    if raw.isdigit():
        return int(raw), None
    words = raw.split()
    for i, w in enumerate(words):
        if w.lstrip("و") in ("الف", "الفين", "الفان") or w in ("الف", "الفين", "الفان"):
            return value(" ".join(words[:i])), value(" ".join(words[i:]))
    return value(raw), None


def _h_dmy(m, s):
    if m["wd"] and not m["day"].isdigit() and (value(m["day"]) or 0) <= 5:
        return None  # "الثلاثاء الثالث من ايلول": the third Tuesday, not the 3rd
    day, month = _day(m["day"]), _month_cached(m["mon"])
    year, yrel, ok = _year(m)
    if not (day and month and ok):
        return None
    rel = L.RELATIVE[m["rel"]] if m["rel"] else None
    wd = L.WEEKDAYS[m["wd"]] if m["wd"] else None
    return Spec(0, 0, "date", day=day, month=month, year=year, year_rel=yrel, rel=rel, weekday=wd,
                hijri=False)


def _h_mdy(m, s):
    day, year = _split_day_year(m["day"])
    month = _month_cached(m["mon"])
    if not (day and 1 <= day <= 31 and month):
        return None
    if m["year"]:
        if year is not None:
            return None
        year = value(m["year"])
    if year is not None and year < 1000:
        return None
    wd = L.WEEKDAYS[m["wd"]] if m["wd"] else None
    return Spec(0, 0, "date", day=day, month=month, year=year, weekday=wd)


def _h_my(m, s):
    month = _month_cached(m["mon"])
    year, yrel, ok = _year(m)
    if not (month and ok):
        return None
    rel = L.RELATIVE[m["rel"]] if m["rel"] else None
    if _ambiguous_month(m["mon"]) and year is None and rel is None and not m["mod"]:
        return None
    mod = L.MODIFIERS[m["mod"]] if m["mod"] else None
    return Spec(0, 0, "date", month=month, year=year, year_rel=yrel, rel=rel, mod=mod, approx=bool(m["approx"]))


def _h_numeric(m, s):
    if m["y"]:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    elif m["y2"]:
        d, mo, y = int(m["d2"]), int(m["m2"]), int(m["y2"])
        if mo > 12 and d <= 12:
            d, mo = mo, d
        if y < 100:
            y += 2000 if y < 70 else 1900
    elif m["y4"]:  # "08/12, 2015": the US order
        mo, d, y = int(m["m4"]), int(m["d4"]), int(m["y4"])
        y += 2000 if y < 100 else 0
    else:
        mo, y = int(m["m3"]), int(m["y3"])
        return Spec(0, 0, "date", month=mo, year=y) if 1 <= mo <= 12 else None
    if not (1 <= mo <= 12 and 1 <= d <= 31 and 1000 <= y <= 2200):
        return None
    return Spec(0, 0, "date", day=d, month=mo, year=y)


def _h_numeric_dm(m, s):
    d, mo = int(m["d"]), int(m["m"])
    if not m["ctx"] and (m["sep"] == "." or (d <= 12 and mo <= 12)):
        return None  # "4.22" is a number and "3-1" a score unless a date word stands before
    if mo > 12 and d <= 12:
        d, mo = mo, d
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return Spec(0, 0, "date", day=d, month=mo)


def _h_hijri(m, s):
    if not (m["year"] or m["era"]) or (m["year"] and int(m["year"]) > 1600):
        return None
    day = _day(m["day"]) if m["day"] else None
    if m["day"] and not day:
        return None
    month = L.HIJRI_MONTHS[m["hm"]]
    year = int(m["year"]) if m["year"] else None
    return Spec(0, 0, "date", day=day, month=month, year=year, hijri=True)


def _h_holiday(m, s):
    return Spec(0, 0, "holiday", value=L.HOLIDAYS[m["hol"]], year=int(m["year"]) if m["year"] else None)


def _h_weekday(m, s):
    wd_word = m["wd"]
    if wd_word in L.BARE_WEEKDAYS and not (m["yawm"] or m["wk"]):
        return None
    spec = Spec(0, 0, "weekday", weekday=L.WEEKDAYS[wd_word], approx=bool(m["approx"]))
    if m["today"]:
        spec.days = 0
    if m["day"]:
        n = value(m["day"])
        if not n or n > 31:
            return None
        if m["day"].isdigit() or n > 5 or m["mrel"] is not None:
            spec.day = n
            spec.month_rel = L.RELATIVE[m["mrel"]] if m["mrel"] else None
        else:
            spec.nth = n
    if m["wk"]:
        spec.week_rel = L.RELATIVE[m["wrel"]] if m["wrel"] else 0
    elif m["rel"]:
        spec.rel = L.RELATIVE[m["rel"]]
    return spec


def _h_week_weekday(m, s):
    return Spec(0, 0, "weekday", weekday=L.WEEKDAYS[m["wd"]], week_rel=L.RELATIVE[m["wrel"]] if m["wrel"] else 0)


def _ordinal(raw: str) -> int | None:
    if raw in ("اخر", "الاخير", "الاخيره"):
        return -1
    n = value(raw)
    return n if n and n <= 5 else None


def _monthspec(m, spec: Spec) -> bool:
    if m["mon"]:
        spec.month = _month_cached(m["mon"])
        if not spec.month:
            return False
    else:
        spec.month_rel = L.RELATIVE[m["mrel"]] if m["mrel"] else 0
    year, yrel, ok = _year(m)
    spec.year, spec.year_rel = year, yrel
    return ok


def _h_nth_weekday(m, s):
    nth = _ordinal(m["ord"])
    if nth is None:
        return None
    spec = Spec(0, 0, "nth_weekday", weekday=L.WEEKDAYS[m["wd"]], nth=nth)
    return spec if _monthspec(m, spec) else None


def _h_nth_unit(kind):
    def handler(m, s):
        nth = _ordinal(m["ord"] or m["ord2"])
        if nth is None:
            return None
        spec = Spec(0, 0, kind, nth=nth)
        return spec if _monthspec(m, spec) else None
    return handler


def _h_day_number(m, s):
    day = _day(m["day"])
    return Spec(0, 0, "date", day=day, month_rel=0) if day else None


def _h_day_ordinal(m, s):
    day = _day(m["e"] or m["e2"][2:])
    return Spec(0, 0, "date", day=day, month_rel=0) if day else None


def _h_day_of_month(m, s):
    day = _day(m["day"])
    if not day:
        return None
    return Spec(0, 0, "date", day=day, month_rel=L.RELATIVE[m["mrel"]] if m["mrel"] else 0)


def _h_relday(m, s):
    word = m["e"]
    if word == "اليوم" and _is_name(s, m.start("e"), m.end("e")):
        return None
    if word == "غد" and not re.match(r"\s", s[m.end("e"):m.end("e") + 1] or " "):
        return None
    return Spec(0, 0, "relday", days=RELDAY_VALUE[word])


@lru_cache(maxsize=1)
def _outlet_heads() -> frozenset[str]:
    """First words of outlet names that end in "اليوم" ("الدبلوماسي اليوم")."""
    from marsad.arabic import normalize
    from marsad.kb.outlets import outlets

    heads = {"روسيا", "مصر", "المصري", "السودان", "فلسطين", "العرب", "الجزائر", "تونس", "الامارات", "لبنان",
             "اخبار"}
    for o in outlets():
        for name in (o.name, *o.aliases):
            words = normalize(name).split()
            if len(words) >= 2 and words[-1] == "اليوم":
                heads.add(words[-2])
    return frozenset(heads)


def _is_name(s: str, start: int, end: int) -> bool:
    """"اليوم" that ends a name ("المصري اليوم") or a following nisba ("اليوم الوطني")."""
    before = s[max(0, start - 40):start].split()
    if before:
        prev = before[-1].lstrip("وفبل")
        if before[-1] in _outlet_heads() or prev in _outlet_heads():
            return True
        if len(before) >= 2 and before[-2].lstrip("و") in MEDIA:
            return True
        if before[-1] in MEDIA:
            return True
    after = s[end:end + 30].split()
    if after and re.fullmatch(r"ال\w+ي", after[0]) and after[0] not in L.RELATIVE:
        return True
    return False


def _h_period(m, s):
    if not (m["this"] or m["rel"] is not None or m["mod"]):
        return None
    if m["mod"] and not (m["this"] or m["rel"]):
        return None
    unit = L.UNIT_OF_PERIOD[m["unit"][2:]] if m["unit"].startswith("ال") else "Y"
    rel = L.RELATIVE[m["rel"]] if m["rel"] else 0
    return Spec(0, 0, "period", unit=unit, rel=rel, mod=L.MODIFIERS[m["mod"]] if m["mod"] else None)


_REF_UNITS = {"الايام": "D", "الاسابيع": "W", "الاشهر": "M", "الشهور": "M", "السنوات": "Y", "الاعوام": "Y"}


def _h_refs(m, s):
    rel = L.RELATIVE[m["rel"]]
    if m["n"]:  # "الاسابيع الثلاثة القادمة": a run of whole units next to the anchor's
        n = value(m["n"])
        if not n or rel == 0 or m["what"] not in _REF_UNITS:
            return None
        return Spec(0, 0, "period_run", unit=_REF_UNITS[m["what"]], rel=rel, amounts=[(n, _REF_UNITS[m["what"]])])
    if rel == 0:
        return Spec(0, 0, "present", value="PRESENT_REF")
    return Spec(0, 0, "present", value="PAST_REF" if rel < 0 else "FUTURE_REF")


_DUR_RX = re.compile(rf"(?:(?P<n>{DECIMAL})\s*)?(?P<u>{UNITW})(?!\w)(?:\s+(?:واحد|واحده|كامل|كامله))?"
                     r"(?:\s+و\s*(?P<frac>نصف|ربع))?")


def _amounts(raw: str) -> list[tuple[float, str]] | None:
    out = []
    for part in _DUR_RX.finditer(raw):
        unit, count = L.UNITS[part["u"]]
        raw_n = part["n"]
        if raw_n == "نصف":
            n = 0.5
        elif raw_n and raw_n[0].isdigit():
            n = float(raw_n.replace(",", ".")) if not raw_n.isdigit() else int(raw_n)
        else:
            n = value(raw_n) if raw_n else count
        if not n:
            return None
        if part["frac"]:
            n += 0.5 if part["frac"] == "نصف" else 0.25
        out.append((n, unit))
    return out or None


def _h_offset(m, s):
    amounts = _amounts(m["dur"])
    if not amounts:
        return None
    direction = {"قبل": -1, "منذ": -1, "من": -1, "بعد": 1}[m["dir"]]
    if m["dir"] == "من" and not m["now"]:
        before = s[max(0, m.start("e") - 12):m.start("e")].split()
        if m["dur"].split()[0] not in L.UNITS or (before and before[-1] in ("اقل", "اكثر", "اطول", "اقصر")):
            return None
    return Spec(0, 0, "offset", amounts=amounts, direction=direction, approx=bool(m["approx"] or m["approx2"]))


def _h_quarter(m, s):
    limit = 4 if m["part"] == "الربع" else 2
    n = limit if m["ord"] == "الاخير" else value(m["ord"])
    if not n or n > limit or not (m["year"] or m["this"]):
        return None
    spec = Spec(0, 0, "quarter", nth=n, unit="Q" if limit == 4 else "H")
    if m["year"]:
        spec.year = int(m["year"])
    else:
        spec.year_rel = L.RELATIVE[m["rel"]] if m["rel"] else 0
    return spec


def _h_whole_unit(m, s):
    unit = {"اليوم": "D", "الاسبوع": "W", "الشهر": "M", "العام": "Y", "السنه": "Y", "الليل": "NI"}[m["u"]]
    return None if unit == "NI" else Spec(0, 0, "duration", amounts=[(1, unit)])


def _h_offset_now(m, s):
    amounts = _amounts(m["dur"])
    return Spec(0, 0, "offset", amounts=amounts, direction=0) if amounts else None


def _h_duration(m, s):
    raw = m["dur"]
    amounts = _amounts(raw)
    if not amounts:
        return None
    # a singular unit with no number is a duration only after لمدة/طوال/خلال
    parts = list(_DUR_RX.finditer(raw))
    counted = any(p["n"] or L.UNITS[p["u"]][1] == 2 for p in parts)
    if not (counted or m["pre"] or re.search(r"(?:كامل|كامله|واحد|واحده|نصف)$", raw)):
        return None  # "عقد يوم": a verb and a noun, not "a decade and a day"
    return Spec(0, 0, "duration", amounts=amounts)


def _h_time(m, s):
    if not (m["sa"] or m["m"] or m["part"]):
        return None
    h = value(m["h"])
    if h is None or h > 24:
        return None
    minute = int(m["m"]) if m["m"] else 0
    if m["mw"]:
        minute = _minutes(m["mw"])
        if minute is None:
            return None
    if m["minus"]:
        less = _minutes(m["minus"])
        if less is None:
            return None
        h, minute = (h - 1) % 24, 60 - less
    if minute >= 60:
        return None
    part = L.DAY_PARTS[m["part"]] if m["part"] else None
    if part and m["part"] in ("م", "ص") and not m["m"]:
        return None
    return Spec(0, 0, "time", hour=h, minute=minute, second=int(m["s"]) if m["s"] else None, part=part,
                approx=m["about"] in ("حوالي", "بحدود", "قرابه", "نحو"))


def _minutes(raw: str) -> int | None:
    raw = re.sub(r"\s+(?:دقيقه|دقائق)$", "", raw.strip())
    fixed = {"ربع": 15, "ربعا": 15, "نصف": 30, "نص": 30, "ثلث": 20}
    return fixed.get(raw, value(raw))


def _h_pod(m, s):
    if m["night"]:
        return Spec(0, 0, "relday", days=0, pod="NI")
    ref = m["ref"]
    spec = Spec(0, 0, "relday", pod=PARTS_POD[m["pod"]])
    if ref in L.WEEKDAYS:
        spec.kind, spec.weekday = "weekday", L.WEEKDAYS[ref]
        spec.rel = L.RELATIVE[m["rel"]] if m["rel"] else None
    else:
        spec.days = {"اليوم": 0, "امس": -1, "الامس": -1, "غد": 1, "الغد": 1}[ref]
    return spec


def _h_set(m, s):
    if m["adv"]:
        return Spec(0, 0, "set", value=SETS[m["adv"]])
    if m["wd"]:
        return Spec(0, 0, "set", value=f"XXXX-WXX-{L.WEEKDAYS[m['wd']] + 1}")
    return Spec(0, 0, "set", value="P1" + L.UNIT_OF_PERIOD[m["unit"]])


def _h_present(m, s):
    return Spec(0, 0, "present", value="PRESENT_REF")


_CENTURIES = {"الحادي والعشرين": 20, "العشرين": 19, "التاسع عشر": 18}


def _h_decade(m, s):
    decade = L.DECADES[m["dec"]]
    cent = m["cent"]
    century = None
    if cent:
        cent = re.sub(r"\s+", " ", cent)
        century = _CENTURIES.get(cent)
        if century is None and cent in L.RELATIVE:
            century = -1  # "القرن الماضي": resolved against the anchor
    return Spec(0, 0, "decade", value=str(decade), year=century)


def _h_century(m, s):
    cent = re.sub(r"\s+", " ", m["cent"])
    if cent in _CENTURIES:
        return Spec(0, 0, "century", value=f"{_CENTURIES[cent]:02d}")
    return Spec(0, 0, "century", rel=L.RELATIVE[cent])


def _h_year(m, s):
    y = int(m["year"])
    era = m["era"]
    if not (m["kw"] or era or m["mod"] or m["rel"]) and not 1900 <= y <= 2100:
        return None
    # "2024 شخصا": a bare number followed by a counted noun is not a year
    if not (m["kw"] or era or m["mod"]) and re.match(r"\s+(?:\w+ا|من\s+ال)", s[m.end("e"):m.end("e") + 12]):
        return None
    mod = L.MODIFIERS[m["mod"]] if m["mod"] else None
    return Spec(0, 0, "year", year=y, mod=mod, hijri=era in ("ه", "هجريه"))


def _h_day_range(m, s):
    d1, d2, month = _day(m["d1"]), _day(m["d2"]), _month_cached(m["mon"])
    year, yrel, ok = _year(m)
    if not (d1 and d2 and month and ok and d1 < d2):
        return None
    first = Spec(0, 0, "date", day=d1, month=month, year=year, year_rel=yrel)
    last = Spec(0, 0, "date", day=d2, month=month, year=year, year_rel=yrel)
    return Spec(0, 0, "range", begin=first, end_spec=last)


HANDLERS = {
    "dmy": _h_dmy, "mdy": _h_mdy, "my": _h_my, "numeric": _h_numeric, "numeric_dm": _h_numeric_dm,
    "day_number": _h_day_number, "day_ordinal": _h_day_ordinal, "hijri": _h_hijri, "holiday": _h_holiday,
    "weekday": _h_weekday, "week_weekday": _h_week_weekday,
    "nth_weekday": _h_nth_weekday, "weekday_nth": _h_nth_weekday, "nth_week": _h_nth_unit("nth_week"),
    "nth_day": _h_nth_unit("nth_day"), "day_of_month": _h_day_of_month, "relday": _h_relday,
    "period": _h_period, "refs": _h_refs, "offset": _h_offset, "offset_now": _h_offset_now,
    "duration": _h_duration, "whole_unit": _h_whole_unit, "quarter": _h_quarter, "time": _h_time, "pod": _h_pod,
    "set": _h_set, "present": _h_present,
    "decade": _h_decade, "century": _h_century, "year": _h_year, "day_range": _h_day_range,
    "month_day_range": _h_day_range,
}
