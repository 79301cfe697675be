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
from operator import itemgetter

from marsad.arabic import normalize

# Words: letters, digits, marks and tatweel; Arabic punctuation (، ؛ ؟) is not
# part of a word.
WORD_RE = re.compile(r"[A-Za-z0-9_\u00c0-\u024f\u0621-\u065f\u0660-\u0669\u0670-\u06d3\u06f0-\u06f9]+")
QUOTES = "«»“”„\"'‘’"
OPENING = "«“„"
_GAP = re.compile(rf"[\s{QUOTES}\u0640]*")
PREFIXES = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
_PREFIXES_BY_LETTER = {c: tuple(p for p in PREFIXES if p[0] == c) for c in "وفبلك"}  # most words start with none
_IDS = None  # trie key under which a node keeps the entity ids of a name ending there


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    ids: tuple[str, ...]  # best first
    tokens: int


def tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


class PerWord(dict):
    """`of(word)` by word, all forgotten at once when `size` words are held. A held word is one dict
    lookup, at C speed from map(), where an lru_cache's bookkeeping takes as long again."""

    def __init__(self, of, size: int):
        super().__init__()
        self.of, self.size = of, size

    def __missing__(self, word: str):
        if len(self) >= self.size:
            self.clear()
        self[word] = out = self.of(word)
        return out


norm = PerWord(normalize, 200_000).__getitem__


@lru_cache(maxsize=200_000)
def readings(word: str) -> tuple[tuple[int, str], ...]:
    """(normalized characters of clitics, what remains) for a normalized token."""
    out = [(0, word)]
    for p in _PREFIXES_BY_LETTER.get(word[:1], ()):
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
        # what each word (as written) starts: for most words nothing
        self._starts = PerWord(self._starts_of, 200_000).__getitem__

    def _starts_of(self, word: str) -> tuple:
        """What `word` (as written) may start: () for most words; else (the one-word name it is read as with
        fewest clitic characters: (clitic chars, ids, where the name starts in `word`), or None; the readings
        a longer name may go on from: (clitic chars, trie node, where the name starts in `word`))."""
        w = norm(word)
        single, onward = None, []
        for plen, rest in readings(w):
            if (node := self.root.get(rest)) is None:
                continue
            # the article is part of the name as written: "بالموصل" is الموصل
            at = clitic_offset(word, plen - 2 if w[plen - 2:plen] in ("ال", "لل") else plen)
            if _IDS in node and (single is None or plen < single[0]):  # fewest clitic chars, the first of equals
                single = (plen, node[_IDS], at)
            if len(node) > (_IDS in node):
                onward.append((plen, node, at))
        return (single, tuple(onward)) if single or onward else ()

    def find(self, text: str, toks: list[tuple[int, int, str]] | None = None) -> list[Match]:
        toks = tokens(text) if toks is None else toks
        words = list(map(itemgetter(2), toks))
        starts = list(map(self._starts, words))
        out: list[Match] = []
        free = 0  # the first token no match has taken
        last = len(toks) - 1
        for i in compress(range(len(toks)), starts):  # only the few tokens that can start a name
            if i < free:
                continue
            single, onward = starts[i]
            n, j, (plen, ids, at) = (1, i, single) if single else (0, i, (0, None, 0))
            for p, node, a in onward:
                k = i
                # the next word is looked up first: it mostly goes on with no name, and then the gap is moot
                while k < last and (node := node.get(norm(words[k + 1]))) is not None \
                        and _gap(text, toks[k][1], toks[k + 1][0]):
                    k += 1
                    if _IDS in node and (k - i + 1 > n or (k - i + 1 == n and p < plen)):
                        n, j, plen, ids, at = k - i + 1, k, p, node[_IDS], a
            if not n:
                continue
            start = toks[i][0] + at
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
