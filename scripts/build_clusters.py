"""Word clusters for the NER tagger, learned from the 2018 news corpus.

Distributional clusters give the CRF a handle on words it never saw in
ANERcorp: a first name, a city or a ministry shares its cluster with others of
its kind. Method: positive PMI over left/right neighbour counts, truncated SVD,
then k-means at two granularities. Writes src/marsad/annotate/data/clusters.tsv.gz
(normalized word, coarse cluster, fine cluster).

    python3 scripts/build_clusters.py [--docs 31525] [--vocab 60000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.cluster import MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize as l2

from marsad.arabic import normalize

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "datasets" / "ant-multisource-2018.jsonl.gz"
OUT = ROOT / "src" / "marsad" / "annotate" / "data" / "clusters.tsv.gz"
TOKEN = re.compile(r"[\w\u0600-\u06ff]+|[^\w\s]", re.UNICODE)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=31525)
    ap.add_argument("--vocab", type=int, default=60000)
    ap.add_argument("--contexts", type=int, default=3000)
    ap.add_argument("--dims", type=int, default=120)
    ap.add_argument("--coarse", type=int, default=120)
    ap.add_argument("--fine", type=int, default=600)
    a = ap.parse_args()
    t0 = time.time()
    sents = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= a.docs:
                break
            d = json.loads(line)
            for para in (d.get("title") or "", d.get("text") or ""):
                toks = [normalize(t) for t in TOKEN.findall(para)]
                if toks:
                    sents.append(toks)
    freq = Counter(t for s in sents for t in s)
    vocab = [w for w, c in freq.most_common(a.vocab) if c >= 3]
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[: a.contexts])}
    nc = len(ctx)
    rows, cols = [], []
    for s in sents:
        ids = [index.get(t, -1) for t in s]
        cids = [ctx.get(t, -1) for t in s]
        for j, w in enumerate(ids):
            if w < 0:
                continue
            for off, slot in ((-1, 0), (1, 1), (-2, 2), (2, 3)):
                k = j + off
                if 0 <= k < len(s) and cids[k] >= 0:
                    rows.append(w)
                    cols.append(slot * nc + cids[k])
    m = sparse.coo_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                          shape=(len(vocab), 4 * nc)).tocsr()
    m.sum_duplicates()
    total = m.sum()
    rs = np.asarray(m.sum(1)).ravel()
    cs = np.asarray(m.sum(0)).ravel() ** 0.75
    cs = cs / cs.sum() * total
    m = m.tocoo()
    pmi = np.log(m.data * total / (rs[m.row] * cs[m.col]))
    keep = pmi > 0
    m = sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
    print(f"{len(sents)} paragraphs, vocab {len(vocab)}, matrix nnz {m.nnz}, {time.time() - t0:.0f}s")
    vec = l2(TruncatedSVD(a.dims, random_state=0).fit_transform(m))
    coarse = MiniBatchKMeans(a.coarse, random_state=0, n_init=3, batch_size=4096).fit_predict(vec)
    fine = MiniBatchKMeans(a.fine, random_state=0, n_init=3, batch_size=4096).fit_predict(vec)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as f:
        for w, c, g in zip(vocab, coarse, fine):
            f.write(f"{w}\t{c}\t{g}\n")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size / 1e6:.2f} MB) in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
