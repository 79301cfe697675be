"""A generated JSON Lines corpus of distinct reports, made from the seed reports."""

import json
from pathlib import Path

from conftest import SEEDS


def write_corpus(path: Path, n: int, repeat_every: int = 0) -> Path:
    """n reports: the seeds, each copy with its own closing sentence (so its own id).

    With repeat_every, every such line repeats an earlier one exactly (the same report twice).
    """
    seeds = sorted(SEEDS.glob("*.txt"))
    texts = [p.read_text("utf-8") for p in seeds]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            k = i - 1 if repeat_every and i and i % repeat_every == 0 else i
            text = texts[k % len(texts)] + f"\nوأفاد مصدر محلي بأن عدد المشاركين في الاجتماع رقم {k} بلغ {k * 7 + 3} شخصا.\n"
            fh.write(json.dumps({"name": f"r{k:04d}", "text": text, "outlet": "وكالة الاختبار"}, ensure_ascii=False) + "\n")
    return path
