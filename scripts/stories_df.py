"""Build the background document frequencies clustering starts from.

    python3 scripts/stories_df.py [../shared/datasets/ant-multisource-2018.jsonl.gz]

Writes src/marsad/stories/data/df.json.gz: how many of the corpus's reports
hold each light stem (stems in at least 3 reports), so tf-idf weights are
sensible on the first report a store ever sees.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from marsad.stories.features import stem_counts  # noqa: E402


def main() -> None:
    src = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared/datasets/ant-multisource-2018.jsonl.gz")
    df: Counter = Counter()
    n = 0
    with gzip.open(src, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            df.update(set(stem_counts(r.get("title"), r.get("text") or "")))
            n += 1
    kept = {s: c for s, c in sorted(df.items()) if c >= 3}
    out = ROOT / "src/marsad/stories/data/df.json.gz"
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump({"n": n, "source": src.name, "df": kept}, f, ensure_ascii=False, separators=(",", ":"))
    print(f"{n} reports, {len(kept)} stems -> {out}")


if __name__ == "__main__":
    main()
