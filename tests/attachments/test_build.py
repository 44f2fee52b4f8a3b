"""kb build with attachments: warnings once, record pages that say what is searchable, and
the API, `kb search` and the search page pointing at the attachment and page."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import threading
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from kbtest import REPO, Project

from generator.cli import main

CIRCULAR = """
title: แนวทางการจัดทำแผนพัฒนากลุ่มจังหวัด
number: นร 0109/ว 12
date: 2553-01-19
issuer: สำนักงาน ก.พ.ร.
summary: หนังสือแจ้งแนวทาง ยุทธศาสตร์
tags: [แผน]
attachments:
  - title: หนังสือเวียนฉบับเต็ม
    file: text.pdf
  - title: คำสั่งฉบับสแกน
    file: scan.pdf
  - title: หน้าเว็บ
    file: page.pdf
  - title: เอกสารเก่า
    file: old.doc
  - title: ลิงก์ภายนอก
    file: https://example.invalid/plan.pdf
"""
ORDER = """
title: คำสั่งเรื่องน้ำใจไมตรี
number: 3/2553
date: 2553-02-01
issuer: ก.น.จ.
"""


def kb(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def build_args(project: Project, *extra: str) -> list[str]:
    """`kb build` of the project, run from its root."""
    return ["build", "--content", "content", "--site", "site", "--index", "index",
            "--config", str(REPO / "mkdocs.yml"), *extra]


@pytest.fixture(scope="module")
def built(pdfs, ocred, tmp_path_factory) -> dict:
    """A built knowledge base whose circular has text, scanned and bad attachments (the
    OCR'd page comes from the cache of the `ocred` run, as a rebuild would find it)."""
    project = Project(tmp_path_factory.mktemp("kb")).base()
    project.write("about.md", "# ความเป็นมา\n\nข้อความ\n")
    project.write("circulars/c1.yml", CIRCULAR)
    project.write("orders/o1.yml", ORDER)
    folder = project.content / "attachments"
    folder.mkdir()
    shutil.copy(pdfs["text"], folder / "text.pdf")
    shutil.copy(pdfs["scan"], folder / "scan.pdf")
    (folder / "page.pdf").write_text("<!doctype html><html><body>404</body></html>")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    shutil.copytree(ocred["root"] / "cache", project.root / "index.attachments")
    with contextlib.chdir(project.root):  # paths in messages: content/…
        first = kb(*build_args(project))
        cache = sorted((p, p.stat().st_mtime_ns) for p in Path().glob("index.attachments/*/*"))
        second = kb(*build_args(project))
    return {"project": project, "first": first, "second": second, "cache": cache}


def test_build_goes_on_with_one_warning_per_bad_file(built) -> None:
    code, out, err = built["first"]
    *warned, count, done = out.splitlines()  # validation's warnings (agency names) on stdout
    assert code == 0 and done.startswith("built "), (out, err)
    assert count == f"{len(warned)} warnings: they stop nothing, the build goes on"
    assert all(": warning: issuer: no agency is named" in line for line in warned)
    assert err.splitlines() == [
        "content/attachments/old.doc: warning: old Office files (.doc) are not read — it is "
        "listed on its record's page but its text is not searchable; to fix it, save it as "
        ".docx, .xlsx or PDF",
        "content/attachments/page.pdf: warning: the file is not what its extension says (HTML) — "
        "it is listed on its record's page but its text is not searchable; to fix it, attach "
        "the real file",
    ]


def test_rebuild_reads_nothing_again(built) -> None:
    code, out, err = built["second"]
    assert code == 0
    assert "OCR" not in err
    with contextlib.chdir(built["project"].root):
        after = sorted((p, p.stat().st_mtime_ns) for p in Path().glob("index.attachments/*/*"))
    assert after == built["cache"]


def test_record_page_shows_kind_size_pages_and_searchability(built) -> None:
    html = (built["project"].site / "circulars/c1/index.html").read_text("utf-8")
    items = BeautifulSoup(html, "html.parser").select(".kb-attachments li")
    shown = [(li.a.get_text(), li.select_one(".kb-file").get_text(),
              (s := li.select_one(".kb-searchable")) and s.get_text()) for li in items]  # fmt: skip
    size = (built["project"].content / "attachments/text.pdf").stat().st_size / 1024
    assert shown == [
        ("หนังสือเวียนฉบับเต็ม", f"(PDF, {size:.1f} KB, 3 หน้า)", "ค้นหาข้อความได้"),
        ("คำสั่งฉบับสแกน", shown[1][1], "ฉบับสแกน อ่านด้วย OCR"),
        ("หน้าเว็บ", "(PDF, 44 ไบต์)", "ค้นหาข้อความไม่ได้"),
        ("เอกสารเก่า", "(DOC, 104 ไบต์)", "ค้นหาข้อความไม่ได้"),
        ("ลิงก์ภายนอก", "(ลิงก์)", "ค้นหาข้อความไม่ได้"),
    ]
    assert shown[1][1].endswith(" KB, 1 หน้า)")
    status = items[2].select_one(".kb-searchable")
    assert status["title"] == "เนื้อไฟล์ไม่ตรงกับนามสกุลไฟล์ (HTML)"
    assert "kb-searchable--none" in status["class"]


@pytest.fixture(scope="module")
def api(built):
    from generator.serving.server import App, make_server

    project = built["project"]
    server = make_server(App(project.site, project.index), "127.0.0.1", 0)
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{server.effective_port}"

    def get(**params: str) -> dict:
        url = f"{base}/api/search?{urllib.parse.urlencode(params)}"
        with urllib.request.urlopen(url, timeout=30) as response:
            return json.loads(response.read())

    get.base = base  # type: ignore[attr-defined]
    yield get
    server.close()


def test_hit_in_a_text_pdf_names_the_attachment_and_page(api) -> None:
    answer = api(q="เกษตรปลอดภัย")
    assert answer["total"] == 1
    hit = answer["hits"][0]
    assert hit["id"] == "c1"
    assert hit["attachment"] == {"title": "หนังสือเวียนฉบับเต็ม", "url": "/attachments/text.pdf",
                                 "page": 2}  # fmt: skip
    assert "<mark>เกษตรปลอดภัย</mark>" in hit["snippet"]
    assert "น้ำใจไมตรี" in hit["snippet"] and "หนังสือเวียนสำนักงาน" not in hit["snippet"]


def test_a_piece_of_a_word_in_an_attachment_finds_its_record_and_page(api) -> None:
    answer = api(q="ษตรปลอด")  # inside เกษตรปลอดภัย, on page 2 of the circular's PDF
    assert [h["id"] for h in answer["hits"]] == ["c1"]
    hit = answer["hits"][0]
    assert hit["attachment"] == {"title": "หนังสือเวียนฉบับเต็ม", "url": "/attachments/text.pdf",
                                 "page": 2}  # fmt: skip
    assert "<mark>ษตรปลอด</mark>" in hit["snippet"]
    assert api(q="ต่งตั้งคณะท")["hits"][0]["attachment"]["url"] == "/attachments/scan.pdf"


def test_hit_in_a_scanned_page_read_by_ocr(api) -> None:
    hit = api(q="แต่งตั้งคณะทำงาน")["hits"][0]
    assert hit["attachment"] == {"title": "คำสั่งฉบับสแกน", "url": "/attachments/scan.pdf",
                                 "page": 1}  # fmt: skip
    assert "<mark>แต่งตั้งคณะทำงาน</mark>" in hit["snippet"]


def test_words_in_the_record_itself_are_not_credited_to_an_attachment(api) -> None:
    hit = api(q="ยุทธศาสตร์")["hits"][0]  # in the summary and on page 2 of text.pdf
    assert hit["id"] == "c1" and "attachment" not in hit
    assert "<mark>ยุทธศาสตร์</mark>" in hit["snippet"]


def test_record_fields_weigh_more_than_attachment_text(api) -> None:
    answer = api(q="น้ำใจไมตรี")  # the order's title; page 2 of the circular's PDF
    assert [h["id"] for h in answer["hits"]] == ["o1", "c1"]
    assert "attachment" not in answer["hits"][0]
    assert answer["hits"][1]["attachment"]["page"] == 2


def test_facets_and_filters_work_the_same(api) -> None:
    answer = api(q="น้ำใจไมตรี", type="circulars")
    assert [h["id"] for h in answer["hits"]] == ["c1"]
    assert answer["hits"][0]["attachment"]["url"] == "/attachments/text.pdf"
    assert api(q="น้ำใจไมตรี")["facets"]["type"] == {"circulars": 1, "orders": 1}
    assert api(q="เกษตรปลอดภัย", tag="แผน")["total"] == 1
    assert api(q="เกษตรปลอดภัย", type="orders")["total"] == 0


def test_kb_search_prints_where_it_was_found(built) -> None:
    project = built["project"]
    code, out, _ = kb("search", "เกษตรปลอดภัย", "--index", str(project.index))
    assert code == 0
    lines = out.splitlines()
    assert "   พบในเอกสารแนบ: หนังสือเวียนฉบับเต็ม หน้า 2 · /attachments/text.pdf#page=2" in lines
    code, out, _ = kb("search", "เกษตรปลอดภัย", "--index", str(project.index), "--json")
    assert json.loads(out)["hits"][0]["attachment"]["page"] == 2


def test_search_page_links_to_the_page_of_the_attachment(browser, api) -> None:
    page = browser.new_page()
    page.goto(f"{api.base}/search/?q=" + urllib.parse.quote("เกษตรปลอดภัย"))
    found = page.locator(".kb-search__attachment")
    found.wait_for()
    assert found.inner_text() == "พบในเอกสารแนบ: หนังสือเวียนฉบับเต็ม หน้า 2"
    link = found.locator("a")
    assert link.get_attribute("href") == "/attachments/text.pdf#page=2"
    assert link.inner_text() == "หนังสือเวียนฉบับเต็ม หน้า 2"
    page.close()


def test_no_ocr_flag_skips_scans_and_says_how_many(pdfs, tmp_path: Path) -> None:
    project = Project(tmp_path).base()  # the current folder (conftest's _in_tmp)
    project.write("about.md", "# ความเป็นมา\n")
    project.write("orders/o1.yml", ORDER + "attachments:\n  - title: สแกน\n    file: s.pdf\n")
    (project.content / "attachments").mkdir()
    shutil.copy(pdfs["scan"], project.content / "attachments/s.pdf")
    code, out, err = kb(*build_args(project, "--no-ocr", "--lang", "th"))
    assert code == 0, err
    assert err == "ข้ามการอ่านด้วย OCR (--no-ocr): ฉบับสแกน 1 หน้าใน 1 ไฟล์ยังค้นหาไม่ได้\n"
    html = (project.site / "orders/o1/index.html").read_text("utf-8")
    status = BeautifulSoup(html, "html.parser").select_one(".kb-attachments .kb-searchable")
    assert status.get_text() == "ค้นหาข้อความไม่ได้"
