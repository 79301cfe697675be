"""clean beyond the seeds: a real Arabic page and the 2018 five-outlet corpus."""

import gzip
import json
import re
from collections import Counter

import pytest

from conftest import DATASETS
from marsad.clean import clean
from marsad.clean.document import CleanError
from marsad.ingest import read_paths
from marsad.ingest.jsonl import parse_line
from marsad.records import RawDocument

PAGE_DIR = DATASETS / "html" / "trafilatura-ar"
ANT = DATASETS / "ant-multisource-2018.jsonl.gz"


def test_trafilatura_arabic_page():
    gold_path = PAGE_DIR / "gold_entry.json"
    if not gold_path.exists():
        pytest.skip("../shared/datasets/html/trafilatura-ar is absent")
    for url, gold in json.loads(gold_path.read_text("utf-8")).items():
        [raw] = read_paths([PAGE_DIR / gold["file"]])
        doc = clean(raw)
        assert " ".join(doc.title.split()) == " ".join(gold["title"].split())
        for snippet in gold["with"]:
            assert snippet in doc.text
        for snippet in gold["without"]:
            assert snippet not in doc.text
        assert doc.outlet == "الصباح"
        assert url.startswith("http://www.assabah.com.tn/")


@pytest.fixture(scope="module")
def ant():
    """Every 40th report of the 2018 corpus, and how many distinct reports each line occurs in."""
    if not ANT.exists():
        pytest.skip("../shared/datasets/ant-multisource-2018.jsonl.gz is absent")
    with gzip.open(ANT, "rt", encoding="utf-8") as fh:
        lines = fh.readlines()
    texts = {json.loads(line)["text"] for line in lines}
    occurs = Counter(x.strip() for t in texts for x in set(t.splitlines()) if x.strip())
    return [json.loads(line) for line in lines[::40]], occurs


def is_sentence(line: str) -> bool:
    """A line of eight words or more ending like a sentence, not a "للمزيد:" link."""
    if re.match(r"^(للمزيد|اقرأ|إقرأ|اقرا)", line):
        return False
    return len(line.split()) >= 8 and line.rstrip("\"”»'").endswith((".", "؟", "!"))


def test_no_report_sentence_removed_from_the_2018_corpus(ant):
    """A sentence found in one report only is the report's own: it must stay.

    Lines that recur verbatim across many reports are the outlets' boilerplate;
    they are the only sentences clean may remove.
    """
    sample, occurs = ant
    checked = 0
    for row in sample:
        try:
            doc = clean(parse_line(json.dumps(row, ensure_ascii=False), row["docno"]))
        except CleanError:
            continue
        kept = set(doc.text.splitlines())
        for line in (x.strip() for x in row["text"].splitlines()):
            if is_sentence(line) and occurs[line] <= 2:
                assert line in kept, (row["docno"], line)
                checked += 1
    assert checked > 2000


BOILERPLATE = re.compile(
    r"^(يمكنكم (استلام|تسلم) إشعارات|\*\* ?جميع المقالات المنشورة|-{5,}$|فرانس ?24 ?/ ?أ ف ب|\*نقلا?ً? عن|"
    r"لمتابعة .{0,30}اضغط هنا|هذا المقال بقلم .*بالضرورة)"
)


def test_outlet_boilerplate_removed_from_the_2018_corpus(ant):
    sample, _ = ant
    found = 0
    for row in sample:
        try:
            doc = clean(parse_line(json.dumps(row, ensure_ascii=False), row["docno"]))
        except CleanError:
            continue
        for line in doc.text.splitlines():
            assert not BOILERPLATE.search(line), (row["docno"], line)
        found += sum(1 for r in doc.removed if BOILERPLATE.search(r.line))
    assert found > 50


def test_outlets_and_dates_of_the_2018_corpus(ant):
    sample, _ = ant
    names = {"skynews": "سكاي نيوز عربية", "alarabia": "العربية", "france24": "فرانس 24",
             "BBC": "بي بي سي عربي", "CNN": "سي إن إن بالعربية"}
    for row in sample:
        raw = parse_line(json.dumps(row, ensure_ascii=False), row["docno"])
        if not isinstance(raw, RawDocument):
            continue
        try:
            doc = clean(raw)
        except CleanError:
            continue
        assert doc.outlet == names[row["src"]]
        assert doc.published.precision == "minute" and doc.published.timezone in ("+00:00", "+04:00")
        assert doc.published.value[:4] == "2018"
