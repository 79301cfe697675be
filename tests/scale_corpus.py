"""A generated JSON Lines corpus of distinct reports, in the seed reports' words."""

import json
import random
from datetime import date, timedelta
from pathlib import Path

from conftest import SEEDS
from marsad.arabic import words


def write_corpus(path: Path, n: int, repeat_every: int = 0) -> Path:
    """n reports of sentences drawn at random from the seeds' vocabulary, each with its own date.

    Distinct enough to be neither near-duplicates nor one huge story (which would
    time the stories stage, not what the tests check). With repeat_every, every
    such line repeats the one before exactly (the same report twice).
    """
    vocab = sorted({w for p in SEEDS.glob("*.txt") for _, _, w in words(p.read_text("utf-8")) if len(w) > 2})
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            k = i - 1 if repeat_every and i and i % repeat_every == 0 else i
            rng = random.Random(k)
            sentences = [" ".join(rng.choices(vocab, k=rng.randint(8, 16))) + "." for _ in range(8)]
            published = (date(2015, 1, 1) + timedelta(days=10 * k)).isoformat()
            fh.write(json.dumps({"name": f"r{k:04d}", "title": sentences[0][:-1], "text": "\n".join(sentences[1:]),
                                 "outlet": "وكالة الاختبار", "published": published}, ensure_ascii=False) + "\n")
    return path
