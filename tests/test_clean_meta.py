"""clean: publication dates with their time zones, datelines, outlets, chrome rules."""

import pytest

from marsad.clean import clean
from marsad.clean.chrome import classify
from marsad.clean.meta import parse_dateline, parse_stated
from marsad.records import RawDocument

BODY = (
    "قال قائد فصيل إن الفصائل المسلحة في العراق أعلنت انتهاء الهدنة غير الرسمية مع الولايات المتحدة، "
    "وهددت بشن هجمات تستهدف قواعد الجيش.\n"
    "وأوضح القائد العسكري أن قرار إنهاء الهدنة يرجع إلى عدم جدية الحكومتين في جدولة انسحاب القوات."
)


def text_doc(text, **kw):
    return clean(RawDocument(source="t.txt", name="t", content=text, media_type="text/plain", encoding="utf-8", **kw))


@pytest.mark.parametrize("value, expected", [
    ("Sun, 18 Feb 2018 21:35:43 +0400", ("2018-02-18T21:35", "minute", "+04:00")),
    ("Sun, 18 Feb 2018 17:21:49 GMT", ("2018-02-18T17:21", "minute", "+00:00")),
    ("Tue, 13 Feb 2018 10:22:00 -0500", ("2018-02-13T10:22", "minute", "-05:00")),
    ("2018-02-18T21:35:43+04:00", ("2018-02-18T21:35", "minute", "+04:00")),
    ("2018-02-18T21:35:43Z", ("2018-02-18T21:35", "minute", "+00:00")),
    ("2021-09-12 00:00:00", ("2021-09-12", "day", None)),
    ("2021-09-12", ("2021-09-12", "day", None)),
    ("22 أغسطس 2024، 7:16 ص", ("2024-08-22T07:16", "minute", None)),
    ("22 أغسطس 2024، 7:16 م", ("2024-08-22T19:16", "minute", None)),
    ("٢٢ أغسطس ٢٠٢٤، ٧:١٦ ص", ("2024-08-22T07:16", "minute", None)),
    ("22 آب/أغسطس 2024", ("2024-08-22", "day", None)),
    ("الخميس 3 تشرين الأول 2024 - 12:30 م بتوقيت غرينتش", ("2024-10-03T12:30", "minute", "+00:00")),
    ("5 تشرين أول 2018", ("2018-10-05", "day", None)),
    ("1 كانون الثاني 2020 الساعة 10:05 صباحاً بتوقيت مكة المكرمة", ("2020-01-01T10:05", "minute", "+03:00")),
    ("١٢/٠٩/٢٠٢١", ("2021-09-12", "day", None)),
    ("2018-02-18T25:61", ("2018-02-18", "day", None)),
    ("2018-09", ("2018-09", "month", None)),
    ("2018", ("2018", "year", None)),
])
def test_stated_dates(value, expected):
    p = parse_stated(value)
    assert (p.value, p.precision, p.timezone) == expected
    assert p.estimated is False


@pytest.mark.parametrize("value", ["", "yesterday", "1534567890", "2018-13-45", "Sun, 31 Feb 2018 10:00:00 GMT",
                                   "9999-12-31T23:59:59+14:00", "31/02/2020", "-1"])
def test_unusable_stated_dates_are_none_and_the_report_still_cleans(value):
    assert parse_stated(value) is None
    doc = text_doc(BODY, published=value)
    assert doc.text == BODY


@pytest.mark.parametrize("line", [
    "22 أغسطس 2024، 7:16 ص",
    "2021-09-12 00:00:00 - المصدر: العربية",
    "نشر في: الأحد 12 سبتمبر 2021 - 10:30 ص",
    "بغداد - 22 آب 2024",
    "آخر تحديث: 22/08/2024 07:16 GMT",
])
def test_dateline_lines(line):
    assert parse_dateline(line) is not None


@pytest.mark.parametrize("line", [
    "وولد هوكينغ في 8 يناير/ كانون الثاني 1942 في أكسفورد، بإنجلترا.",
    "وأعلن النادي البيلاروسي مارادونا رئيسا له في 19 مايو 2018.",
    "وكانت الأجهزة الأمنية الأردنية قبضت عليهما في 8 مارس 2016.",
    "لا علاقة باعتداءات 13 نوفمبر/تشرين الثاني 2015 في باريس",
])
def test_sentences_with_a_date_are_not_datelines(line):
    assert parse_dateline(line) is None


def test_a_date_only_line_inside_the_body_stays():
    text = BODY + "\n14 فبراير/شباط 2018\n" + BODY.replace("قال", "وقال")
    doc = text_doc(text)
    assert "14 فبراير/شباط 2018" in doc.text.splitlines()
    assert doc.published is None or doc.published.estimated


def test_dateline_in_header_gives_the_date_and_the_outlet():
    doc = text_doc("عنوان الخبر عن الهدنة في العراق\n22 أغسطس 2024، 7:16 م - المصدر: سكاي نيوز\n" + BODY)
    assert doc.published.value == "2024-08-22T19:16"
    assert doc.outlet == "سكاي نيوز عربية"
    assert [r.reason for r in doc.removed] == ["dateline"]


def test_source_given_date_and_outlet_win():
    doc = text_doc(BODY, published="Sun, 18 Feb 2018 21:35:43 +0400", outlet="skynews")
    assert (doc.published.value, doc.published.timezone) == ("2018-02-18T21:35", "+04:00")
    assert doc.outlet == "سكاي نيوز عربية"


# ---- outlets ------------------------------------------------------------------


@pytest.mark.parametrize("footer, outlet", [
    ("فرانس24/ أ ف ب", "فرانس 24"),
    ("فرانس 24/ أ ف ب / رويترز", "فرانس 24"),
    ("فرانس24/ وكالات", "فرانس 24"),
    ("الوطن الخليجية", "الوطن الخليجية"),
    ("جميع الحقوق محفوظة ©️ 2024 شركة إرم ميديا - Erem Media FZ LLC", "إرم نيوز"),
    ("المصدر: العربية", "العربية"),
    ("تابعونا على فيسبوك وتويتر: سكاي نيوز عربية", "سكاي نيوز عربية"),
])
def test_outlet_from_footer_lines(footer, outlet):
    doc = text_doc(BODY + "\n" + footer)
    assert doc.outlet == outlet
    assert footer not in doc.text


def test_outlet_never_from_a_body_sentence_or_a_caption():
    text = ("صورة من موقع الهجوم المصدر: رويترز\n" + BODY + "\nونقلت وكالة رويترز عن مصادر عراقية أن المحادثات "
            "مستمرة في واشنطن هذا الأسبوع.\nوقالت قناة العربية إن الوفد وصل.")
    doc = text_doc(text)
    assert doc.outlet is None
    assert doc.removed[0].reason == "caption"


def test_outlet_from_the_domain():
    doc = text_doc(BODY, url="https://www.alarabiya.net/ar/arab-and-world/iraq/2021/09/12/x")
    assert doc.outlet == "العربية"


# ---- chrome rules ---------------------------------------------------------------


@pytest.mark.parametrize("line, reason", [
    ("** جميع المقالات المنشورة تمثل رأي كتابها فقط.", "disclaimer"),
    ("يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي على هاتفكم المحمول.", "promo"),
    ("*نقلاً عن الرؤية الإماراتية", "credit"),
    ("------------------------------", "separator"),
    ("×××", "separator"),
    ("لمتابعة المباراة على الحواسيب اللوحية، اضغط هنا...", "link"),
    ("للمزيد: ضربات جوية تستهدف مطار التيفور العسكري السوري", "related"),
    ("إقرأ أيضا: اختفاء خاشقجي.. السعودية تتوعد بالرد", "related"),
    ("مصدر الصورة Getty Images", "caption"),
    ("حوار: آسيا العتروس", "byline"),
    ("**حقوق النشر محفوظة لمجلة القافلة، أرامكو السعودية", "copyright"),
])
def test_chrome_lines(line, reason):
    assert classify(line) == reason


@pytest.mark.parametrize("line", [
    "وتقول أوراكل إن غوغل استخدمت برمجية جافا لتطوير نظامها، وذكرت أن هذا الأمر يعد انتهاكا صريحا لحقوق النشر.",
    "واشترت دار أوميغا للمزادات مجموعة من 413 صورة مع حقوق النشر مقابل 253 ألفا و200 إسترليني.",
    "وأشار استطلاع الرأي إلى أن المزيد من مستخدمي فيسبوك أكدوا أنهم أصبحوا يعرفون كيف يحمون معلوماتهم "
    "مقارنة بمنصات أخرى للتواصل الاجتماعي مثل تويتر.",
    "في غضون ساعات من الاعلان عن وفاة فيدل، استخدم ترامب وسيلته المفضلة للتواصل، تويتر، للاشارة الى رحيله.",
    "ويشار إلى أن موقع CNN بالعربية لا يمكنه التأكد بشكل مستقل من الأنباء المتناقلة عبر وسائل التواصل الاجتماعي.",
    "وقالت الشرطة إن المصور التقط الصورة قرب المبنى (رويترز) قبل أن يغادر المكان بسرعة ويعود إلى مكتبه في وسط المدينة.",
])
def test_report_sentences_are_not_chrome(line):
    assert classify(line) is None


def test_related_list_ends_at_the_report_text():
    text = (BODY + "\nاقرأ أيضاً:\nالرئيس النيجيري يدعو الأمم المتحدة للتفاوض مع بوكو حرام\n"
            "انقاذ اولى التلميذات النيجيريات\n"
            "وقال بول فيرويذر، مسؤول دار المزادات، إنها \"مجموعة صور مذهلة.\"\n" + BODY.replace("قال", "ذكر"))
    doc = text_doc(text)
    assert [r.reason for r in doc.removed] == ["related", "related", "related"]
    assert "وقال بول فيرويذر" in doc.text


def test_an_outlet_name_inside_the_report_is_a_subheading_not_a_credit():
    doc = text_doc(BODY + "\nالجزيرة\n" + BODY.replace("قال", "وذكر"))
    assert "الجزيرة" in doc.text.splitlines()
    assert doc.outlet is None and doc.removed == []


def test_a_bare_source_line_inside_the_report_credits_a_photo():
    doc = text_doc(BODY + "\nالمصدر: رويترز\n" + BODY.replace("قال", "وذكر"))
    assert doc.outlet is None
    assert doc.removed[0].reason == "source"


def test_a_long_caption_with_an_agency_credit():
    line = "رئيس الوزراء العراقي يستقبل وفدا من التحالف الدولي في مكتبه ببغداد (أرشيفية - رويترز)"
    assert classify(line) == "caption"
