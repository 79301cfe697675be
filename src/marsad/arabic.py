"""Arabic as outlets write it, folded for matching.

Folding is for matching only, never for display: spans always point into the
clean text as the outlet wrote it. `fold` keeps one output character per input
character (diacritics and tatweel stay where they are), so code that needs
offsets uses `fold`; code that needs a lookup key uses `normalize`.
"""

from __future__ import annotations

import re
import unicodedata

DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0656\u0657\u0658\u0670"
TATWEEL = "\u0640"
_DROP = set(DIACRITICS + TATWEEL + "\u200c\u200d\u200e\u200f\ufeff")

_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ة": "ه",
    "ى": "ي",
    "ؤ": "و", "ئ": "ي",
    "ک": "ك", "ی": "ي", "ھ": "ه",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4",
    "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4",
    "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
    "٬": ",", "،": ",", "؛": ";", "؟": "?",
}
# A word is folded by str.translate; a whole text by one str.replace per folded
# character (each one C scan), which beats translate (a lookup per character)
# from a few dozen characters on, and a regex substitution (a call back into
# Python per hit) always.
_FOLD_PAIRS = tuple(_FOLD.items())
_FOLD_BUT_TA_PAIRS = tuple((k, v) for k, v in _FOLD_PAIRS if k != "ة")
_TABLES = {pairs: str.maketrans(dict(pairs)) for pairs in (_FOLD_PAIRS, _FOLD_BUT_TA_PAIRS)}
_SHORT = 32
_DROP_RE = re.compile("[" + "".join(sorted(_DROP)) + "]")

ARABIC_INDIC_DIGITS = str.maketrans({k: v for k, v in _FOLD.items() if v.isdigit()})

WORD_RE = re.compile(r"[\w\u0600-\u06ff]+", re.UNICODE)


def strip_marks(text: str) -> str:
    """Remove diacritics, tatweel and invisible joiners (not length preserving)."""
    return _DROP_RE.sub("", text)


def has_marks(text: str) -> bool:
    """Whether `strip_marks` would change `text`."""
    return _DROP_RE.search(text) is not None


def fold(text: str) -> str:
    """Length-preserving fold: hamza/alef, ta marbuta, alef maqsura, digits.

    Diacritics and tatweel are kept in place so offsets stay valid.
    """
    return _replaced(text, _FOLD_PAIRS)


def fold_but_ta(text: str) -> str:
    """`fold` with ta marbuta kept (length-preserving too)."""
    return _replaced(text, _FOLD_BUT_TA_PAIRS)


def _replaced(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    if len(text) < _SHORT:
        return text.translate(_TABLES[pairs])
    for old, new in pairs:
        text = text.replace(old, new)
    return text


def normalize(text: str) -> str:
    """Matching key: NFKC, marks removed, letters folded, lower-cased Latin."""
    text = unicodedata.normalize("NFKC", text)
    return fold(strip_marks(text)).lower()


def digits_to_ascii(text: str) -> str:
    return text.translate(ARABIC_INDIC_DIGITS)


def words(text: str) -> list[tuple[int, int, str]]:
    """Word tokens with their offsets into `text`."""
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


def is_arabic_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a" or "\u066e" <= ch <= "\u06d3"


_NOT_LETTER_RE = re.compile(r"[\W\d_]+")
_ARABIC_LETTERS = "\u0621-\u064a\u066e-\u06d3"
_ARABIC_RUN_RE = re.compile(f"[{_ARABIC_LETTERS}]+")
# what \w does not count as a letter in those ranges (superscript alef, a mark)
_ARABIC_NON_LETTERS = [c for c in map(chr, range(0x621, 0x6d4))
                       if re.fullmatch(f"[{_ARABIC_LETTERS}]", c) and not re.fullmatch(r"[^\W\d_]", c)]


def arabic_ratio(text: str) -> float:
    """Arabic letters over all letters."""
    # a report is mostly Arabic runs: one pass that leaves the rest between them, and
    # letters counted in that short rest, beat a substitution over the whole text for each count
    rest = "".join(_ARABIC_RUN_RE.split(text))
    arabic = len(text) - len(rest)
    letters = arabic - sum(map(text.count, _ARABIC_NON_LETTERS)) + len(_NOT_LETTER_RE.sub("", rest))
    if not letters:
        return 0.0
    return arabic / letters
