"""Text out of real files: Chromium's Thai PDFs through poppler, Office files, blank pages."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from attachtest import LIBREOFFICE_PAGES, PAGES, docx, odf, xlsx
from pypdf import PdfReader

from generator.attachments import NONE, TEXT, Library, Settings
from generator.attachments.library import extract


def distance(a: str, b: str) -> int:
    """Levenshtein edit distance."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def accuracy(found: str, truth: str) -> float:
    """1 − edit distance / length, whitespace removed (as the notes measured it)."""
    found, truth = "".join(found.split()), "".join(truth.split())
    return 1 - distance(found, truth) / len(truth)


def test_thai_pdf_text_is_at_least_98_percent_right_page_by_page(pdfs) -> None:
    found = extract(pdfs["text"], Settings())
    assert found.problem == ""
    assert found.pages == 3
    assert found.status == TEXT
    for text, truth in zip(found.texts, PAGES, strict=False):
        assert accuracy(text, truth) >= 0.98, text
    assert "น้ำใจไมตรีของชุมชนริมแม่น้ำ" in found.texts[1]
    assert "แนวทางการจัดทำแผนพัฒนากลุ่มจังหวัด" in found.texts[0]  # a wrapped line joined


def test_a_libreoffice_pdf_is_at_least_98_percent_right() -> None:
    """files/libreoffice.pdf: the tests' .docx in Laksaman (TLWG's Sarabun) converted by
    LibreOffice 7.4 (files/make_libreoffice_pdf.py), whose Thai pypdf reads at 88 %."""
    path = Path(__file__).parent / "files/libreoffice.pdf"
    assert PdfReader(path).metadata.producer.startswith("LibreOffice")
    found = extract(path, Settings())
    assert (found.problem, found.status, found.pages) == ("", TEXT, 1)
    assert accuracy("".join(found.texts), "".join(LIBREOFFICE_PAGES)) >= 0.98
    assert "สำนักงานพาณิชย์จังหวัดเชียงใหม่" in found.texts[0]
    assert "แนวทางการจัดทำแผนพัฒนากลุ่มจังหวัด" in found.texts[0]  # a wrapped line joined


def test_a_blank_page_is_neither_an_error_nor_ocr_work(pdfs) -> None:
    found = extract(pdfs["text"], Settings())
    assert found.texts[2] == ""
    assert found.scanned == []


def test_a_scanned_page_is_told_from_a_blank_one(pdfs) -> None:
    found = extract(pdfs["scan"], Settings())
    assert found.pages == 1
    assert found.texts == [""]
    assert found.scanned == [1]


def test_docx_paragraphs(tmp_path: Path) -> None:
    path = docx(tmp_path / "a.docx", ["แผนพัฒนากลุ่มจังหวัด", "สํานักงานจังหวัด"])
    found = extract(path, Settings())
    assert (found.problem, found.status, found.pages) == ("", TEXT, None)
    assert found.texts == ["แผนพัฒนากลุ่มจังหวัด\nสำนักงานจังหวัด"]  # sara am joined


def test_docx_tables_and_tabs_in_document_order(tmp_path: Path) -> None:
    path = docx(tmp_path / "t.docx", ["ตัวชี้วัด\tค่าเป้าหมาย"],
                [["รายได้เกษตรกร", "ร้อยละ ๑๐"], ["นักท่องเที่ยว", ""]])  # fmt: skip
    assert extract(path, Settings()).texts == [
        "ตัวชี้วัด ค่าเป้าหมาย\nรายได้เกษตรกร ร้อยละ ๑๐\nนักท่องเที่ยว"]


def test_xlsx_sheets_are_pages(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "b.xlsx", [["โครงการถนน"], ["โครงการน้ำ", "ตัวชี้วัด"]])
    found = extract(path, Settings())
    assert found.pages == 2
    assert found.texts == ["โครงการถนน 1000", "โครงการน้ำ 2000\nตัวชี้วัด 2000"]


def test_odt_and_ods(tmp_path: Path) -> None:
    odt = odf(tmp_path / "c.odt", "<office:text><text:h>หัวข้อ</text:h>"
              "<text:p>เนื้อความ <text:span>ภาษาไทย</text:span></text:p>"
              "<text:list><text:list-item><text:p>ข้อหนึ่ง<text:tab/>ข้อสอง</text:p>"
              "</text:list-item></text:list></office:text>")  # fmt: skip
    ods = odf(tmp_path / "d.ods", "<office:spreadsheet><table:table><table:table-row>"
              "<table:table-cell><text:p>งบประมาณ</text:p></table:table-cell>"
              "<table:table-cell/><table:table-cell><text:p>๕๐๐</text:p></table:table-cell>"
              "</table:table-row></table:table><table:table><table:table-row><table:table-cell>"
              "<text:p>แผนงาน</text:p></table:table-cell></table:table-row></table:table>"
              "</office:spreadsheet>")  # fmt: skip
    assert extract(odt, Settings()).texts == ["หัวข้อ\nเนื้อความ ภาษาไทย\nข้อหนึ่ง ข้อสอง"]
    found = extract(ods, Settings())
    assert (found.pages, found.texts) == (2, ["งบประมาณ ๕๐๐", "แผนงาน"])


def test_office_xml_with_entities_is_not_parsed(tmp_path: Path) -> None:
    path = docx(tmp_path / "e.docx", ["ข้อความ"])
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("word/extra.xml", '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    assert extract(path, Settings()).problem == "damaged"


def test_an_office_file_without_its_parts_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    assert extract(path, Settings()).problem == "damaged"


def test_other_kinds_are_listed_not_read(tmp_path: Path) -> None:
    for name, what in (("a.doc", "legacy"), ("b.xls", "legacy"), ("c.jpg", "picture"),
                       ("d.zip", "archive"), ("e.txt", "unknown")):  # fmt: skip
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0 something")
        found = extract(tmp_path / name, Settings())
        assert (found.problem, found.status) == (what, NONE), name


def test_urls_are_not_fetched(tmp_path: Path, pdfs) -> None:
    (tmp_path / "content/attachments").mkdir(parents=True)
    shutil.copy(pdfs["text"], tmp_path / "content/attachments/text.pdf")
    library = Library(tmp_path / "content", tmp_path / "cache")
    assert library.get("https://example.invalid/text.pdf") is None
    assert library.get("missing.pdf") is None
    assert library.get("text.pdf").pages == 3
