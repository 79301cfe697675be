"""Word lists as regex alternations, factored into a trie, and where in a text their words can begin.

`re` tries the branches of "a|b|c" one by one at every position it scans: a
list of n words costs n tries at every word of the text. Factored on shared
prefixes ("ال(?:ثاني|ثالث...)") it costs a few tries per letter.

The factored form matches exactly what the longest-first list matches, in
the same order: words that match at one position are prefixes of one
another, and the trie tries the longer one first (the end of a word is the
last branch of its node).

A stage that tries many such regexes over a report scans it once for where
any of their words can begin (`start_scan`, `starts`) and tries each regex
only there (`finditer_at`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def alt(words, piece=re.escape) -> str:
    """One regex (no group of its own) for any of `words`, longest first; `piece`: a character's
    regex (the quote cues let marks follow every letter)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _branches(trie, piece)


def _branches(node: dict, piece) -> str:
    branches = [piece(ch) + _branches(child, piece) for ch, child in node.items() if ch]
    if not branches:
        return ""
    if "" in node:
        branches.append("")  # the end of a word, after the longer words that go on from here
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def start_scan(word: str) -> re.Pattern:
    """The regex `starts` runs: where a word matching `word` (a regex, looked ahead for) can begin."""
    return re.compile(r"[^\w\u064b-\u0652](?=" + word + ")")


def starts(scan: re.Pattern, text: str) -> list[int]:
    """Where in `text` a word of `scan` (from start_scan) can begin, ascending."""
    # the scan runs over the text after a space, a match being the character before the word (one a lookbehind
    # for no letter or mark accepts): the regex engine skips to such characters, where a lookbehind is tried at
    # every one; a match's position there is the word's in `text`
    return [m.start() for m in scan.finditer(" " + text)]


def finditer_at(regex: re.Pattern, text: str, at: list[int], end: int) -> Iterator[re.Match]:
    """What `regex.finditer(text, pos, end)` finds for any pos up to at[0], its matches being tried only at
    `at` (ascending: where alone they can begin)."""
    resume = 0
    for pos in at:
        m = regex.match(text, pos, end) if pos >= resume else None
        if m:
            yield m
            resume = m.end()
