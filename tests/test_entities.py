"""Entities: the sample corpus against seeds.gold.json, matching as outlets write, the KB, `marsad tag`."""

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.annotate.entities import find_mentions
from marsad.annotate.sentences import split_sentences
from marsad.arabic import normalize
from marsad.kb import outlets
from marsad.kb.entities import KnowledgeBase, kb, load_entries

NAMES = [
    "000_acdcb25d376a7de1", "001_2cfd4d4e231ec34c", "002_36023599d9510de5",
    "003_495832e6572bb9ff", "004_fbf16886c3633287",
]
# Gold LOC covers places; marsad types bases and airports FAC, other places LOC.
ACCEPT = {"PER": {"PER"}, "ORG": {"ORG"}, "LOC": {"LOC", "FAC"}}


def key(s: str) -> str:
    return " ".join(normalize("".join(" " if c in "«»“”\"" else c for c in s)).split())


def ids_of(doc: dict, surface: str) -> set:
    return {e["entity"] for e in doc["entities"] if key(e["text"]) == key(surface)}


@pytest.mark.parametrize("name", NAMES)
def test_gold_entities_found_with_type(name, gold, seeds_analyzed):
    doc = seeds_analyzed[name]
    for e in doc["entities"]:
        assert doc["text"][e["start"]:e["end"]] == e["text"]
        assert e["entity"]
    found = {(key(e["text"]), e["type"]) for e in doc["entities"]}
    missing = [(typ, s) for typ, surfaces in gold["documents"][name]["entities"].items() for s in surfaces
               if not any((key(s), t) in found for t in ACCEPT[typ])]
    assert not missing


@pytest.mark.parametrize("name", NAMES)
def test_same_entity_groups_share_one_id(name, gold, seeds_analyzed):
    doc = seeds_analyzed[name]
    for group in gold["documents"][name].get("same_entity") or []:
        ids = set().union(*(ids_of(doc, s) for s in group))
        assert len(ids) == 1, (group, ids)
        for s in group:  # a variant with no mention of its own only occurs inside that entity's mentions
            if not ids_of(doc, s):
                spans = [(e["start"], e["end"]) for e in doc["entities"] if e["entity"] in ids]
                at = [i for i in range(len(doc["text"])) if key(doc["text"][i:i + len(s)]) == key(s)]
                assert at and all(any(a <= i < b for a, b in spans) for i in at), s


def test_actor_same_pairs_code_to_one_actor(gold):
    pairs = [p for d in gold["documents"].values() for p in d.get("actor_same") or []]
    assert pairs
    for a, b in pairs:
        assert kb().same_actor(a, b), (a, b)
        assert kb().lookup(a).type == "LOC"  # as a place mention a capital stays a place


def mentions(text):
    return [(text[m.start:m.end], m.entity) for m in find_mentions(text, split_sentences(text))]


@pytest.mark.parametrize("text, surface, eid", [
    ("وصل الوفد إلى واشنطن أمس", "واشنطن", "city:4140963"),
    ("وقالت وواشنطن إنها", "واشنطن", "city:4140963"),
    ("وأكدت لـحركة النجباء", "حركة النجباء", "org:nujaba"),
    ("بيان لـ«حركة النجباء» اليوم", "حركة النجباء", "org:nujaba"),
    ("وبالعراق توترات", "العراق", "country:iq"),
    ("دعم وللتحالف الدولي", "للتحالف الدولي", "org:coalition"),
    ('مقاتلو تنظيم "داعش" في', 'تنظيم "داعش"', "org:isis"),
    ("وصلت إلى العِرَاق", "العِرَاق", "country:iq"),
    ("انسحاب القوات الأمريكيـــة من البلاد", "القوات الأمريكيـــة", "org:us-forces"),
    ("هجوم على مطار إربيل الدولي", "مطار إربيل الدولي", "fac:erbil-airport"),
    ("هجوم على مطار اربيل", "مطار اربيل", "fac:erbil-airport"),
    ("مقاتلو تنظيم «الدولة الإسلامية» في البادية", "تنظيم «الدولة الإسلامية»", "org:isis"),
    ("وقال مسؤول في \"عصائب أهل الحق\" إن", "عصائب أهل الحق", "org:asaib-ahl-al-haq"),
    ("التقى بوزير الدفاع في أميركا", "أميركا", "country:us"),
    ("غادر إلى امريكا", "امريكا", "country:us"),
    ("أعلنت كتائب سيد الشهداء", "كتائب سيد الشهداء", "org:kataib-sayyid-al-shuhada"),
    ("وأكد فالح الفياض", "فالح الفياض", "per:falih-al-fayyadh"),
    ("في مستشفى بغداد، وفي الموصل", "بغداد", "city:98182"),
])
def test_clitics_and_variants(text, surface, eid):
    assert (surface, eid) in mentions(text)


def test_longest_match_and_short_forms_in_context():
    text = "قال قيس الخزعلي إن الحركة لن تتراجع. وأضاف الخزعلي أن الولايات المتحدة الأمريكية تماطل."
    found = mentions(text)
    assert ("قيس الخزعلي", "per:qais-al-khazali") in found
    assert ("الخزعلي", "per:qais-al-khazali") in found
    assert ("الولايات المتحدة الأمريكية", "country:us") in found
    assert mentions("وأضاف الخزعلي أن الحركة لن تتراجع") != [("الخزعلي", "per:qais-al-khazali")]


def test_unknown_names_get_a_stable_id_that_groups():
    text = "وقال المتحدث باسم الحركة جواد الطليباوي إن الهجوم انتهى. وأضاف الطليباوي أن الرد قادم."
    ids = {e for s, e in mentions(text) if "الطليباوي" in s}
    assert len(ids) == 1 and ids.pop().startswith("per:")


def test_common_words_are_not_places():
    assert mentions("وصل الوفد إلى العاصمة صباح اليوم بعد أن تعلم اللغة العربية") == []


def test_user_kb_file_adds_entries(tmp_path):
    f = tmp_path / "mine.json"
    f.write_text(json.dumps([
        {"id": "org:saraya-awliya-al-dam", "type": "ORG", "ar": ["سرايا أولياء الدم"], "en": "Saraya Awliya al-Dam"},
        {"id": "country:iq", "ar": ["بلاد الرافدين"]},
    ], ensure_ascii=False), "utf-8")
    k = KnowledgeBase(load_entries([f]))
    assert k.lookup("سرايا أولياء الدم").type == "ORG"
    assert k.lookup("بلاد الرافدين").id == "country:iq"
    assert k.lookup("العراق").id == "country:iq"


def test_kb_entries_carry_what_places_and_officials_need():
    k = kb()
    base = k.lookup("عين الأسد")
    assert base.type == "FAC" and base.coordinates and base.country == "IQ"
    assert k.lookup("بغداد").coordinates and k.lookup("بغداد").names["en"] == ["Baghdad"]
    assert k.lookup("قيس الخزعلي").role
    assert k.actor("طهران") == "country:ir"
    assert k.actor("القوات الأمريكية") == "country:us"


def test_outlets_come_from_the_one_kb():
    assert outlets.by_name("رويترز").id == "outlet:reuters"
    assert outlets.by_url("https://www.eremnews.com/x").name == "إرم نيوز"
    assert kb().get("outlet:reuters").type == "ORG"


def test_tag_conll_round_trip(tmp_path):
    f = tmp_path / "in.conll"
    f.write_text("قال O\nالرئيس O\nالعراقي O\nفي O\nبغداد B-LOC\n. O\n\nوصل O\nجورج B-PERS\nبوش I-PERS\n", "utf-8")
    out = subprocess.run([sys.executable, "-m", "marsad", "tag", "--conll", str(f)],
                         capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    gold = f.read_text("utf-8").splitlines()
    assert len(lines) == len(gold)
    for got, want in zip(lines, gold):
        assert (got == "") == (want == "")
        if got:
            tok, tag = got.split(" ")
            assert tok == want.split()[0]
            assert tag == "O" or tag[:2] in ("B-", "I-") and tag[2:] in {"PERS", "ORG", "LOC", "MISC"}
    assert lines[4] == "بغداد B-LOC"


def test_tag_reports_an_unreadable_file(tmp_path):
    r = subprocess.run([sys.executable, "-m", "marsad", "tag", "--conll", str(tmp_path / "none.conll")],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "none.conll" in r.stderr


@pytest.mark.parametrize("text, name, eid", [
    ("وشنت قوات الحكومة السورية هجوما على الغوطة الشرقية.", "الغوطة الشرقية", "loc:eastern-ghouta"),
    ("وشنت قوات الحكومة السورية هجوما على الغوطة الشرقية.", "قوات الحكومة السورية", "org:syrian-army"),
    ("وقال المرصد السوري لحقوق الإنسان إن الطيران قصف البلدة.", "المرصد السوري لحقوق الإنسان", "org:sohr"),
    ("وقتل خمسة أشخاص في انفجار بمدينة الموصل.", "الموصل", "city:99072"),
    ("التقى عبد الفتاح السيسي بالأمير محمد بن سلمان.", "الأمير محمد بن سلمان", "per:mohammed-bin-salman"),
    ("وأعلنت قوات سوريا الديمقراطية سيطرتها على البلدة.", "قوات سوريا الديمقراطية", "org:sdf"),
    ("وقصفت مقاتلات التحالف العربي مواقع في الحديدة.", "التحالف العربي", "org:saudi-coalition"),
])
def test_the_regions_actors_and_places(text, name, eid):
    assert (name, eid) in [(m.text, m.entity) for m in find_mentions(text, split_sentences(text))]


def test_common_words_that_are_also_places_stay_words():
    for text in ("وفتح الباب أمام المفاوضات.", "وأظهرت صور الأقمار الصناعية دمارا واسعا.",
                 "والتقى القائم بالأعمال الأمريكي بالوزير."):
        assert all(m.type != "LOC" for m in find_mentions(text, split_sentences(text))), text


def test_gazetteer_features_from_the_document_are_the_sentences_own():
    """The tagger's gazetteer features come from the matches over the whole text; a sentence a
    match crosses (a name over a line break) is matched alone, and a closing quote a name takes
    in the text (تنظيم «الدولة الإسلامية») is no part of it, as in the sentence re-joined alone."""
    from marsad.annotate import ner
    from marsad.annotate.sentences import split_sentences

    text = ("أعلن تنظيم «الدولة الإسلامية» مسؤوليته. وزار وفد من الولايات\nالمتحدة بغداد أمس.\n"
            "وقال رئيس الوزراء العراقي حيدر العبادي إن «داعش» هزم.")
    bounds = [(s.start, s.end) for s in split_sentences(text)]
    toks = [ner.tokenize(text, s, e) for s, e in bounds]
    got = ner.gazetteer_in(text, bounds, toks, ner.matcher().find(text))
    own = [ner.gazetteer_tags([w for _, _, w in t]) for t in toks]
    assert got[1] is None and got[2] is None  # الولايات\nالمتحدة crosses them
    assert got[0] == own[0] and got[0][1:6] == ["B-ORG:faction"] + ["I-ORG:faction"] * 3 + ["O"]
    assert got[3] == own[3] and "B-PER:" in got[3]


@pytest.mark.parametrize("text, name, eid", [
    ("وشنت ميليشيا الحوثي هجوما في محافظة الجوف اليمنية قرب صنعاء.", "الجوف", "admin1:ye-ja"),
    ("وهطلت أمطار غزيرة على منطقة الجوف في السعودية قرب الرياض.", "الجوف", "admin1:sa-12"),
    ("افتتح مصنع جديد في القنيطرة قرب الرباط في المغرب.", "القنيطرة", "admin1:ma-ken"),
    ("قصف إسرائيلي على القنيطرة في سوريا قرب دمشق.", "القنيطرة", "admin1:sy-qu"),
])
def test_a_place_name_of_two_countries_is_the_reports_country(text, name, eid):
    assert (name, eid) in [(m.text, m.entity) for m in find_mentions(text, split_sentences(text))]


def test_a_national_security_council_is_not_the_un_security_council():
    text = "وقال مجلس الأمن القومي التركي إن تركيا ستتخذ إجراءات، فيما دعا مجلس الأمن إلى التهدئة."
    got = {m.text: m.entity for m in find_mentions(text, split_sentences(text))}
    assert got["مجلس الأمن القومي التركي"] == "org:tr-nsc" and got["مجلس الأمن"] == "org:unsc"


def test_the_tagger_gives_crfsuites_own_tags():
    """Tagging decodes the shipped model in numpy, a report's sentences side by side; on ANERcorp's
    test split it must give exactly the tags python-crfsuite gives sentence by sentence."""
    import pycrfsuite

    from conftest import DATASETS
    from marsad.annotate import ner

    path = DATASETS / "anercorp" / "ANERCorp_CamelLab_test.txt"
    if not path.exists():
        pytest.skip("../shared/datasets/anercorp is absent")
    sentences, words = [], []
    for line in path.read_text("utf-8").splitlines() + [""]:
        if line.split():
            words.append(line.split()[0])
        elif words:
            sentences.append(words)
            words = []
    reference = pycrfsuite.Tagger()
    reference.open(str(Path(ner.__file__).parent / ner.MODEL))
    assert ner.tag_sentences(sentences, [None] * len(sentences)) == [reference.tag(ner.features(s)) for s in sentences]


def test_score_tables_give_each_key_its_own_rows_across_generations():
    """The tagger's word and part scores are kept in bounded tables that start a new generation
    when full; a key asked for again, before or after that, must get its own rows back."""
    import numpy as np

    from marsad.annotate.crf import ScoreTable

    scored = []

    def score(keys):
        scored.extend(keys)
        return [f"kept {k}" for k in keys], np.array([[k, -k] for k in keys], dtype=float)

    table = ScoreTable(score, (2,), size=4)
    for keys in ([1, 2, 2, 3], [3, 4], [5, 1, 6], [2, 7, 5], [1, 1, 8, 9], [9, 2]):
        ids = table.ids(keys)
        assert table.rows[ids].tolist() == [[k, -k] for k in keys]
        assert [table.kept[i] for i in ids] == [f"kept {k}" for k in keys]
    assert scored.count(3) == 1 and scored.count(5) == 1  # taken over from the old generation, not scored again


def test_the_c_loops_give_what_plain_python_gives():
    """crf.window and crf.viterbi (annotate/_crf.c) against the definitions written out: empty
    sentences, a one-word sentence, sentence edges, and ties (to the lower label)."""
    import numpy as np

    from marsad.annotate import crf

    rng = np.random.default_rng(7)
    lengths, offsets, labels = [3, 0, 1, 5, 2], (-2, -1, 1, 2), 3
    rows = rng.normal(size=(sum(lengths), 1 + len(offsets), labels))
    pads = rng.normal(size=(len(offsets), labels))
    transition = rng.normal(size=(labels, labels))
    scores = crf.window(rows, lengths, pads, offsets)
    paths = crf.viterbi(scores, lengths, transition)
    at = 0
    for n, path in zip(lengths, paths):
        for t in range(n):
            want = rows[at + t, 0].copy()
            for k, off in enumerate(offsets):
                want += rows[at + t + off, 1 + k] if 0 <= t + off < n else pads[k]
            assert scores[at + t].tolist() == want.tolist()
        best = max(itertools.product(range(labels), repeat=n), default=(),
                   key=lambda seq: _path_score(scores[at:at + n], transition, seq))
        assert list(path) == list(best)
        at += n
    flat = np.zeros((4, labels))
    assert [list(p) for p in crf.viterbi(flat, [4], np.zeros((labels, labels)))] == [[0, 0, 0, 0]]


def _path_score(scores, transition, seq) -> float:
    return sum(scores[t, y] for t, y in enumerate(seq)) + sum(transition[a, b] for a, b in itertools.pairwise(seq))


def test_a_surname_alone_and_after_lil_joins_the_person_named_in_full():
    text = "قال زعيم العصائب قيس الخزعلي إن الحكومة تأخرت. وأضاف الخزعلي أن الاتفاق قائم، ونقل عن مكتب للخزعلي بيان."
    found = {m.text: m.entity for m in find_mentions(text, split_sentences(text))}
    assert found["قيس الخزعلي"] == found["الخزعلي"] == found["للخزعلي"] == "per:qais-al-khazali"


def test_named_people_rules():
    from marsad.annotate.entities import _named_people
    from marsad.kb.matcher import tokens
    text = "وقال أبو فدك المحمداوي وعلي حسين الشمري إن القوات وصلت، وقال علي  الشمري."
    assert [text[s:e] for s, e in _named_people(text, tokens(text))] == ["أبو فدك المحمداوي", "حسين الشمري"]


def test_matcher_longest_first_clitics_and_quotes():
    from marsad.kb.matcher import Matcher, tokens
    m = Matcher({"حزب الله": ["org:h"], "موصل": ["loc:m"], "بغداد": ["loc:b"], "حزب": ["x:p"]})
    text = "قال حزب «الله» إن بالموصل وبغداد وحزب"
    want = [("حزب «الله»", ("org:h",), 2), ("الموصل", ("loc:m",), 1), ("بغداد", ("loc:b",), 1), ("حزب", ("x:p",), 1)]
    assert [(text[f.start:f.end], f.ids, f.tokens) for f in m.find(text)] == want
    assert m.find(text, tokens(text)) == m.find(text)


def test_bio_spans():
    from marsad.annotate.bio import spans
    assert spans(["O", "O"]) == [] and spans([]) == []
    assert spans(["I-PER", "I-PER", "O", "B-LOC", "I-ORG", "B-ORG"]) == [
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 6, "ORG")]
