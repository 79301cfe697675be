"""Score the Arabic temporal tagger against public gold, with dateparser beside it.

    python3 benchmarks/dates.py [--limit N] [--show-misses]

1. Duckling's Arabic phrases (reference time 2013-02-12T04:30): value
   accuracy at Duckling's grain.
2. Microsoft Recognizers-Text Arabic date cases: DateExtractor (span
   precision/recall/F1, exact spans) and DateParser (value accuracy: the
   TIMEX value, or the date of its future or past resolution). Every Arabic
   case there is flagged NotSupported/NotSupportedByDesign for some platforms;
   the counts are printed and the cases are scored all the same.
3. dateparser (`search_dates`, languages=['ar'], RELATIVE_BASE) on the same
   cases, as the baseline; it is credited when any date it finds equals the
   gold at the gold's grain.
4. Throughput of `marsad.dates.tag` over the 2018 ANT corpus (`text` field,
   anchored on each article's own publication time), documents per second.

Reads ../shared/datasets/timex/ and ../shared/datasets/ant-multisource-2018.jsonl.gz.
"""

from __future__ import annotations

import argparse
import ast
import csv
import gzip
import json
import sys
import time
import warnings
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from marsad import dates  # noqa: E402
from marsad.dates.calendar import add_months, month_end  # noqa: E402

DATA = ROOT.parent / "shared" / "datasets"
TIMEX = DATA / "timex"
CORPUS = DATA / "ant-multisource-2018.jsonl.gz"

warnings.filterwarnings("ignore")


# ---- Duckling ------------------------------------------------------------------

def _canon(dt: datetime, grain: str) -> str:
    if grain == "Second":
        return dt.strftime("%Y-%m-%dT%H:%M:%S")
    if grain == "Minute":
        return dt.strftime("%Y-%m-%dT%H:%M")
    if grain == "Hour":
        return dt.strftime("%Y-%m-%dT%H")
    if grain == "Day":
        return dt.date().isoformat()
    if grain == "Week":
        y, w, _ = dt.isocalendar()
        return f"{y}-W{w:02d}"
    if grain == "Month":
        return dt.strftime("%Y-%m")
    return dt.strftime("%Y")


def _step_back(dt: datetime, grain: str) -> datetime:
    """The last unit inside an exclusive interval end."""
    if grain == "Month":
        return datetime.combine(add_months(dt.date(), -1), dt.time())
    return dt - {"Second": timedelta(seconds=1), "Minute": timedelta(minutes=1), "Hour": timedelta(hours=1),
                 "Day": timedelta(days=1), "Week": timedelta(weeks=1)}.get(grain, timedelta(days=1))


def _ours_as(value: str, modifier: str | None, grain: str, ref: datetime) -> list[str]:
    """Our TIMEX3 value written the way Duckling's (start, grain) reads.

    TIMEX3 says "the part of a month" with a modifier where Duckling gives a day
    (بداية/منتصف شهر) or a ten-day interval (أوائل/أواخر); night is TNI.
    """
    if value == "PRESENT_REF":
        return [_canon(ref, grain)]
    if value.endswith("TNI"):
        return [f"{value[:10]}T18/{value[:10]}T23"]
    if len(value) == 7 and modifier in ("START", "MID", "END") and value[4] == "-":
        y, m = int(value[:4]), int(value[5:7])
        first, last = date(y, m, 1), month_end(y, m)
        if modifier == "START":
            return [first.isoformat(), f"{first.isoformat()}/{date(y, m, 10).isoformat()}"]
        if modifier == "MID":
            return [date(y, m, 15).isoformat()]
        return [last.isoformat(), f"{date(y, m, 21).isoformat()}/{last.isoformat()}"]
    if grain == "Hour" and len(value) == 16 and value.endswith(":00"):
        return [value[:13]]
    if grain == "Hour" and "/" in value:
        return ["/".join(v[:13] for v in value.split("/"))]
    return [value]


def _duckling_expected(raw: str) -> tuple[str, str]:
    """(canonical value, grain); intervals as 'start/last' at the grain."""
    raw = raw.strip().strip('"')
    body, _, rest = raw.rpartition(")")
    grain = rest.split()[0]
    parsed = ast.literal_eval(body + ")")
    if isinstance(parsed[0], tuple):
        start, end = datetime(*parsed[0]), datetime(*parsed[1])
        return f"{_canon(start, grain)}/{_canon(_step_back(end, grain), grain)}", grain
    return _canon(datetime(*parsed), grain), grain


def duckling(show: bool) -> dict:
    ref = datetime(2013, 2, 12, 4, 30)
    rows = list(csv.reader((TIMEX / "duckling-ar" / "time_ar_corpus_extracted.tsv").open(encoding="utf-8"),
                           delimiter="\t"))[1:]
    ours = base = 0
    misses = []
    for phrase, _kind, expected_raw in rows:
        expected, grain = _duckling_expected(expected_raw)
        found = dates.tag(phrase, "2013-02-12T04:30")
        best = max(found, key=lambda t: t.end - t.start) if found else None
        got = _ours_as(best.value, best.modifier, grain, ref) if best else []
        if expected in got:
            ours += 1
        else:
            misses.append((phrase, expected, got))
        base += _dateparser_hit(phrase, ref, [expected.split("/")[0]], grain)
    if show:
        for m in misses:
            print("  duckling miss:", *m)
    return {"cases": len(rows), "marsad": ours, "dateparser": base}


# ---- dateparser ------------------------------------------------------------------

def _dateparser_found(text: str, ref: datetime) -> list[tuple[str, datetime]]:
    from dateparser.search import search_dates

    try:
        return search_dates(text, languages=["ar"], settings={"RELATIVE_BASE": ref}) or []
    except Exception:  # dateparser raises on some inputs; that is a miss
        return []


def _dateparser_hit(text: str, ref: datetime, accepted: list[str], grain: str = "Day") -> int:
    for _s, dt in _dateparser_found(text, ref):
        if _canon(dt, grain) in accepted:
            return 1
    return 0


# ---- Recognizers -------------------------------------------------------------------

def _load(name: str) -> list[dict]:
    return json.loads((TIMEX / "ms-recognizers-ar" / name).read_text(encoding="utf-8-sig"))


def _flagged(cases: list[dict]) -> int:
    return sum(1 for c in cases if c.get("NotSupported") or c.get("NotSupportedByDesign"))


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def recognizers_extraction() -> dict:
    cases = _load("DateExtractor.json")
    ref = datetime(2016, 11, 7)
    gold_n = pred_n = tp = base_pred = base_tp = 0
    for c in cases:
        gold = {(r["Start"], r["Start"] + r["Length"]) for r in c["Results"]}
        gold_n += len(gold)
        ours = {(t.start, t.end) for t in dates.tag(c["Input"], ref.date().isoformat()) if t.type == "DATE"}
        pred_n += len(ours)
        tp += len(gold & ours)
        theirs = set()
        for s, _dt in _dateparser_found(c["Input"], ref):
            at = c["Input"].find(s)
            if at >= 0:
                theirs.add((at, at + len(s.rstrip(" ،,."))))
        base_pred += len(theirs)
        base_tp += len(gold & theirs)
    return {"cases": len(cases), "flagged": _flagged(cases), "marsad": _prf(tp, pred_n, gold_n),
            "dateparser": _prf(base_tp, base_pred, gold_n)}


def _accepted(value: dict) -> list[str]:
    out = [value.get("Timex", "")]
    for key in ("FutureResolution", "PastResolution"):
        if value.get(key, {}).get("date"):
            out.append(value[key]["date"])
    return out


def recognizers_values(show: bool) -> dict:
    cases = _load("DateParser.json")
    total = ours = base = 0
    misses = []
    for c in cases:
        ref = datetime.fromisoformat(c["Context"]["ReferenceDateTime"])
        found = dates.tag(c["Input"], ref.date().isoformat())
        for r in c["Results"]:
            total += 1
            accepted = _accepted(r["Value"])
            start, end = r["Start"], r["Start"] + r["Length"]
            near = [t for t in found if t.start < end and start < t.end]
            if any(t.value in accepted for t in near):
                ours += 1
            else:
                misses.append((c["Input"], accepted, [t.value for t in near]))
            base += _dateparser_hit(c["Input"], ref, accepted)
    if show:
        for m in misses:
            print("  recognizers miss:", *m)
    return {"cases": total, "flagged": _flagged(cases), "marsad": ours, "dateparser": base}


def _as_range(value: str) -> str:
    """A TIMEX3 quarter or half year as the first and last day it spans."""
    if len(value) == 7 and value[5] in "QH":
        y, n, months = int(value[:4]), int(value[6]), 3 if value[5] == "Q" else 6
        first = date(y, (n - 1) * months + 1, 1)
        return f"{first.isoformat()}/{month_end(y, n * months).isoformat()}"
    return value


def recognizers_other() -> dict[str, tuple[int, int]]:
    """DurationParser and DatePeriodParser: value accuracy (no target; dateparser has no periods)."""
    out = {}
    for name in ("DurationParser.json", "DatePeriodParser.json"):
        total = ok = 0
        for c in _load(name):
            ref = datetime.fromisoformat(c["Context"]["ReferenceDateTime"]) if "Context" in c else datetime(2016, 11, 7)
            found = dates.tag(c["Input"], ref.date().isoformat())
            for r in c["Results"]:
                total += 1
                v = r["Value"]
                accepted = {v.get("Timex", "")}
                for key in ("FutureResolution", "PastResolution"):
                    res = v.get(key) or {}
                    if res.get("startDate"):
                        accepted.add(f"{res['startDate']}/{res['endDate']}")
                        end = date.fromisoformat(res["endDate"]) - timedelta(days=1)
                        accepted.add(f"{res['startDate']}/{end.isoformat()}")
                start, end = r["Start"], r["Start"] + r["Length"]
                ok += any(_as_range(t.value) in accepted for t in found if t.start < end and start < t.end)
        out[name.removesuffix(".json")] = (ok, total)
    return out


# ---- throughput ------------------------------------------------------------------------

def throughput(limit: int) -> dict:
    docs = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            try:
                anchor = parsedate_to_datetime(rec["time"]).strftime("%Y-%m-%d")
            except (TypeError, ValueError, KeyError):
                anchor = None
            docs.append((rec.get("text") or "", anchor))
            if len(docs) >= limit:
                break
    t0 = time.perf_counter()
    n_timex = sum(len(dates.tag(text, anchor)) for text, anchor in docs)
    elapsed = time.perf_counter() - t0
    chars = sum(len(t) for t, _ in docs)
    return {"docs": len(docs), "seconds": elapsed, "docs_per_s": len(docs) / elapsed,
            "chars_per_s": chars / elapsed, "timexes": n_timex}


def windows(limit: int) -> dict:
    """The undated-report estimator on dated news: hide the date, estimate, check."""
    n = estimated = inside = 0
    widths = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            try:
                truth = parsedate_to_datetime(rec["time"]).date().isoformat()
            except (TypeError, ValueError, KeyError):
                continue
            n += 1
            pub = dates.estimate_publication(rec.get("text") or "")
            if pub is not None:
                estimated += 1
                inside += pub.window[0] <= truth <= pub.window[1]
                widths.append((date.fromisoformat(pub.window[1]) - date.fromisoformat(pub.window[0])).days + 1)
            if n >= limit:
                break
    widths.sort()
    return {"docs": n, "estimated": estimated, "inside": inside,
            "median_days": widths[len(widths) // 2] if widths else 0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=2000, help="documents of the 2018 corpus for throughput")
    ap.add_argument("--show-misses", action="store_true", help="print every case marsad gets wrong")
    args = ap.parse_args()
    if not TIMEX.exists():
        sys.exit(f"no {TIMEX}: the datasets are read from ../shared/datasets")
    d = duckling(args.show_misses)
    print(f"Duckling Arabic phrases ({d['cases']}): value accuracy "
          f"marsad {d['marsad'] / d['cases']:.1%} ({d['marsad']}), "
          f"dateparser {d['dateparser'] / d['cases']:.1%} ({d['dateparser']})")
    e = recognizers_extraction()
    print(f"Recognizers DateExtractor ({e['cases']} cases, {e['flagged']} flagged NotSupported*): exact-span "
          "P/R/F1 marsad {:.1%}/{:.1%}/{:.1%}, dateparser {:.1%}/{:.1%}/{:.1%}".format(*e["marsad"], *e["dateparser"]))
    v = recognizers_values(args.show_misses)
    print(f"Recognizers DateParser ({v['cases']} values, {v['flagged']} cases flagged NotSupported*): value accuracy "
          f"marsad {v['marsad'] / v['cases']:.1%} ({v['marsad']}), "
          f"dateparser {v['dateparser'] / v['cases']:.1%} ({v['dateparser']})")
    for name, (ok, total) in recognizers_other().items():
        print(f"Recognizers {name} ({total} values): value accuracy marsad {ok / total:.1%} ({ok})")
    if CORPUS.exists() and args.limit:
        t = throughput(args.limit)
        print(f"Throughput over {t['docs']} ANT-2018 articles: {t['docs_per_s']:.0f} docs/s "
              f"({t['chars_per_s'] / 1e6:.2f} M chars/s, {t['timexes']} timexes, {t['seconds']:.1f}s)")
        w = windows(args.limit)
        print(f"Publication windows on {w['docs']} dated ANT-2018 articles, date hidden: "
              f"{w['estimated']} estimated ({w['estimated'] / w['docs']:.0%}), true date inside "
              f"{w['inside']} ({w['inside'] / max(1, w['estimated']):.1%}), median width {w['median_days']} days")


if __name__ == "__main__":
    main()
