"""Sentence boundaries in Arabic news text."""

from __future__ import annotations

import re

from marsad.records import Sentence

# A sentence ends at . ! ? ؟ or a line break; a period inside a number or an
# abbreviation like "د." does not end one. The end mark comes first and the
# checks on what precedes it after: re skips fast to a pattern's leading class,
# where lookbehinds up front made it try every position of the text.
_END = re.compile(r"[.!?؟\n](?:(?<=\n)|(?<!\d.)(?<!\bد.)(?<!\bم.)[.!?؟]*(?=[\s\"”»]|$)[\"”»]?)")


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        _add(text, start, end, sentences)
        start = end
    _add(text, start, len(text), sentences)
    return sentences


def _add(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end))
