"""BIO tags to entity spans, and CoNLL-style entity-level scoring."""

from __future__ import annotations

from collections import Counter


def spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first token, last token + 1, type) for each entity; a stray I- starts one."""
    out, start, kind = [], None, None
    if tags.count("O") == len(tags):  # most sentences name nothing
        return out
    for i, t in enumerate([*tags, "O"]):
        if t == "O":
            if start is not None:
                out.append((start, i, kind))
                start = None
            continue
        prefix, _, typ = t.partition("-")
        if start is not None and (prefix != "I" or typ != kind):
            out.append((start, i, kind))
            start = None
        if prefix == "B" or (prefix == "I" and start is None):
            start, kind = i, typ
    return out


def score(gold: list[list[str]], pred: list[list[str]]) -> dict[str, dict[str, float]]:
    """Exact span-and-type precision, recall and F1, per type and micro ("ALL")."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred):
        gs, ps = set(spans(g)), set(spans(p))
        for s in ps:
            (tp if s in gs else fp)[s[2]] += 1
        for s in gs - ps:
            fn[s[2]] += 1
    out = {}
    for k in sorted(set(tp) | set(fp) | set(fn)) + ["ALL"]:
        t = sum(tp.values()) if k == "ALL" else tp[k]
        f_p = sum(fp.values()) if k == "ALL" else fp[k]
        f_n = sum(fn.values()) if k == "ALL" else fn[k]
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        out[k] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "support": t + f_n}
    return out
