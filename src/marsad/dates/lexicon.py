"""Words of time as Arabic outlets write them, in folded form.

Every key is written the way `marsad.arabic.fold` + mark stripping leaves it
(أ/إ/آ → ا, ة → ه, ى → ي), so one table serves every spelling.
"""

from __future__ import annotations

from marsad.arabic import fold

# Gregorian (Egyptian/Gulf), Levantine/Iraqi (Syriac) and Maghrebi names.
MONTHS: dict[str, int] = {
    "يناير": 1, "كانون الثاني": 1, "جانفي": 1, "ينار": 1,
    "فبراير": 2, "فبرابر": 2, "شباط": 2, "فيفري": 2,
    "مارس": 3, "اذار": 3,
    "ابريل": 4, "نيسان": 4, "افريل": 4,
    "مايو": 5, "ايار": 5, "ماي": 5,
    "يونيو": 6, "يونيه": 6, "حزيران": 6, "جوان": 6,
    "يوليو": 7, "يوليه": 7, "تموز": 7, "جويليه": 7, "يوليوز": 7,
    "اغسطس": 8, "اب": 8, "اوت": 8, "غشت": 8,
    "سبتمبر": 9, "ايلول": 9, "شتنبر": 9,
    "اكتوبر": 10, "تشرين الاول": 10,
    "نوفمبر": 11, "تشرين الثاني": 11, "نونبر": 11,
    "ديسمبر": 12, "كانون الاول": 12, "دجنبر": 12,
}

# Month names that are also common words: only taken with a day, a year, a
# paired name, "شهر" or a relative word next to them (see grammar).
AMBIGUOUS_MONTHS = frozenset({"اب", "ماي", "اوت"})

HIJRI_MONTHS: dict[str, int] = {
    "محرم": 1, "صفر": 2,
    "ربيع الاول": 3, "ربيع اول": 3,
    "ربيع الثاني": 4, "ربيع الاخر": 4, "ربيع ثاني": 4,
    "جمادي الاولي": 5, "جمادي الاول": 5,
    "جمادي الاخره": 6, "جمادي الثانيه": 6, "جمادي الاخر": 6, "جمادي الثاني": 6,
    "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
    "ذو القعده": 11, "ذي القعده": 11, "ذو الحجه": 12, "ذي الحجه": 12,
}

# Monday = 0, as datetime.weekday().
WEEKDAYS: dict[str, int] = {
    "الاثنين": 0, "اثنين": 0, "الاتنين": 0,
    "الثلاثاء": 1, "الثلاثا": 1, "ثلاثاء": 1, "الثلاثاء": 1,
    "الاربعاء": 2, "الاربعا": 2, "اربعاء": 2, "اربعا": 2,
    "الخميس": 3, "خميس": 3,
    "الجمعه": 4, "جمعه": 4,
    "السبت": 5, "سبت": 5,
    "الاحد": 6, "احد": 6,
}
# Bare weekday forms without the article are only taken after يوم or with
# an ordinal/relative word; "احد" alone is "one of".
BARE_WEEKDAYS = frozenset(k for k in WEEKDAYS if not k.startswith("ال"))

# Relative words after a month, weekday or unit.
PAST_WORDS = ("الماضي", "الماض", "المنصرم", "الفائت", "السابق", "المنقضي")
NEXT_WORDS = ("المقبل", "القادم", "التالي", "الجاي", "اللاحق")
THIS_WORDS = ("الجاري", "الحالي")
RELATIVE = {w: -1 for w in PAST_WORDS} | {w: 1 for w in NEXT_WORDS} | {w: 0 for w in THIS_WORDS}
# Feminine agreement (السنة الماضية، الأيام المقبلة).
RELATIVE |= {w + "ه": v for w, v in RELATIVE.items()}

# Calendar units: word → (unit, count). Plural and dual forms carry the count
# a bare dual implies ("عامين" = two years).
UNITS: dict[str, tuple[str, int]] = {}
for _unit, _sing, _dual, _plurals in (
    ("D", ("يوم", "يوما"), ("يومين", "يومان"), ("ايام", "يوم")),
    ("W", ("اسبوع", "اسبوعا"), ("اسبوعين", "اسبوعان"), ("اسابيع",)),
    ("M", ("شهر", "شهرا"), ("شهرين", "شهران"), ("اشهر", "شهور")),
    ("Y", ("عام", "عاما", "سنه", "سنة"), ("عامين", "عامان", "سنتين", "سنتان"), ("اعوام", "سنوات", "سنين")),
    ("H", ("ساعه",), ("ساعتين", "ساعتان"), ("ساعات",)),
    ("MIN", ("دقيقه",), ("دقيقتين", "دقيقتان"), ("دقائق",)),
    ("S", ("ثانيه",), ("ثانيتين", "ثانيتان"), ("ثوان", "ثواني", "ثانيه")),
    ("DEC", ("عقد",), ("عقدين", "عقدان"), ("عقود",)),
    ("CENT", ("قرن",), ("قرنين", "قرنان"), ("قرون",)),
):
    for _w in _sing:
        UNITS.setdefault(_w, (_unit, 1))
    for _w in _dual:
        UNITS[_w] = (_unit, 2)
    for _w in _plurals:
        UNITS.setdefault(_w, (_unit, 0))  # 0: the count comes from a number
UNIT_OF_PERIOD = {"يوم": "D", "اسبوع": "W", "شهر": "M", "عام": "Y", "سنه": "Y"}

# Fuzzy parts of a month or year (TIMEX3 mod).
MODIFIERS: dict[str, str] = {
    "مطلع": "START", "بدايه": "START", "بدء": "START", "اوائل": "START", "اول": "START",
    "مستهل": "START", "اوايل": "START", "ابتداء": "START", "غره": "START",
    "منتصف": "MID", "اواسط": "MID", "وسط": "MID", "نص": "MID", "نصف": "MID",
    "نهايه": "END", "اواخر": "END", "اخر": "END", "ختام": "END", "اواخير": "END",
}

# Cardinals and ordinals, masculine and feminine, "ال" or not.
_UNITS_WORDS = {
    1: ("واحد", "واحده", "احد", "احدي", "اول", "اولي", "الحادي", "حادي", "الحاديه", "حاديه", "الواحد"),
    2: ("اثنان", "اثنين", "اثنتان", "اثنتين", "ثاني", "ثان", "ثانيه", "اثني", "اثنا", "اثنتي", "اثنتا"),
    3: ("ثلاث", "ثلاثه", "ثالث", "ثالثه"),
    4: ("اربع", "اربعه", "رابع", "رابعه"),
    5: ("خمس", "خمسه", "خامس", "خامسه"),
    6: ("ست", "سته", "سادس", "سادسه"),
    7: ("سبع", "سبعه", "سابع", "سابعه"),
    8: ("ثمان", "ثماني", "ثمانيه", "ثامن", "ثامنه"),
    9: ("تسع", "تسعه", "تاسع", "تاسعه"),
    10: ("عشر", "عشره", "عاشر", "عاشره"),
}
NUMBER_WORDS: dict[str, int] = {}
for _n, _forms in _UNITS_WORDS.items():
    for _f in _forms:
        NUMBER_WORDS[_f] = _n
        NUMBER_WORDS["ال" + _f] = _n
NUMBER_WORDS.update({"الاول": 1, "الاولي": 1, "الثاني": 2, "الثانيه": 2})
for _n, _stem in ((20, "عشر"), (30, "ثلاث"), (40, "اربع"), (50, "خمس"), (60, "ست"),
                  (70, "سبع"), (80, "ثمان"), (90, "تسع")):
    for _suffix in ("ون", "ين"):
        NUMBER_WORDS[_stem + _suffix] = _n
        NUMBER_WORDS["ال" + _stem + _suffix] = _n
for _n, _w in ((100, "مائه"), (100, "مئه"), (200, "مئتين"), (200, "مائتين"), (200, "مئتان"),
               (200, "مائتان"), (1000, "الف"), (2000, "الفين"), (2000, "الفان")):
    NUMBER_WORDS[_w] = _n
for _n, _stem in ((3, "ثلاث"), (4, "اربع"), (5, "خمس"), (6, "ست"), (7, "سبع"), (8, "ثمان"), (9, "تسع")):
    NUMBER_WORDS[_stem + "مائه"] = _n * 100
    NUMBER_WORDS[_stem + "مئه"] = _n * 100
NUMBER_WORDS.update({"بضعه": 3, "بضع": 3, "عده": 3})

# Decades as words: "الثمانينيات", "التسعينات".
DECADES: dict[str, int] = {}
for _n, _stem in ((2, "عشرين"), (3, "ثلاثين"), (4, "اربعين"), (5, "خمسين"), (6, "ستين"),
                  (7, "سبعين"), (8, "ثمانين"), (9, "تسعين")):
    for _suffix in ("يات", "ات"):
        DECADES["ال" + _stem + _suffix] = _n
        DECADES[_stem + _suffix] = _n

# Parts of the day: hour offset to add to a 12-hour clock reading, and the
# hour a bare part of day stands for.
DAY_PARTS: dict[str, tuple[int, int]] = {
    "صباحا": (0, 9), "صباح": (0, 9), "الصبح": (0, 9), "الصباح": (0, 9), "ص": (0, 9),
    "فجرا": (0, 4), "الفجر": (0, 4), "فجر": (0, 4),
    "ظهرا": (12, 12), "الظهر": (12, 12), "ظهر": (12, 12),
    "بعد الظهر": (12, 14), "بعد الظهيره": (12, 14), "عصرا": (12, 15), "العصر": (12, 15),
    "بعد العصر": (12, 16), "قبل المغرب": (12, 17), "بعد المغرب": (12, 19), "المغرب": (12, 18),
    "مساء": (12, 19), "مساءا": (12, 19), "المساء": (12, 19), "م": (12, 19),
    "العشاء": (12, 20), "ليلا": (12, 21), "الليله": (12, 21), "الليل": (12, 21),
    "هذا الصباح": (0, 9), "هذه الليله": (12, 21), "قبل الظهر": (0, 11),
}

HOLIDAYS: dict[str, str] = {
    "عيد الفطر": "FITR", "عيد الاضحي": "ADHA", "راس السنه الهجريه": "HIJRI_NEW_YEAR",
    "عيد الميلاد": "CHRISTMAS", "عيد الفصح": "EASTER", "رمضان": "RAMADAN",
    "شهر رمضان": "RAMADAN", "عيد راس السنه": "NEW_YEAR", "راس السنه الميلاديه": "NEW_YEAR",
    "كريسماس": "CHRISTMAS", "الكريسماس": "CHRISTMAS",
}

# Words before a weekday/month that make it future (tense cue), and words in
# the clause that mark reported past events.
FUTURE_CUES = (
    "سوف", "سيتم", "المقرر", "مقرر", "يعتزم", "تعتزم", "يتوقع", "يرتقب", "المرتقب", "بحلول", "حتي",
    "اعتبارا", "ابتداء", "المزمع", "يجب",
    # common verbs with the future prefix س (a bare سـ test would catch سياسي، سنوات، سيارة)
    *(p + v for v in ("بدا", "نطلق", "عقد", "زور", "تم", "كون", "صل", "جري", "لتقي", "شارك", "توجه", "قوم",
                      "عود", "نتهي", "غادر", "ستمر", "بقي", "صبح", "علن", "ناقش", "بحث", "صدر", "جتمع")
      for p in ("سي", "ست")),
)
PAST_CUE_STEMS = (
    "قال", "اعلن", "اكد", "اوضح", "اضاف", "ذكر", "اشار", "كشف", "شهد", "بدا", "زار", "وصل", "اصدر",
    "نفذ", "قتل", "اصيب", "وقع", "جري", "تم", "كان", "اجري", "التقي", "استهدف", "هاجم", "اعتبر",
    "تابع", "نفي", "طالب", "دعا", "افاد", "نقل", "صرح", "وافق", "عقد", "شن", "اطلق", "سقط", "انتهي",
    "انهي", "عاد", "عدت", "غادر", "تعرض", "اعتقل", "وقعت", "اسفر", "ادي", "شارك", "حضر", "توفي",
    "فاز", "خسر", "اختتم", "انطلق", "افتتح", "استقبل", "بحث", "ناقش", "اجتمع", "اتفق", "رفض", "قرر",
    "راسل", "لقد", "منذ",
    # what news reports others did: threats, statements, reactions
    "هدد", "توعد", "حذر", "اتهم", "ندد", "ادان", "رحب", "اعرب", "وضع", "ابلغ", "وجه", "ارسل", "نشر",
    "اصر", "شدد", "لفت", "نوه", "اعترف", "تعهد", "كرر", "جدد", "اقر", "صادق", "سلم", "تسلم",
)


def _folded(table: dict) -> dict:
    return {fold(k): v for k, v in table.items()}


# Keys above are typed as outlets write them; matching sees them folded
# ("الفائت" → "الفايت", "تسعمائة" → "تسعمايه").
MONTHS, HIJRI_MONTHS, WEEKDAYS = _folded(MONTHS), _folded(HIJRI_MONTHS), _folded(WEEKDAYS)
RELATIVE, UNITS, MODIFIERS = _folded(RELATIVE), _folded(UNITS), _folded(MODIFIERS)
NUMBER_WORDS, DECADES, DAY_PARTS = _folded(NUMBER_WORDS), _folded(DECADES), _folded(DAY_PARTS)
HOLIDAYS, UNIT_OF_PERIOD = _folded(HOLIDAYS), _folded(UNIT_OF_PERIOD)
AMBIGUOUS_MONTHS = frozenset(map(fold, AMBIGUOUS_MONTHS))
BARE_WEEKDAYS = frozenset(map(fold, BARE_WEEKDAYS))
FUTURE_CUES = tuple(map(fold, FUTURE_CUES))
PAST_CUE_STEMS = tuple(map(fold, PAST_CUE_STEMS))
