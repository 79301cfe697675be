"""Folding for matching: the same letters folded whatever the length of the text (a word is folded
one way, a whole report another, for speed), one output character per input character."""

import pytest

from marsad.arabic import fold, fold_but_ta, has_marks, normalize, strip_marks

WORD = "إنّ مؤتمرَ المدينة الأولى في ٢٠٢٤، هل ينتهي؟"
FOLDED = "انّ موتمرَ المدينه الاولي في 2024, هل ينتهي?"


@pytest.mark.parametrize("repeat", [1, 40])
def test_fold_is_the_same_on_a_word_and_on_a_whole_report(repeat):
    text = " ".join([WORD] * repeat)
    assert fold(text) == " ".join([FOLDED] * repeat)
    assert len(fold(text)) == len(text)
    assert fold_but_ta(text) == " ".join([FOLDED.replace("المدينه", "المدينة")] * repeat)
    for word in WORD.split():
        assert fold(word) in FOLDED.split()


def test_normalize_drops_marks_and_tatweel():
    assert normalize("إنّ مؤتمـــرَ") == "ان موتمر"


def test_has_marks_says_whether_strip_marks_changes_a_text():
    for text in ("مُحَمَّد", "قالــت", "علي\u200cالشمري", "علي الشمري", ""):
        assert has_marks(text) == (strip_marks(text) != text)
