"""Stories benchmark: clustering (B-cubed), near-duplicates (P/R), summaries (ROUGE), throughput.

    python3 benchmarks/stories.py                 # everything, the full 31,525-report pass
    python3 benchmarks/stories.py --limit 3000    # quick: gold reports plus 3,000 others
    python3 benchmarks/stories.py --only clusters|neardup|summary

Reads ../shared/datasets/ant-multisource-2018.jsonl.gz and benchmarks/data/stories_dev.jsonl
(306 reports in 30 stories of 12 topics, labelled by hand; docs/stories.md says how).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "src"), str(HERE)]

from corpus2018 import CORPUS, analyzed, rows  # noqa: E402

from marsad.stories import Engine, arrival_order  # noqa: E402
from marsad.stories.neardup import NearDuplicates, norm_words  # noqa: E402
from marsad.stories.summary import lead, summarize  # noqa: E402

DEV = HERE / "data" / "stories_dev.jsonl"


# ---- B-cubed -------------------------------------------------------------------------


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 over the items of `gold` (pred restricted to them)."""
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for item, g in gold.items():
        by_pred[pred[item]].add(item)
        by_gold[g].add(item)
    p = r = 0.0
    for item, g in gold.items():
        same_pred, same_gold = by_pred[pred[item]], by_gold[g]
        both = len(same_pred & same_gold)
        p += both / len(same_pred)
        r += both / len(same_gold)
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_clusters(all_rows: list[dict], limit: int | None) -> None:
    gold = [json.loads(line) for line in DEV.read_text("utf-8").splitlines()]
    gold_story = {g["docno"]: g["story"] for g in gold}
    gold_topic = {g["docno"]: g["topic"] for g in gold}
    docs = [analyzed(r) for r in all_rows]
    if limit is not None:
        others = [a for a in docs if a.document.id not in gold_story][:limit]
        docs = [a for a in docs if a.document.id in gold_story] + others
    for label, pool in (("gold reports alone", [a for a in docs if a.document.id in gold_story]),
                        (f"within {len(docs):,} reports", docs)):
        ordered = arrival_order(pool)
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        engine = Engine()
        t0 = time.perf_counter()
        placed = [engine.add(a) for a in ordered]
        elapsed = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        c = engine.clusterer  # final assignments: a later merge may have moved a placed report
        story = {p.document: c.doc_story[p.document] for p in placed}
        topic = {d: c.stories[s].topic for d, s in story.items()}
        sp, sr, sf = bcubed(story, gold_story)
        tp, tr, tf = bcubed(topic, gold_topic)
        print(f"[clusters: {label}]")
        print(f"  stories B-cubed  P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}")
        print(f"  topics  B-cubed  P {tp:.3f}  R {tr:.3f}  F1 {tf:.3f}")
        print(f"  {len(engine.clusterer.stories):,} stories, {len(engine.clusterer.topics):,} topics, "
              f"{sum(p.copy_of is not None for p in placed):,} near-duplicates linked")
        print(f"  throughput {len(pool) / elapsed:,.0f} reports/s ({len(pool):,} in {elapsed:.1f} s), "
              f"peak memory +{max(peak - base, 0) / 1024:,.0f} MiB over the loaded corpus "
              f"(process peak {peak / 1024:,.0f} MiB)")


# ---- near-duplicates ---------------------------------------------------------------------


def edit(text: str, rng: random.Random) -> tuple[str, str]:
    """A lightly edited copy: a sentence or two dropped, or a few words replaced."""
    if rng.random() < 0.5:
        sents = [s for s in text.replace("\n", " ").split(". ") if s]
        if len(sents) >= 4:
            for _ in range(max(1, len(sents) // 6)):
                sents.pop(rng.randrange(len(sents)))
            return ". ".join(sents), "sentence drops"
    words = text.split()
    for i in rng.sample(range(len(words)), max(1, len(words) // 12)):
        words[i] = rng.choice(["وقال", "الرئيس", "الحكومة", "اليوم", "مصدر", "الأمن"])
    return " ".join(words), "word substitutions"


def run_neardup(all_rows: list[dict], limit: int | None, seed: int = 7) -> None:
    rng = random.Random(seed)
    rows_ = all_rows if limit is None else all_rows[:limit]
    groups: dict[str, list[str]] = defaultdict(list)
    for r in rows_:
        groups[" ".join(norm_words(r.get("text") or ""))].append(r["docno"])
    group_of = {d: k for k, ds in groups.items() for d in ds}
    exact = {k: ds for k, ds in groups.items() if len(ds) > 1}
    sources = rng.sample([r for r in rows_ if len((r.get("text") or "").split()) >= 60], 500)
    copies, kinds = [], {}
    for i, r in enumerate(sources):
        text, kind = edit(r["text"], rng)
        copies.append({"docno": f"EDIT-{i}-{r['docno']}", "text": text, "of": r["docno"]})
        kinds[copies[-1]["docno"]] = kind
    dups = NearDuplicates()
    t0 = time.perf_counter()
    linked = {}
    for r in rows_ + copies:
        root = dups.add(r["docno"], r.get("text") or "")
        if root is not None:
            linked[r["docno"]] = root
    elapsed = time.perf_counter() - t0

    def same(a: str, b: str) -> bool:
        a = a.split("-", 2)[2] if a.startswith("EDIT-") else a
        b = b.split("-", 2)[2] if b.startswith("EDIT-") else b
        return group_of.get(a) == group_of.get(b)

    expected = [d for ds in exact.values() for d in ds[1:]] + [c["docno"] for c in copies]
    hit = sum(1 for d in expected if d in linked and same(d, linked[d]))
    correct = sum(1 for d, root in linked.items() if same(d, root))
    print(f"[near-duplicates: {len(rows_):,} reports + {len(copies)} edited copies, {len(exact):,} exact groups]")
    print(f"  recall    {hit / len(expected):.3f}  ({hit}/{len(expected)} copies linked to their group)")
    for kind in ("sentence drops", "word substitutions"):
        ks = [c for c, k in kinds.items() if k == kind]
        print(f"    {kind:<19} {sum(1 for c in ks if c in linked and same(c, linked[c])) / len(ks):.3f} of {len(ks)}")
    print(f"  precision {correct / max(len(linked), 1):.3f}  ({correct}/{len(linked)} links inside an exact group "
          f"or to the edited original; the rest are checked below)")
    others = [(d, root) for d, root in linked.items() if not same(d, root)]
    text_of = {r["docno"]: r.get("text") or "" for r in rows_ + copies}
    near = sum(1 for d, root in others if _jaccard(text_of[d], text_of[root]) >= 0.5)
    print(f"  of the {len(others)} other links, {near} join texts whose exact 3-shingle Jaccard is >= 0.5 "
          f"(real near-duplicates the exact groups miss); precision counting them: "
          f"{(correct + near) / max(len(linked), 1):.3f}")
    print(f"  {len(rows_) + len(copies):,} reports in {elapsed:.1f} s")


def _jaccard(a: str, b: str) -> float:
    sa, sb = _shingles(a), _shingles(b)
    return len(sa & sb) / max(len(sa | sb), 1)


def _shingles(text: str) -> set[str]:
    ws = norm_words(text)
    return {" ".join(ws[i:i + 3]) for i in range(len(ws) - 2)}


# ---- summaries ----------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    return norm_words(text)


def _ngrams(ws: list[str], n: int) -> dict[tuple, int]:
    out: dict[tuple, int] = defaultdict(int)
    for i in range(len(ws) - n + 1):
        out[tuple(ws[i:i + n])] += 1
    return out


def rouge_n(cand: list[str], ref: list[str], n: int) -> float:
    c, r = _ngrams(cand, n), _ngrams(ref, n)
    overlap = sum(min(v, r.get(k, 0)) for k, v in c.items())
    if not overlap:
        return 0.0
    p, rec = overlap / sum(c.values()), overlap / sum(r.values())
    return 2 * p * rec / (p + rec)


def rouge_l(cand: list[str], ref: list[str]) -> float:
    if not cand or not ref:
        return 0.0
    prev = [0] * (len(ref) + 1)
    for x in cand:
        cur = [0]
        for j, y in enumerate(ref):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    lcs = prev[-1]
    if not lcs:
        return 0.0
    p, r = lcs / len(cand), lcs / len(ref)
    return 2 * p * r / (p + r)


def run_summary(all_rows: list[dict], limit: int | None) -> None:
    bbc = [r for r in all_rows if r["src"].lower() == "bbc" and r.get("abstract") and r.get("text")]
    bbc = bbc if limit is None else bbc[:limit]
    scores = {"marsad": [0.0, 0.0, 0.0], "lead": [0.0, 0.0, 0.0]}
    n = 0
    for r in bbc:
        doc = analyzed(r).document
        ref = _tokens(r["abstract"])
        for name, summary in (("marsad", summarize([doc], size=1)), ("lead", lead(doc, 1))):
            cand = _tokens(" ".join(summary))
            s = scores[name]
            s[0] += rouge_n(cand, ref, 1)
            s[1] += rouge_n(cand, ref, 2)
            s[2] += rouge_l(cand, ref)
        n += 1
    print(f"[summary: {n:,} BBC reports, one sentence against the editor's abstract, normalized tokens]")
    for name, label in (("marsad", "marsad (centroid + lead bonus)"), ("lead", "lead sentence baseline")):
        s = scores[name]
        print(f"  {label:<31} ROUGE-1 {s[0] / n:.3f}  ROUGE-2 {s[1] / n:.3f}  ROUGE-L {s[2] / n:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, help="reports besides the gold ones (clusters), or reports at all")
    ap.add_argument("--only", choices=["clusters", "neardup", "summary"])
    args = ap.parse_args()
    if not CORPUS.exists():
        sys.exit(f"stories benchmark: {CORPUS} is absent")
    all_rows = list(rows())
    if args.only in (None, "clusters"):
        run_clusters(all_rows, args.limit)
    if args.only in (None, "neardup"):
        run_neardup(all_rows, args.limit)
    if args.only in (None, "summary"):
        run_summary(all_rows, args.limit)


if __name__ == "__main__":
    main()
