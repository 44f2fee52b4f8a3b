"""OCR of a scanned page (Tesseract, Thai), the cache that makes it happen once, --no-ocr
and missing tools (the build goes on, saying so once)."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from attachtest import content_with

from generator.attachments import NONE, SCAN, TEXT, Library, Limits, Settings
from generator.attachments.ocr import Progress

OCR_PHRASES = ("คณะกรรมการนโยบายการบริหารงานจังหวัด", "แต่งตั้งคณะทำงาน", "ภาคเหนือตอนบน")


def test_no_ocr_says_how_many_pages_it_skipped(ocred) -> None:
    assert ocred["skipped"] == ("OCR skipped (--no-ocr): 1 scanned pages of 1 files are not "
                                "searchable\n")  # fmt: skip
    assert ocred["without"].status == NONE
    assert ocred["without"].ocr_missing == [1]


def test_scanned_page_is_read_with_thai_ocr_and_progress(ocred) -> None:
    found = ocred["second"].get("scan.pdf")
    assert found.status == SCAN
    text = found.page_texts()[0]
    for phrase in OCR_PHRASES:
        assert phrase in text
    assert "ํา" not in text  # Tesseract's split sara am, cleaned
    lines = ocred["done"].splitlines()
    assert lines[0] == "OCR: 0/1 pages, 0/1 files, estimating the time left"
    assert lines[-1].startswith("OCR: 1 pages of 1 files read in ")


class Terminal(io.StringIO):
    """Output that says it is a terminal: the progress line is redrawn after every page."""

    def isatty(self) -> bool:
        return True


def test_ocr_progress_in_thai_on_a_real_scan(pdfs, tmp_path: Path) -> None:
    content = content_with(tmp_path, {"s1.pdf": pdfs["scan"], "s2.pdf": pdfs["scan"]})
    out = Terminal()
    Library(content, tmp_path / "cache").prepare(["s1.pdf", "s2.pdf"], "th", out)
    lines = out.getvalue().replace("\r", "\n").splitlines()
    assert lines[0] == "OCR: อ่านแล้ว 0/2 หน้า 0/2 ไฟล์ กำลังประเมินเวลาที่เหลือ"
    assert re.fullmatch(r"OCR: อ่านแล้ว 1/2 หน้า 1/2 ไฟล์ เหลืออีกประมาณ \d+ วินาที", lines[1])
    assert re.fullmatch(r"OCR: อ่านแล้ว 2/2 หน้า 2/2 ไฟล์ เหลืออีกประมาณ 0 วินาที", lines[2])
    assert re.fullmatch(r"OCR: อ่าน 2 หน้าจาก 2 ไฟล์เสร็จใน \d+ วินาที {20}", lines[3])
    assert len(lines) == 4


@pytest.mark.parametrize(("seconds", "en", "th"), [
    (300, "OCR: 1/4 pages, 0/2 files, about 15 min left",
     "OCR: อ่านแล้ว 1/4 หน้า 0/2 ไฟล์ เหลืออีกประมาณ 15 นาที"),
    (3000, "OCR: 1/4 pages, 0/2 files, about 2 h 30 min left",
     "OCR: อ่านแล้ว 1/4 หน้า 0/2 ไฟล์ เหลืออีกประมาณ 2 ชั่วโมง 30 นาที"),
])  # fmt: skip
def test_ocr_progress_counts_long_runs_in_minutes_and_hours(seconds, en, th) -> None:
    for lang, expected in (("en", en), ("th", th)):
        progress = Progress({"a.pdf": 2, "b.pdf": 2}, io.StringIO(), lang)
        progress.started -= seconds  # one page took `seconds`: three more to go
        progress.step("a.pdf")
        assert progress.line() == expected


def test_second_run_reads_everything_from_the_cache(ocred) -> None:
    out = io.StringIO()
    library = Library(ocred["content"], ocred["root"] / "cache")
    assert library.prepare(["scan.pdf", "text.pdf"], "en", out) == []
    assert out.getvalue() == ""  # no OCR, no progress
    assert library.extracted == 0
    assert library.get("scan.pdf").page_texts() == ocred["second"].get("scan.pdf").page_texts()
    assert library.get("text.pdf").status == TEXT


def test_a_changed_file_is_read_again_an_unchanged_one_is_not(pdfs, tmp_path: Path) -> None:
    content = content_with(tmp_path, {"a.pdf": pdfs["text"], "b.pdf": pdfs["order"]})
    first = Library(content, tmp_path / "cache")
    first.prepare(["a.pdf", "b.pdf"], "en", io.StringIO())
    assert first.extracted == 2
    edited = pdfs["order"].read_bytes() + b"\n% edited\n"
    (content / "attachments/b.pdf").write_bytes(edited)  # new content, same name
    again = Library(content, tmp_path / "cache")
    again.prepare(["a.pdf", "b.pdf"], "en", io.StringIO())
    assert again.extracted == 1
    assert again.get("b.pdf").pages == 1
    renamed = content / "attachments/c.pdf"
    shutil.copy(pdfs["text"], renamed)  # same content under another name: its cache entry
    third = Library(content, tmp_path / "cache")
    third.prepare(["c.pdf"], "en", io.StringIO())
    assert third.extracted == 0


def test_a_pdf_over_the_page_limit_is_not_read_again_until_the_limit_changes(
        pdfs, tmp_path: Path) -> None:  # fmt: skip
    content = content_with(tmp_path, {"long.pdf": pdfs["text"]})  # 3 pages
    runs = []
    for limit in (2, 2, 3):
        library = Library(content, tmp_path / "cache", Settings(max_pages=limit))
        warnings = library.prepare(["long.pdf"], "en", io.StringIO())
        runs.append((library.extracted, [w.what for w in warnings], library.get("long.pdf").status))
    assert runs == [(1, ["too-many-pages"], NONE),  # read once: pdfinfo counted 3 pages
                    (0, ["too-many-pages"], NONE),  # same file, same limit: from the cache
                    (1, [], TEXT)]  # a higher limit: read again, now searchable


def test_a_scanned_page_whose_ocr_failed_is_read_again_and_the_build_says_why(
        pdfs, tmp_path: Path) -> None:  # fmt: skip
    content = content_with(tmp_path, {"scan.pdf": pdfs["scan"]})
    Library(content, tmp_path / "cache", Settings(ocr=False)).prepare(["scan.pdf"], "en",
                                                                      io.StringIO())  # fmt: skip
    short = Settings(limits=Limits(seconds=0.3))  # extraction is cached; OCR takes seconds
    runs = []
    for settings, lang in ((short, "en"), (short, "th"), (Settings(), "en"), (Settings(), "en")):
        out = io.StringIO()
        library = Library(content, tmp_path / "cache", settings)
        library.prepare(["scan.pdf"], lang, out)
        lines = [line for line in out.getvalue().splitlines()
                 if not line.startswith(("OCR: 0/", "OCR: 1 pages", "OCR: อ่านแล้ว", "OCR: อ่าน 1"))]
        runs.append((library.extracted, lines, library.get("scan.pdf").status))
    assert runs == [
        (0, ["OCR: 1 scanned pages of 1 files could not be read (over the time or memory limit) "
             "— not searchable yet; the next build tries them again"], NONE),
        (0, ["OCR: อ่านฉบับสแกน 1 หน้าใน 1 ไฟล์อีกครั้ง เพราะการสร้างครั้งก่อนอ่านไม่สำเร็จ "
             "(เกินเวลาหรือหน่วยความจำที่กำหนด)",
             "OCR: อ่านฉบับสแกน 1 หน้าใน 1 ไฟล์ไม่สำเร็จ (เกินเวลาหรือหน่วยความจำที่กำหนด) — "
             "ยังค้นหาไม่ได้ การสร้างครั้งถัดไปจะอ่านอีกครั้ง"], NONE),
        (0, ["OCR: 1 scanned pages of 1 files are read again: an earlier build could not read "
             "them (over the time or memory limit)"], SCAN),
        (0, [], SCAN),  # read: nothing again
    ]


def only_tools(tmp_path: Path, tools: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """PATH holding just these programs."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in tools:
        (folder / tool).symlink_to(shutil.which(tool))
    monkeypatch.setenv("PATH", str(folder))


def test_without_tesseract_the_build_goes_on_saying_so_once(pdfs, tmp_path: Path,
                                                            monkeypatch) -> None:  # fmt: skip
    only_tools(tmp_path, ["pdfinfo", "pdftotext", "pdfimages", "pdftoppm"], monkeypatch)
    content = content_with(tmp_path, {"s1.pdf": pdfs["scan"], "s2.pdf": pdfs["scan"]})
    out = io.StringIO()
    Library(content, tmp_path / "cache").prepare(["s1.pdf", "s2.pdf"], "en", out)
    assert out.getvalue() == ("OCR skipped: tesseract-ocr is not installed (apt-get install "
                              "tesseract-ocr) — 2 scanned pages of 2 files are not searchable\n")


def test_without_poppler_the_build_goes_on_saying_so_once(pdfs, tmp_path: Path,
                                                          monkeypatch) -> None:  # fmt: skip
    only_tools(tmp_path, [], monkeypatch)
    content = content_with(tmp_path, {"a.pdf": pdfs["text"], "b.pdf": pdfs["text"]})
    out = io.StringIO()
    library = Library(content, tmp_path / "cache")
    assert library.prepare(["a.pdf", "b.pdf"], "th", out) == []
    assert out.getvalue() == ("ไม่ได้อ่านข้อความใน PDF: ไม่ได้ติดตั้ง poppler-utils (ติดตั้งด้วย "
                              "apt-get install poppler-utils) — PDF ยังค้นหาไม่ได้\n")
    assert library.get("a.pdf").status == NONE
    monkeypatch.undo()
    assert Library(content, tmp_path / "cache").get("a.pdf").status == TEXT  # not cached


def test_a_file_replaced_while_the_library_is_open_is_read_again(pdfs, tmp_path: Path) -> None:
    content = content_with(tmp_path, {"a.pdf": pdfs["order"]})
    library = Library(content, tmp_path / "cache")
    assert library.get("a.pdf").pages == 1
    shutil.copy(pdfs["text"], content / "attachments/a.pdf")
    assert library.get("a.pdf").pages == 3
