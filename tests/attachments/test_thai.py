"""The Thai clean-up of extracted text, step by step as the notes measured them."""

from __future__ import annotations

from generator.attachments.thai import clean_thai, unreadable_share


def test_private_use_glyphs_become_thai() -> None:
    # ป + shifted sara i (U+F701) … ; ผู้ with the shifted mai tho U+F70B; ญ variant U+F70F
    assert clean_thai("ป\uf701ด") == "ปิด"
    assert clean_thai("ผู\uf70b") == "ผู้"
    assert clean_thai("ก\uf718") == "กุ"
    assert clean_thai("\uf70fาติ") == "ญาติ"
    assert clean_thai("ท\uf713") == "ท่"


def test_split_sara_am_is_joined() -> None:
    assert clean_thai("สํานักงาน") == "สำนักงาน"
    assert clean_thai("น\u0e49\u0e4d\u0e32") == "น้ำ"  # tone, nikhahit, sara aa
    assert clean_thai("น\u0e4d\u0e49\u0e32") == "น้ำ"  # nikhahit, tone, sara aa


def test_tone_before_upper_vowel_is_moved_after_it() -> None:
    assert clean_thai("ท\u0e35\u0e48") == "ที่"
    assert clean_thai("ท\u0e48\u0e35") == "ที่"
    assert clean_thai("ก\u0e49\u0e31บ") == "กั้บ"


def test_control_characters_and_replacement_characters_are_dropped() -> None:
    assert clean_thai("แผน\x00งาน\ufffd\x07") == "แผนงาน"


def test_space_or_break_before_a_mark_or_vowel_is_removed() -> None:
    assert clean_thai("สำนัก งาน จ ังหวัด") == "สำนัก งาน จังหวัด"
    assert clean_thai("ก\n\u0e32ร") == "การ"


def test_line_wraps_inside_thai_are_joined_but_not_elsewhere() -> None:
    assert clean_thai("แนวทางการ\nจัดทำแผน") == "แนวทางการจัดทำแผน"
    assert clean_thai("ผู้ว่าราชการ  \n  จังหวัด") == "ผู้ว่าราชการจังหวัด"
    assert clean_thai("ปี 2554\nแผน") == "ปี 2554\nแผน"
    assert clean_thai("plan\nจังหวัด") == "plan\nจังหวัด"
    assert clean_thai("ย่อหน้าแรก\nย่อหน้าที่สอง", wraps=False) == "ย่อหน้าแรก\nย่อหน้าที่สอง"


def test_spaces_collapse_and_empty_lines_go() -> None:
    assert clean_thai("  ก   ข\t\tค \n\n\n ง ") == "ก ข ค\nง"


def test_clean_text_is_left_as_it_is() -> None:
    text = "หนังสือเวียน ที่ นร 0109/ว 12 ลงวันที่ ๑๙ มกราคม ๒๕๕๓\nเรียน ผู้ว่าราชการจังหวัด"
    assert clean_thai(text) == text
    assert clean_thai(clean_thai(text)) == text


def test_unreadable_share_counts_glyphs_left_in_the_private_area() -> None:
    assert unreadable_share("\ue001\ue002\ue003 ก") == 0.75
    assert unreadable_share("สำนักงาน") == 0.0
    assert unreadable_share("") == 0.0
