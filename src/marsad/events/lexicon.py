"""The trigger lexicons (events/data/lexicon.json) compiled to regular expressions over folded text."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.alternation import alt, start_scan, starts
from marsad.arabic import fold, fold_but_ta, normalize
from marsad.kb.matcher import norm  # normalize, cached per word

MARKS = "[\u064b-\u0652\u0640]*"
# The triggers match over `fold` with ta marbuta kept apart from ha: "الطالبة" (the student) must not read as
# "طالب" + the pronoun "ه" (he demanded it). A form's "ة" still matches an outlet's "ه".
_KEEP_TA = str.maketrans({"ه": "ة"})
START = r"(?<![\w\u064b-\u0652])"
END = r"(?![\w\u064b-\u0652])"
# a noun's; they cover a verb's (VERB_PREFIX) and a phrase's too. "(?:ال|لل|)", not "(?:ال|لل)?": the same
# matches, as a plain alternation, which `re` tries faster than an optional group
_CLITICS = r"[وف]?(?:س|ل|ب|ك)?(?:ال|لل|)"
PREFIX = r"(?P<pre>" + _CLITICS + ")"
VERB_PREFIX = r"(?P<pre>[وف]?س?)"
SUFFIX = r"(?:ه|ها|هم|هما|ات|ين|ون|ان|ت|وا|ا|ي|نا|تا|تها|ته|تهم|كم)?"


def fold_ta(text: str) -> str:
    """`fold`, length-preserving, but with "ة" kept: the text trigger regexes run over."""
    return fold_but_ta(text)


def pattern_key(form: str) -> str:
    """The form folded, with the ta marbuta of each of its words kept ("هدنة إنسانية")."""
    return " ".join(_key_word(w) for w in form.split(" "))


def _key_word(word: str) -> str:
    key = fold(normalize(word))
    return key[:-1] + "ة" if word.endswith("ة") and key else key


def pattern(form: str) -> str:
    """A form as a regex over `fold_ta` text: diacritics anywhere, any run of spaces between words."""
    return MARKS.join(map(_char, pattern_key(form))) + MARKS


def _char(c: str) -> str:
    return r"\s+" if c == " " else "[ةه]" if c == "ة" else re.escape(c)


def alternation(forms) -> str:
    return _alternation(tuple(forms))


@lru_cache(maxsize=None)
def _alternation(forms: tuple[str, ...]) -> str:  # argument rules rebuild theirs per sentence
    return "|".join(pattern(f) for f in sorted(set(forms), key=len, reverse=True))


def factored(forms) -> str:
    """The forms as one alternation factored by their shared beginnings (marsad.alternation): a few tries per
    letter, not one per form. It matches where `alternation` does, but of forms matching at one place it may
    pick another one, so it is for asking whether a form is there, not which."""
    return _factored(tuple(forms))


@lru_cache(maxsize=64)
def _factored(forms: tuple[str, ...]) -> str:
    return alt({pattern_key(f) for f in forms}, lambda c: _char(c) + MARKS)


def words_re(forms, clitics: bool = True, which: bool = True) -> re.Pattern:
    """The forms as whole words (with clitics and suffixes); `which=False`: only to ask whether one is there
    (`factored`)."""
    pre = r"(?:[وف]?(?:ب|ل|ك)?(?:ال|لل)?)" if clitics else ""
    body = alternation(forms) if which else factored(forms)
    return re.compile(START + pre + "(?:" + body + ")" + (SUFFIX if clitics else "") + END)


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str | None
    regex: re.Pattern
    noun: bool  # a verbal noun ("هجوم", "محادثات"), not a verb ("هاجم", "بحث")
    requires: re.Pattern | None  # a word the sentence must also hold ("انتهت" ends a truce only beside "الهدنة")
    phrase: bool = False  # a fixed phrase ("لا هدنة", "إنهاء الهدنة"): no subject follows it
    anchors: frozenset[str] = frozenset()  # the regex matches only text holding one of these (see `anchor`)


@lru_cache(maxsize=1)
def lexicon() -> dict:
    return json.loads(resources.files("marsad.events").joinpath("data/lexicon.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def triggers() -> tuple[Trigger, ...]:
    out = []
    for rule in lexicon()["triggers"]:
        suffix = rule.get("suffix", True)
        requires = re.compile(factored(rule["requires"])) if rule.get("requires") else None
        for noun, forms in ((False, rule["forms"]), (True, rule.get("nouns", []))):
            if not forms:
                continue
            body = "(?P<form>" + alternation(forms) + ")"
            # a verb takes و/ف and the future س, never the article: "الطالب" is not "طالب" (he demanded)
            pre = (PREFIX if noun else VERB_PREFIX) if suffix else r"(?P<pre>[وف]?[بل]?)"
            rx = START + pre + body + (SUFFIX if suffix else "") + END
            out.append(Trigger(rule["type"], rule.get("mode"), re.compile(rx), noun, requires, not suffix,
                               frozenset(anchor(f) for f in forms)))
    return tuple(out)


def trigger_starts(text: str) -> list[int]:
    """Where in `text` (as `fold_ta`) some trigger can start: clitics, then a form (what must follow it is not
    looked at). One scan of a report for all triggers: each trigger's regex is then tried only there."""
    return starts(_trigger_start(), text)


@lru_cache(maxsize=1)
def _trigger_start() -> re.Pattern:
    return start_scan(_CLITICS + "(?:" + factored(f for rule in lexicon()["triggers"]
                                                  for f in rule["forms"] + rule.get("nouns", [])) + ")")


def anchor(form: str) -> str:
    """Up to four letters every match of `pattern(form)` holds once the marks it allows are taken out:
    from its longest stretch matched as written (no space, no "ة"), past an article (rarer letters)."""
    stretch = max(re.split("[ ة]", pattern_key(form)), key=len)
    return (stretch[2:] if stretch.startswith("ال") and len(stretch) >= 5 else stretch)[:4]


_MARKS_RE = re.compile(MARKS[:-1] + "+")  # runs of them (MARKS, ending in *, also matches nothing everywhere)


def bare(text: str) -> str:
    """`text` without the marks triggers allow between letters: where anchors are looked for."""
    return _MARKS_RE.sub("", text)


def possible(text: str) -> tuple[Trigger, ...]:
    """Those of `triggers()` that can match in `text` (bare), in their order: the ones with an anchor there."""
    return _possible(frozenset(_anchor_scan()[0].findall(text)))


@lru_cache(maxsize=4096)  # sentences share their few anchors: "هجوم", "اعلن"
def _possible(anchors: frozenset[str]) -> tuple[Trigger, ...]:
    found = set().union(*map(_anchor_scan()[1].__getitem__, anchors))
    everyone = triggers()
    return tuple(everyone[i] for i in sorted(found))


@lru_cache(maxsize=1)
def _anchor_scan() -> tuple[re.Pattern, dict[str, frozenset[int]]]:
    """A regex finding the longest anchor at each position (in one scan, not one search per anchor), and each
    anchor -> the triggers (their indices in `triggers()`) with an anchor it begins with: the longest anchor at a
    position begins with any other anchor there."""
    by_anchor: dict[str, set[int]] = {}
    for i, t in enumerate(triggers()):
        for a in t.anchors:
            by_anchor.setdefault(a, set()).add(i)
    triggers_of = {a: frozenset(i for n in range(1, len(a) + 1) for i in by_anchor.get(a[:n], ())) for a in by_anchor}
    return re.compile("(?=(" + alt(by_anchor) + "))"), triggers_of


@lru_cache(maxsize=None)
def normalized(key: str) -> frozenset[str]:
    """A lexicon list, normalized (built once: rules test words against it per sentence)."""
    return frozenset(normalize(w) for w in lexicon()[key])


@lru_cache(maxsize=None)
def word_forms(key: str) -> tuple[re.Pattern, frozenset[str], re.Pattern | None]:
    """A lexicon list for finding its forms among words: a regex for any of them as whole words in the words
    joined with spaces (one before and after too), its one-word forms, and a regex like the first for its
    forms of several words alone (None where it has none)."""
    forms = normalized(key)
    phrases = "|".join(" " + re.escape(f) + " " for f in forms) or "(?!)"
    several = [" " + f + " " for f in forms if " " in f]
    return (re.compile(phrases), frozenset(f for f in forms if " " not in f),
            re.compile(alt(several)) if several else None)  # factored: every branch begins with the space


@lru_cache(maxsize=1)
def any_trigger() -> re.Pattern:
    """Every trigger and weapon word: where a noun phrase after a trigger ends."""
    forms = [f for r in lexicon()["triggers"] for f in r["forms"] + r.get("nouns", []) if " " not in f]
    forms += [f for fs in lexicon()["instruments"].values() for f in fs if " " not in f]
    return words_re(forms, which=False)


@lru_cache(maxsize=1 << 16)
def is_trigger_word(word: str) -> bool:
    """Whether a word as written is a trigger or a weapon (`any_trigger`): asked of each word of a phrase."""
    return any_trigger().fullmatch(fold_ta(word)) is not None


@lru_cache(maxsize=None)
def compiled(key: str, clitics: bool = True, which: bool = True) -> re.Pattern:
    return words_re(lexicon()[key], clitics, which)


@lru_cache(maxsize=1)
def instruments() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((name, words_re(forms, which=False)) for name, forms in lexicon()["instruments"].items())


@lru_cache(maxsize=1)
def any_instrument() -> re.Pattern:
    """Any weapon of `instruments()`: it matches where one of theirs does (one search, not one per weapon)."""
    return words_re([f for forms in lexicon()["instruments"].values() for f in forms], which=False)


@lru_cache(maxsize=1)
def number_re() -> str:
    units = lexicon()["units"]
    return r"(?P<num>\d+|" + alternation(units) + r")"


def number_value(token: str) -> int | None:
    token = token.strip()
    if token.isdigit():
        return int(token)
    return _units().get(norm(token))


@lru_cache(maxsize=1)
def _units() -> dict[str, int]:
    """Normalized number word -> its value (the first listed wins)."""
    out: dict[str, int] = {}
    for word, value in lexicon()["units"].items():
        out.setdefault(normalize(word), value)
    return out
