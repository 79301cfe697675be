"""The events stage on sentences written the way outlets write them: counts, instruments, claims,
negation and modality. Each runs the real pipeline on a one-paragraph report."""

from marsad.pipeline import analyze_raw
from marsad.records import Published, RawDocument


def events(text: str, published: str = "2024-08-22"):
    raw = RawDocument(source="test", name="t", content=text, media_type="text/plain", encoding="utf-8")
    return analyze_raw(raw, published=Published(published, "day")).events


def only(text: str, etype: str):
    found = [e for e in events(text) if e.type == etype]
    assert len(found) == 1, [(e.type, e.actor, e.target) for e in events(text)]
    return found[0]


def test_killed_at_least_and_the_drone():
    e = only("قتل 4 على الأقل من عناصر الحشد الشعبي بضربة طائرة أميركية بدون طيار على قاعدة في محافظة بابل.",
             "ASSAULT")
    assert e.killed == 4 and e.instrument == "drone" and e.mode == "drone"
    assert e.actor_entity == "country:us" and "بابل" in e.place


def test_injured_in_words_and_the_claim():
    e = only("أصابت صواريخ قاعدة عين الأسد، ما أدى إلى إصابة خمسة أفراد أمريكيين على الأقل، "
             "في هجوم أعلنت جماعة تسمى الثوار مسؤوليتها عنه.", "ASSAULT")
    assert e.injured == 5 and e.instrument == "rockets"
    assert e.actor == "الثوار" and e.claimed_by == "الثوار"


def test_no_injuries_is_zero_and_joins_the_attack_it_refers_to():
    found = [e for e in events("استهدفت ثلاثة صواريخ قاعدة عين الأسد حيث تتمركز القوات الأمريكية.\n"
                               "وقال مسؤولون إن الهجوم لم يسفر عن أي إصابات.") if e.type == "ASSAULT"]
    assert len(found) == 1
    assert found[0].count == 3 and found[0].injured == 0 and found[0].target == "القوات الأمريكية"


def test_two_drones_in_the_dual():
    e = only("بعد ساعات قليلة على استهداف قاعدة عسكرية في مطار إربيل بطائرتين مسيرتين، صعدت الفصائل لهجتها.",
             "ASSAULT")
    assert e.count == 2 and e.instrument == "drone"
    assert e.date_window == ("2024-08-21", "2024-08-22")


def test_a_threat_is_not_an_attack():
    found = events("وقالت الحركة إن خيارات استهداف القواعد الأميركية في البلاد أصبحت متاحة.")
    assert [e.type for e in found if e.type in ("ASSAULT", "THREATEN")] == ["THREATEN"]


def test_a_denial_is_not_an_attack():
    assert not [e for e in events("ونفى الجيش أنه لم يقصف المدينة، ولم تشهد المنطقة أي هجوم.") if e.type == "ASSAULT"]


def test_no_truce_is_a_truce_denied():
    types = {e.type for e in events("ميليشيات عراقية: لا هدنة مع القوات الأميركية")}
    assert "X_TRUCE_DENIED" in types and "CONCEDE" not in types


def test_truce_declared_ended_and_held():
    assert only("وفي أكتوبر، وافقت الفصائل المسلحة على هدنة مع القوات الأمريكية.", "CONCEDE").mode == "ceasefire"
    assert only("وقالت الحركة إن الفصائل أنهت الهدنة مع القوات الأمريكية.", "X_TRUCE_END")
    assert only("ومنذ ذلك الحين، صمدت الهدنة إلى حد كبير.", "RETREAT").mode == "ceasefire"


def test_the_student_is_not_a_demand():
    assert not [e for e in events("توفيت الطالبة المصرية في بريطانيا بعد تعرضها لاعتداء.") if e.type == "DEMAND"]


def test_talks_in_passing_are_not_talks():
    assert not [e for e in events("ويأمل المسؤولون أن تؤدي المحادثات إلى نتيجة.") if e.type == "CONSULT"]
    assert only("وبدأت العراق محادثات مع الولايات المتحدة في يناير.", "CONSULT").target == "الولايات المتحدة"


def test_an_accident_is_not_an_attack():
    assert not [e for e in events("أعلنت الشرطة مقتل 3 أشخاص بحادث دهس قطار في لندن.") if e.type == "ASSAULT"]


def test_every_trigger_form_passes_its_anchor_filter():
    """The anchors only skip regexes that cannot match: each form as the regexes read it
    (lexicon.pattern_key), plain or with marks, tatweel and clitics, is still matched."""
    from marsad.events import lexicon as lx

    forms = [f for r in lx.lexicon()["triggers"] for f in r["forms"] + r.get("nouns", [])]
    for form in forms:
        key = lx.pattern_key(form)
        for text in (key, "و" + "\u064e".join(key), "ال" + key.replace(" ", "ـ  ")):
            matching = {t for t in lx.triggers() if t.regex.search(text)}
            assert matching <= set(lx.possible(lx.triggers(), lx.bare(text))), text
        assert any(t.regex.search(key) for t in lx.triggers()), key
