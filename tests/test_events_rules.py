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


def test_arguments_read_as_an_analyst_reads_them():
    from marsad.events.arguments import tidy
    assert tidy(("واشنطن", None), ("واشنطن", None)) == (("واشنطن", None), (None, None))
    assert tidy(("ترامب", "per:trump"), ("ترامب", "per:trump"))[1] == (None, None)
    assert tidy((None, None), ("بالتزوير", None))[1] == (None, None)  # what is alleged, not whom
    assert tidy(("بتوفير وظائف لهم", None), (None, None))[0] == (None, None)
    assert tidy(("دونالد ترامب", None), ("للقوى الأوروبية", None))[1] == ("القوى الأوروبية", None)
    assert tidy(("الأسلحة الكيماوية أو", None), (None, None))[0] == ("الأسلحة الكيماوية", None)
    assert tidy(("منظمة رصد للحقوق", None), ("والحريات", None))[1] == (None, None)
    assert tidy(("بشن عمليات", None), (None, None))[0] == (None, None)  # what is threatened, not who
    assert tidy(("بمواجهة القوات الأميركية", None), (None, None))[0] == (None, None)
    assert tidy(("بلدية الموصل", None), (None, None))[0] == ("بلدية الموصل", None)


def test_the_waw_of_waqf_is_no_and():
    text = ("ويعد تبادل إطلاق القذائف بين الجانبين خرقا لاتفاق وقف إطلاق النار، الذي وافقت عليه كل من حماس "
            "وحركة الجهاد الإسلامي الأسبوع الماضي.")
    assert all(not (e.target or "").startswith("قف") for e in events(text, "2018-06-03"))


def test_a_person_is_named_in_full():
    text = ("أفادت السفيرة الأميركية لدى الأمم المتحدة، نيكي هيلي، الجمعة، بأن المعبر سيفتح. "
            "ودعت هيلي سوريا إلى اتخاذ الخطوات اللازمة.")
    assert only(text, "REQUEST").actor == "نيكي هيلي"


def test_the_first_of_the_listed_leaders_heads_the_talks():
    text = "واجتمع الرئيس الأميركي دونالد ترامب ونظيره الفرنسي إيمانويل ماكرون في بروكسل."
    assert only(text, "CONSULT").actor in ("دونالد ترامب", "ترامب")


def test_the_attacker_after_lam_and_behind_its_aircraft():
    e = only("قتل 5 مسلحين في غارات لطائرات التحالف الدولي على مواقع لداعش قرب الموصل.", "ASSAULT")
    assert e.actor == "التحالف الدولي" and e.actor_entity
    assert only("قتل 3 أشخاص في قصف للجيش السوري على إدلب.", "ASSAULT").actor == "الجيش السوري"


def test_the_subject_right_before_the_verb_attacks():
    e = only("وذكرت محطة محلية أن المسلح أطلق النار على جدته وصديقته قبل الفرار في سيارته.", "ASSAULT")
    assert e.actor == "المسلح" and e.target == "جدته وصديقته"
    text = ('وأكد ناشطون أن فهدة قائد كتيبة التابعة "لحزب الله"، وأنه قتل إثر هجوم تعرضت له المليشيا من قبل '
            "تنظيم داعش.")
    assert "داعش" in only(text, "ASSAULT").actor  # the one who attacked, not the victim's side


def test_passive_victim_first_then_who_shot():
    e = only("قتل شاب فلسطيني برصاص القوات الإسرائيلية في الخليل يوم الجمعة.", "ASSAULT")
    assert (e.actor, e.target, e.place) == ("القوات الإسرائيلية", "شاب فلسطيني", "الخليل")


def test_a_clash_told_on_happened_where_the_last_one_did_unless_the_report_turns_elsewhere():
    first = "قتل شاب فلسطيني برصاص القوات الإسرائيلية في الخليل يوم الجمعة. "
    assert only(first + "واعتقلت الشرطة ثلاثة متظاهرين بعد مواجهات عنيفة.", "COERCE").place == "الخليل"
    assert only(first + "وفي سياق آخر، اعتقلت الشرطة ثلاثة متظاهرين.", "COERCE").place is None


def test_every_trigger_form_passes_its_anchor_filter():
    """The anchors only skip regexes that cannot match: each form as the regexes read it
    (lexicon.pattern_key), plain or with marks, tatweel and clitics, is still matched."""
    from marsad.events import lexicon as lx

    forms = [f for r in lx.lexicon()["triggers"] for f in r["forms"] + r.get("nouns", [])]
    for form in forms:
        key = lx.pattern_key(form)
        for text in (key, "و" + "\u064e".join(key), "ال" + key.replace(" ", "ـ  ")):
            matching = {t for t in lx.triggers() if t.regex.search(text)}
            assert matching <= set(lx.possible(lx.bare(text))), text
        assert any(t.regex.search(key) for t in lx.triggers()), key


def test_possible_triggers_are_those_with_an_anchor_in_the_text_in_lexicon_order():
    """`possible` finds the triggers through the anchors it scans for: the same triggers as testing each one's
    anchors against the text, in the lexicon's order (where spans overlap, the first rule wins)."""
    from marsad.events import lexicon as lx

    keys = [lx.pattern_key(f) for r in lx.lexicon()["triggers"] for f in r["forms"] + r.get("nouns", [])]
    for text in keys + [" ".join(keys[i::7]) for i in range(7)] + ["", "لا شيء هنا"]:
        bare = lx.bare(text)
        assert lx.possible(bare) == tuple(t for t in lx.triggers() if any(a in bare for a in t.anchors)), text


def test_any_instrument_matches_where_some_weapon_does():
    """`instrument` looks for any weapon in one search before asking each in turn: `any_instrument` must match
    wherever one of `instruments()` does, and nowhere else."""
    from marsad.events import lexicon as lx

    forms = [lx.pattern_key(f) for fs in lx.lexicon()["instruments"].values() for f in fs]
    texts = forms + ["و" + f + "ها" for f in forms] + ["بال" + f.replace(" ", "ـ  ") for f in forms]
    texts += [f[:-1] for f in forms] + ["x" + f for f in forms] + ["لا سلاح هنا"]
    for text in texts:
        some = any(rx.search(text) for _, rx in lx.instruments())
        assert (lx.any_instrument().search(text) is not None) == some, text
        whole = any(rx.fullmatch(text) for _, rx in lx.instruments())
        assert (lx.any_instrument().fullmatch(text) is not None) == whole, text


def test_each_trigger_regex_is_tried_wherever_it_can_match():
    """A trigger's regex is tried only where `trigger_starts` says some trigger can start, and only in a text
    holding one of its anchors: it still finds all it finds scanning the whole text, for every form as the
    regexes read it, plain, with marks, tatweel and clitics, and side by side."""
    from marsad.alternation import finditer_at
    from marsad.events import lexicon as lx

    keys = [lx.pattern_key(f) for r in lx.lexicon()["triggers"] for f in r["forms"] + r.get("nouns", [])]
    texts = [k for key in keys for k in (key, "وس" + "\u064e".join(key), "بال" + key.replace(" ", "ـ  ") + "ها")]
    texts += [" ".join(keys), "، ".join("و" + k for k in keys), "،".join(keys), "(" + ")\n(".join(keys)]
    for text in texts:
        starts = lx.trigger_starts(text)
        tried = set(lx.possible(lx.bare(text[starts[0]:]))) if starts else set()
        for t in lx.triggers():
            found = [m.span() for m in t.regex.finditer(text)]
            if found:
                assert t in tried and [m.span() for m in finditer_at(t.regex, text, starts, len(text))] == found


def test_every_trigger_form_matches_as_outlets_write_it():
    """Each lexicon form, written as in the lexicon (ta marbuta on every word that has one:
    "هدنة إنسانية"), is matched by some trigger."""
    from marsad.events import lexicon as lx

    for form in (f for r in lx.lexicon()["triggers"] for f in r["forms"] + r.get("nouns", [])):
        text = lx.fold_ta(form)
        assert any(t.regex.search(text) for t in lx.triggers()), form


def test_subject_and_object_and_what_is_called_for_are_apart():
    e = only("واتهم الرئيس الفلسطيني حركة حماس بالوقوف وراء التفجير.", "ACCUSE")
    assert (e.actor, e.target) == ("الرئيس الفلسطيني", "حركة حماس")
    assert only("وطالب المتظاهرون بإسقاط الحكومة.", "DEMAND").actor == "المتظاهرون"


def test_a_source_asking_not_to_be_named_demands_nothing():
    assert events("وقال أحد المستثمرين، طالبا عدم ذكر اسمه، إن الاستفادة لم تعد مقتصرة علينا.") == []


def test_a_struck_town_is_no_attacker_and_the_agent_follows_its_relative_verb():
    e = only("وقتل عشرة مدنيين في غارات استهدفت بلدة تفتناز في ريف إدلب.", "ASSAULT")
    assert e.actor is None and e.place == "تفتناز"
    assert only("لقي 15 مدنيا مصرعهم في غارات نفذتها قوات النظام على محافظة إدلب.", "ASSAULT").actor == "قوات النظام"
    assert only("قتل 16 مسلحا من ميليشيات الحوثي في مواجهات في الساحل الغربي لليمن.", "ASSAULT").place == "اليمن"
