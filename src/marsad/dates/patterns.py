"""The patterns of the matcher, over folded text, the head words they need
and the cues that let some of them pass a window by.

Every key is folded (see lexicon); a pattern names the span of the
expression itself as group "e" (clitics before it stay outside).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from marsad.alternation import alt
from marsad.dates import lexicon as L
from marsad.dates.numbers import NUMBER_PHRASE, NUMBER_WORD

MON = alt(L.MONTHS)
HIJRI = alt(L.HIJRI_MONTHS)
WD = alt(L.WEEKDAYS)
REL = alt(L.RELATIVE)
MODW = alt(L.MODIFIERS)
UNITW = alt(L.UNITS)
PART = alt(L.DAY_PARTS)
HOL = alt(L.HOLIDAYS)
DEC = alt(L.DECADES)

MONTH = (rf"(?:شهر\s+)?(?:{MON})(?![^\W\d])(?:\s*[/\\-]\s*(?:{MON})(?![^\W\d])|\s*\(\s*(?:{MON})\s*\))?"
         rf"|شهر\s+(?:\d{{1,2}}(?!\d)|{NUMBER_WORD}(?:\s+عشر)?)|الشهر\s+{NUMBER_WORD}")
DAY = rf"(?:\d{{1,2}}(?![\d:])|{NUMBER_PHRASE})"
YEAR_KW = r"(?:عام|العام|سنه|السنه|لعام|لسنه)"
YEAR_WORDS = rf"(?:الف|الفين|الفان)(?:\s+(?:و\s*)?{NUMBER_WORD})*"
YEARX = (rf"(?:(?:من|في|ل|ب)\s*)?(?:(?:{YEAR_KW})\s*(?P<year>\d{{3,4}}|{NUMBER_PHRASE})"
         rf"|(?P<year2>\d{{4}}(?!\d)|{YEAR_WORDS})|(?P<yrel>(?:العام|السنه)\s+(?:{REL})))")
MONTHSPEC = rf"(?:(?P<mon>{MONTH})|(?:هذا\s+)?الشهر(?:\s+(?P<mrel>{REL}))?)"
ORD = rf"(?:{NUMBER_PHRASE}|اخر|الاخير|الاخيره)"
DECIMAL = rf"(?:\d+(?:[.,]\d+)?|{NUMBER_PHRASE}|نصف)"
DURUNIT = (rf"(?:{DECIMAL}\s*)?(?:{UNITW})(?!\w)(?:\s+(?:واحد|واحده|كامل|كامله))?"
           r"(?:\s+و\s*(?:نصف|ربع)(?!\w))?")
DURPHRASE = rf"{DURUNIT}(?:\s*[,و]?\s*{DURUNIT})*"
HOURW = rf"(?:\d{{1,2}}|{NUMBER_WORD}(?:\s+عشره?)?)"
MINW = rf"(?:ربعا|ربع|نصف|نص|ثلث|\d{{1,2}}|{NUMBER_PHRASE})(?:\s+(?:دقيقه|دقائق))?"

RELDAYS = {
    -2: ("اول امس", "اول من امس", "امس الاول", "قبل امس", "قبل يوم امس", "يوم قبل امس",
         "اليوم القبل البارحه", "اليوم الي قبل امبارح", "اليوم الذي قبل امس", "اول البارحه"),
    -1: ("امس", "الامس", "البارحه", "امبارح", "اليوم الماضي", "اليوم السابق", "اليوم المنصرم",
         "يوم امس", "اخر يوم"),
    0: ("اليوم", "هذا اليوم", "يومي"),
    1: ("غدا", "الغد", "يوم غد", "بكره", "بكرا", "اليوم التالي", "اليوم الذي يليه", "غد"),
    2: ("بعد غد", "بعد الغد", "يوم بعد غد", "اليوم الذي بعد الغد", "اليوم الي بعد بكره", "بعد بكره"),
}
RELDAY_VALUE = {w: v for v, ws in RELDAYS.items() for w in ws}
PRESENT = ("الان", "حاليا", "حالا", "في هذه اللحظه", "في الوقت الحالي", "في الوقت الراهن",
            "في الوقت الحاضر", "هذه اللحظه")
SETS = {"يوميا": "P1D", "اسبوعيا": "P1W", "شهريا": "P1M", "سنويا": "P1Y"}
# Media words before "اليوم" that make it part of a name ("يوتيوب الدبلوماسي اليوم").
MEDIA = frozenset({"فيسبوك", "يوتيوب", "تويتر", "انستغرام", "تلغرام", "صحيفه", "جريده", "موقع",
                    "قناه", "وكاله", "مجله", "تلفزيون", "برنامج", "نشره"})
REF_HEADS = ("الايام", "الاسابيع", "الاشهر", "الشهور", "السنوات", "الاعوام", "الفتره", "المرحله")
PARTS_POD = {"صباح": "MO", "فجر": "MO", "ظهر": "AF", "ظهيره": "AF", "عصر": "AF", "مساء": "EV",
              "ليل": "NI", "ليله": "NI"}

PRE = r"(?<!\w)(?:[وف]?[بلك]?)"


def rx(body: str) -> re.Pattern:
    return re.compile(PRE + body + r"(?!\w)")


RULES: list[tuple[str, re.Pattern]] = [
    ("dmy", rx(rf"(?P<e>(?:(?P<wd>{WD})\s*,?\s*(?:الموافق\s+|في\s+)?)?(?:يوم\s+)?(?P<day>{DAY})\s*(?:[./-]\s*)?"
               rf"(?:من\s+)?(?P<mon>{MONTH})(?:\s*[,.]?\s*{YEARX})?(?:\s+(?P<rel>{REL}))?"
               r"(?:\s*(?P<era>ه|م)(?!\w))?)")),
    ("mdy", rx(rf"(?P<e>(?:(?P<wd>{WD})\s*,?\s*)?(?P<mon>{MONTH})\s*-?\s*(?P<day>\d{{1,2}}(?![\d:/])|{NUMBER_PHRASE})"
               rf"(?:\s*,?\s*(?:من\s+)?(?P<year>\d{{4}}|{NUMBER_PHRASE}))?)")),
    ("my", rx(rf"(?P<e>(?:(?P<approx>حوالي|نحو)\s+)?(?:(?P<mod>{MODW})\s+(?:شهر\s+)?)?(?P<mon>{MONTH})"
              rf"(?:\s*,?\s*{YEARX})?(?:\s+(?P<rel>{REL}))?)")),
    ("numeric", rx(r"(?P<e>(?P<y>\d{4})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?![\d/])"
                    r"|(?P<d2>\d{1,2})[/.-](?P<m2>\d{1,2})[/.-](?P<y2>\d{4}|\d{2})(?![\d/])"
                    r"|(?P<m3>\d{1,2})/(?P<y3>\d{4})(?![\d/])"
                    r"|(?P<m4>\d{1,2})/(?P<d4>\d{1,2}),\s*(?P<y4>\d{4}|\d{2})(?![\d/]))")),
    ("numeric_dm", rx(rf"(?:(?P<ctx>في|يوم|بتاريخ|الموافق|عند|{WD})\s+)?"
                       r"(?P<e>(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})"
                       r"(?![\d/.-]))")),
    ("day_number", rx(r"(?P<e>يوم\s+(?P<day>\d{1,2}))(?![\d/:.-])")),
    ("day_ordinal", re.compile(rf"(?<!\w)(?:(?:الي|حتي)\s+(?P<e>(?=ال){NUMBER_PHRASE})|(?P<e2>لل{NUMBER_PHRASE}))"
                               r"(?=\s*(?:[.!?؟,]|$))")),
    ("hijri", rx(rf"(?P<e>(?:(?P<day>{DAY})\s+(?:من\s+)?)?(?:شهر\s+)?(?P<hm>{HIJRI})(?!\w)"
                  rf"(?:\s*,?\s*(?:من\s+)?(?:عام|سنه)?\s*(?P<year>\d{{3,4}}))?"
                  r"(?:\s*(?P<era>ه|هجري|هجريه|للهجره)(?!\w))?)")),
    ("holiday", rx(rf"(?P<e>(?P<hol>{HOL})(?:\s+(?:عام|لعام|سنه)?\s*(?P<year>\d{{4}}))?)")),
    ("weekday", rx(r"(?P<e>(?:(?P<approx>قرابه|حوالي|نحو)\s+)?(?:(?P<today>اليوم)\s+|(?:هذا|هذه)\s+)?"
                    r"(?:(?P<yawm>يوم)\s+)?"
                    rf"(?P<wd>{WD})(?:\s*,?\s*(?:في\s+)?(?P<day>\d{{1,2}}(?![\d/:])|{NUMBER_PHRASE})"
                    rf"(?:\s+من\s+(?:هذا\s+)?الشهر(?:\s+(?P<mrel>{REL}))?)?)?"
                    rf"(?:\s+(?:من\s+)?(?:هذا\s+)?(?P<wk>الاسبوع)(?:\s+(?P<wrel>{REL}))?|\s+(?P<rel>{REL}))?)")),
    ("week_weekday", rx(rf"(?P<e>(?:هذا\s+)?الاسبوع(?:\s+(?P<wrel>{REL}))?\s+(?:يوم\s+)?(?P<wd>{WD}))")),
    ("nth_weekday", rx(rf"(?P<e>(?P<ord>{ORD})\s+(?:يوم\s+)?(?P<wd>{WD})\s+(?:من|في|ب)\s*{MONTHSPEC}"
                        rf"(?:\s+{YEARX})?)")),
    ("weekday_nth", rx(rf"(?P<e>(?P<wd>{WD})\s+(?P<ord>{ORD})\s+(?:من|في|ب)\s*{MONTHSPEC}(?:\s+{YEARX})?)")),
    ("nth_week", rx(rf"(?P<e>(?:(?P<ord>{ORD})\s+اسبوع|الاسبوع\s+(?P<ord2>{ORD}))\s+(?:من|في|ب)\s*{MONTHSPEC}"
                     rf"(?:\s+{YEARX})?)")),
    ("nth_day", rx(rf"(?P<e>(?:(?P<ord>{ORD})\s+يوم|اليوم\s+(?P<ord2>{ORD}))\s+(?:من|في|ب)\s*{MONTHSPEC}"
                    rf"(?:\s+{YEARX})?)")),
    ("day_of_month", rx(rf"(?P<e>(?P<day>{DAY})\s+من\s+(?:هذا\s+)?الشهر(?:\s+(?P<mrel>{REL}))?)")),
    ("relday", rx(rf"(?P<e>{alt(RELDAY_VALUE)})")),
    ("period", rx(rf"(?P<e>(?:(?P<mod>{MODW})\s+)?(?:(?P<this>هذا|هذه)\s+)?(?P<unit>الاسبوع|الشهر|العام|السنه)"
                   rf"(?:\s+(?P<rel>{REL}))?)")),
    ("refs", rx(rf"(?P<e>(?P<what>{alt(REF_HEADS)})"
                 rf"(?:\s+(?P<n>{NUMBER_PHRASE}))?\s+(?P<rel>{REL}))")),
    ("offset", rx(rf"(?P<e>(?P<dir>قبل|بعد|منذ|من)\s+(?:(?P<approx>حوالي|نحو|قرابه|زهاء)\s+)?(?P<dur>{DURPHRASE})"
                   rf"(?:\s+(?P<approx2>تقريبا))?(?:\s+(?P<now>من\s+(?:الان|اليوم)))?)")),
    ("offset_now", rx(rf"(?P<e>(?P<dur>{DURPHRASE})\s+من\s+(?:الان|اليوم))")),
    ("duration", rx(rf"(?:(?P<pre>لمده|طوال|طيله|مده|خلال|في غضون)\s+)?(?P<e>(?P<dur>{DURPHRASE}))")),
    ("quarter", rx(rf"(?P<e>(?P<part>الربع|النصف)\s+(?P<ord>{NUMBER_WORD}|الاخير)(?:\s+من)?\s+"
                   r"(?:(?P<kw>عام|العام|سنه)\s*)?"
                    rf"(?:(?P<year>\d{{4}})|(?P<this>هذا\s+العام|العام\s+(?P<rel>{REL}))))")),
    ("whole_unit", rx(r"(?:طوال|طيله)\s+(?P<e>(?P<u>اليوم|الاسبوع|الشهر|العام|السنه|الليل))")),
    ("time", rx(rf"(?P<e>(?:(?P<about>عند|حوالي|بحدود|قرابه|نحو)\s+)?(?:(?P<sa>الساعه)\s+)?(?P<h>{HOURW})"
                 rf"(?::(?P<m>\d{{2}})(?::(?P<s>\d{{2}}))?)?(?:\s*و\s*(?P<mw>{MINW}))?"
                 rf"(?:\s+(?:الا)\s+(?P<minus>{MINW}))?(?:\s*(?P<part>{PART}))?)")),
    ("pod", rx(rf"(?P<e>(?P<pod>{alt(PARTS_POD)})\s+(?:يوم\s+)?(?P<ref>اليوم|امس|الامس|غد|الغد|{WD})"
                rf"(?:\s+(?P<rel>{REL}))?|(?:هذه\s+)?(?P<night>الليله))")),
    ("set", rx(rf"(?P<e>كل\s+(?:(?P<unit>يوم|اسبوع|شهر|عام|سنه)|(?P<wd>{WD}))|(?P<adv>{alt(SETS)}))")),
    ("present", rx(rf"(?P<e>{alt(PRESENT)})")),
    ("decade", rx(rf"(?P<e>(?:(?:عقد|حقبه)\s+)?(?P<dec>{DEC})"
                   r"(?:\s+(?:من\s+)?القرن\s+(?P<cent>[^\s,.]+(?:\s+والعشرين)?))?)")),
    ("century", rx(r"(?P<e>القرن\s+(?P<cent>الحادي\s+والعشرين|العشرين|التاسع عشر|الماضي|الحالي|الجاري))")),
    ("year", rx(rf"(?P<e>(?:(?P<mod>{MODW})\s+)?(?:(?P<kw>{YEAR_KW})\s*)?(?P<year>\d{{4}}|(?<=عام\s)\d{{3}})(?!\d)"
                 rf"(?:\s*(?P<era>م|ه|هجريه|ميلاديه)(?!\w))?(?:\s+(?P<rel>{REL}))?)")),
    ("day_range", rx(rf"(?P<e>(?:(?:من|بين)\s+)?(?P<d1>{DAY})\s*(?:-|الي|حتي|وحتي|و)\s*(?P<d2>{DAY})\s+(?:من\s+)?"
                      rf"(?P<mon>{MONTH})(?:\s*,?\s*{YEARX})?)")),
    ("month_day_range", rx(rf"(?P<e>(?P<mon>{MONTH})\s+(?P<d1>\d{{1,2}})\s*(?:-|الي|حتي)\s*(?P<d2>\d{{1,2}})"
                            rf"(?:\s*,?\s*{YEARX})?)")),
]


# A rule can only match near one of its head words: the text is cut into
# words once, each word (less a clitic) is looked up, and every rule runs only
# in windows around its own heads. This keeps the tagger fast on long reports
# with few dates.
def first_words(words) -> set[str]:
    return {w.split()[0] for w in words}


NUMBER_HEADS = {w for w in L.NUMBER_WORDS if w.startswith("ال")}
HEAD_WORDS: dict[str, set[str]] = {}
REACH: dict[str, int] = {}
for _kind, _reach, _heads in (
    ("dmy", 120, first_words(L.MONTHS) | {"شهر", "الشهر"}),
    ("mdy", 100, first_words(L.MONTHS)),
    ("my", 100, first_words(L.MONTHS) | {"شهر", "الشهر"}),
    ("day_range", 110, first_words(L.MONTHS) | {"شهر", "الشهر"}),
    ("month_day_range", 60, first_words(L.MONTHS)),
    ("day_ordinal", 60, NUMBER_HEADS | {"لل" + w[2:] for w in NUMBER_HEADS}),
    ("hijri", 80, first_words(L.HIJRI_MONTHS)),
    ("holiday", 30, first_words(L.HOLIDAYS)),
    ("weekday", 110, {w for w in L.WEEKDAYS if w.startswith("ال")} | {"يوم", "الاسبوع"}),
    ("week_weekday", 60, {"الاسبوع"}),
    ("nth_weekday", 120, set(L.WEEKDAYS)),
    ("weekday_nth", 120, set(L.WEEKDAYS)),
    ("nth_week", 120, {"اسبوع", "الاسبوع"}),
    ("nth_day", 120, {"يوم", "اليوم"}),
    ("day_of_month", 80, {"الشهر"}),
    ("relday", 40, first_words(RELDAY_VALUE) | {"امس", "غد", "بكره", "بكرا"}),
    ("period", 40, {"الاسبوع", "الشهر", "العام", "السنه"}),
    ("refs", 50, set(REF_HEADS)),
    ("offset", 70, set(L.UNITS)),
    ("offset_now", 90, {"الان"}),
    ("duration", 60, set(L.UNITS)),
    ("whole_unit", 30, {"طوال", "طيله"}),
    ("quarter", 60, {"الربع", "النصف"}),
    ("time", 90, {"الساعه"} | first_words(L.DAY_PARTS)),
    ("pod", 40, set(PARTS_POD) | {"الليله"}),
    ("set", 40, {"كل"} | set(SETS)),
    ("present", 30, {"الان", "حاليا", "حالا", "اللحظه", "الوقت"}),
    ("decade", 60, set(L.DECADES)),
    ("century", 40, {"القرن"}),
):
    REACH[_kind] = _reach
    for _w in _heads:
        HEAD_WORDS.setdefault(_w, set()).add(_kind)
# rules a run of digits may lead: (kind, reach); those that need a month name
# (dmy, mdy, ranges) are led by the month name's own windows, which reach the digits
DIGIT_RULES = (("numeric", 30), ("numeric_dm", 40), ("day_number", 20), ("year", 60), ("time", 90))


def _any_of(words) -> Callable[[str, int, int], bool]:
    """A cue: one of `words` is in the window (substring tests beat one regex of
    many words). A word that holds a shorter one ("صباحا": "صباح") is left out."""
    words = set(words)
    needles = tuple(w for w in words if not any(v != w and v in w for v in words))

    def cue(s: str, start: int, end: int) -> bool:
        window = s[start:end]
        return any(w in window for w in needles)
    return cue


# A clock time needs "الساعة", minutes after a colon or a part of the day, the
# bare "م"/"ص" only with minutes (handlers._h_time).
_CLOCK_WORDS = _any_of(("الساعه", *(p for p in L.DAY_PARTS if p not in ("م", "ص"))))
_MINUTES = re.compile(r":\d")


def _may_hold_clock_time(s: str, start: int, end: int) -> bool:
    return _CLOCK_WORDS(s, start, end) or _MINUTES.search(s, start, end) is not None


# The nth weekday, week or day "من/في/ب" a month (MONTHSPEC's first word):
# windows around "احد" (one of) and "يوم" mostly lack it.
_OF_MONTH = re.compile(rf"(?:من|في|ب)\s*(?:هذا|الشهر|شهر|{MON})").search


# Cues: what every match a rule keeps holds, for rules whose windows mostly
# lack it (most are a number's: "5 أشخاص", or a common head's: "يوم", "قبل").
# A window s[start:end] for which cue(s, start, end) is false is not searched:
# a cheap test spares the scan. A cue regex starts with a plain character or
# class, which re skips ahead to fast (so \d\d\d, not \d{3}).
CUES: dict[str, Callable[[str, int, int], object]] = {
    "numeric": re.compile(r"\d[/.-]\d").search,
    "numeric_dm": re.compile(r"\d\s*[/.-]\s*\d").search,
    "day_number": re.compile(r"يوم\s+\d").search,
    "year": re.compile(r"\d\d\d").search,
    "month_day_range": re.compile(r"\d\s*(?:-|الي|حتي)\s*\d").search,
    "weekday": _any_of(L.WEEKDAYS),
    "relday": _any_of(RELDAY_VALUE),
    "time": _may_hold_clock_time,
    "nth_weekday": _OF_MONTH,
    "weekday_nth": _OF_MONTH,
    "nth_week": _OF_MONTH,
    "nth_day": _OF_MONTH,
    "day_ordinal": re.compile(rf"(?:الي|حتي)\s+ال|لل{NUMBER_WORD}").search,
}
