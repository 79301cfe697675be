"""The statistical tagger: a CRF for names no list holds.

Trained by scripts/train_ner.py on ANERcorp (BIO over PERS, ORG, LOC, MISC).
Its features are the word and its affixes, the word with its proclitics
stripped, distributional word clusters learned from 2018 Arabic news
(scripts/build_clusters.py), and what the knowledge base says of the words
(a country, a city, a faction, a person...) and whether it is a common given
name (data/first_names.txt), each over a window of two words.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from importlib import resources

from marsad.annotate.bio import spans
from marsad.arabic import strip_marks
from marsad.kb.entities import kb
from marsad.kb.matcher import Matcher, norm, readings

MODEL = "data/ner.crfsuite"
# ANERcorp-like tokens: a word, or one punctuation mark.
TOKEN_RE = re.compile(r"[A-Za-z0-9_\u00c0-\u024f\u0621-\u065f\u0660-\u0669\u0670-\u06d3\u06f0-\u06f9]+|[^\s]")


@lru_cache(maxsize=1)
def clusters() -> dict[str, tuple[str, str, int]]:
    """normalized word -> (coarse cluster, fine cluster, frequency rank)."""
    data = resources.files("marsad.annotate").joinpath("data/clusters.tsv.gz").read_bytes()
    out = {}
    for rank, line in enumerate(gzip.decompress(data).decode("utf-8").splitlines()):
        w, c, f = line.split("\t")
        out[w] = (c, f, rank)
    return out


@lru_cache(maxsize=1)
def matcher() -> Matcher:
    return Matcher(kb().names)


def stem(w: str) -> str:
    """The token without proclitics, when what remains is a far more common word."""
    cl = clusters()
    own = cl.get(w, (None, None, 10**9))[2]
    best, rank = w, own
    for plen, rest in readings(w)[1:]:
        r = cl.get(rest, (None, None, 10**9))[2]
        if r < rank and r * 5 < own:
            best, rank = rest, r
    return best


def gazetteer_tags(tokens: list[str]) -> list[str]:
    """For each token, what the knowledge base matched over it: B-LOC:country, I-ORG:faction ..."""
    starts, pos = [], 0
    for t in tokens:
        starts.append(pos)
        pos += len(t) + 1
    text = " ".join(tokens)
    out = ["O"] * len(tokens)
    k = kb()
    for m in matcher().find(text):
        e = k.entities[m.ids[0]]
        first = True
        for i, s in enumerate(starts):
            if s < m.end and s + len(tokens[i]) > m.start:
                out[i] = f"{'B' if first else 'I'}-{e.type}:{e.kind or ''}"
                first = False
    return out


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common Arabic given names as written (data/first_names.txt)."""
    lines = resources.files("marsad.annotate").joinpath("data/first_names.txt").read_text("utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


def features(tokens: list[str]) -> list[list[str]]:
    cl = clusters()
    gaz = gazetteer_tags(tokens)
    given = [strip_marks(t) in first_names() for t in tokens]
    info = []
    for t in tokens:
        w = norm(t)
        s = stem(w)
        c = cl.get(w) or cl.get(s) or ("?", "?", -1)
        info.append((w, s, c[0], c[1], w.isdigit(), not any(ch.isalnum() for ch in w)))
    feats = []
    n = len(tokens)
    for i, (w, s, c1, c2, digit, punct) in enumerate(info):
        f = [
            "b", "w=" + w, "s=" + s, "c1=" + c1, "c2=" + c2, "g=" + gaz[i],
            "p2=" + s[:2], "p3=" + s[:3], "x2=" + w[-2:], "x3=" + w[-3:], "x1=" + w[-1:],
            "al=" + str(w.startswith("ال")), "len=" + str(min(len(s), 8)),
        ]
        if given[i]:
            f.append("given")
        if digit:
            f.append("digit")
        if punct:
            f.append("punct")
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                ow, os_, oc1, oc2 = info[j][:4]
                f += [f"{off}w={ow}", f"{off}s={os_}", f"{off}c2={oc2}", f"{off}g={gaz[j]}"]
                if abs(off) == 1:
                    f += [f"{off}c1={oc1}", f"{off}x2={ow[-2:]}", f"{off}given={given[j]}"]
            else:
                f.append(f"{off}pad")
        if i > 0:
            f.append(f"-1w|w={info[i - 1][0]}|{w}")
        if i + 1 < n:
            f.append(f"w|+1w={w}|{info[i + 1][0]}")
        feats.append(f)
    return feats


@lru_cache(maxsize=1)
def _tagger():
    import pycrfsuite

    t = pycrfsuite.Tagger()
    with resources.as_file(resources.files("marsad.annotate").joinpath(MODEL)) as path:
        t.open(str(path))
    return t


def tag(tokens: list[str]) -> list[str]:
    """BIO tags over PERS, ORG, LOC, MISC for one sentence of tokens."""
    if not tokens:
        return []
    return _tagger().tag(features(tokens))


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    end = len(text) if end is None else end
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, start, end)]


def tag_document(sentences: list[list[str]], window: int = 20) -> list[list[str]]:
    """Tag sentences of one text, then carry each name to its untagged repeats nearby.

    A news text names a person in full once and by surname after; the CRF,
    seeing one sentence at a time, often misses the repeats ("رامسفيلد").
    A name tagged once is tagged again wherever it recurs within `window`
    sentences, unless it is a common word (among the 2,000 most frequent).
    """
    tags = [tag(s) for s in sentences]
    cl = clusters()
    for si, sent in enumerate(sentences):
        names: dict[tuple[str, ...], str] = {}
        for sj in range(max(0, si - window), min(len(sentences), si + window + 1)):
            for a, b, typ in spans(tags[sj]):
                key = tuple(norm(t) for t in sentences[sj][a:b])
                if all(cl.get(k, ("", "", 10**9))[2] >= 2000 and len(k) >= 3 for k in key):
                    names.setdefault(key, typ)
        if not names:
            continue
        norms = [norm(t) for t in sent]
        i = 0
        while i < len(sent):
            for n in (3, 2, 1):
                key = tuple(norms[i:i + n])
                if len(key) == n and key in names and all(t == "O" for t in tags[si][i:i + n]):
                    tags[si][i:i + n] = [f"B-{names[key]}"] + [f"I-{names[key]}"] * (n - 1)
                    i += n - 1
                    break
            i += 1
    return tags
