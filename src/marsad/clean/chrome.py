"""Page chrome: lines that are not the report, each with its reason."""

from __future__ import annotations

import re

from marsad.arabic import normalize

# Whole-line labels, matched on the normalized line.
_LABELS = {
    "عاجل": "ticker",
    "logo": "chrome",
    "زر الذهاب الي الاعلي": "chrome",
    "الذهاب الي الاعلي": "chrome",
    "مقالات ذات صله": "related",
    "اخبار ذات علاقه": "related",
    "اخبار ذات صله": "related",
    "اقرا ايضا": "related",
    "اقرا المزيد": "related",
    "مواضيع ذات صله": "related",
    "تابعونا علي": "follow",
    "تابعنا علي": "follow",
    "شارك": "share",
    "مشاركه": "share",
    "ماده اعلانيه": "advertisement",
    "اعلان": "advertisement",
    "اخبار العراق الان": "aggregator",
    "الرئيسيه": "navigation",
}

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(اقرا (ايضا|المزيد)|شاهد ايضا|طالع ايضا|اقرا كذلك)\s*[:：]"), "related"),
    (re.compile(r"(جميع الحقوق محفوظه|حقوق النشر|all rights reserved|©|copyright)"), "copyright"),
    (re.compile(r"(تابعنا|تابعونا|للتواصل).{0,40}(فيسبوك|فيس بوك|تويتر|يوتيوب|انستغرام|تلغرام|تليجرام|واتساب)"), "follow"),
    (re.compile(r"^لمطالعه المزيد\s*:"), "follow"),
    (re.compile(r"^(فيسبوك|تويتر|يوتيوب|واتساب|تلغرام|انستغرام|لينكدان)( [|،,] ?(فيسبوك|تويتر|يوتيوب|واتساب|تلغرام|انستغرام|لينكدان))*$"), "share"),
]

# A caption names a photo agency in parentheses or after "المصدر:".
_AGENCIES = r"(فرانس برس|ا ف ب|رويترز|الاناضول|اسوشيتد برس|ا ب|getty|afp|reuters|ap|epa|ارشيفيه|ارشيف)"
_CAPTION = re.compile(r"(\(([^()]*[-–،, ])?" + _AGENCIES + r"\)\s*$)|(^.{0,80}\sالمصدر:\s*" + _AGENCIES + r"\s*$)")


def classify(line: str) -> str | None:
    """The reason a line is chrome, or None for report text."""
    stripped = line.strip()
    if not stripped:
        return None
    key = normalize(stripped).strip(" .:-–|")
    if key in _LABELS:
        return _LABELS[key]
    for pattern, reason in _PATTERNS:
        if pattern.search(key):
            return reason
    if _CAPTION.search(key) and len(key.split()) <= 20:
        return "caption"
    return None
