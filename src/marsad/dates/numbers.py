"""Arabic number words (cardinal and ordinal) to integers."""

from __future__ import annotations

from marsad.alternation import alt
from marsad.dates.lexicon import NUMBER_WORDS

_WORD_ALT = alt(NUMBER_WORDS)
NUMBER_WORD = rf"(?:{_WORD_ALT})(?!\w)"
# "الحادي والعشرين", "ألف وتسعمائة وثمانية وسبعون", "خمسة عشر".
NUMBER_PHRASE = rf"{NUMBER_WORD}(?:\s+(?:و\s*)?{NUMBER_WORD})*"
# One number: digits or a phrase.
NUMBER = rf"(?:\d+|{NUMBER_PHRASE})"

def value(text: str) -> int | None:
    """The integer a digit string or a number-word phrase stands for.

    Arabic compounds add up: 1000 + 900 + 8 + 70, 5 + 10 (خمسة عشر), 1 + 20.
    """
    text = text.strip()
    if text.isdigit():
        return int(text)
    total = 0
    for part in text.split():
        part = part[1:] if part.startswith("و") and part[1:] in NUMBER_WORDS else part
        if part not in NUMBER_WORDS:
            return None
        total += NUMBER_WORDS[part]
    return total or None
