"""Named entities linked to the knowledge base.

Three passes: the knowledge base's names (marsad.kb.matcher), the CRF tagger
for names no list holds (marsad.annotate.ner), then short forms resolved in
context: a surname or a listed short name ("اللامي", "الخزعلي", "الكاظمي")
stands for the person the document names in full. A listed name wins where it
overlaps a tagged one; a province or small city needs the tagger to agree.
A name the knowledge base lacks gets the id of its normalized form
("per:حيدر اللامي"), so its mentions still group.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from itertools import compress, repeat
from operator import itemgetter

from marsad.annotate import bio, ner
from marsad.arabic import has_marks, normalize, strip_marks
from marsad.kb.entities import kb
from marsad.kb.matcher import QUOTES, Match, PerWord, clitic_offset, norm, readings, tokens
from marsad.records import Mention, Sentence

TAG_TYPES = {"PERS": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
ABU = ("أبو", "ابو")


def find_mentions(text: str, sentences: list[Sentence]) -> list[Mention]:
    k = kb()
    bounds = [(s.start, s.end) for s in sentences or [Sentence(0, len(text))]]
    sents, words = ner.sentence_tokens(text, bounds)
    found = ner.matcher().find(text, words)
    tagged = _tagged(text, bounds, sents, found)
    home = _countries(found)
    # 1 under every span tagged, then under every mention (no span is empty): overlaps are one slice test
    in_tagged, covered = bytearray(len(text)), bytearray(len(text))
    for s, e, _ in tagged:
        in_tagged[s:e] = b"\x01" * (e - s)
    mentions: list[Mention] = []
    for m in found:
        eid = _in_context(m.ids, home)
        sure = k.listed(eid) and _key(text[m.start:m.end]) not in k.ambiguous
        if sure or 1 in in_tagged[m.start:m.end]:
            mentions.append(Mention(m.start, m.end, text[m.start:m.end], k.entities[eid].type, eid))
            covered[m.start:m.end] = b"\x01" * (m.end - m.start)
            if k.entities[eid].type == "FAC" and m.tokens > 1:
                mentions += _places_inside(text, m.start, m.end)  # within the mention: covered
    for s, e, typ in tagged:
        if 1 in covered[s:e]:  # the list wins
            continue
        surface = text[s:e]
        known = k.lookup(surface)
        eid = known.id if known else f"{typ.lower()}:{_key(surface)}"
        mentions.append(Mention(s, e, surface, known.type if known else typ, eid))
        covered[s:e] = b"\x01" * (e - s)
    for s, e in _named_people(text, words):
        if 1 not in covered[s:e]:
            mentions.append(Mention(s, e, text[s:e], "PER", f"per:{_key(text[s:e])}"))
            covered[s:e] = b"\x01" * (e - s)
    mentions.sort(key=lambda m: m.start)
    return _short_forms(text, mentions, words, covered)


def _country_of(eid: str) -> str | None:
    e = kb().entities[eid]
    return e.country or (eid.split(":", 1)[1].upper() if eid.startswith("country:") else None)


def _countries(found: list[Match]) -> Counter:
    """The countries the report names without doubt (names with one reading), by how often."""
    return Counter(c for m in found if len(m.ids) == 1 and (c := _country_of(m.ids[0])))


def _in_context(ids: tuple[str, ...], home: Counter) -> str:
    """Of the places a name may be, the one in the country the report is about: "الجوف" in a report on
    Yemen is Yemen's province, not Saudi Arabia's; "صيدا" beside Beirut is Lebanon's. Else the KB's first."""
    if len(ids) == 1 or not home:
        return ids[0]
    return max(ids, key=lambda i: (home.get(_country_of(i), 0), -ids.index(i)))


def _named_people(text: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Given name (+ given name) + surname with the article: علي الشمري, أبو فدك المحمداوي.
    Names are compared as written (marks removed, letters not folded) so على is no علي."""
    firsts = ner.first_names()
    plain = list(map(itemgetter(2), words))
    if has_marks(text):  # most reports carry no diacritics nor tatweel, and their words are as written
        plain = list(map(_plain, plain))
    out, free = [], 0  # free: the first word no name has taken
    for i in compress(range(len(words) - 1), map(_heads().__contains__, plain)):
        if i < free:
            continue
        j = i + 1
        if plain[j] in firsts and j + 1 < len(words):
            j += 1
        if plain[i] in ABU and j == i + 1 and j + 1 < len(words):
            j += 1  # أبو + kunya name
        last = plain[j]
        if last.startswith("ال") and len(last) >= 5 \
                and all(text[words[k][1]:words[k + 1][0]] == " " for k in range(i, j)):
            out.append((words[i][0], words[j][1]))
            free = j + 1
    return out


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    return ner.first_names() | frozenset(ABU)


_plain = PerWord(strip_marks, 200_000).__getitem__


def _places_inside(text: str, start: int, end: int) -> list[Mention]:
    """The city in an airport's or a base's name (مطار إربيل: إربيل), as a place of its own."""
    k = kb()
    inner = start + tokens(text[start:end])[0][1]  # after the head word (مطار, قاعدة)
    return [Mention(inner + m.start, inner + m.end, text[inner + m.start:inner + m.end], "LOC", m.ids[0])
            for m in ner.matcher().find(text[inner:end])
            if k.entities[m.ids[0]].type == "LOC" and k.listed(m.ids[0])]


@lru_cache(maxsize=100_000)
def _key(surface: str) -> str:
    return " ".join(normalize("".join(" " if c in QUOTES else c for c in surface)).split())


def _tagged(text: str, bounds: list[tuple[int, int]], sents: list[list[tuple[int, int, str]]],
            found: list[Match]) -> list[tuple[int, int, str]]:
    """Character spans the tagger finds, proclitics and quote marks trimmed; `sents`: the tokens of
    the sentences within `bounds`; `found`: the knowledge base's matches over the text, which give
    the tagger its gazetteer features."""
    out = []
    gazetteer = ner.gazetteer_in(text, bounds, sents, found)
    for toks, tags in zip(sents, ner.tag_document([[t for _, _, t in toks] for toks in sents], gazetteer=gazetteer)):
        for i, j, typ in bio.spans(tags):
            while i < j and toks[i][2] in QUOTES:
                i += 1
            while j > i and not any(ch.isalnum() for ch in toks[j - 1][2]):
                j -= 1
            if i == j:
                continue
            first = toks[i]
            w = norm(first[2])
            stem = ner.stem(w)
            start = first[0]
            if stem != w and w.endswith(stem):
                start += clitic_offset(first[2], len(w) - len(stem))
            out.append((start, toks[j - 1][1], TAG_TYPES.get(typ, "MISC")))
    return out


def _short_forms(text: str, mentions: list[Mention], text_words: list[tuple[int, int, str]],
                 covered: bytearray) -> list[Mention]:
    """`mentions` with short forms resolved; `covered`: 1 under every mention."""
    k = kb()
    short: dict[str, tuple[str, str]] = {}  # normalized short form -> (entity id, type)
    for m in mentions:
        words = _word_norms(m.text)
        if m.type == "PER" and len(words) >= 2 and len(words[-1]) >= 4:
            short.setdefault(words[-1], (m.entity, m.type))
        e = k.get(m.entity or "")
        for n in e.short if e else ():
            short.setdefault(norm(n), (e.id, e.type))
    if not short:
        return mentions
    out = []
    for m in mentions:  # a tagged surname alone joins the person named in full
        words = _word_norms(m.text)
        hit = short.get(words[0]) if len(words) == 1 else None
        out.append(Mention(m.start, m.end, m.text, hit[1], hit[0]) if hit and m.entity != hit[0] else m)
    # a word's readings are its endings, or "ا" + one after لل: a word ending in no short form
    # (nor in one but its first letter) holds none, and most words are such
    tails = (*short, *(n[1:] for n in short if n.startswith("ا")))
    norms = list(map(norm, map(itemgetter(2), text_words)))
    for i in compress(range(len(norms)), map(str.endswith, norms, repeat(tails))):
        (s, e, word), w = text_words[i], norms[i]
        if 1 in covered[s:e]:
            continue
        for plen, rest in readings(w):
            if rest in short:
                start = s + clitic_offset(word, plen)
                eid, typ = short[rest]
                out.append(Mention(start, e, text[start:e], typ, eid))
                break
    out.sort(key=lambda m: m.start)
    return out


@lru_cache(maxsize=100_000)
def _word_norms(surface: str) -> tuple[str, ...]:
    return tuple(norm(t) for _, _, t in tokens(surface))
