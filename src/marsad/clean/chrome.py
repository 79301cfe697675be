"""Page chrome: lines that are not the report, each with its reason.

Rules read the normalized line (`marsad.arabic.normalize`: hamza/alef, ta
marbuta, alef maqsura folded, marks dropped). A rule that could also match a
report sentence is bounded by length, so body text is never taken for chrome:
chrome lines are labels, short credits and boilerplate, not sentences.
"""

from __future__ import annotations

import re

from marsad.arabic import normalize, strip_marks
from marsad.kb import outlets

# Whole-line labels.
_LABELS = {
    "عاجل": "ticker", "خبر عاجل": "ticker", "اخبار عاجله": "ticker",
    "logo": "chrome", "شعار": "chrome",
    "زر الذهاب الي الاعلي": "chrome", "الذهاب الي الاعلي": "chrome", "العوده الي الاعلي": "chrome",
    "الي الاعلي": "chrome",
    "مقالات ذات صله": "related", "اخبار ذات علاقه": "related", "اخبار ذات صله": "related",
    "مواضيع ذات صله": "related", "قصص ذات صله": "related", "مواد ذات صله": "related",
    "اخبار متعلقه": "related", "مواضيع متعلقه": "related", "اقرا ايضا": "related", "اقرا المزيد": "related",
    "اقرا كذلك": "related", "شاهد ايضا": "related", "طالع ايضا": "related", "للمزيد": "related",
    "الاكثر قراءه": "related", "الاكثر مشاهده": "related", "اخترنا لك": "related",
    "تابعونا علي": "follow", "تابعنا علي": "follow", "تابعونا": "follow", "تابعنا": "follow",
    "تابعونا عبر": "follow",
    "شارك": "share", "مشاركه": "share", "شارك الخبر": "share", "شارك المقال": "share", "طباعه": "share",
    "ماده اعلانيه": "advertisement", "اعلان": "advertisement", "محتوي مدفوع": "advertisement",
    "الرئيسيه": "navigation", "الصفحه الرئيسيه": "navigation",
}
# Labels that head a list of other reports' headlines.
LIST_HEADERS = {"related", "ticker"}

_SOCIAL = r"(فيسبوك|فيس بوك|تويتر|يوتيوب|انستغرام|انستجرام|تلغرام|تليجرام|تيليجرام|واتساب|واتس اب|لينكدان|تيك توك)"
_AGENCIES = (
    r"(فرانس برس|ا ف ب|رويترز|الاناضول|اسوشيتد برس|ا ب|د ب ا|getty( images)?|afp|reuters|ap|epa|"
    r"ارشيفيه|ارشيف|انترنت|مواقع التواصل|وكالات)"
)

# (pattern, reason, most words a matching line may have)
_PATTERNS: list[tuple[re.Pattern[str], str, int]] = [
    (re.compile(r"^(اقرا|طالع|شاهد) (ايضا|المزيد|كذلك)\s*[:：|\-–]"), "related", 40),
    (re.compile(r"^للمزيد\s*[:：|\-–]"), "related", 40),
    (re.compile(r"^[*\s]*(جميع الحقوق محفوظه|حقوق النشر محفوظه|الحقوق محفوظه|©|\(c\)|copyright\b)"), "copyright", 25),
    (re.compile(r"(جميع الحقوق محفوظه|حقوق (النشر|الطبع) محفوظه|all rights reserved|©)"), "copyright", 20),
    (re.compile(r"^(جميع )?(المقالات|الاراء|المواد) المنشوره .{0,20}(تمثل|تعبر عن) (راي|اراء) (كتابها|كاتبها|اصحابها)"),
     "disclaimer", 20),
    (re.compile(r"^هذا المقال بقلم .{0,250}بالضروره (راي|وجهه نظر)"), "disclaimer", 45),
    (re.compile(r"يمكنكم (استلام|تسلم) اشعارات"), "promo", 30),
    (re.compile(r"(حمل|حملوا|نزل|نزلوا) (احدث نسخه من )?تطبيق"), "promo", 15),
    (re.compile(r"(اضغط|انقر) هنا|click here"), "link", 14),
    (re.compile(r"^(تابعنا|تابعونا|تابعوا|للتواصل|لمطالعه المزيد|انضموا|اشترك).{0,160}" + _SOCIAL), "follow", 30),
    (re.compile(r"^لمطالعه المزيد\s*[:：]"), "follow", 30),
    (re.compile(r"(تابع|صفحتنا|حسابنا|قناتنا).{0,40}" + _SOCIAL), "follow", 8),
    (re.compile(r"^" + _SOCIAL + r"( ?[|،,/] ?" + _SOCIAL + r")*$"), "share", 12),
    (re.compile(r"^(بقلم|كتب|كتبت|حوار|اعداد|تقرير|ترجمه|تحرير)\s*[:：]\s*\S"), "byline", 6),
    (re.compile(r"^المصدر\s*[:：]\s*\S"), "source", 6),
    (re.compile(r"(مصدر الصوره|^(الصوره|صوره)( ارشيفيه)?\s*[:(])"), "caption", 15),
    # a caption names a photo agency in parentheses, or after "المصدر:"
    (re.compile(r"\(([^()]*[-–،, /])?" + _AGENCIES + r"\)$"), "caption", 15),
    (re.compile(r"^.{0,80}\sالمصدر\s*[:：]\s*" + _AGENCIES + r"$"), "caption", 15),
]

_NO_WORDS = re.compile(r"^[^\w]+$")
_AGGREGATOR = re.compile(r"^اخبار \w+( \w+)? الان$")
_GENERIC_CREDITS = {"وكالات", "وكالات الانباء", "مواقع"}  # "فرانس24/ وكالات"
_NAME_SPLIT = re.compile(r"\s*[/|،,\-–]\s*")


def key(line: str) -> str:
    """The form of a line the rules read."""
    return normalize(line).strip(" .:-–|*•·»«")


_MAX_WORDS = 45  # no rule matches a longer line: report text, and not worth normalizing
_SHORT_WORDS = 12  # rules for longer lines all need one of these words
# Every branch starts with one exact character (case folded only after it: `(?i:`), so re skips ahead to
# the characters that can begin a hint; hints are grouped by that character, so each is tried once there.
# On report lines, 2.5x as fast as [اإأ]… under re.I.
_LONG_HINT = re.compile(
    r"ا(?:قر[اأ]|لمقالات|لآراء|لاراء|لمواد|لمصدر\s*[:：]|نضموا|شترك)|إقر[اأ]|أقر[اأ]|طالع|شاهد|"
    r"ل(?:لمزيد|لتواصل|مطالع)|حقوق|©|c(?i:opyright|lick)|C(?i:opyright|lick)|\((?i:c)\)|ه(?:ذا المقال|نا)|"
    r"يمكنكم|ت(?:طبيق|ابع)|صور[ةه]|\)\s*$"
)


def classify(line: str) -> str | None:
    """The reason a line is chrome, or None for report text."""
    spaces = line.count(" ")
    if spaces >= _MAX_WORDS or (spaces >= _SHORT_WORDS and not _LONG_HINT.search(strip_marks(line))):
        return None
    k = key(line)
    if not k:
        return "separator" if line.strip() else None
    if k in _LABELS:
        return _LABELS[k]
    if _NO_WORDS.match(line.strip()):
        return "separator"
    n_words = k.count(" ") + 1
    for pattern, reason, max_words in _PATTERNS:
        if n_words <= max_words and pattern.search(k):
            return reason
    if n_words <= 10 and k.startswith("نقلا عن") and line.lstrip().startswith("*"):
        return "credit"  # "*نقلاً عن الرؤية الإماراتية": the paper an opinion piece first ran in
    if n_words <= 5 and _AGGREGATOR.match(k):
        return "aggregator"
    return None


def is_label(line: str) -> bool:
    """A line that is only a label ("اقرأ أيضاً:"), not a label and its link."""
    return key(line) in _LABELS


def outlet_names(line: str) -> list[str]:
    """The outlets a line names when it is nothing but outlet names ("فرانس24/ أ ف ب").

    Read only above or below the report's text: inside it, "الجزيرة" alone may
    be a subheading about the peninsula.
    """
    if line.count(" ") > 8:
        return []
    found = []
    for part in _NAME_SPLIT.split(line.strip(" .*")):
        if not part or normalize(part) in _GENERIC_CREDITS:
            continue
        known = outlets.by_name(part)
        if known is None:
            return []
        found.append(known.name)
    return found


def named_outlet(line: str) -> str | None:
    """The first known outlet a chrome line (copyright, follow, source) names."""
    named = outlets.in_text(line)
    return named[0][1].name if named else None
