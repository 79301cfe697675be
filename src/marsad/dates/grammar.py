"""Find temporal expressions: precompiled patterns over folded text.

Matching runs on the text folded (hamza/alef, ta marbuta, alef maqsura,
Arabic-Indic digits) with diacritics and tatweel taken out; an index map
sends every match back to offsets in the text as the outlet wrote it. Each
match becomes a `Spec`: what was said (day, month, weekday, "الماضي", an
offset ...), not yet a calendar value; `resolve` turns it into one against
an anchor, and `window` reads Specs to bound an undated report.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from marsad.alternation import alt
from marsad.arabic import DIACRITICS, TATWEEL, fold
from marsad.dates import lexicon as L
from marsad.dates.handlers import HANDLERS
from marsad.dates.patterns import CUES, DIGIT_RULES, HEAD_WORDS, REACH, RULES
from marsad.dates.spec import Spec

_CLITICS = "وفبلك"
# The words that may be heads, found in one scan: a head word with up to two
# clitics before it or digits after it ("وفي", "سبتمبر10"), and every word not
# led by a Latin or Arabic letter (a digit: str.isdigit in _head_kinds is wider
# than \d). _head_kinds decides; this spares it most words of a report.
_HEAD_CANDIDATE = re.compile(rf"(?<!\w)(?:[{_CLITICS}]{{0,2}}(?:{alt(HEAD_WORDS)})[0-9]*"
                             r"|[^\W_A-Za-z\u0621-\u064a]\w*)(?!\w)")
_DIGIT_KINDS = [k for k, _ in DIGIT_RULES]
_REACH = dict(DIGIT_RULES) | REACH


def _windows_all(s: str) -> dict[str, list[tuple[int, int]]]:
    """For each rule, the stretches of `s` around its head words."""
    hits: dict[str, list[tuple[int, int]]] = {}
    for m in _HEAD_CANDIDATE.finditer(s):
        kinds = _head_kinds(m.group())
        if kinds:
            span = m.span()
            for kind in kinds:
                hits.setdefault(kind, []).append(span)
    return {kind: _stretches(s, spans, _REACH[kind]) for kind, spans in hits.items()}


@lru_cache(maxsize=4096)  # a report's heads are mostly the same few words and numbers
def _head_kinds(word: str) -> tuple[str, ...]:
    """The rules `word` is a head word of."""
    kinds = HEAD_WORDS.get(word.rstrip("0123456789"))  # "سبتمبر10"
    if kinds is None and word[0] in _CLITICS:
        kinds = HEAD_WORDS.get(word[1:])
        if kinds is None and len(word) > 2 and word[1] in _CLITICS:
            kinds = HEAD_WORDS.get(word[2:])
    if kinds is None and word[0].isdigit():
        # and the head glued to the digits: "18سبتمبر", "8سنوات"
        kinds = _DIGIT_KINDS + sorted(HEAD_WORDS.get(word.lstrip("0123456789"), ()))
    return tuple(kinds or ())


def _stretches(s: str, spans: list[tuple[int, int]], reach: int) -> list[tuple[int, int]]:
    """The spans (in text order) widened by `reach`, merged where they meet, out to whole words."""
    merged: list[list[int]] = []
    for start, end in spans:
        start, end = start - reach, end + reach
        if merged and start <= merged[-1][1]:
            merged[-1][1] = end  # ends only grow, spans being in text order
        else:
            merged.append([start, end])
    n = len(s)
    return [_whole_words(s, max(0, start), min(n, end)) for start, end in merged]


_NON_SPACE = re.compile(r"\S*")  # \s is str.isspace


def _whole_words(s: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not s[start - 1].isspace():
        start -= 1
    return start, _NON_SPACE.match(s, end).end()


@dataclass
class Prepared:
    """Folded text without marks, and the way back to original offsets."""

    text: str
    marks: list[int]  # for each dropped mark: how many kept characters precede it

    def original(self, i: int) -> int:
        """Offset in the original text of the kept character at `i`."""
        return i + bisect_right(self.marks, i)

    def original_end(self, i: int) -> int:
        return self.original(i - 1) + 1 if i else 0


_MARKS = set(DIACRITICS + TATWEEL + "\u200c\u200d\u200e\u200f\ufeff")
_MARKS_RX = re.compile("[" + "".join(sorted(_MARKS)) + "]")
_UPPER_RX = re.compile("[A-Z][A-Z]*")  # not [A-Z]+: re skips fast to a pattern's leading class


def prepare(text: str) -> Prepared:
    folded = fold(text)
    marks = [m.start() - k for k, m in enumerate(_MARKS_RX.finditer(folded))]
    if marks:
        folded = _MARKS_RX.sub("", folded)
    # ASCII only: str.lower() can change the length of other scripts
    return Prepared(_UPPER_RX.sub(lambda m: m.group().lower(), folded), marks)


def find(text: str) -> list[Spec]:
    """Every temporal expression in `text`, longest first where they overlap."""
    prep = prepare(text)
    s = prep.text
    candidates: list[tuple[int, int, int, Spec]] = []
    windows = _windows_all(s)
    for order, (kind, rx) in enumerate(RULES):
        spans = windows.get(kind)
        if not spans:
            continue
        handler, cue = HANDLERS[kind], CUES.get(kind)
        for start, end in spans:
            if cue and not cue(s, start, end):
                continue
            for m in rx.finditer(s, start, end):
                spec = handler(m, s)
                if spec is None:
                    continue
                group = "e" if m.group("e") is not None else "e2"
                spec.start, spec.end = m.start(group), m.end(group)
                candidates.append((spec.start, spec.end, order, spec))
    chosen: list[Spec] = []
    taken = bytearray(len(s) + 1)
    for start, end, _order, spec in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[2], c[0])):
        if 1 in taken[start:end]:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(spec)
    chosen.sort(key=lambda sp: sp.start)
    chosen = _merge(chosen, s)
    for spec in chosen:
        spec.tense = _tense(s, spec.start, spec.end)
        if s.startswith("يوم ", spec.start) and spec.kind in ("weekday", "date") and spec.month_rel is None:
            spec.start += 4  # "يوم الجمعة": the day word is not part of the date
        spec.start, spec.end = prep.original(spec.start), prep.original_end(spec.end)
        spec.end = _trim_end(text, spec.start, spec.end)
    return chosen


_RANGE_GAP = re.compile(r"\s*(?:-|الي|حتي|وحتي|لغايه|و)\s*$")
_RANGE_OPEN = re.compile(r"(?:من|بين)\s+$")
_DATETIME_GAP = re.compile(r"\s*[,\-]?\s*(?:في\s+|عند\s+)?$")
_DAYLIKE = ("date", "weekday", "relday")


def _merge(specs: list[Spec], s: str) -> list[Spec]:
    """Join "من X الى Y" into ranges and a day followed by a clock time into one."""
    out: list[Spec] = []
    for spec in specs:
        prev = out[-1] if out else None
        if prev is not None:
            gap = s[prev.end:spec.start]
            if (spec.kind == "time" and prev.kind in _DAYLIKE and prev.pod is None
                    and _DATETIME_GAP.fullmatch(gap) and (prev.kind != "date" or prev.day)):
                out[-1] = Spec(prev.start, spec.end, "datetime", begin=prev, end_spec=spec)
                continue
            opener = _RANGE_OPEN.search(s[max(0, prev.start - 6):prev.start])
            if (_RANGE_GAP.fullmatch(gap) and prev.kind == spec.kind and prev.kind in ("date", "time", "year")
                    and (opener or "-" in gap or gap.strip() in ("الي", "حتي", "وحتي"))
                    and (gap.strip() != "و" or (opener and opener.group().startswith("بين")))):
                if prev.kind == "time" and prev.part is None:
                    prev.part = spec.part
                start = prev.start - len(opener.group()) if opener else prev.start
                out[-1] = Spec(start, spec.end, "range", begin=prev, end_spec=spec)
                continue
        out.append(spec)
    return out


_WORD = re.compile(r"\w+")
_CLAUSE_ENDS = ".!?؟\n"
_CLAUSE_END = re.compile(f"[{_CLAUSE_ENDS}]")
_FUTURE_CUES = frozenset(L.FUTURE_CUES)
# every form a past cue takes: a conjunction before the stem, a subject suffix after it
_PAST_CUES = frozenset(conj + stem + suffix for conj in ("", "و", "ف") for stem in L.PAST_CUE_STEMS
                       for suffix in ("", "ت", "وا", "ا", "تا", "ن", "نا"))


def _tense(s: str, start: int, end: int) -> str | None:
    """Future or past from cue words in the clause around an expression."""
    left = s[max(0, start - 90):start]
    left = left[max(map(left.rfind, _CLAUSE_ENDS)) + 1:]  # after the last clause end (rfind: -1 if none)
    right = s[end:end + 50]
    stop = _CLAUSE_END.search(right)
    right = right[:stop.start()] if stop else right
    before = _WORD.findall(left)
    words = before + _WORD.findall(right)
    # "حتى" is a deadline only right before the expression ("حتى سبتمبر"); elsewhere it is "so that"
    if before[-1:] == ["حتي"] or any(
            w != "حتي" and (w in _FUTURE_CUES or w.lstrip("و") in _FUTURE_CUES) for w in words):
        return "future"
    if not _PAST_CUES.isdisjoint(words):
        return "past"
    return None


_WORD_MARKS = DIACRITICS + TATWEEL


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in _WORD_MARKS):
        end -= 1
    # keep the diacritics written on the last letter ("غداً")
    while end < len(text) and text[end] in _WORD_MARKS:
        end += 1
    return end
