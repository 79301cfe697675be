"""Quote attribution on sentences written the way outlets write them."""

from marsad.annotate.quotes import find_quotes
from marsad.annotate.sentences import split_sentences
from marsad.records import Mention


def quotes(text, mentions=()):
    return [(q.speaker.text, q.role, q.outlet, q.cue, text[q.content.start:q.content.end], q.direct)
            for q in find_quotes(text, split_sentences(text), list(mentions))]


def test_role_name_outlet_and_direct_content():
    text = "وقال عضو المجلس السياسي لحركة النجباء حيدر اللامي لصحيفة “ذا ناشيونال” إن “الفصائل أنهت الهدنة”."
    assert quotes(text) == [("حيدر اللامي", "عضو المجلس السياسي لحركة النجباء", "ذا ناشيونال", "قال",
                             "الفصائل أنهت الهدنة", True)]


def test_outlet_after_lam_with_quotes_and_in_an_interview():
    q = quotes('وأضاف لـ"إرم نيوز" أن "واشنطن تدرك جيدًا ذلك".')
    assert q == []  # a continuation with no one before it has no speaker to carry
    text = ('يقول الخبير الأمني علي الشمري، أن "الوضع معقد".\n'
            'وأضاف لـ"إرم نيوز" أن "واشنطن تدرك جيدًا ذلك".\n'
            'كما اعتبر في مقابلة مع شبكة رووداو الكردية أن "الحوار ممكن".')
    got = quotes(text)
    assert [(s, r, o) for s, r, o, *_ in got] == [
        ("علي الشمري", "الخبير الأمني", None), ("علي الشمري", "الخبير الأمني", "إرم نيوز"),
        ("علي الشمري", "الخبير الأمني", "رووداو")]


def test_described_speaker_and_continuation_across_sentences():
    text = ("وقال مسؤول حكومي كبير لصحيفة “ذا ناشيونال” إن بغداد وواشنطن كانتا قريبتين من الاتفاق.\n"
            "وأضاف “كنا قد أنهينا كل شيء تقريبا. لكن الهجوم حدث”.")
    got = quotes(text)
    assert got[0][:4] == ("مسؤول حكومي كبير", None, "ذا ناشيونال", "قال") and not got[0][5]
    assert got[1] == ("مسؤول حكومي كبير", None, "ذا ناشيونال", "أضاف",
                      "كنا قد أنهينا كل شيء تقريبا. لكن الهجوم حدث", True)


def test_speaker_before_the_cue_and_participles():
    text = ("رئيس الكتلة النيابية، حبيب الحلاوي، ذكر في تصريحات صحافية، أن «لا أحد ينافسنا» "
            "مؤكدا أن «الحركة قوية».")
    got = quotes(text)
    assert [(s, c, d) for s, _, _, c, _, d in got] == [("حبيب الحلاوي", "ذكر", True), ("حبيب الحلاوي", "مؤكدا", True)]


def test_entity_mentions_name_and_link_the_speaker():
    text = "وقال المتحدث باسم الخارجية ماثيو ميلر إن الجانبين يجتمعان."
    m = Mention(text.index("ماثيو"), text.index("ماثيو") + len("ماثيو ميلر"), "ماثيو ميلر", "PER", "per:matthew-miller")
    q = find_quotes(text, split_sentences(text), [m])[0]
    assert (q.speaker.text, q.speaker.entity, q.role) == ("ماثيو ميلر", "per:matthew-miller", "المتحدث باسم الخارجية")


def test_negated_cue_is_not_a_quote():
    text = 'وقال المصدر لـ"إرم نيوز" شريطة عدم ذكر اسمه، إن "الحكومة فشلت".'
    got = quotes(text)
    assert len(got) == 1 and got[0][0] == "المصدر" and got[0][3] == "قال"


def test_attribution_after_the_words():
    text = ("سقط 7 قتلى على الأقل في كابول، الجمعة، إثر تفجير انتحاري، "
            "وفقا لما قاله نائب المتحدث باسم وزارة الداخلية نصرت رحيمي لـCNN.")
    ((speaker, role, outlet, cue, content, direct),) = quotes(text)
    assert (speaker, role, outlet, cue, direct) == ("نصرت رحيمي", "نائب المتحدث باسم وزارة الداخلية", "CNN", "قاله",
                                                    False)
    assert content.startswith("سقط 7 قتلى") and content.endswith("تفجير انتحاري")


def test_the_day_after_the_speaker_is_not_part_of_it():
    for text in ("قال مسؤول يوم الثلاثاء إن المدينة آمنة.", "وقال وزير الخارجية يوم أمس إن المحادثات مستمرة."):
        assert quotes(text)[0][0] in ("مسؤول", "وزير الخارجية")


def test_a_name_in_quote_marks_is_no_quote_and_the_relaying_source_no_part_of_the_words():
    got = quotes('وقالت الوزيرة إن الأردن ملتزم بسياسته، حسب وكالة الأنباء الأردنية "بترا".')
    assert [(q[0], q[4]) for q in got] == [("الوزيرة", "الأردن ملتزم بسياسته")]


def test_the_outlet_spoken_to_by_name_alone_and_a_negated_view_is_no_quote():
    assert quotes('وقال مسؤول إيراني لرويترز: "إنه اجتماع مهم جدا".')[0][:3] == ("مسؤول إيراني", None, "رويترز")
    assert quotes("ولا يرى دبلوماسيون أفقا واسعا لإنقاذ الاتفاق، بعد أن توعدت واشنطن بالتصعيد.") == []


def test_role_comma_name_comma_in_an_interview_with_a_quoted_outlet():
    text = ('ويقول مدير مركز بغداد للدراسات الاستراتيجية، مناف الموسوي، في حديث مع "سكاي نيوز عربية"، '
            "إن ثلاثة عوامل تحرك الاحتجاجات.")
    assert quotes(text) == [("مناف الموسوي", "مدير مركز بغداد للدراسات الاستراتيجية", "سكاي نيوز عربية", "يقول",
                             "ثلاثة عوامل تحرك الاحتجاجات", False)]


def test_according_to_what_the_observatory_said():
    got = quotes("وقتل عشرة مدنيين في غارات على البلدة، وفق ما أوضح المرصد السوري لحقوق الإنسان.")
    assert [(q[0], q[3], q[4]) for q in got] == [("المرصد السوري لحقوق الإنسان", "أوضح",
                                                 "وقتل عشرة مدنيين في غارات على البلدة")]


def test_one_scan_for_all_cues_finds_what_each_kind_finds_alone():
    """Each kind's cue regex is tried only where one scan for all kinds says a cue can start: it finds the
    cues each finds scanning the whole text, for every form as outlets write it (و/ف, marks, tatweel)."""
    from marsad.alternation import starts
    from marsad.annotate import quotes as q
    from marsad.arabic import fold

    lex = q._lex()
    forms = lex["cues"] + lex["participles"] + lex["according_to"] + lex["speech_acts"] + lex["reported_by"]
    texts = [" ".join(forms), " ".join("و" + f for f in forms), " ف".join(forms) + " قوله: ", "\u064e".join(forms),
             " ".join(f.replace(" ", "ـ  ") + " لرويترز" for f in forms),
             "وقال مسؤول، وفقا لما قاله الوزير، إن الهدنة انتهت، مضيفا أن بحسب قوله “لا هدنة”.",
             "،".join(forms), "(" + ")(".join(forms) + ")", "\n".join("«" + f for f in forms)]
    for text in texts:
        ft = fold(text)
        alone = sorted(((m.start("cue"), m.end("cue"), kind, m.span()) for kind in q._KINDS
                        for m in q._res()[kind].finditer(ft)), key=lambda h: (h[0], -h[1]))
        at = starts(q._res()["any"], ft)
        assert [(s, e, kind, m.span()) for s, e, kind, m in q._cues(ft, at)] == alone, text
        # a participle looked for after a quote's words, tried only at those starts too
        for pos in range(len(ft)):
            for end in (len(ft), min(len(ft), pos + 12)):
                want = q._res()["part"].search(ft, pos, end)
                got = q._participle(ft, at, pos, end)
                assert (got and got.span()) == (want and want.span()), (text, pos, end)


def test_a_cue_that_extends_another_is_read_whole():
    from marsad.annotate import quotes as q
    from marsad.arabic import fold, normalize

    cue = q._res()["cue"]
    for text in ("قالت", "وأضافوا", "بينت", "بيّن"):
        m = cue.match(fold(text))
        assert m and normalize(m.group("cue")) == normalize(text.lstrip("و")), text


def test_every_as_said_phrase_holds_one_of_the_words_looked_for_first():
    """_trailing skips a report holding none of _AS_SAID_WORDS: each phrase of _AS_SAID must hold one."""
    from marsad.annotate import quotes as q

    for phrase in q._AS_SAID.pattern.split("|"):
        assert any(w in phrase for w in q._AS_SAID_WORDS), phrase
