"""Stories: the seeds' story constraints, incremental = batch, near-duplicates, refinement,
and what a story shows (summary, timeline, comparison)."""

import json
import subprocess
import sys
from dataclasses import replace

import pytest

from conftest import SEEDS
from marsad.records import AnalyzedDocument, Annotation, Document, Event, Published, Span, Timex
from marsad.stories import Engine, arrival_order, cluster, refine_windows
from marsad.stories.describe import compare, timeline
from marsad.stories.neardup import NearDuplicates
from marsad.stories.summary import summarize
from marsad.stories.text import terms


def run(*args):
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def clustered():
    out = run("cluster", str(SEEDS))
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    by_name = {d["name"]: d["id"] for d in result["documents"]}
    story_of = {doc: s["id"] for s in result["stories"] for doc in s["documents"]}
    topic_of = {doc: s["topic"] for s in result["stories"] for doc in s["documents"]}
    return result, {n: story_of[i] for n, i in by_name.items()}, {n: topic_of[i] for n, i in by_name.items()}


def test_seed_story_constraints(gold, clustered):
    _, story, topic = clustered
    want = gold["stories"]
    for group in want["must_be_one_story"]:
        assert len({story[n] for n in group}) == 1, group
    for a, b in want["must_be_different_stories"]:
        assert story[a] != story[b], (a, b)
    for group in want["must_be_one_topic"]:
        assert len({topic[n] for n in group}) == 1, group


def test_seed_stories_as_the_brief_reads_them(clustered):
    """000 and 004 one story; 001, 002, 003 each apart from it and from each other."""
    _, story, _ = clustered
    names = sorted(story)
    s = {n[:3]: story[n] for n in names}
    assert s["000"] == s["004"]
    assert len({s["000"], s["001"], s["002"], s["003"]}) == 4


def test_cluster_ids_are_stable_and_spans_are_dates(clustered):
    result, _, _ = clustered
    again = json.loads(run("cluster", str(SEEDS)).stdout)
    assert again == result
    for s in result["stories"]:
        assert s["title"]
        if s["span"]:
            assert s["span"][0] <= s["span"][1] and len(s["span"][0]) == 10


def test_incremental_ingest_groups_as_one_batch(tmp_path, clustered):
    result, _, _ = clustered
    batch = {frozenset(s["documents"]) for s in result["stories"]}
    db = str(tmp_path / "m.db")
    files = sorted(SEEDS.glob("*.txt"))
    for part in (files[3:], files[:3]):  # the two dated reports first, then the rest
        out = run("ingest", *map(str, part), "--db", db)
        assert out.returncode == 0, out.stderr
    import sqlite3

    con = sqlite3.connect(db)
    rows = con.execute("SELECT story, document FROM story_documents").fetchall()
    stored: dict[str, set] = {}
    for sid, doc in rows:
        stored.setdefault(sid, set()).add(doc)
    assert {frozenset(v) for v in stored.values()} == batch
    assert con.execute("SELECT count(*) FROM topics").fetchone()[0] == len(result["topics"])


def _doc(i, text, day=None, outlet=None, title=None, events=(), timexes=()):
    pub = Published(day, "day") if day else None
    return AnalyzedDocument(Document(f"d{i:015d}", f"r{i}", "-", outlet, "ar", title, pub, text),
                            Annotation(timexes=list(timexes)), list(events))


def test_near_duplicate_links_an_edited_copy_across_outlets():
    text = (SEEDS / "000_acdcb25d376a7de1.txt").read_text("utf-8")
    lines = text.splitlines()
    edited = "\n".join(lines[:2] + lines[3:]).replace("الأميركية", "الأمريكية").replace("الثلاثاء", "اليوم")
    other = (SEEDS / "004_fbf16886c3633287.txt").read_text("utf-8")
    nd = NearDuplicates()
    assert nd.add("orig", text) is None
    assert nd.add("other", other) is None
    assert nd.add("copy", edited) == "orig"
    assert nd.add("copy2", edited + "\nالمصدر: وكالات") == "orig"  # a copy of a copy links to the original


def test_refinement_narrows_an_undated_report_from_a_related_dated_mention(gold):
    """002 talks of the Washington talks as going on; 000 dates them to late July 2024."""
    from marsad.pipeline import analyze_paths

    docs = {a.document.name[:3]: a for a in analyze_paths([SEEDS])}
    d000, d002 = docs["000"], docs["002"]
    surface = "أواخر يوليو/تموز الماضي"
    start = d000.document.text.index(surface)
    late_july = Timex(start, start + len(surface), surface, "DATE", "2024-07")
    d000 = replace(d000, annotation=replace(d000.annotation, timexes=[late_july]),
                   document=replace(d000.document, published=Published("2024-08", "month", True,
                                                                        ("2024-08-06", "2024-08-31"))))
    loose = Published("2024", "year", True, ("2024-01-01", "2024-09-30"))
    d002 = replace(d002, document=replace(d002.document, published=loose))
    refined = refine_windows([d000, d002, docs["003"]])
    lo, hi = refined[1].document.published.window
    want = gold["documents"]["002_36023599d9510de5"]["published_window"]
    assert want[0] <= lo <= hi <= want[1]
    assert refined[1].document.published.estimated
    assert refined[0].document.published == d000.document.published  # the dated side is untouched
    assert refined[2] is docs["003"]


def test_summary_repeats_nothing_and_reads_in_order():
    a = _doc(1, "أعلنت الحكومة العراقية اليوم عن اتفاق جديد مع الولايات المتحدة بشأن انسحاب القوات. "
                "وقال المتحدث إن الاتفاق يشمل جدولا زمنيا واضحا للانسحاب من القواعد. "
                "وفي سياق آخر ارتفعت أسعار النفط في الأسواق العالمية اليوم بشكل ملحوظ.", "2024-08-01")
    b = _doc(2, "أعلنت الحكومة العراقية اليوم عن اتفاق جديد مع الولايات المتحدة حول انسحاب القوات. "
                "وأكد مسؤولون أن القوات الأمريكية ستغادر قاعدة عين الأسد خلال عام واحد.", "2024-08-01")
    summary = summarize([a.document, b.document], size=3)
    assert summary and len(summary) <= 3
    stems = [set(terms(s)) for s in summary]
    for i in range(len(stems)):
        for j in range(i):
            assert len(stems[i] & stems[j]) / min(len(stems[i]), len(stems[j])) <= 0.5


def test_summary_asks_no_questions():
    a = _doc(1, "هل تنهار الهدنة بين القوات الأمريكية والميليشيات العراقية في الأسابيع المقبلة؟ "
                "أعلنت الفصائل العراقية انتهاء الهدنة مع القوات الأمريكية بعد مقتل أربعة من عناصرها. "
                "وقال متحدث باسم الفصائل إن الهدنة انتهت ولا عودة إليها.", "2024-08-22")
    assert all(not s.rstrip().endswith("؟") for s in summarize([a.document], size=3))


def test_timeline_and_comparison_say_who_said_what_first():
    ev = dict(mode=None, actor=None, target="القوات الأمريكية", coordinates=None, instrument="rockets",
              evidence=Span(0, 10), confidence=0.9)
    a = _doc(1, "سقطت صواريخ على قاعدة عين الأسد وأصيب خمسة جنود.", "2024-08-06", "رويترز",
             events=[Event("ASSAULT", place="عين الأسد", date="2024-08-05", killed=None, injured=5, **ev)])
    b = _doc(2, "أصيب سبعة جنود أمريكيين في هجوم صاروخي على عين الأسد.", "2024-08-07", "الجزيرة",
             events=[Event("ASSAULT", place="عين الأسد", date="2024-08-05", killed=None, injured=7, **ev)])
    entries = timeline(arrival_order([b, a]))
    attack = [e for e in entries if e.event_type == "ASSAULT"]
    assert len(attack) == 1 and attack[0].date == "2024-08-05"
    assert attack[0].documents == [a.document.id, b.document.id] and attack[0].first_outlet == "رويترز"
    diffs = {d.field: d.claims for d in compare([a, b])}
    assert diffs["injured"] == {"رويترز": "5", "الجزيرة": "7"}
    assert "place" not in diffs


def test_engine_places_a_report_once():
    e = Engine()
    a = _doc(1, "أعلنت الحكومة العراقية اليوم عن اتفاق جديد مع الولايات المتحدة بشأن انسحاب القوات.", "2024-08-01")
    first = e.add(a)
    assert e.add(a).story == first.story and len(e.clusterer.stories[first.story].members) == 1
    stories, topics = cluster([a])
    assert stories[0].documents == [a.document.id] and topics[0].stories == [stories[0].id]


def test_analyze_of_several_reports_narrows_002_from_000(gold):
    out = run("analyze", str(SEEDS))
    assert out.returncode == 0, out.stderr
    docs = {d["name"]: d for d in map(json.loads, out.stdout.splitlines())}
    p = docs["002_36023599d9510de5"]["published"]
    want = gold["documents"]["002_36023599d9510de5"]["published_window"]
    assert p["estimated"] and want[0] <= p["window"][0] <= p["window"][1] <= want[1]


def test_a_report_that_bridges_two_stories_merges_them_in_the_store(url):
    """Two stories opened apart, then a report matching both: one story, one topic, in memory and stored."""
    from marsad.scale.stored import place
    from marsad.store import open_store
    from marsad.store.stories_state import load_engine
    from marsad.stories.online import Params

    blast = "انفجار ضخم يهز ميناء بيروت ويخلف دمارا واسعا في الأحياء المجاورة للمرفأ"
    budget = "البرلمان الكويتي يقر الميزانية العامة للدولة بالأغلبية بعد جلسة طويلة"
    a, b = _doc(1, blast, "2020-08-04"), _doc(2, budget, "2020-08-04")
    both = _doc(3, blast + "\n" + budget, "2020-08-04")
    # thresholds that make the two first reports two stories of two topics and the third bridge them
    engine = Engine(Params(story_threshold=0.5, merge_centroids=0.0))
    with open_store(url) as store:
        place(store, engine, [a, b])
        assert store.story_counts() == (2, 2)
        place(store, engine, [both])
        assert store.story_counts() == (1, 1)
        (story,) = store.cluster_stories()
        assert sorted(story["documents"]) == sorted(d.document.id for d in (a, b, both))
        assert story["id"] in {"s-" + a.document.id, "s-" + b.document.id}
        restored = load_engine(store).clusterer
    assert list(restored.stories) == [story["id"]] and len(restored.topics) == 1
    assert restored.doc_story == {d: story["id"] for d in story["documents"]}
