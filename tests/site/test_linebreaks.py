"""linebreaks.py: Thai words kept whole, breaks only between them, text and markup intact."""

from __future__ import annotations

from bs4 import BeautifulSoup
from kbtest import unwrap_words

from generator.site.linebreaks import thai_words, wrap_headings


def words(html: str) -> list[str]:
    return [span.get_text() for span in BeautifulSoup(html, "html.parser").select("span.kb-w")]


def test_words_and_abbreviations_stay_whole() -> None:
    html = str(thai_words("การบริหารงานแบบบูรณาการ (ก.น.จ.) เรื่อยๆ"))
    assert words(html) == ["การ", "บริหารงาน", "แบบ", "บูรณาการ", "ก.น.จ.", "เรื่อยๆ"]
    assert html.count("<wbr>") == 3  # between the four words that touch, nowhere else


def test_text_is_escaped_and_unchanged() -> None:
    html = wrap_headings('<h1 id="t">งาน &lt;script&gt; <code>รหัสโค้ด</code></h1><p>ย่อหน้า</p>'
                         '<h2><a title="ก>ข" href="#x">หัวข้อ</a></h2>')  # fmt: skip
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find("script") and soup.h2.a["title"] == "ก>ข"
    assert soup.code.get_text() == "รหัสโค้ด" and not soup.code.select("span")
    assert soup.p.get_text() == "ย่อหน้า" and not soup.p.select("span")
    assert unwrap_words(soup).h1.get_text() == "งาน <script> รหัสโค้ด"
    assert wrap_headings(html) == html  # marked once
