"""The statistical tagger: a CRF for names no list holds.

Trained by scripts/train_ner.py on ANERcorp (BIO over PERS, ORG, LOC, MISC).
Its features are the word and its affixes, the word with its proclitics
stripped, distributional word clusters learned from 2018 Arabic news
(scripts/build_clusters.py), and what the knowledge base says of the words
(a country, a city, a faction, a person...) and whether it is a common given
name (data/first_names.txt), each over a window of two words.

Tagging decodes the model with numpy (marsad.annotate.crf); python-crfsuite
only trains it.
"""

from __future__ import annotations

import gzip
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from importlib import resources
from itertools import accumulate, chain, compress, pairwise, repeat

import numpy as np

from marsad.annotate import crf
from marsad.annotate.bio import spans
from marsad.arabic import strip_marks
from marsad.kb.entities import kb
from marsad.kb.matcher import QUOTES, WORD_RE, Match, Matcher, norm, readings

MODEL = "data/ner.crfsuite"
# ANERcorp-like tokens: a word (as kb.matcher.WORD_RE has it), or one punctuation mark.
TOKEN_RE = re.compile(WORD_RE.pattern + r"|[^\s]")
_WORD_CHARS = frozenset(c for c in map(chr, range(0x700)) if WORD_RE.fullmatch(c))


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
    ends = [s + len(t) for s, t in zip(starts, tokens)]
    for m in matcher().find(text):
        _mark(out, m, starts, ends, m.end)
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
        if inside:
            starts, ends = [t[0] for t in toks], [t[1] for t in toks]
            for m in inside:
                # the joined sentence has a space after each token: no closing quote joins its span
                _mark(tags, m, starts, ends, m.end - 1 if text[m.end - 1] in QUOTES else m.end)
        out.append(tags)
    return out


def _cuts_word(text: str, pos: int) -> bool:
    m = 0 < pos < len(text) and WORD_RE.match(text, pos - 1, pos + 1)
    return bool(m) and m.end() == pos + 1


def _mark(out: list[str], m: Match, starts: list[int], ends: list[int], end: int) -> None:
    """Tag the tokens (in order, starting at `starts`, ending at `ends`) within [m.start, end):
    B- the first, I- the rest."""
    e = kb().entities[m.ids[0]]
    first, last = bisect_right(ends, m.start), bisect_left(starts, end)
    if first < last:
        label = f"{e.type}:{e.kind or ''}"
        out[first:last] = [f"B-{label}"] + [f"I-{label}"] * (last - first - 1)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common Arabic given names as written (data/first_names.txt)."""
    lines = resources.files("marsad.annotate").joinpath("data/first_names.txt").read_text("utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


OFFSETS = (-2, -1, 1, 2)


def features(tokens: list[str], gaz: list[str] | None = None) -> list[list[str]]:
    """Each token's attributes (what scripts/train_ner.py trains on); `gaz`: gazetteer_tags(tokens), when known."""
    gaz = gazetteer_tags(tokens) if gaz is None else gaz
    words, parts = zip(*map(_parts, tokens)) if tokens else ((), ())
    blocks = [[part(*args) for part, *args in (*ps, (_gazetteer, g))] for ps, g in zip(parts, gaz)]
    own = [tuple(a for o, _ in bs for a in o) for bs in blocks]
    near = [[tuple(a for _, n in bs for a in n[k]) for k in range(len(OFFSETS))] for bs in blocks]
    n = len(tokens)
    # what each token gets from the word at each of OFFSETS, or the pad where there is none
    from_ = [([(f"{off}pad",)] * max(0, -off) + [x[k] for x in near[max(0, off):n + min(0, off)]]
              + [(f"{off}pad",)] * max(0, off))[:n] for k, off in enumerate(OFFSETS)]
    feats = [[*o, *m2, *m1, *p1, *p2] for o, m2, m1, p1, p2 in zip(own, *from_)]
    for i, pair in enumerate(f"{a}|{b}" for a, b in zip(words, words[1:])):
        feats[i + 1].append("-1w|w=" + pair)
        feats[i].append("w|+1w=" + pair)
    return feats


# A token's attributes, but for the word pairs, come in parts, each a function of one thing
# about it (the word, its ending, its stem, its beginning, its clusters, whether it is a given
# name, its gazetteer tag) that gives (the word's own attributes, for each of OFFSETS those it
# gives the word at that distance). Tagging sums a part's weights once per value, and a word or
# stem the model never weighs counts as none: a new word brings only parts already summed.
# A part is (its function, *its arguments), flat: it is a key of the tagger's score table.

def _parts(token: str, weighed: dict[str, frozenset[str]] | None = None) -> tuple[str, tuple[tuple, ...]]:
    """(normalized word, the parts but the gazetteer's); `weighed`: _weighed(), to give a word or
    stem the model does not weigh as None."""
    w = norm(token)
    s = stem(w)
    cl = clusters()
    c1, c2, _ = cl.get(w) or cl.get(s) or ("?", "?", -1)
    if weighed is not None:
        w_known, s_known = w if w in weighed["w"] else None, s if s in weighed["s"] else None
    else:
        w_known, s_known = w, s
    ending = (_ending, w[-3:], w.startswith("ال"), w.isdigit(), not any(map(str.isalnum, w)))
    return w, ((_identity, "w", w_known), ending, (_identity, "s", s_known), (_beginning, s[:3], len(s)),
               (_by_clusters, c1, c2), (_by_given, strip_marks(token) in first_names()))


def _identity(name: str, value: str | None):
    """The word or stem itself, here and at every offset; None: one the model has no weight for."""
    if value is None:
        return (), ((),) * len(OFFSETS)
    return (f"{name}={value}",), tuple((f"{off}{name}={value}",) for off in OFFSETS)


def _ending(last3: str, article: bool, digits: bool, punct: bool):
    own = ("x2=" + last3[-2:], "x3=" + last3, "x1=" + last3[-1:], "al=" + str(article))
    own += ("digit",) * digits + ("punct",) * punct
    return own, tuple((f"{off}x2={last3[-2:]}",) * (abs(off) == 1) for off in OFFSETS)


def _beginning(first3: str, length: int):
    return ("p2=" + first3[:2], "p3=" + first3, "len=" + str(min(length, 8))), ((),) * len(OFFSETS)


def _by_clusters(c1: str, c2: str):
    return ("c1=" + c1, "c2=" + c2), \
        tuple((f"{off}c2={c2}",) + ((f"{off}c1={c1}",) if abs(off) == 1 else ()) for off in OFFSETS)


def _by_given(given: bool):
    return ("b",) + ("given",) * given, tuple((f"{off}given={given}",) * (abs(off) == 1) for off in OFFSETS)


def _gazetteer(gaz: str):
    return ("g=" + gaz,), tuple((f"{off}g={gaz}",) for off in OFFSETS)


@lru_cache(maxsize=1)
def _weighed() -> dict[str, frozenset[str]]:
    """"w" and "s" -> the words and stems the model has any `_identity` attribute for."""
    out: dict[str, set[str]] = {"w": set(), "s": set()}
    for attr in _weights().attributes:
        m = _IDENTITY_RE.match(attr)
        if m:
            out[m[1]].add(m[2])
    return {k: frozenset(v) for k, v in out.items()}


_IDENTITY_RE = re.compile(r"(?:-?\d)?([ws])=(.*)", re.S)


@lru_cache(maxsize=1)
def _weights() -> crf.Weights:
    return crf.read_model(resources.files("marsad.annotate").joinpath(MODEL).read_bytes())


def _score_parts(parts: list[tuple]) -> tuple[list, np.ndarray]:
    """Rows of _part_table: row 0 what a part scores for its own word, 1 + k for the word at OFFSETS[k]."""
    groups = []
    for part, *args in parts:
        own, near = part(*args)
        groups += [own, *near]
    return [None] * len(parts), crf.summed(_weights(), groups).reshape(len(parts), 1 + len(OFFSETS), -1)


def _score_tokens(tokens: list[str]) -> tuple[list[str], np.ndarray]:
    """Rows of _token_table, the sums of their parts' rows; kept beside them: the normalized words."""
    # a word or stem the model does not weigh is scored as None, one part for all of them
    words, parts = zip(*map(_parts, tokens, repeat(_weighed())))
    table = _part_table()
    ids = table.ids(list(chain.from_iterable(parts)))
    return list(words), table.rows[ids].reshape(len(tokens), len(parts[0]), *table.rows.shape[1:]).sum(axis=1)


@lru_cache(maxsize=1)
def _part_table() -> crf.ScoreTable:
    return crf.ScoreTable(_score_parts, (1 + len(OFFSETS), len(_weights().labels)), 65536)


@lru_cache(maxsize=1)
def _token_table() -> crf.ScoreTable:
    return crf.ScoreTable(_score_tokens, (1 + len(OFFSETS), len(_weights().labels)), 65536)


@lru_cache(maxsize=1)
def _pads() -> np.ndarray:
    """What a missing word at each of OFFSETS scores (the sentence's edge)."""
    return crf.summed(_weights(), [(f"{off}pad",) for off in OFFSETS])


@lru_cache(maxsize=1)
def _pairs() -> dict[tuple[str, str], tuple[int, int]]:
    """(a, b) -> the rows of state weights the word pair gives b ("-1w|w=a|b") and a ("w|+1w=a|b");
    the zero row where the model has none."""
    wts = _weights()
    none = len(wts.attributes)
    out: dict[tuple[str, str], tuple[int, int]] = {}
    for prefix, side in (("-1w|w=", 0), ("w|+1w=", 1)):
        for attr, row in wts.attributes.items():
            if attr.startswith(prefix):
                pair = attr[len(prefix):]
                # every way "a|b" parts into two words (a word may hold "|")
                for key in ((pair[:i], pair[i + 1:]) for i, c in enumerate(pair) if c == "|" and 0 < i < len(pair) - 1):
                    rows = list(out.get(key, (none, none)))
                    rows[side] = row
                    out[key] = tuple(rows)
    return out


def _scores(sentences: list[list[str]], gazetteer: list[list[str] | None]) -> tuple[np.ndarray, list[str]]:
    """The (tokens, labels) state scores of all the sentences' tokens, one sentence after another,
    the sum of the weights of `features`; and all the tokens normalized."""
    tokens = [t for s in sentences for t in s]
    if not tokens:
        return np.zeros((0, len(_weights().labels))), []
    gaz = [g for s, gs in zip(sentences, gazetteer) for g in (gazetteer_tags(s) if gs is None else gs)]
    table, parts = _token_table(), _part_table()
    # ids before .rows: adding rows may replace the array; a report has a handful of gazetteer tags
    ids, tags = table.ids(tokens), dict.fromkeys(gaz)
    tags = dict(zip(tags, parts.ids([(_gazetteer, g) for g in tags])))
    words = list(map(table.kept.__getitem__, ids))
    lengths = [len(s) for s in sentences]
    out = crf.window(table.rows[ids] + parts.rows[list(map(tags.__getitem__, gaz))], lengths, _pads(), OFFSETS)
    pairs = _pairs()
    firsts = set(accumulate(lengths[:-1]))  # a pair across sentences counts nothing
    at = [i for i in compress(range(len(words) - 1), map(pairs.__contains__, pairwise(words)))
          if i + 1 not in firsts]
    if at:
        to_next, to_self = zip(*(pairs[words[i], words[i + 1]] for i in at))
        state = _weights().state
        out[[i + 1 for i in at]] += state[list(to_next)]  # no token twice in one: a plain indexed add
        out[at] += state[list(to_self)]
    return out, words


def reload() -> None:
    """Forget the model and what was derived from it (after training a new one)."""
    for cached in (_weights, _weighed, _part_table, _token_table, _pads, _pairs):
        cached.cache_clear()


def tag(tokens: list[str], gaz: list[str] | None = None) -> list[str]:
    """BIO tags over PERS, ORG, LOC, MISC for one sentence of tokens."""
    return tag_sentences([tokens], [gaz])[0]


BATCH = 256  # sentences scored in one call (all of a call's words must fit in the score tables)


def tag_sentences(sentences: list[list[str]], gazetteer: list[list[str] | None]) -> list[list[str]]:
    """`tag` of each sentence, scored together; `gazetteer`: each one's gazetteer_tags, or None."""
    return _tag_sentences(sentences, gazetteer)[0]


def _tag_sentences(sentences, gazetteer) -> tuple[list[list[str]], list[str]]:
    """(`tag_sentences`, all the tokens normalized)."""
    wts = _weights()
    tags, words = [], []
    for b in range(0, len(sentences), BATCH):
        batch = sentences[b:b + BATCH]
        scores, normalized = _scores(batch, gazetteer[b:b + BATCH])
        paths = crf.viterbi(scores, [len(s) for s in batch], wts.transition)
        tags += [list(map(wts.labels.__getitem__, path)) for path in paths]
        words += normalized
    return tags, words


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    end = len(text) if end is None else end
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, start, end)]


def sentence_tokens(text: str, bounds: list[tuple[int, int]]) -> tuple[list[list[tuple[int, int, str]]],
                                                                        list[tuple[int, int, str]]]:
    """(`tokenize` within each of `bounds`, the text's words as kb.matcher.tokens gives them), from
    one pass over the text: a sentence takes the tokens that lie inside it, or is tokenized alone
    where its bounds cut one."""
    toks = tokenize(text)
    starts = [t[0] for t in toks]
    sents = []
    for s, e in bounds:
        i, j = bisect_left(starts, s), bisect_left(starts, e)
        inside = toks[i:j]
        sents.append(tokenize(text, s, e) if (i and toks[i - 1][1] > s) or (inside and inside[-1][1] > e)
                     else inside)
    # TOKEN_RE's tokens are WORD_RE's words and single marks outside them
    return sents, [t for t in toks if len(t[2]) > 1 or t[2] in _WORD_CHARS]


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
    tags, words = _tag_sentences(sentences, gazetteer)
    ends = list(accumulate(map(len, sentences)))
    norms = [words[e - len(s):e] for s, e in zip(sentences, ends)]
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
        free = 0  # the first token no carried name has taken
        for i in compress(range(len(sent)), map(firsts.__contains__, norms[si])):  # where a name may start
            if i < free:
                continue
            for n in (3, 2, 1):
                key = tuple(norms[si][i:i + n])
                if len(key) == n and key in names and all(t == "O" for t in tags[si][i:i + n]):
                    tags[si][i:i + n] = [f"B-{names[key]}"] + [f"I-{names[key]}"] * (n - 1)
                    carried = True
                    free = i + n
                    break
        if carried:
            found[si] = names_in(si)  # the sentences after it see its tags as carried
    return tags
