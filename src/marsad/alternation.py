"""Word lists as regex alternations, factored into a trie.

`re` tries the branches of "a|b|c" one by one at every position it scans: a
list of n words costs n tries at every word of the text. Factored on shared
prefixes ("ال(?:ثاني|ثالث...)") it costs a few tries per letter.

The factored form matches exactly what the longest-first list matches, in
the same order: words that match at one position are prefixes of one
another, and the trie tries the longer one first (the end of a word is the
last branch of its node).
"""

from __future__ import annotations

import re


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
