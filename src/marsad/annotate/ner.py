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
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path

from marsad.annotate.bio import spans
from marsad.arabic import strip_marks
from marsad.kb.entities import kb
from marsad.kb.matcher import QUOTES, WORD_RE, Match, Matcher, norm, readings

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
    for m in matcher().find(text):
        _mark(out, m, [(s, s + len(t)) for s, t in zip(starts, tokens)], m.end)
    return out


def gazetteer_in(text: str, sentences: list[tuple[int, int]], tokens: list[list[tuple[int, int, str]]],
                 found: list[Match]) -> list[list[str] | None]:
    """gazetteer_tags of each sentence's tokens (`tokenize` within its bounds), from `found`, the
    matcher's matches over the whole text: a sentence that no match crosses into or out of, and
    whose bounds cut no word, holds the same matches the sentence re-joined alone gives. None
    for the others (re-match those alone)."""
    out: list[list[str] | None] = []
    i = 0
    for (start, end), toks in zip(sentences, tokens):
        while i < len(found) and found[i].end <= start:
            i += 1
        inside = []
        while i < len(found) and found[i].start < end:
            inside.append(found[i])
            i += 1
        if inside and inside[-1].end > end:
            i -= 1  # it crosses into the next sentence too
        if (inside and (inside[0].start < start or inside[-1].end > end)) or _cuts_word(text, start) \
                or _cuts_word(text, end):
            out.append(None)
            continue
        tags = ["O"] * len(toks)
        bounds = [(s, e) for s, e, _ in toks]
        for m in inside:
            # the joined sentence has a space after each token: no closing quote joins its span
            _mark(tags, m, bounds, m.end - 1 if text[m.end - 1] in QUOTES else m.end)
        out.append(tags)
    return out


def _cuts_word(text: str, pos: int) -> bool:
    m = 0 < pos < len(text) and WORD_RE.match(text, pos - 1, pos + 1)
    return bool(m) and m.end() == pos + 1


def _mark(out: list[str], m: Match, bounds: list[tuple[int, int]], end: int) -> None:
    """Tag the tokens within [m.start, end): B- the first, I- the rest."""
    e = kb().entities[m.ids[0]]
    first = True
    for i, (s, t_end) in enumerate(bounds):
        if s < end and t_end > m.start:
            out[i] = f"{'B' if first else 'I'}-{e.type}:{e.kind or ''}"
            first = False


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common Arabic given names as written (data/first_names.txt)."""
    lines = resources.files("marsad.annotate").joinpath("data/first_names.txt").read_text("utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


OFFSETS = (-2, -1, 1, 2)


def features(tokens: list[str], gaz: list[str] | None = None) -> list[list[str]]:
    """Each token's attributes (what scripts/train_ner.py trains on); `gaz`: gazetteer_tags(tokens), when known."""
    return _features(tokens, gaz, _word, lambda f: f)


def _features(tokens, gaz, word, keep) -> list[list]:
    """The attributes in a fixed order (the CRF sums their weights in it). All but the word pairs
    come from per-word blocks, `word(token, its gazetteer tag)`; `keep` maps an attribute to what
    the tagger is handed (itself, or its bytes), or to None to leave it out."""
    gaz = gazetteer_tags(tokens) if gaz is None else gaz
    words, own, near = zip(*map(word, tokens, gaz)) if tokens else ((), (), ())
    n = len(tokens)
    pads = [(p,) if (p := keep(f"{off}pad")) else () for off in OFFSETS]
    # what each token gets from the word at each of OFFSETS, or the pad where there is none
    from_ = [([pads[k]] * max(0, -off) + [x[k] for x in near[max(0, off):n + min(0, off)]]
              + [pads[k]] * max(0, off))[:n] for k, off in enumerate(OFFSETS)]
    feats = [[*o, *m2, *m1, *p1, *p2] for o, m2, m1, p1, p2 in zip(own, *from_)]
    for i, pair in enumerate(f"{a}|{b}" for a, b in zip(words, words[1:])):
        if f := keep("-1w|w=" + pair):
            feats[i + 1].append(f)
        if f := keep("w|+1w=" + pair):
            feats[i].append(f)
    return feats


def _word(token: str, gaz: str) -> tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """(normalized word, its own attributes, and for each of OFFSETS those it gives the word at that distance)."""
    w = norm(token)
    s = stem(w)
    c1, c2, _ = clusters().get(w) or clusters().get(s) or ("?", "?", -1)
    given = strip_marks(token) in first_names()
    own = ("b", "w=" + w, "s=" + s, "c1=" + c1, "c2=" + c2, "g=" + gaz,
           "p2=" + s[:2], "p3=" + s[:3], "x2=" + w[-2:], "x3=" + w[-3:], "x1=" + w[-1:],
           "al=" + str(w.startswith("ال")), "len=" + str(min(len(s), 8)))
    own += ("given",) * given + ("digit",) * w.isdigit() + ("punct",) * (not any(map(str.isalnum, w)))
    near = tuple((f"{off}w={w}", f"{off}s={s}", f"{off}c2={c2}", f"{off}g={gaz}")
                 + ((f"{off}c1={c1}", f"{off}x2={w[-2:]}", f"{off}given={given}") if abs(off) == 1 else ())
                 for off in OFFSETS)
    return w, own, near


@lru_cache(maxsize=1)
def _tagger():
    import pycrfsuite

    t = pycrfsuite.Tagger()
    with resources.as_file(resources.files("marsad.annotate").joinpath(MODEL)) as path:
        t.open(str(path))
    return t


@lru_cache(maxsize=1)
def _known() -> dict[str, bytes]:
    """The model's attributes, each to itself in UTF-8 (the tagger would encode it on every call).
    The tagger skips an attribute it has no weight for, so tagging leaves those out (most word
    pairs, rare words) instead of handing them over."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.txt"
        _tagger().dump(str(path))
        dump = path.read_text("utf-8")
    start = dump.index("ATTRIBUTES = {\n") + len("ATTRIBUTES = {\n")
    lines = dump[start:dump.index("\n}", start)].split("\n")
    return {a: a.encode() for a in (line.lstrip().split(": ", 1)[1] for line in lines)}


@lru_cache(maxsize=65536)
def _known_word(token: str, gaz: str) -> tuple:
    """`_word` with only the model's attributes, as the `_known` bytes (shared between words)."""
    known = _known()
    w, own, near = _word(token, gaz)

    def keep(fs):
        return tuple(filter(None, map(known.get, fs)))
    return w, keep(own), tuple(keep(fs) for fs in near)


def reload() -> None:
    """Forget the model and what was derived from it (after training a new one)."""
    for cached in (_tagger, _known, _known_word):
        cached.cache_clear()


def tag(tokens: list[str], gaz: list[str] | None = None) -> list[str]:
    """BIO tags over PERS, ORG, LOC, MISC for one sentence of tokens."""
    if not tokens:
        return []
    return _tagger().tag(_features(tokens, gaz, _known_word, _known().get))


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    end = len(text) if end is None else end
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, start, end)]


def tag_document(sentences: list[list[str]], window: int = 20,
                 gazetteer: list[list[str] | None] | None = None) -> list[list[str]]:
    """Tag sentences of one text, then carry each name to its untagged repeats nearby.

    A news text names a person in full once and by surname after; the CRF,
    seeing one sentence at a time, often misses the repeats ("رامسفيلد").
    A name tagged once is tagged again wherever it recurs within `window`
    sentences, unless it is a common word (among the 2,000 most frequent).
    `gazetteer`: each sentence's gazetteer_tags where known (gazetteer_in).
    """
    gazetteer = gazetteer or [None] * len(sentences)
    tags = [tag(s, g) for s, g in zip(sentences, gazetteer)]
    norms = [list(map(norm, s)) for s in sentences]
    cl = clusters()

    def names_in(sj: int) -> list[tuple[tuple[str, ...], str]]:
        out = []
        for a, b, typ in spans(tags[sj]):
            key = tuple(norms[sj][a:b])
            if all(cl.get(k, ("", "", 10**9))[2] >= 2000 and len(k) >= 3 for k in key):
                out.append((key, typ))
        return out

    found = [names_in(sj) for sj in range(len(sentences))]
    for si, sent in enumerate(sentences):
        names: dict[tuple[str, ...], str] = {}
        for sj in range(max(0, si - window), min(len(sentences), si + window + 1)):
            for key, typ in found[sj]:
                names.setdefault(key, typ)
        if not names:
            continue
        firsts = {key[0] for key in names}
        carried = False
        i = 0
        while i < len(sent):
            if norms[si][i] not in firsts:  # no name starts here
                i += 1
                continue
            for n in (3, 2, 1):
                key = tuple(norms[si][i:i + n])
                if len(key) == n and key in names and all(t == "O" for t in tags[si][i:i + n]):
                    tags[si][i:i + n] = [f"B-{names[key]}"] + [f"I-{names[key]}"] * (n - 1)
                    carried = True
                    i += n - 1
                    break
            i += 1
        if carried:
            found[si] = names_in(si)  # the sentences after it see its tags as carried
    return tags
