"""Report text as matching terms: normalized, stop words out, light stems.

Shared by near-duplicate detection (shingles of normalized words), clustering
(stem bags) and summaries (sentence overlap).
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.arabic import normalize

_WORD = re.compile(r"[\w\u0600-\u06ff]+")
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])\s+|\n+")

# Function words and news boilerplate, in normalized form (hamza/alef, ta marbuta folded).
STOPWORDS = frozenset(normalize(w) for w in """
في من على الى إلى عن مع هذا هذه ذلك تلك التي الذي الذين اللذين اللتين ان أن إن كان كانت يكون تكون
قد لقد لم لن لا ما ماذا هل او أو ثم بل لكن حتى اذا إذا كل بعض غير بين عند منذ خلال بعد قبل حول ضد
وفي ومن وعلى والى وعن ومع وهذا وهذه وان وأن وإن وكان وكانت وقد ولم ولا وما او كما ايضا أيضا فقط
هو هي هم هما نحن انا أنا انت أنت له لها لهم به بها بهم فيه فيها فيهم منه منها منهم عليه عليها عليهم
اليه إليه اليها إليها عنه عنها الذى التى يوم اليوم امس أمس وقال قال قالت وقالت واضاف وأضاف اضاف أضاف
واكد وأكد اكد أكد وأشار واشار اشار أشار حيث وذلك ذلك لذلك كذلك عبر وفق وفقا نحو اي أي أيا ايا
تم يتم وتم جدا مثل اكثر أكثر اقل أقل الان الآن عام العام سنة الساعة مساء صباح اخرى أخرى آخر اخر
وقت الوقت يمكن كيف لماذا متى أين اين هناك هنا ومنذ فيما بينما وهو وهي انه أنه انها أنها إنه إنها
""".split())

# Light stemming (Larkey's light10 on folded text): Snowball Arabic splits one
# word family across stems (قوات→قوا, القوات→القو; فصائل→صايل, الفصائل→فصايل),
# which hurts matching more than light10's under-stemming does.
_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Light stem of a normalized word."""
    if len(word) > 3 and word[0] == "و":
        word = word[1:]
    for p in _PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 2:
            word = word[len(p):]
            break
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 2:
            word = word[: -len(suf)]
    return word


def norm_words(text: str) -> list[str]:
    """Normalized words, in order, stop words kept (for shingles)."""
    return _WORD.findall(normalize(text))


def terms(text: str) -> list[str]:
    """Content stems, in order: stop words, digits and one-letter words out."""
    return stems_of(norm_words(text))


def stems_of(words: list[str]) -> list[str]:
    """`terms` of already normalized words."""
    out = []
    for w in words:
        if w in STOPWORDS or w.isdigit() or len(w) < 2:
            continue
        s = stem(w)
        if len(s) >= 2:
            out.append(s)
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (offsets into `text`), split at end punctuation and line breaks."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if text[start:m.start()].strip():
            spans.append(_trim(text, start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
