"""Find temporal expressions: precompiled patterns over folded text.

Matching runs on the text folded (hamza/alef, ta marbuta, alef maqsura,
Arabic-Indic digits) with diacritics and tatweel taken out; an index map
sends every match back to offsets in the text as the outlet wrote it. Each
match becomes a `Spec`: what was said (day, month, weekday, "الماضي", an
offset ...), not yet a calendar value; `resolve` turns it into one against
an anchor, and `window` reads Specs to bound an undated report.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.arabic import DIACRITICS, TATWEEL, fold
from marsad.dates import lexicon as L
from marsad.dates.numbers import NUMBER, NUMBER_PHRASE, NUMBER_WORD, value


@dataclass
class Spec:
    """One expression as said, before resolution."""

    start: int
    end: int
    kind: str
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    rel: int | None = None  # -1 الماضي, 0 الجاري, 1 المقبل (after month/weekday/unit)
    unit: str | None = None  # D W M Y ... for periods, offsets, durations, sets
    amounts: list[tuple[int, str]] = field(default_factory=list)  # durations: (n, unit)
    direction: int = 0  # offsets: -1 ago, 1 ahead, 0 from tense
    mod: str | None = None
    approx: bool = False
    hijri: bool = False
    nth: int | None = None  # nth weekday/week/day of a month; -1 = last
    month_rel: int | None = None  # "من الشهر الجاري/المقبل"
    year_rel: int | None = None  # "السنة القادمة"
    week_rel: int | None = None  # "الاسبوع الماضي الاحد"
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    part: tuple[int, int] | None = None  # (12-hour offset, default hour) of a part of day
    pod: str | None = None  # TIMEX3 part of day: MO AF EV NI
    days: int | None = None  # relative day: -2 .. 2
    value: str | None = None  # fixed values (PRESENT_REF, decades, holidays' names)
    begin: Spec | None = None  # ranges: first and last
    end_spec: Spec | None = None
    tense: str | None = None  # past | future | None, from the clause around it


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_MON = _alt(L.MONTHS)
_HIJRI = _alt(L.HIJRI_MONTHS)
_WD = _alt(L.WEEKDAYS)
_REL = _alt(L.RELATIVE)
_MODW = _alt(L.MODIFIERS)
_UNITW = _alt(L.UNITS)
_PART = _alt(L.DAY_PARTS)
_HOL = _alt(L.HOLIDAYS)
_DEC = _alt(L.DECADES)

MONTH = (rf"(?:شهر\s+)?(?:{_MON})(?![^\W\d])(?:\s*[/\\-]\s*(?:{_MON})(?![^\W\d])|\s*\(\s*(?:{_MON})\s*\))?"
         rf"|شهر\s+(?:\d{{1,2}}(?!\d)|{NUMBER_WORD}(?:\s+عشر)?)|الشهر\s+{NUMBER_WORD}")
DAY = rf"(?:\d{{1,2}}(?![\d:])|{NUMBER_PHRASE})"
YEAR_KW = r"(?:عام|العام|سنه|السنه|لعام|لسنه)"
YEAR_WORDS = rf"(?:الف|الفين|الفان)(?:\s+(?:و\s*)?{NUMBER_WORD})*"
YEARX = (rf"(?:(?:من|في|ل|ب)\s*)?(?:(?:{YEAR_KW})\s*(?P<year>\d{{3,4}}|{NUMBER_PHRASE})"
         rf"|(?P<year2>\d{{4}}(?!\d)|{YEAR_WORDS})|(?P<yrel>(?:العام|السنه)\s+(?:{_REL})))")
MONTHSPEC = rf"(?:(?P<mon>{MONTH})|(?:هذا\s+)?الشهر(?:\s+(?P<mrel>{_REL}))?)"
ORD = rf"(?:{NUMBER_PHRASE}|اخر|الاخير|الاخيره)"
DECIMAL = rf"(?:\d+(?:[.,]\d+)?|{NUMBER_PHRASE}|نصف)"
DURUNIT = (rf"(?:{DECIMAL}\s*)?(?:{_UNITW})(?!\w)(?:\s+(?:واحد|واحده|كامل|كامله))?"
           r"(?:\s+و\s*(?:نصف|ربع)(?!\w))?")
DURPHRASE = rf"{DURUNIT}(?:\s*[,و]?\s*{DURUNIT})*"
HOURW = rf"(?:\d{{1,2}}|{NUMBER_WORD}(?:\s+عشره?)?)"
MINW = rf"(?:ربعا|ربع|نصف|نص|ثلث|\d{{1,2}}|{NUMBER_PHRASE})(?:\s+(?:دقيقه|دقائق))?"

_RELDAYS = {
    -2: ("اول امس", "اول من امس", "امس الاول", "قبل امس", "قبل يوم امس", "يوم قبل امس",
         "اليوم القبل البارحه", "اليوم الي قبل امبارح", "اليوم الذي قبل امس", "اول البارحه"),
    -1: ("امس", "الامس", "البارحه", "امبارح", "اليوم الماضي", "اليوم السابق", "اليوم المنصرم",
         "يوم امس", "اخر يوم"),
    0: ("اليوم", "هذا اليوم", "يومي"),
    1: ("غدا", "الغد", "يوم غد", "بكره", "بكرا", "اليوم التالي", "اليوم الذي يليه", "غد"),
    2: ("بعد غد", "بعد الغد", "يوم بعد غد", "اليوم الذي بعد الغد", "اليوم الي بعد بكره", "بعد بكره"),
}
_RELDAY_VALUE = {w: v for v, ws in _RELDAYS.items() for w in ws}
_PRESENT = ("الان", "حاليا", "حالا", "في هذه اللحظه", "في الوقت الحالي", "في الوقت الراهن",
            "في الوقت الحاضر", "هذه اللحظه")
_SETS = {"يوميا": "P1D", "اسبوعيا": "P1W", "شهريا": "P1M", "سنويا": "P1Y"}
# Media words before "اليوم" that make it part of a name ("يوتيوب الدبلوماسي اليوم").
_MEDIA = frozenset({"فيسبوك", "يوتيوب", "تويتر", "انستغرام", "تلغرام", "صحيفه", "جريده", "موقع",
                    "قناه", "وكاله", "مجله", "تلفزيون", "برنامج", "نشره"})
_REF_HEADS = ("الايام", "الاسابيع", "الاشهر", "الشهور", "السنوات", "الاعوام", "الفتره", "المرحله")
_PARTS_POD = {"صباح": "MO", "فجر": "MO", "ظهر": "AF", "ظهيره": "AF", "عصر": "AF", "مساء": "EV",
              "ليل": "NI", "ليله": "NI"}

_PRE = r"(?<!\w)(?:[وف]?[بلك]?)"


def _rx(body: str) -> re.Pattern:
    return re.compile(_PRE + body + r"(?!\w)")


RULES: list[tuple[str, re.Pattern]] = [
    ("dmy", _rx(rf"(?P<e>(?:(?P<wd>{_WD})\s*,?\s*(?:الموافق\s+|في\s+)?)?(?:يوم\s+)?(?P<day>{DAY})\s*(?:[./-]\s*)?"
               rf"(?:من\s+)?(?P<mon>{MONTH})(?:\s*[,.]?\s*{YEARX})?(?:\s+(?P<rel>{_REL}))?"
               r"(?:\s*(?P<era>ه|م)(?!\w))?)")),
    ("mdy", _rx(rf"(?P<e>(?:(?P<wd>{_WD})\s*,?\s*)?(?P<mon>{MONTH})\s*-?\s*(?P<day>\d{{1,2}}(?![\d:/])|{NUMBER_PHRASE})"
               rf"(?:\s*,?\s*(?:من\s+)?(?P<year>\d{{4}}|{NUMBER_PHRASE}))?)")),
    ("my", _rx(rf"(?P<e>(?:(?P<approx>حوالي|نحو)\s+)?(?:(?P<mod>{_MODW})\s+(?:شهر\s+)?)?(?P<mon>{MONTH})"
              rf"(?:\s*,?\s*{YEARX})?(?:\s+(?P<rel>{_REL}))?)")),
    ("numeric", _rx(r"(?P<e>(?P<y>\d{4})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?![\d/])"
                    r"|(?P<d2>\d{1,2})[/.-](?P<m2>\d{1,2})[/.-](?P<y2>\d{4}|\d{2})(?![\d/])"
                    r"|(?P<m3>\d{1,2})/(?P<y3>\d{4})(?![\d/])"
                    r"|(?P<m4>\d{1,2})/(?P<d4>\d{1,2}),\s*(?P<y4>\d{4}|\d{2})(?![\d/]))")),
    ("numeric_dm", _rx(rf"(?:(?P<ctx>في|يوم|بتاريخ|الموافق|عند|{_WD})\s+)?"
                       r"(?P<e>(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})"
                       r"(?![\d/.-]))")),
    ("day_number", _rx(r"(?P<e>يوم\s+(?P<day>\d{1,2}))(?![\d/:.-])")),
    ("day_ordinal", re.compile(rf"(?<!\w)(?:(?:الي|حتي)\s+(?P<e>(?=ال){NUMBER_PHRASE})|(?P<e2>لل{NUMBER_PHRASE}))"
                               r"(?=\s*(?:[.!?؟,]|$))")),
    ("hijri", _rx(rf"(?P<e>(?:(?P<day>{DAY})\s+(?:من\s+)?)?(?:شهر\s+)?(?P<hm>{_HIJRI})(?!\w)"
                  rf"(?:\s*,?\s*(?:من\s+)?(?:عام|سنه)?\s*(?P<year>\d{{3,4}}))?"
                  r"(?:\s*(?P<era>ه|هجري|هجريه|للهجره)(?!\w))?)")),
    ("holiday", _rx(rf"(?P<e>(?P<hol>{_HOL})(?:\s+(?:عام|لعام|سنه)?\s*(?P<year>\d{{4}}))?)")),
    ("weekday", _rx(r"(?P<e>(?:(?P<approx>قرابه|حوالي|نحو)\s+)?(?:(?P<today>اليوم)\s+|(?:هذا|هذه)\s+)?"
                    r"(?:(?P<yawm>يوم)\s+)?"
                    rf"(?P<wd>{_WD})(?:\s*,?\s*(?:في\s+)?(?P<day>\d{{1,2}}(?![\d/:])|{NUMBER_PHRASE})"
                    rf"(?:\s+من\s+(?:هذا\s+)?الشهر(?:\s+(?P<mrel>{_REL}))?)?)?"
                    rf"(?:\s+(?:من\s+)?(?:هذا\s+)?(?P<wk>الاسبوع)(?:\s+(?P<wrel>{_REL}))?|\s+(?P<rel>{_REL}))?)")),
    ("week_weekday", _rx(rf"(?P<e>(?:هذا\s+)?الاسبوع(?:\s+(?P<wrel>{_REL}))?\s+(?:يوم\s+)?(?P<wd>{_WD}))")),
    ("nth_weekday", _rx(rf"(?P<e>(?P<ord>{ORD})\s+(?:يوم\s+)?(?P<wd>{_WD})\s+(?:من|في|ب)\s*{MONTHSPEC}"
                        rf"(?:\s+{YEARX})?)")),
    ("weekday_nth", _rx(rf"(?P<e>(?P<wd>{_WD})\s+(?P<ord>{ORD})\s+(?:من|في|ب)\s*{MONTHSPEC}(?:\s+{YEARX})?)")),
    ("nth_week", _rx(rf"(?P<e>(?:(?P<ord>{ORD})\s+اسبوع|الاسبوع\s+(?P<ord2>{ORD}))\s+(?:من|في|ب)\s*{MONTHSPEC}"
                     rf"(?:\s+{YEARX})?)")),
    ("nth_day", _rx(rf"(?P<e>(?:(?P<ord>{ORD})\s+يوم|اليوم\s+(?P<ord2>{ORD}))\s+(?:من|في|ب)\s*{MONTHSPEC}"
                    rf"(?:\s+{YEARX})?)")),
    ("day_of_month", _rx(rf"(?P<e>(?P<day>{DAY})\s+من\s+(?:هذا\s+)?الشهر(?:\s+(?P<mrel>{_REL}))?)")),
    ("relday", _rx(rf"(?P<e>{_alt(_RELDAY_VALUE)})")),
    ("period", _rx(rf"(?P<e>(?:(?P<mod>{_MODW})\s+)?(?:(?P<this>هذا|هذه)\s+)?(?P<unit>الاسبوع|الشهر|العام|السنه)"
                   rf"(?:\s+(?P<rel>{_REL}))?)")),
    ("refs", _rx(rf"(?P<e>(?P<what>{_alt(_REF_HEADS)})"
                 rf"(?:\s+(?P<n>{NUMBER_PHRASE}))?\s+(?P<rel>{_REL}))")),
    ("offset", _rx(rf"(?P<e>(?P<dir>قبل|بعد|منذ|من)\s+(?:(?P<approx>حوالي|نحو|قرابه|زهاء)\s+)?(?P<dur>{DURPHRASE})"
                   rf"(?:\s+(?P<approx2>تقريبا))?(?:\s+(?P<now>من\s+(?:الان|اليوم)))?)")),
    ("offset_now", _rx(rf"(?P<e>(?P<dur>{DURPHRASE})\s+من\s+(?:الان|اليوم))")),
    ("duration", _rx(rf"(?:(?P<pre>لمده|طوال|طيله|مده|خلال|في غضون)\s+)?(?P<e>(?P<dur>{DURPHRASE}))")),
    ("quarter", _rx(rf"(?P<e>(?P<part>الربع|النصف)\s+(?P<ord>{NUMBER_WORD}|الاخير)(?:\s+من)?\s+(?:(?P<kw>عام|العام|سنه)\s*)?"
                    rf"(?:(?P<year>\d{{4}})|(?P<this>هذا\s+العام|العام\s+(?P<rel>{_REL}))))")),
    ("whole_unit", _rx(r"(?:طوال|طيله)\s+(?P<e>(?P<u>اليوم|الاسبوع|الشهر|العام|السنه|الليل))")),
    ("time", _rx(rf"(?P<e>(?:(?P<about>عند|حوالي|بحدود|قرابه|نحو)\s+)?(?:(?P<sa>الساعه)\s+)?(?P<h>{HOURW})"
                 rf"(?::(?P<m>\d{{2}})(?::(?P<s>\d{{2}}))?)?(?:\s*و\s*(?P<mw>{MINW}))?"
                 rf"(?:\s+(?:الا)\s+(?P<minus>{MINW}))?(?:\s*(?P<part>{_PART}))?)")),
    ("pod", _rx(rf"(?P<e>(?P<pod>{_alt(_PARTS_POD)})\s+(?:يوم\s+)?(?P<ref>اليوم|امس|الامس|غد|الغد|{_WD})"
                rf"(?:\s+(?P<rel>{_REL}))?|(?:هذه\s+)?(?P<night>الليله))")),
    ("set", _rx(rf"(?P<e>كل\s+(?:(?P<unit>يوم|اسبوع|شهر|عام|سنه)|(?P<wd>{_WD}))|(?P<adv>{_alt(_SETS)}))")),
    ("present", _rx(rf"(?P<e>{_alt(_PRESENT)})")),
    ("decade", _rx(rf"(?P<e>(?:(?:عقد|حقبه)\s+)?(?P<dec>{_DEC})"
                   r"(?:\s+(?:من\s+)?القرن\s+(?P<cent>[^\s,.]+(?:\s+والعشرين)?))?)")),
    ("century", _rx(r"(?P<e>القرن\s+(?P<cent>الحادي\s+والعشرين|العشرين|التاسع عشر|الماضي|الحالي|الجاري))")),
    ("year", _rx(rf"(?P<e>(?:(?P<mod>{_MODW})\s+)?(?:(?P<kw>{YEAR_KW})\s*)?(?P<year>\d{{4}}|(?<=عام\s)\d{{3}})(?!\d)"
                 rf"(?:\s*(?P<era>م|ه|هجريه|ميلاديه)(?!\w))?(?:\s+(?P<rel>{_REL}))?)")),
    ("day_range", _rx(rf"(?P<e>(?:(?:من|بين)\s+)?(?P<d1>{DAY})\s*(?:-|الي|حتي|وحتي|و)\s*(?P<d2>{DAY})\s+(?:من\s+)?"
                      rf"(?P<mon>{MONTH})(?:\s*,?\s*{YEARX})?)")),
    ("month_day_range", _rx(rf"(?P<e>(?P<mon>{MONTH})\s+(?P<d1>\d{{1,2}})\s*(?:-|الي|حتي)\s*(?P<d2>\d{{1,2}})"
                            rf"(?:\s*,?\s*{YEARX})?)")),
]


# A rule can only match near one of its head words: the text is cut into
# words once, each word (less a clitic) is looked up, and every rule runs only
# in windows around its own heads. This keeps the tagger fast on long reports
# with few dates.
def _first_words(words) -> set[str]:
    return {w.split()[0] for w in words}


_NUMBER_HEADS = {w for w in L.NUMBER_WORDS if w.startswith("ال")}
_HEAD_WORDS: dict[str, set[str]] = {}
_REACH: dict[str, int] = {}
for _kind, _reach, _heads in (
    ("dmy", 120, _first_words(L.MONTHS) | {"شهر", "الشهر"}),
    ("mdy", 100, _first_words(L.MONTHS)),
    ("my", 100, _first_words(L.MONTHS) | {"شهر", "الشهر"}),
    ("day_range", 110, _first_words(L.MONTHS) | {"شهر", "الشهر"}),
    ("month_day_range", 60, _first_words(L.MONTHS)),
    ("day_ordinal", 60, _NUMBER_HEADS | {"لل" + w[2:] for w in _NUMBER_HEADS}),
    ("hijri", 80, _first_words(L.HIJRI_MONTHS)),
    ("holiday", 30, _first_words(L.HOLIDAYS)),
    ("weekday", 110, {w for w in L.WEEKDAYS if w.startswith("ال")} | {"يوم", "الاسبوع"}),
    ("week_weekday", 60, {"الاسبوع"}),
    ("nth_weekday", 120, set(L.WEEKDAYS)),
    ("weekday_nth", 120, set(L.WEEKDAYS)),
    ("nth_week", 120, {"اسبوع", "الاسبوع"}),
    ("nth_day", 120, {"يوم", "اليوم"}),
    ("day_of_month", 80, {"الشهر"}),
    ("relday", 40, _first_words(_RELDAY_VALUE) | {"امس", "غد", "بكره", "بكرا"}),
    ("period", 40, {"الاسبوع", "الشهر", "العام", "السنه"}),
    ("refs", 50, set(_REF_HEADS)),
    ("offset", 70, set(L.UNITS)),
    ("offset_now", 90, {"الان"}),
    ("duration", 60, set(L.UNITS)),
    ("whole_unit", 30, {"طوال", "طيله"}),
    ("quarter", 60, {"الربع", "النصف"}),
    ("time", 90, {"الساعه"} | _first_words(L.DAY_PARTS)),
    ("pod", 40, set(_PARTS_POD) | {"الليله"}),
    ("set", 40, {"كل"} | set(_SETS)),
    ("present", 30, {"الان", "حاليا", "حالا", "اللحظه", "الوقت"}),
    ("decade", 60, set(L.DECADES)),
    ("century", 40, {"القرن"}),
):
    _REACH[_kind] = _reach
    for _w in _heads:
        _HEAD_WORDS.setdefault(_w, set()).add(_kind)
# rules led by digits: (kind, reach, test on the digit run and what follows it)
_DIGIT_RULES = (("numeric", 30), ("numeric_dm", 40), ("day_number", 20), ("year", 60), ("time", 90),
                ("dmy", 120), ("mdy", 100), ("day_range", 110), ("month_day_range", 60))
_TOKEN = re.compile(r"\w+")
_CLITICS = "وفبلك"


def _windows_all(s: str) -> dict[str, list[tuple[int, int]]]:
    """For each rule, the stretches of `s` around its head words."""
    hits: dict[str, list[tuple[int, int]]] = {}
    for m in _TOKEN.finditer(s):
        word = m.group()
        kinds = _HEAD_WORDS.get(word.rstrip("0123456789"))  # "سبتمبر10"
        if kinds is None and word[0] in _CLITICS:
            kinds = _HEAD_WORDS.get(word[1:])
            if kinds is None and len(word) > 2 and word[1] in _CLITICS:
                kinds = _HEAD_WORDS.get(word[2:])
        if kinds is None and word[0].isdigit():
            kinds = [k for k, _ in _DIGIT_RULES]
        if kinds:
            for kind in kinds:
                hits.setdefault(kind, []).append((m.start(), m.end()))
    out = {}
    n = len(s)
    for kind, spans in hits.items():
        reach = _REACH.get(kind) or dict(_DIGIT_RULES)[kind]
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            start, end = max(0, start - reach), min(n, end + reach)
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        out[kind] = [_whole_words(s, a, b) for a, b in merged]
    return out


def _whole_words(s: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not s[start - 1].isspace():
        start -= 1
    while end < len(s) and not s[end].isspace():
        end += 1
    return start, end


@dataclass
class Prepared:
    """Folded text without marks, and the way back to original offsets."""

    text: str
    marks: list[int]  # for each dropped mark: how many kept characters precede it

    def original(self, i: int) -> int:
        """Offset in the original text of the kept character at `i`."""
        return i + bisect_right(self.marks, i)

    def original_end(self, i: int) -> int:
        return self.original(i - 1) + 1 if i else 0


_MARKS = set(DIACRITICS + TATWEEL + "\u200c\u200d\u200e\u200f\ufeff")
_MARKS_RX = re.compile("[" + "".join(sorted(_MARKS)) + "]")
_UPPER_RX = re.compile("[A-Z]+")


def prepare(text: str) -> Prepared:
    folded = fold(text)
    marks = [m.start() - k for k, m in enumerate(_MARKS_RX.finditer(folded))]
    if marks:
        folded = _MARKS_RX.sub("", folded)
    # ASCII only: str.lower() can change the length of other scripts
    return Prepared(_UPPER_RX.sub(lambda m: m.group().lower(), folded), marks)


def find(text: str) -> list[Spec]:
    """Every temporal expression in `text`, longest first where they overlap."""
    prep = prepare(text)
    s = prep.text
    candidates: list[tuple[int, int, int, Spec]] = []
    windows = _windows_all(s)
    for order, (kind, rx) in enumerate(RULES):
        for m in (m for start, end in windows.get(kind, ()) for m in rx.finditer(s, start, end)):
            spec = _HANDLERS[kind](m, s)
            if spec is None:
                continue
            group = "e" if m.group("e") is not None else "e2"
            spec.start, spec.end = m.start(group), m.end(group)
            candidates.append((spec.start, spec.end, order, spec))
    chosen: list[Spec] = []
    taken = bytearray(len(s) + 1)
    for start, end, _order, spec in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[2], c[0])):
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(spec)
    chosen.sort(key=lambda sp: sp.start)
    chosen = _merge(chosen, s)
    for spec in chosen:
        spec.tense = _tense(s, spec.start, spec.end)
        if s.startswith("يوم ", spec.start) and spec.kind in ("weekday", "date") and spec.month_rel is None:
            spec.start += 4  # "يوم الجمعة": the day word is not part of the date
        spec.start, spec.end = prep.original(spec.start), prep.original_end(spec.end)
        spec.end = _trim_end(text, spec.start, spec.end)
    return chosen


_RANGE_GAP = re.compile(r"\s*(?:-|الي|حتي|وحتي|لغايه|و)\s*$")
_RANGE_OPEN = re.compile(r"(?:من|بين)\s+$")
_DATETIME_GAP = re.compile(r"\s*[,\-]?\s*(?:في\s+|عند\s+)?$")
_DAYLIKE = ("date", "weekday", "relday")


def _merge(specs: list[Spec], s: str) -> list[Spec]:
    """Join "من X الى Y" into ranges and a day followed by a clock time into one."""
    out: list[Spec] = []
    for spec in specs:
        prev = out[-1] if out else None
        if prev is not None:
            gap = s[prev.end:spec.start]
            if (spec.kind == "time" and prev.kind in _DAYLIKE and prev.pod is None
                    and _DATETIME_GAP.fullmatch(gap) and (prev.kind != "date" or prev.day)):
                out[-1] = Spec(prev.start, spec.end, "datetime", begin=prev, end_spec=spec)
                continue
            opener = _RANGE_OPEN.search(s[max(0, prev.start - 6):prev.start])
            if (_RANGE_GAP.fullmatch(gap) and prev.kind == spec.kind and prev.kind in ("date", "time", "year")
                    and (opener or "-" in gap or gap.strip() in ("الي", "حتي", "وحتي"))
                    and (gap.strip() != "و" or (opener and opener.group().startswith("بين")))):
                if prev.kind == "time" and prev.part is None:
                    prev.part = spec.part
                start = prev.start - len(opener.group()) if opener else prev.start
                out[-1] = Spec(start, spec.end, "range", begin=prev, end_spec=spec)
                continue
        out.append(spec)
    return out


_WORD = re.compile(r"\w+")
_CLAUSE_END = re.compile(r"[.!?؟\n]")
_PAST_RX = re.compile(r"(?:[وف]?(?:" + "|".join(L.PAST_CUE_STEMS) + r")(?:ت|وا|ا|تا|ن|نا)?)")


def _tense(s: str, start: int, end: int) -> str | None:
    """Future or past from cue words in the clause around an expression."""
    left = s[max(0, start - 90):start]
    cut = [m.end() for m in _CLAUSE_END.finditer(left)]
    left = left[cut[-1]:] if cut else left
    right = s[end:end + 50]
    stop = _CLAUSE_END.search(right)
    right = right[:stop.start()] if stop else right
    words = _WORD.findall(left) + _WORD.findall(right)
    if any(w in L.FUTURE_CUES or w.lstrip("و") in L.FUTURE_CUES for w in words):
        return "future"
    if any(_PAST_RX.fullmatch(w) for w in words):
        return "past"
    return None


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in DIACRITICS + TATWEEL):
        end -= 1
    # keep the diacritics written on the last letter ("غداً")
    while end < len(text) and text[end] in DIACRITICS + TATWEEL:
        end += 1
    return end


# ---- handlers: match → Spec (None rejects the match) ---------------------------


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
    return Spec(0, 0, "relday", days=_RELDAY_VALUE[word])


@lru_cache(maxsize=1)
def _outlet_heads() -> frozenset[str]:
    """First words of outlet names that end in "اليوم" ("الدبلوماسي اليوم")."""
    from marsad.arabic import normalize
    from marsad.kb.outlets import outlets

    heads = {"روسيا", "مصر", "المصري", "السودان", "فلسطين", "العرب", "الجزائر", "تونس", "الامارات", "لبنان"}
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
        if len(before) >= 2 and before[-2].lstrip("و") in _MEDIA:
            return True
        if before[-1] in _MEDIA:
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


_DUR_RX = re.compile(rf"(?:(?P<n>{DECIMAL})\s*)?(?P<u>{_UNITW})(?!\w)(?:\s+(?:واحد|واحده|كامل|كامله))?"
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
    if (len(parts) == 1 and not parts[0]["n"] and L.UNITS[parts[0]["u"]][1] == 1 and not m["pre"]
            and not re.search(r"(?:كامل|كامله|واحد|واحده|نصف)$", raw)):
        return None
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
    spec = Spec(0, 0, "relday", pod=_PARTS_POD[m["pod"]])
    if ref in L.WEEKDAYS:
        spec.kind, spec.weekday = "weekday", L.WEEKDAYS[ref]
        spec.rel = L.RELATIVE[m["rel"]] if m["rel"] else None
    else:
        spec.days = {"اليوم": 0, "امس": -1, "الامس": -1, "غد": 1, "الغد": 1}[ref]
    return spec


def _h_set(m, s):
    if m["adv"]:
        return Spec(0, 0, "set", value=_SETS[m["adv"]])
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


_HANDLERS = {
    "dmy": _h_dmy, "mdy": _h_mdy, "my": _h_my, "numeric": _h_numeric, "numeric_dm": _h_numeric_dm,
    "day_number": _h_day_number, "day_ordinal": _h_day_ordinal, "hijri": _h_hijri, "holiday": _h_holiday,
    "weekday": _h_weekday, "week_weekday": _h_week_weekday,
    "nth_weekday": _h_nth_weekday, "weekday_nth": _h_nth_weekday, "nth_week": _h_nth_unit("nth_week"),
    "nth_day": _h_nth_unit("nth_day"), "day_of_month": _h_day_of_month, "relday": _h_relday,
    "period": _h_period, "refs": _h_refs, "offset": _h_offset, "offset_now": _h_offset_now,
    "duration": _h_duration, "whole_unit": _h_whole_unit, "quarter": _h_quarter, "time": _h_time, "pod": _h_pod, "set": _h_set, "present": _h_present,
    "decade": _h_decade, "century": _h_century, "year": _h_year, "day_range": _h_day_range,
    "month_day_range": _h_day_range,
}
