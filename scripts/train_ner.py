"""Train the CRF entity tagger shipped in the package, on CPU.

Reads ANERcorp's train split (../shared/datasets/anercorp), trains a CRF
(python-crfsuite, L-BFGS with L1+L2 so the model stays small) on the features
of marsad.annotate.ner, writes src/marsad/annotate/data/ner.crfsuite and
prints its size and its entity-level figures on the test split.

    python3 scripts/train_ner.py [--iterations 150] [--c1 0.1] [--c2 0.05]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pycrfsuite

from marsad.annotate import bio, ner

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "datasets" / "anercorp"
OUT = ROOT / "src" / "marsad" / "annotate" / ner.MODEL


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    sents, toks, tags = [], [], []
    for line in path.read_text("utf-8").splitlines():
        parts = line.split()
        if not parts:
            if toks:
                sents.append((toks, tags))
            toks, tags = [], []
            continue
        toks.append(parts[0])
        tags.append(parts[-1] if len(parts) > 1 else "O")
    if toks:
        sents.append((toks, tags))
    return sents


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--c1", type=float, default=0.1)
    ap.add_argument("--c2", type=float, default=0.05)
    a = ap.parse_args()
    t0 = time.time()
    train = read_conll(DATA / "ANERCorp_CamelLab_train.txt")
    test = read_conll(DATA / "ANERCorp_CamelLab_test.txt")
    trainer = pycrfsuite.Trainer(verbose=False)
    for toks, tags in train:
        trainer.append(ner.features(toks), tags)
    trainer.set_params({"c1": a.c1, "c2": a.c2, "max_iterations": a.iterations,
                        "feature.possible_transitions": True})
    print(f"{len(train)} train sentences, features in {time.time() - t0:.0f}s")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(OUT))
    print(f"trained in {time.time() - t0:.0f}s; model {OUT.relative_to(ROOT)}: {OUT.stat().st_size / 1e6:.2f} MB")
    ner.reload()
    pred = [ner.tag(toks) for toks, _ in test]  # the CRF alone, sentence by sentence
    for k, v in bio.score([t for _, t in test], pred).items():
        print(f"{k:5} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}  ({v['support']})")


if __name__ == "__main__":
    main()
