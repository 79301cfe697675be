"""Event and quote precision/recall on the development gold set.

    python3 benchmarks/events.py [--verbose]

Reads benchmarks/data/events_dev.jsonl (66 reports of the 2018 multi-outlet
corpus, annotated by hand: docs/events.md says how) and the articles' text
from ../shared/datasets/ant-multisource-2018.jsonl.gz, runs the real pipeline
on each article, and prints:

- events by type (a system event is right when an unmatched gold event of the
  same report has its type), then with actor, target, place and date matched
  as well; a field the gold leaves empty is not scored;
- quotes: speaker matched, speaker and cue matched, and how often direct/
  reported agrees among the matched.

X_STATEMENT is not annotated in the gold set, so system X_STATEMENT events are
left out of the scoring.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from gold_match import same_name  # noqa: E402  (the tests' matching rules, shared)

from marsad.arabic import normalize  # noqa: E402
from marsad.pipeline import analyze_raw  # noqa: E402
from marsad.records import Published, RawDocument  # noqa: E402

GOLD = ROOT / "benchmarks" / "data" / "events_dev.jsonl"
CORPUS = ROOT.parent / "shared" / "datasets" / "ant-multisource-2018.jsonl.gz"
LEVELS = ("type", "actor", "target", "place", "date")


def load() -> list[tuple[dict, dict]]:
    gold = [json.loads(line) for line in GOLD.read_text("utf-8").splitlines() if line.strip()]
    want = {g["docno"] for g in gold}
    texts: dict[str, dict] = {}
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["docno"] in want and d["docno"] not in texts:
                texts[d["docno"]] = d
    return [(g, texts[g["docno"]]) for g in gold]


def analyze(g: dict, article: dict):
    raw = RawDocument(source=f"ant-2018:{g['docno']}", name=g["docno"], content=article["text"],
                      media_type="text/plain", encoding="utf-8", outlet=article["src"], title=article["title"])
    return analyze_raw(raw, published=Published(g["published"], "day"))


def field_ok(level: str, sys_ev, gold_ev: dict) -> bool:
    if level == "type":
        return True
    want = gold_ev.get(level)
    if want is None:
        return True
    if level == "date":
        got = sys_ev.date
        if got and (got.startswith(want) or want.startswith(got)):
            return True
        win = sys_ev.date_window
        return bool(win and win[0] <= want[:10] <= win[1])
    return same_name(getattr(sys_ev, level), want)


def match(system: list, gold: list[dict], ok) -> int:
    """Greedy one-to-one matching; returns the number of matched pairs."""
    used: set[int] = set()
    hits = 0
    for s in system:
        for i, g in enumerate(gold):
            if i not in used and ok(s, g):
                used.add(i)
                hits += 1
                break
    return hits


def prf(tp: int, n_sys: int, n_gold: int) -> str:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:5.1%}  R {r:5.1%}  F1 {f:5.1%}   ({tp} right of {n_sys} found, {n_gold} in gold)"


def cue_key(cue: str) -> str:
    k = normalize(cue)
    return k[1:] if k[:1] in ("و", "ف") and len(k) > 3 else k


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--verbose", action="store_true", help="print each report's misses and false alarms")
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"benchmarks/events.py: {CORPUS} is absent; it holds the articles' text", file=sys.stderr)
        return 2
    pairs = load()
    start = time.perf_counter()
    tp = Counter()
    n_sys = n_gold = 0
    by_type_tp, by_type_sys, by_type_gold = Counter(), Counter(), Counter()
    q_tp = Counter()
    q_sys = q_gold = 0
    for g, article in pairs:
        a = analyze(g, article)
        events = [e for e in a.events if e.type != "X_STATEMENT"]
        gold_events = g["events"]
        n_sys += len(events)
        n_gold += len(gold_events)
        for level in LEVELS:
            tp[level] += match(events, gold_events,
                               lambda s, ge, lv=level: s.type == ge["type"] and field_ok(lv, s, ge))
        for t in {e.type for e in events} | {ge["type"] for ge in gold_events}:
            se = [e for e in events if e.type == t]
            ge = [x for x in gold_events if x["type"] == t]
            by_type_sys[t] += len(se)
            by_type_gold[t] += len(ge)
            by_type_tp[t] += match(se, ge, lambda s, x: True)
        quotes = a.annotation.quotes
        q_sys += len(quotes)
        q_gold += len(g["quotes"])
        q_tp["speaker"] += match(quotes, g["quotes"], lambda q, x: same_name(q.speaker.text, x["speaker"]))
        q_tp["speaker+cue"] += match(quotes, g["quotes"], lambda q, x: same_name(q.speaker.text, x["speaker"])
                                     and cue_key(q.cue) == cue_key(x["cue"]))
        q_tp["speaker+cue+direct"] += match(
            quotes, g["quotes"], lambda q, x: same_name(q.speaker.text, x["speaker"])
            and cue_key(q.cue) == cue_key(x["cue"]) and q.direct == x["direct"])
        if args.verbose:
            print(f"--- {g['docno']} ({g['bucket']})")
            for e in events:
                print(f"  sys  {e.type:14} {e.actor} → {e.target} @ {e.place} {e.date or e.date_window or ''}")
            for x in gold_events:
                print(f"  gold {x['type']:14} {x.get('actor')} → {x.get('target')} @ {x.get('place')} {x.get('date', '')}")
            for q in quotes:
                print(f"  sys  quote {q.speaker.text} | {q.cue} | {'direct' if q.direct else 'reported'}")
            for x in g["quotes"]:
                print(f"  gold quote {x['speaker']} | {x['cue']} | {'direct' if x['direct'] else 'reported'}")
    seconds = time.perf_counter() - start
    buckets = Counter(g["bucket"] for g, _ in pairs)
    print(f"events_dev: {len(pairs)} reports ({', '.join(f'{k} {v}' for k, v in sorted(buckets.items()))}), "
          f"{n_gold} gold events, {q_gold} gold quotes; analyzed in {seconds:.1f} s")
    print("\nEvents")
    for level in LEVELS:
        label = "type" if level == "type" else f"type+{level}"
        print(f"  {label:12} {prf(tp[level], n_sys, n_gold)}")
    print("\nEvents by type (type only)")
    for t in sorted(by_type_gold | by_type_sys, key=lambda t: -by_type_gold[t]):
        print(f"  {t:14} {prf(by_type_tp[t], by_type_sys[t], by_type_gold[t])}")
    print("\nQuotes")
    for k in ("speaker", "speaker+cue", "speaker+cue+direct"):
        print(f"  {k:20} {prf(q_tp[k], q_sys, q_gold)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
