"""The temporal tagger and the publication-window estimator."""

from __future__ import annotations

import re

import pytest
from conftest import SEEDS

from marsad import dates


def _one(text: str, anchor: str | None = "2024-08-22"):
    found = dates.tag(text, anchor)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    t = found[0]
    assert text[t.start:t.end] == t.text
    return t


# ---- gold: the sample reports --------------------------------------------------


def _matches(timex: dict, want: dict) -> bool:
    return timex["value"] == want["value"] and (want["text"] in timex["text"] or timex["text"] in want["text"])


def test_every_gold_date_resolves_to_its_gold_value(gold, seeds_analyzed):
    for name, doc in gold["documents"].items():
        out = seeds_analyzed[name]
        for want in doc["dates"]:
            if want["text"] in out["text"]:
                assert any(_matches(t, want) for t in out["timexes"]), (name, want, out["timexes"])
            else:
                # clean removed the line that holds it (a photo caption): the
                # tagger still resolves it against the same anchor
                raw = next(SEEDS.glob(name + "*")).read_text("utf-8")
                found = dates.tag(raw, out["published"]["value"][:10])
                assert any(_matches(t.__dict__, want) for t in found), (name, want)


def test_timex_offsets_point_into_clean_text(seeds_analyzed):
    for out in seeds_analyzed.values():
        for t in out["timexes"]:
            assert out["text"][t["start"]:t["end"]] == t["text"]


@pytest.mark.parametrize("name", ["000_acdcb25d376a7de1", "001_2cfd4d4e231ec34c"])
def test_estimated_window_lies_inside_gold(gold, seeds_analyzed, name):
    got = seeds_analyzed[name]["published"]
    lo, hi = gold["documents"][name]["published_window"]
    assert got["estimated"] is True
    assert lo <= got["window"][0] <= got["window"][1] <= hi
    assert got["window"][0] <= got["value"] <= got["window"][1]


def test_window_of_002_contains_its_gold_window(gold, seeds_analyzed):
    got = seeds_analyzed["002_36023599d9510de5"]["published"]
    lo, hi = gold["documents"]["002_36023599d9510de5"]["published_window"]
    assert got["window"][0] <= lo and hi <= got["window"][1]


def test_undated_report_dates_are_flagged_as_resolved_on_an_estimate(seeds_analyzed):
    assert all(t["anchor_estimated"] for t in seeds_analyzed["000_acdcb25d376a7de1"]["timexes"])
    assert not any(t["anchor_estimated"] for t in seeds_analyzed["004_fbf16886c3633287"]["timexes"])


# ---- the tricky forms -----------------------------------------------------------


def test_outlet_name_is_not_today():
    text = "وللتواصل تابعنا علي فيسبوك الدبلوماسي اليوم و يوتيوب الدبلوماسي اليوم."
    assert dates.tag(text, "2024-08-22") == []
    t = _one("وأضاف أن انسحابها اليوم من العراق يعني كشف ظهر قواعدها")
    assert (t.text, t.value) == ("اليوم", "2024-08-22")


@pytest.mark.parametrize("text, span, value, modifier", [
    ("وفي أواخر يوليو/تموز الماضي، زار وفد", "أواخر يوليو/تموز الماضي", "2024-07", "END"),
    ("بنهاية 2021، بعد", "نهاية 2021", "2021-12", "END"),
    ("ومنذ شباط الماضي، أعلنت الفصائل", "شباط الماضي", "2024-02", None),
    ("مطلع كانون الثاني/ يناير 2020.", "مطلع كانون الثاني/ يناير 2020", "2020-01", "START"),
    ("إنهاء هذا الملف بحلول أيلول/ سبتمبر 2025،", "أيلول/ سبتمبر 2025", "2025-09", None),
    ("في سبتمبر/أيلول المقبل.", "سبتمبر/أيلول المقبل", "2024-09", None),
    ("في 30 يوليو/تموز الماضي.", "30 يوليو/تموز الماضي", "2024-07-30", None),
    ("وصل في يوليو (تموز) 2023", "يوليو (تموز) 2023", "2023-07", None),
    ("قبل خمسة أشهر تقريبًا، والتي", "قبل خمسة أشهر تقريبًا", "2024-03-22", "APPROX"),
    ("يعقد الاجتماع في العشرين من الشهر الجاري", "العشرين من الشهر الجاري", "2024-08-20", None),
    ("في ٣٠ يوليو ٢٠٢٤", "٣٠ يوليو ٢٠٢٤", "2024-07-30", None),
    ("كتائب تأسست عام 2003 في", "عام 2003", "2003", None),
    ("منذ الثمانينيات", "الثمانينيات", "198", None),
    ("مهلة 8 أشهر قابلة للنقصان", "8 أشهر", "P8M", None),
    ("استمرت المفاوضات عامين", "عامين", "P2Y", None),
    ("تقام من 13 إلى 15 يوليو", "من 13 إلى 15 يوليو", "2024-07-13/2024-07-15", None),
    ("في 25 ربيع الأول 1446 هـ", "25 ربيع الأول 1446 هـ", "2024-09-28", None),
    ("22 أغسطس 2024، 7:16 ص", "22 أغسطس 2024، 7:16 ص", "2024-08-22T07:16", None),
    ("خلال الأسبوع الماضي", "الأسبوع الماضي", "2024-W33", None),
    ("يعود غداً إلى بغداد", "غداً", "2024-08-23", None),
    ("وصل أول أمس", "أول أمس", "2024-08-20", None),
    ("وصل أمس الأول", "أمس الأول", "2024-08-20", None),
    ("يصل بعد غد", "بعد غد", "2024-08-24", None),
    ("ويتوقع أن تنتهي نهاية العام الحالي", "نهاية العام الحالي", "2024-12", "END"),
])
def test_form(text, span, value, modifier):
    t = _one(text)
    assert (t.text, t.value, t.modifier) == (span, value, modifier)


def test_weekday_follows_the_tense_around_it():
    # 2024-08-22 is a Thursday
    assert _one("قالت حركة النجباء، الثلاثاء، إن الهدنة انتهت").value == "2024-08-20"
    assert _one("ومن المقرر أن يصل الوفد الثلاثاء المقبل").value == "2024-08-27"
    assert _one("وصل الوفد الخميس الماضي").value == "2024-08-15"
    assert _one("واتهم المتحدث، اليوم الخميس، الولايات المتحدة").value == "2024-08-22"
    # the report's own weekday ahead is that day: news says "المقبل" for next week's
    assert _one("وتعقد المحادثات المزمع إجراؤها في جنيف الخميس").value == "2024-08-22"
    assert _one("وتعقد المحادثات الخميس المقبل").value == "2024-08-29"
    # threats and conditions are news of the past; "حتى" after the day is "so that", not a deadline
    assert _one("لكن الوزير هدد إيران، الاثنين، بأقوى عقوبات").value == "2024-08-19"
    assert _one("ووضع الزعيم سلسلة من الشروط، الأربعاء، حتى تبقى بلاده في الاتفاق").value == "2024-08-21"


def test_digits_glued_to_the_word_after_them():
    assert _one("أعلى مستوى منذ 18سبتمبر الماضي").value == "2023-09-18"
    assert _one("وقضى في السجن 8سنوات").value == "P8Y"


def test_month_without_year_follows_tense_and_relative_word():
    assert _one("وبدأت المحادثات في أكتوبر", "2021-08-15").value == "2020-10"
    assert _one("سيبدأ الانسحاب في يوليو المقبل", "2021-08-15").value == "2022-07"
    assert _one("وقع الاتفاق في يوليو الماضي", "2021-07-10").value == "2020-07"
    assert _one("ستبدأ الانسحابات في سبتمبر", "2024-10-15").value == "2025-09"
    assert _one("بدأت الانسحابات في سبتمبر", "2024-10-15").value == "2024-09"


def test_without_anchor_unknown_parts_stay_open():
    assert _one("في 30 يوليو/تموز", None).value == "XXXX-07-30"
    assert _one("قالت الوزارة، الثلاثاء", None).value == "XXXX-WXX-2"


# ---- the estimator --------------------------------------------------------------


def test_no_window_without_dated_mentions():
    assert dates.estimate_publication("قال المتحدث إن الهدنة انتهت.") is None
    # years alone (history, plans) do not say when the report was written
    assert dates.estimate_publication("تأسست الحركة عام 2003 وتخطط لعام 2030.") is None


def test_past_and_next_months_bound_the_window():
    pub = dates.estimate_publication(
        "وقعت الضربة في 30 يوليو/تموز الماضي. وستبدأ الانسحابات في سبتمبر/أيلول المقبل، "
        "وتبقى قوات حتى سبتمبر/أيلول 2026.")
    assert pub.estimated and pub.precision == "day"
    assert pub.window == ("2024-08-06", "2024-08-31")


def test_intersect_windows():
    assert dates.intersect_windows(("2024-07-01", "2024-08-31"), ("2024-08-06", "2024-09-30")) == \
        ("2024-08-06", "2024-08-31")
    assert dates.intersect_windows(("2024-07-01", "2024-07-31"), ("2024-08-06", "2024-09-30")) is None
    assert dates.intersect_windows(None, ("2024-08-06", "2024-09-30")) == ("2024-08-06", "2024-09-30")
    assert dates.window_middle(("2024-08-06", "2024-08-28")) == "2024-08-17"


@pytest.mark.parametrize("text, anchor, span, value", [
    ("عيد الأضحى 2013", "2013-02-12", "عيد الأضحى 2013", "2013-10-15"),
    ("رمضان 2019", "2013-02-12", "رمضان 2019", "2019-05-06/2019-06-03"),
    ("الساعة الثالثة وربع بعد الظهر", "2013-02-12T04:30", "الساعة الثالثة وربع بعد الظهر", "2013-02-12T15:15"),
    ("الساعة 12 الا ربع قبل الظهر", "2013-02-12T04:30", "الساعة 12 الا ربع قبل الظهر", "2013-02-12T11:45"),
    ("اخر اثنين من شهر اذار", "2013-02-12", "اخر اثنين من شهر اذار", "2013-03-25"),
    ("في الحادي والعشرين من مايو", "2016-11-07", "الحادي والعشرين من مايو", "2016-05-21"),
    ("يوم الأحد يناير الحادي والعشرين ألفان وثمانية عشر", "2016-11-07",
     "الأحد يناير الحادي والعشرين ألفان وثمانية عشر", "2018-01-21"),
    ("الاسابيع الثلاثة القادمة", "2013-02-12", "الاسابيع الثلاثة القادمة", "2013-W08/2013-W10"),
    ("تعقد القمة سنويا", "2024-08-22", "سنويا", "P1Y"),
    ("ويستمر القصف حتى الآن", "2024-08-22", "الآن", "PRESENT_REF"),
    ("هاجموا القاعدة مساء أمس", "2024-08-22", "مساء أمس", "2024-08-21TEV"),
])
def test_benchmark_style_forms(text, anchor, span, value):
    t = _one(text, anchor)
    assert (t.text, t.value) == (span, value)


def test_scores_and_counts_are_not_dates():
    assert dates.tag("فاز الفريق 3-1 وسجل 2024 هدفا", "2024-08-22") == []
    assert dates.tag("ارتفع السعر إلى 4.22 دولار", "2024-08-22") == []


def test_quarters_and_halves():
    assert _one("في الربع الثالث من عام 2016").value == "2016-Q3"
    assert _one("خلال الربع الأخير من العام الماضي").value == "2023-Q4"
    assert _one("النصف الأول من العام الجاري").value == "2024-H1"


def test_a_weekday_with_its_date_pins_the_year():
    # 15 March was a Thursday in 2018 (and 2012, 2029), not in 2017 or 2019
    pub = dates.estimate_publication(
        "وقال الوزير إن الاجتماع عقد يوم الخميس 15 مارس الماضي. وكانت الحكومة قد أعلنت في يناير 2017 خطتها.")
    assert pub is not None and pub.window[0] <= "2018-06-01" <= pub.window[1]
    assert pub.window[0] >= "2018-03-15"


def test_a_date_off_the_calendar_is_dropped_not_raised():
    """"12/9999" (a month and a year no other form accepts) once sank the whole report in the
    window estimate (year 10000); "قبل 2500 عام" resolves before year 1. Each is left out."""
    from marsad.pipeline import analyze_raw
    from marsad.records import Published, RawDocument

    base = "وقعت الهجمات في مارس الماضي عام 2018، وانسحبت القوات"
    assert dates.estimate_publication(base + " في 12/9999.") == dates.estimate_publication(base + ".")
    assert dates.tag("وقال إن المدينة بنيت قبل 2500 عام", "2018-03-01") == []

    def raw(text):
        return RawDocument(source="x", name="x", content=text, media_type="text/plain", encoding="utf-8")

    undated = analyze_raw(raw(base + " في 12/9999 قبل 2500 عام."))
    assert undated.document.published == dates.estimate_publication(base + ".")
    # an attack "قبل ساعات" is dated from the publication day, which here is the calendar's first
    first_day = analyze_raw(raw("شنت القوات هجوما على الموصل قبل ساعات وقتل خمسة أشخاص."),
                            published=Published("0001-01-01", "day"))
    assert [(e.type, e.date_window) for e in first_day.events] == [("ASSAULT", None)]


# ---- what makes the tagger fast does not change what it finds -------------------


def test_a_word_trie_matches_as_the_longest_first_list_does():
    from marsad.dates import lexicon as L
    from marsad.alternation import alt

    for words in (L.NUMBER_WORDS, L.MONTHS, L.DAY_PARTS, L.UNITS, ("اب", "ابريل", "ا", "ابر")):
        listed = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
        text = " ".join(words) + " " + "".join(words) + " ابريلي"  # alone, run together, cut short
        for tail in ("", r"(?!\w)", "ي", r"\w"):  # what follows can send re back to a shorter word
            got = [m.span() for m in re.finditer(f"(?:{alt(words)}){tail}", text)]
            assert got == [m.span() for m in re.finditer(f"(?:{listed}){tail}", text)], (words, tail)


@pytest.mark.parametrize("text", [
    "وقع الانفجار عند الساعة الخامسة مساء أمس وقتل 5 أشخاص",
    "يبدأ الاجتماع في تمام 10:30 صباحا ويستمر 3 ساعات",
    "غادر الساعة 7 وربع، وعاد عند الثامنة إلا ربعا ليلا",
    "الموعد 9:15م و8 ص و7 م",
    "بتاريخ 12/05/2018 وفي 5/3 و2018-03-05 وفي 3.4 مليون",
    "عام 2018م وفي 1990 وفي 250 قرية",
    "وصل يوم 15 وغادر بعد 20 يوما، في 25 من الشهر",
    "من مارس 13-15 وفي يناير 5 الى 9 2019",
    "قتل 12 شخصا وأصيب 40 آخرون في 3 هجمات",
    "وصل الخميس الماضي، ويغادر يوم الأحد المقبل أو بعد غد، لا أمس ولا في اليوم الوطني",
    "قالت المصري اليوم إن أحد الوزراء زار قبل يوم واحد",
])
def test_cues_only_skip_windows_that_hold_no_date(monkeypatch, text):
    from marsad.dates import grammar

    found = dates.tag(text, "2024-08-22")
    monkeypatch.setattr(grammar, "CUES", {})
    assert dates.tag(text, "2024-08-22") == found


def test_cues_change_nothing_in_the_sample_reports(monkeypatch):
    from marsad.dates import grammar

    texts = [p.read_text("utf-8") for p in sorted(SEEDS.iterdir()) if p.is_file()]
    found = [dates.tag(t, "2024-08-22") for t in texts]
    monkeypatch.setattr(grammar, "CUES", {})
    assert [dates.tag(t, "2024-08-22") for t in texts] == found
