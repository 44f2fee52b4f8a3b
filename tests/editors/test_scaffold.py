"""`kb new`: a readable free id, every field explained, valid once required values are in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kbtest import Project

from generator.content.model import TYPES
from generator.content.validate import load_corpus
from generator.editors.scaffold import make_id, new_record


def test_ids_are_readable_ascii() -> None:
    assert make_id("การประชุมเชิงปฏิบัติการ workshop", "2553-01-19") == (
        "2553-01-19-kanprachum-choengptibatikan-workshop"
    )
    assert make_id("Joint KPI", None) == "joint-kpi"
    assert make_id("!!!", None) == "record"


def test_every_field_present_with_a_thai_comment(project: Project) -> None:
    path = new_record(project.content, "orders", "แต่งตั้งคณะอนุกรรมการ", "2552")
    text = path.read_text(encoding="utf-8")
    for fld in TYPES["orders"].all_fields:
        assert f"\n{fld.name}:" in text, fld.name
        assert f"# {fld.th}" in text
    assert "# คำสั่งที่ (จำเป็น): เลขที่คำสั่ง" in text


def test_valid_once_required_values_are_filled(project: Project) -> None:
    path = new_record(project.content, "circulars", "แนวทาง", "2553-01-19")
    _, problems = load_corpus(project.content)
    assert [p.field for p in problems] == ["number", "issuer"]
    text = path.read_text(encoding="utf-8")
    text = text.replace("\nnumber:\n", "\nnumber: นร 0109/ว 12\n")
    text = text.replace("\nissuer:\n", "\nissuer: สำนักงาน ก.พ.ร.\n")
    path.write_text(text, encoding="utf-8")
    assert load_corpus(project.content)[1] == []


def test_never_overwrites(project: Project) -> None:
    first = new_record(project.content, "qa", "คำถาม", "")
    first.write_text("title: แก้แล้ว\nanswer: ตอบ\n", encoding="utf-8")
    second = new_record(project.content, "qa", "คำถาม", "")
    assert second != first and first.read_text(encoding="utf-8").startswith("title: แก้แล้ว")
    assert second.name == f"{first.stem}-2.yml"


def test_kb_new_command(tmp_path: Path) -> None:
    kb = [sys.executable, "-m", "generator.cli", "new"]
    ok = subprocess.run([*kb, "events", "--title", "ประชุม", "--date", "2553-01-19 09:00"],
                        capture_output=True, text=True, cwd=tmp_path)  # fmt: skip
    assert ok.returncode == 0 and ok.stdout.startswith("created content/events/2553-01-19-")
    bad = subprocess.run([*kb, "event"], capture_output=True, text=True, cwd=tmp_path)
    assert bad.returncode == 1 and bad.stderr.startswith("error: unknown type 'event'")


def test_kb_new_says_what_it_created_and_why_that_name(tmp_path: Path) -> None:
    kb = [sys.executable, "-m", "generator.cli", "new", "circulars", "--lang", "en"]
    first = subprocess.run(kb, capture_output=True, text=True, cwd=tmp_path)
    second = subprocess.run(kb, capture_output=True, text=True, cwd=tmp_path)
    assert first.stdout.splitlines() == [
        "created content/circulars/circulars.yml: no --title given, so its id is the type's "
        "folder name. The file name is the record's id and its page is /circulars/circulars/: "
        "rename the file now if you want another",
        "fill in the fields marked (จำเป็น), then run: .venv/bin/kb validate",
    ]
    assert second.stdout.splitlines()[0] == (
        "created content/circulars/circulars-2.yml: no --title given, so its id is the type's "
        "folder name; circulars.yml already exists, so -2 was added (kb new never overwrites a "
        "file). The file name is the record's id and its page is /circulars/circulars-2/: "
        "rename the file now if you want another"
    )
    thai = subprocess.run([*kb[:-2], "--title", "แนวทาง", "--date", "2553-01-19", "--lang", "th"],
                          capture_output=True, text=True, cwd=tmp_path)  # fmt: skip
    assert thai.stdout.splitlines()[0] == (
        "created content/circulars/2553-01-19-naeothang.yml: "
        "รหัสมาจากวันที่และชื่อเรื่องที่เขียนเป็นอักษรโรมัน ชื่อไฟล์คือรหัสของระเบียนและ"
        "หน้าเว็บจะอยู่ที่ /circulars/2553-01-19-naeothang/: เปลี่ยนชื่อไฟล์ได้ตอนนี้หากต้องการชื่ออื่น"
    )
