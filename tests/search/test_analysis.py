from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.search.analysis import ThaiTokenizer, analyse, clean, segmenter_for, vocabulary

SEG = segmenter_for(vocabulary(["เชียงใหม่"], ["สำนักงาน ก.พ.ร. และ ก.น.จ."]))


def words(text: str, parts: bool = False) -> list[str]:
    return [t.text for t in analyse(clean(text), SEG, parts)]


def test_thai_runs_are_segmented_into_words():
    assert words("ยุทธศาสตร์กลุ่มจังหวัด") == ["ยุทธศาสตร์", "กลุ่ม", "จังหวัด"]


def test_function_words_are_dropped_but_positions_kept():
    toks = list(analyse("แผนและงบประมาณ", SEG))
    assert [(t.text, t.pos) for t in toks] == [("แผน", 0), ("งบประมาณ", 2)]


def test_thai_digits_equal_arabic_digits():
    assert words("คำสั่งที่ ๑/๒๕๕๒") == words("คำสั่งที่ 1/2552") == ["คำสั่ง", "1", "2552"]


def test_dotted_abbreviations_equal_undotted():
    assert words("ก.น.จ. ก.พ.ร. ก.น.จ") == words("กนจ กพร กนจ") == ["กนจ", "กพร", "กนจ"]


def test_latin_words_are_lower_cased_and_numbers_lose_commas():
    assert words("Joint KPI 1,250,000") == ["joint", "kpi", "1250000"]


def test_zero_width_characters_and_mark_order_are_cleaned():
    assert clean("จังห\u200bวัด\ufeff") == "จังหวัด"
    assert clean("เเผน") == "แผน"


def test_compounds_yield_their_parts():
    assert words("ผู้ว่าราชการจังหวัด", parts=True) == ["ผู้ว่าราชการ", "จังหวัด", "ผู้ว่า", "ราชการ"]
    assert words("การประชุม", parts=True) == ["ประชุม"]


def test_a_word_is_not_split_into_a_different_word():
    assert words("งบประมาณ", parts=True) == []
    assert words("กรรมการ จังหวัด", parts=True) == []
    assert words("สำนักงบประมาณ", parts=True) == ["สำนัก", "งบประมาณ"]


def test_character_offsets_point_into_the_cleaned_text():
    text = clean("แผนพัฒนากลุ่มจังหวัด ก.น.จ.")
    assert [text[t.start : t.end] for t in analyse(text, SEG)] == [
        "แผน", "พัฒนา", "กลุ่ม", "จังหวัด", "ก.น.จ.",
    ]  # fmt: skip


def test_query_syntax_is_plain_text():
    assert words("title:งบ* OR ?~ AND") == ["title", "งบ"]


def test_the_tokenizer_pickles_with_its_vocabulary():
    tokenizer = ThaiTokenizer(["กนจ"], parts=True)
    copy = pickle.loads(pickle.dumps(tokenizer))
    assert copy == tokenizer
    assert [t.text for t in copy("ผู้ว่าราชการจังหวัด")] == ["ผู้ว่าราชการ", "จังหวัด", "ผู้ว่า", "ราชการ"]


_THAI_TEXT = st.text(
    alphabet=st.sampled_from([chr(c) for c in range(0x0E01, 0x0E5C)] + [" ", "\n", "a", "\u200b"]),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(_THAI_TEXT)
def test_fast_normalize_equals_pythainlp_normalize(text: str):
    from pythainlp.util import normalize as pythainlp_normalize

    from generator.search.analysis import normalize

    assert normalize(text) == pythainlp_normalize(text)
