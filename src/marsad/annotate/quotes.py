"""Quote attribution: who said what, to which outlet."""

from __future__ import annotations

from marsad.records import Mention, Quote, Sentence


def find_quotes(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Quote]:
    return []
