"""Find knowledge-base names in text as outlets write them.

A trie over normalized word tokens, built once. A name may start inside a
token after its proclitics (و ف ب ل ك and their pairs, "لل" for ل + ال, and
ال itself for names written without the article: "الأمريكية" holds
"أمريكية"), and its tokens may be separated by spaces or quote marks
(تنظيم «الدولة الإسلامية»). Longest match wins, leftmost first; spans exclude
clitics and the quote marks around a name, but keep the article a name is
written with in the text ("بالموصل" gives الموصل though the gazetteer says
موصل) and the ل fused with it in "لل", which cannot be parted from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from marsad.arabic import normalize

# Words: letters, digits, marks and tatweel; Arabic punctuation (، ؛ ؟) is not
# part of a word.
WORD_RE = re.compile(r"[A-Za-z0-9_\u00c0-\u024f\u0621-\u065f\u0660-\u0669\u0670-\u06d3\u06f0-\u06f9]+")
QUOTES = "«»“”„\"'‘’"
OPENING = "«“„"
_GAP = re.compile(rf"[\s{QUOTES}\u0640]*")
PREFIXES = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
_IDS = None  # trie key under which a node keeps the entity ids of a name ending there


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    ids: tuple[str, ...]  # best first
    tokens: int


def tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


@lru_cache(maxsize=200_000)
def norm(word: str) -> str:
    return normalize(word)


@lru_cache(maxsize=200_000)
def readings(word: str) -> tuple[tuple[int, str], ...]:
    """(normalized characters of clitics, what remains) for a normalized token."""
    out = [(0, word)]
    for p in PREFIXES:
        # ك as a clitic before a name is rare, and ك + three letters is mostly a
        # word of its own (كبير is not ك + بير).
        if word.startswith(p) and len(word) - len(p) >= (4 if p.endswith("ك") else 3):
            rest = word[len(p):]
            out.append((len(p), rest))
            if p.endswith("ل") and rest.startswith("ل"):
                # لل: ل + ال with the article's alef dropped; the two cannot be parted,
                # so the span keeps the preposition (للتحالف الدولي).
                out.append((len(p) - 1, "ا" + rest))
    for plen, rest in list(out):
        if rest.startswith("ال") and len(rest) >= 5:
            out.append((plen + 2, rest[2:]))
    return tuple(out)


@lru_cache(maxsize=100_000)
def clitic_offset(word: str, n: int) -> int:
    """Index in `word` (as written) after its first `n` normalized characters."""
    count = i = 0
    while i < len(word) and count < n:
        count += len(normalize(word[i]))
        i += 1
    while i < len(word) and not normalize(word[i]):
        i += 1
    return i


class Matcher:
    def __init__(self, names: dict[str, list[str]]):
        """`names`: normalized name -> entity ids, best first."""
        self.root: dict = {}
        for name, ids in names.items():
            toks = [norm(t) for _, _, t in tokens(name)]
            if not toks:
                continue
            node = self.root
            for t in toks:
                node = node.setdefault(t, {})
            node[_IDS] = tuple(ids)
        # a word's readings that start a name, with the trie node each reaches: for most words none.
        # Keyed by the word as written, so a text's words need not be normalized one by one.
        self._starts = lru_cache(maxsize=200_000)(self._starts_of)

    def _starts_of(self, word: str) -> tuple[tuple[int, dict], ...]:
        return tuple((plen, node) for plen, rest in readings(norm(word)) if (node := self.root.get(rest)) is not None)

    def find(self, text: str, toks: list[tuple[int, int, str]] | None = None) -> list[Match]:
        toks = tokens(text) if toks is None else toks
        starts = list(map(self._starts, [t for _, _, t in toks]))
        out: list[Match] = []
        free = 0  # the first token no match has taken
        for i in compress(range(len(toks)), starts):  # only the few tokens that can start a name
            if i < free:
                continue
            best = None  # (tokens, -clitic chars, end token, clitic chars, ids)
            for plen, node in starts[i]:
                j = i
                while node is not None:
                    if _IDS in node:
                        cand = (j - i + 1, -plen, j, plen, node[_IDS])
                        if best is None or cand[:2] > best[:2]:
                            best = cand
                    j += 1
                    if j >= len(toks) or not _gap(text, toks[j - 1][1], toks[j][0]):
                        break
                    node = node.get(norm(toks[j][2]))
            if best is None:
                continue
            n, _, j, plen, ids = best
            if norm(toks[i][2])[plen - 2:plen] in ("ال", "لل"):
                plen -= 2  # the article is part of the name as written: "بالموصل" is الموصل
            start = toks[i][0] + clitic_offset(toks[i][2], plen)
            end = toks[j][1]
            if end < len(text) and text[end] in QUOTES and _opens_quote(text[start:end]):
                end += 1  # close the quote a name carries inside: تنظيم «الدولة الإسلامية»
            out.append(Match(start, end, ids, n))
            free = j + 1
        return out


def _opens_quote(inner: str) -> bool:
    return any(q in inner for q in OPENING) or sum(inner.count(q) for q in "\"'") % 2 == 1


def _gap(text: str, start: int, end: int) -> bool:
    """Whether only spaces, quote marks and tatweel lie between two tokens (mostly one space)."""
    return (end - start == 1 and text[start] == " ") or _GAP.fullmatch(text, start, end) is not None
