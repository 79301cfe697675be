"""Entity benchmark: ANERcorp test-split quality and entity-stage throughput.

Quality: entity-level precision, recall and F1 (exact span and type, CoNLL
style) of the tagger `marsad tag --conll` runs, on ANERcorp's CAMeL Lab test
split, per type and micro. Throughput: `find_mentions` (knowledge base +
tagger + short forms) over the first --limit articles of the 2018 ANT corpus,
in documents per second, after loading (timed apart).

    python3 benchmarks/ner.py [--limit 500]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from marsad.annotate import bio, ner  # noqa: E402
from marsad.annotate.entities import find_mentions  # noqa: E402
from marsad.annotate.sentences import split_sentences  # noqa: E402
from train_ner import read_conll  # noqa: E402

DATASETS = ROOT.parent / "shared" / "datasets"


def quality() -> None:
    path = DATASETS / "anercorp" / "ANERCorp_CamelLab_test.txt"
    if not path.exists():
        print(f"skipped quality: {path} is absent")
        return
    test = read_conll(path)
    t0 = time.time()
    pred = ner.tag_document([toks for toks, _ in test])  # what `marsad tag --conll` does
    took = time.time() - t0
    print(f"ANERcorp test split: {len(test)} sentences, {sum(len(t) for t, _ in test)} tokens, tagged in {took:.1f}s")
    for k, v in bio.score([t for _, t in test], pred).items():
        print(f"  {k:5} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}  (gold {v['support']})")


def throughput(limit: int) -> None:
    path = DATASETS / "ant-multisource-2018.jsonl.gz"
    if not path.exists():
        print(f"skipped throughput: {path} is absent")
        return
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if len(texts) >= limit:
                break
            texts.append(json.loads(line)["text"] or "")
    t0 = time.time()
    n = sum(len(find_mentions(t, split_sentences(t))) for t in texts)
    took = time.time() - t0
    chars = sum(len(t) for t in texts)
    print(f"2018 corpus: {len(texts)} documents ({chars / len(texts):.0f} chars avg), {n} mentions, "
          f"{len(texts) / took:.1f} documents/s ({took:.1f}s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=500, help="2018 articles to time (default 500)")
    a = ap.parse_args()
    t0 = time.time()
    find_mentions("قال الرئيس العراقي في بغداد", split_sentences("قال الرئيس العراقي في بغداد"))
    print(f"knowledge base, matcher, clusters and CRF loaded in {time.time() - t0:.1f}s")
    quality()
    throughput(a.limit)


if __name__ == "__main__":
    main()
