"""Warnings about attachments: `PATH: warning: <what> — <what happens>`, in English and Thai."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.problems import Msg, display_path

WHAT = {
    "encrypted": Msg("the file is protected by a password",
                     "ไฟล์ถูกล็อกด้วยรหัสผ่าน"),
    "damaged": Msg("the file is damaged or cut short",
                   "ไฟล์เสียหายหรือไม่สมบูรณ์"),
    "mislabelled": Msg("the file is not what its extension says ({found})",
                       "เนื้อไฟล์ไม่ตรงกับนามสกุลไฟล์ ({found})"),
    "too-large": Msg("the file is {size} MB, over the limit of {limit} MB",
                     "ไฟล์มีขนาด {size} MB เกินขีดจำกัด {limit} MB"),
    "too-many-pages": Msg("the PDF has {pages} pages, over the limit of {limit}",
                          "PDF มี {pages} หน้า เกินขีดจำกัด {limit} หน้า"),
    "bomb": Msg("the file unpacks to more than {limit} MB (a decompression bomb)",
                "ไฟล์ขยายตัวเกิน {limit} MB เมื่อแตกไฟล์ (zip bomb)"),
    "unreadable-text": Msg("its text is in private glyph codes that are not Thai letters",
                           "ข้อความในไฟล์เป็นรหัสอักขระเฉพาะของฟอนต์ ไม่ใช่อักษรไทย"),
    "timeout": Msg("reading it took longer than {limit} s",
                   "การอ่านไฟล์ใช้เวลาเกิน {limit} วินาที"),
    "memory": Msg("reading it needed more than {limit} MB of memory",
                  "การอ่านไฟล์ใช้หน่วยความจำเกิน {limit} MB"),
    "legacy": Msg("old Office files (.{ext}) are not read",
                  "ไม่อ่านไฟล์ Office รุ่นเก่า (.{ext})"),
    "picture": Msg("text in pictures (.{ext}) is not read",
                   "ไม่อ่านข้อความในไฟล์ภาพ (.{ext})"),
    "archive": Msg("the contents of archives (.{ext}) are not read",
                   "ไม่อ่านเนื้อหาในไฟล์บีบอัด (.{ext})"),
    "unknown": Msg("files of this kind (.{ext}) are not read",
                   "ไม่อ่านไฟล์ประเภทนี้ (.{ext})"),
}  # fmt: skip

FIX = {
    "encrypted": Msg("save a copy without a password", "บันทึกสำเนาที่ไม่มีรหัสผ่าน"),
    "damaged": Msg("export or scan it again", "ส่งออกหรือสแกนไฟล์ใหม่"),
    "mislabelled": Msg("attach the real file", "แนบไฟล์จริง"),
    "legacy": Msg("save it as .docx, .xlsx or PDF", "บันทึกเป็น .docx .xlsx หรือ PDF"),
    "picture": Msg("attach it as a PDF to have it read by OCR",
                   "แนบเป็น PDF เพื่อให้อ่านด้วย OCR"),
    "unreadable-text": Msg("export it again with embedded Unicode fonts, or as a scan",
                           "ส่งออกใหม่โดยฝังฟอนต์ยูนิโค้ด หรือแนบเป็นฉบับสแกน"),
}  # fmt: skip
DEFAULT_FIX = Msg("split or simplify it", "แบ่งไฟล์หรือลดขนาดไฟล์")
NOT_SEARCHABLE = Msg("it is listed on its record's page but its text is not searchable",
                     "แสดงในหน้าเรื่องแต่ค้นหาข้อความในไฟล์ไม่ได้")  # fmt: skip


@dataclass(frozen=True)
class AttachmentWarning:
    """One attachment that is listed but not searchable, and why."""

    path: Path
    what: str
    """A key of WHAT."""
    values: tuple[tuple[str, str], ...] = ()
    """The values of the message's {placeholders}."""

    def message(self) -> Msg:
        values = dict(self.values)
        what = WHAT[self.what]
        fix = FIX.get(self.what, DEFAULT_FIX)
        return Msg(what.en.format(**values), what.th.format(**values)) + Msg(
            f" — {NOT_SEARCHABLE.en}; to fix it, {fix.en}",
            f" — {NOT_SEARCHABLE.th} แก้ไขโดย{fix.th}")  # fmt: skip

    def format(self, lang: str = "en") -> str:
        return f"{display_path(self.path)}: warning: {self.message().text(lang)}"


def reason(what: str, values: dict[str, object] | None = None) -> Msg:
    """Why a file is not searchable, for its record page (Thai) and the API."""
    found = {k: str(v) for k, v in (values or {}).items()}
    return Msg(WHAT[what].en.format(**found), WHAT[what].th.format(**found))
