"""The record types of the knowledge base, declared once.

Validation (validate.py), the pages (pages.py) and the search index (search/) all read
these declarations: a field added here is checked, shown and indexed without other edits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dates import PartialDate

ID_PATTERN = re.compile(r"[a-z0-9-]{1,80}")

# What a field holds: how validate.py reads it and pages.py shows it.
TEXT = "text"  # one line or paragraph of plain text, kept exactly as written
MARKDOWN = "markdown"  # Markdown, rendered and sanitised
BOOL = "bool"  # true or false
DATE = "date"  # YYYY-MM-DD, YYYY-MM or YYYY (BE from 2400)
DATETIME = "datetime"  # a DATE, or YYYY-MM-DD HH:MM (Bangkok time)
YEAR = "year"  # a Buddhist Era year as an integer (2554)
BAHT = "baht"  # an amount in baht, a number ≥ 0
CHOICE = "choice"  # one of Field.choices
REF = "ref"  # a reference `<type>/<id>` (or a bare id when Field.targets has one type)
ORDER_NUMBER = "order-number"  # N/YYYY, Thai digits allowed
FILE = "file"  # a path under content/attachments/ or an https:// URL
OBJECT = "object"  # a mapping with Field.fields


@dataclass(frozen=True)
class Field:
    """One field of a record (or of an object inside a record)."""

    name: str
    """The key editors write in YAML."""
    kind: str
    """What the value holds: one of the kind constants above."""
    doc: str
    """One line saying what the field means, in English."""
    th: str
    """The field's label on the site, in Thai."""
    required: bool = False
    """Whether a record without it is invalid."""
    many: bool = False
    """Whether the value is a list of `kind`."""
    targets: tuple[str, ...] = ()
    """For REF: the record types it may point to (empty: any type)."""
    fields: tuple[Field, ...] = ()
    """For OBJECT: the object's own fields."""
    choices: tuple[tuple[str, str], ...] = ()
    """For CHOICE: (value, Thai label) pairs."""
    example: Any = None
    """An example value, shown in messages and docs."""


def f(name: str, kind: str, doc: str, th: str, **options: Any) -> Field:
    """Shorthand for Field(...) used by the declarations below."""
    return Field(name, kind, doc, th, **options)


@dataclass(frozen=True)
class RecordType:
    """A kind of record: its folder under content/, its labels and its own fields."""

    folder: str
    """The folder under content/ and the first part of the record's URL."""
    th: str
    """The type's name in Thai, as the menu shows it."""
    fields: tuple[Field, ...]
    """Its fields beyond the common ones."""
    date_field: str | None = "date"
    """The field that dates the record (lists sort by it, search facets its year)."""
    doc: str = ""
    """One line saying what the type holds."""

    @property
    def all_fields(self) -> tuple[Field, ...]:
        return (COMMON[0], *self.fields, *COMMON[1:])

    def field(self, name: str) -> Field | None:
        return next((x for x in self.all_fields if x.name == name), None)


ATTACHMENT = (
    f("title", TEXT, "What the attached file is.", "ชื่อไฟล์", required=True),
    f("file", FILE, "A path under content/attachments/ or an https:// URL.", "ไฟล์",
      required=True, example="2553/circular-12.pdf"),
)  # fmt: skip

COMMON = (
    f("title", TEXT, "The record's title, in Thai.", "ชื่อเรื่อง", required=True),
    f("summary", TEXT, "A one-paragraph abstract, shown in lists and search results.", "สรุป"),
    f("body", MARKDOWN, "The full text, in Markdown.", "รายละเอียด"),
    f("tags", TEXT, "Free keywords.", "คำสำคัญ", many=True, example=["งบประมาณ"]),
    f("attachments", OBJECT, "Attached files.", "เอกสารแนบ", many=True, fields=ATTACHMENT),
    f("related", REF, "Other records this one relates to.", "เรื่องที่เกี่ยวข้อง", many=True,
      example=["orders/kor-nor-jor-1-2552"]),
    f("draft", BOOL, "true: validated but not published or indexed.", "ฉบับร่าง", example=True),
)  # fmt: skip

NUMBERED = (
    f("date", DATE, "The date it was signed.", "วันที่", required=True, example="2553-01-19"),
    f("issuer", TEXT, "The issuing agency.", "หน่วยงานที่ออก", required=True,
      example="สำนักงาน ก.พ.ร."),
)  # fmt: skip

MEMBER = (
    f("name", TEXT, "The member's name.", "ชื่อ", required=True),
    f("position", TEXT, "The member's position.", "ตำแหน่ง"),
    f("role", TEXT, "The member's role in the body (ประธาน, กรรมการ …).", "ฐานะ"),
)
KPI = (
    f("name", TEXT, "What is measured.", "ตัวชี้วัด", required=True),
    f("target", TEXT, "The target value.", "ค่าเป้าหมาย"),
    f("unit", TEXT, "The unit of the target.", "หน่วยนับ"),
)
PROJECT = (
    f("title", TEXT, "The project's name.", "โครงการ", required=True),
    f("budget", BAHT, "Its budget in baht, a number ≥ 0.", "งบประมาณ (บาท)", example=1250000),
    f("agency", TEXT, "The agency responsible.", "หน่วยงานรับผิดชอบ"),
)
STRATEGY = (
    f("title", TEXT, "The strategy's name.", "ประเด็นยุทธศาสตร์", required=True),
    f("goals", TEXT, "Its goals.", "เป้าประสงค์", many=True),
    f("kpis", OBJECT, "Its indicators.", "ตัวชี้วัด", many=True, fields=KPI),
    f("projects", OBJECT, "Its projects.", "โครงการ", many=True, fields=PROJECT),
)
TOPIC = (
    f("title", TEXT, "The topic discussed.", "ประเด็น", required=True),
    f("points", TEXT, "The points made.", "สาระสำคัญ", many=True),
)
IMAGE = (
    f("file", FILE, "A path under content/attachments/ or an https:// URL.", "ไฟล์",
      required=True),
    f("caption", TEXT, "What the picture shows.", "คำบรรยาย"),
)  # fmt: skip
PLAN_KINDS = (
    ("province-development", "แผนพัฒนาจังหวัด"),
    ("cluster-development", "แผนพัฒนากลุ่มจังหวัด"),
    ("annual-action", "แผนปฏิบัติราชการประจำปี"),
)

TYPES: dict[str, RecordType] = {
    t.folder: t
    for t in (
        RecordType("circulars", "หนังสือเวียน", (
            f("number", TEXT, "The circular's number.", "เลขที่", required=True,
              example="นร 0109/ว 12"),
            *NUMBERED,
            f("to", TEXT, "Who it is addressed to.", "เรียน"),
        ), doc="Circular letters (หนังสือเวียน)."),
        RecordType("orders", "คำสั่ง", (
            f("number", ORDER_NUMBER, "The order's number, N/YYYY with YYYY in พ.ศ.", "คำสั่งที่",
              required=True, example="1/2552"),
            *NUMBERED,
            f("members", OBJECT, "The members it appoints.", "องค์ประกอบ", many=True,
              fields=MEMBER),
            f("supersedes", REF, "The order this one replaces.", "ยกเลิกคำสั่ง",
              targets=("orders",), example="kor-nor-jor-1-2552"),
        ), doc="Committee orders (คำสั่ง)."),
        RecordType("plans", "แผน", (
            f("kind", CHOICE, "The kind of plan.", "ประเภทแผน", required=True,
              choices=PLAN_KINDS, example="province-development"),
            f("owner", REF, "The province or cluster whose plan it is.", "เจ้าของแผน",
              required=True, targets=("provinces", "groups"), example="provinces/chiang-mai"),
            f("fiscal_years", YEAR, "The fiscal years (พ.ศ.) it covers.", "ปีงบประมาณ",
              required=True, many=True, example=[2554, 2555]),
            f("vision", TEXT, "The plan's vision.", "วิสัยทัศน์"),
            f("strategies", OBJECT, "Its strategies.", "ประเด็นยุทธศาสตร์", many=True,
              fields=STRATEGY),
        ), date_field=None, doc="Development and action plans (แผน)."),
        RecordType("qa", "ถาม-ตอบ", (
            f("answer", MARKDOWN, "The answer, in Markdown.", "คำตอบ", required=True),
            f("category", TEXT, "The category it is listed under.", "หมวด"),
            f("date", DATE, "When it was answered.", "วันที่", example="2553-01-19"),
        ), doc="Questions and answers (ถาม-ตอบ); the title is the question."),
        RecordType("activities", "กิจกรรม", (
            f("date", DATE, "When it took place.", "วันที่", required=True, example="2553-01-19"),
            f("location", TEXT, "Where it took place.", "สถานที่"),
            f("images", OBJECT, "Pictures of it.", "ภาพกิจกรรม", many=True, fields=IMAGE),
        ), doc="Activities (กิจกรรม)."),
        RecordType("events", "ปฏิทินกิจกรรม", (
            f("start", DATETIME, "When it starts (Bangkok time).", "เริ่ม", required=True,
              example="2553-01-19 09:00"),
            f("end", DATETIME, "When it ends; not before start.", "สิ้นสุด"),
            f("location", TEXT, "Where it takes place.", "สถานที่"),
        ), date_field="start", doc="Calendar events (ปฏิทินกิจกรรม)."),
        RecordType("meetings", "สรุปประเด็นการประชุม", (
            f("date", DATE, "When it was held.", "วันที่", required=True, example="2553-01-19"),
            f("venue", TEXT, "Where it was held.", "สถานที่"),
            f("presenter", TEXT, "Who presented.", "ผู้นำเสนอ"),
            f("topics", OBJECT, "The topics discussed.", "ประเด็น", many=True, fields=TOPIC),
        ), doc="Meeting summaries (สรุปประเด็นการประชุม)."),
        RecordType("documents", "คลังความรู้", (
            f("date", DATE, "Its date.", "วันที่", example="2553-01-19"),
            f("author", TEXT, "Who wrote or presented it.", "ผู้เขียน"),
            f("kind", TEXT, "The kind of document (presentation, manual, report …).", "ประเภท"),
        ), doc="The knowledge bank (คลังความรู้)."),
        RecordType("groups", "กลุ่มจังหวัด", (
            f("provinces", REF, "Its provinces.", "จังหวัด", required=True, many=True,
              targets=("provinces",), example=["chiang-mai"]),
            f("center", REF, "Its operation centre province.", "จังหวัดศูนย์ปฏิบัติการ",
              targets=("provinces",), example="chiang-mai"),
            f("office", TEXT, "Its strategy office.", "สำนักงาน"),
        ), date_field=None, doc="Provincial clusters (กลุ่มจังหวัด)."),
        RecordType("provinces", "จังหวัด", (
            f("name_en", TEXT, "The province's name in English.", "ชื่อภาษาอังกฤษ",
              required=True, example="Chiang Mai"),
            f("group", REF, "The cluster it belongs to.", "กลุ่มจังหวัด", required=True,
              targets=("groups",), example="north-upper-1"),
        ), date_field=None, doc="Provinces (จังหวัด)."),
    )
}  # fmt: skip


@dataclass
class Record:
    """A loaded, validated record: its type, id, source file and field values."""

    type: str
    """Its type folder (circulars, orders …)."""
    id: str
    """Its file name without .yml."""
    path: Path
    """Its file, as given to the loader."""
    data: dict[str, Any] = field(default_factory=dict)
    """Field values as read: text as written, dates as PartialDate, references as (type, id)."""
    where: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)
    """(line, col) of each value in the file, by field path (`strategies[1].title`)."""

    @property
    def key(self) -> str:
        return f"{self.type}/{self.id}"

    @property
    def url(self) -> str:
        return f"/{self.type}/{self.id}/"

    @property
    def title(self) -> str:
        return self.data.get("title", self.id)

    @property
    def draft(self) -> bool:
        return bool(self.data.get("draft"))

    @property
    def date(self) -> PartialDate | None:
        date_field = TYPES[self.type].date_field
        return self.data.get(date_field) if date_field else None

    def sort_key(self) -> tuple:
        """Newest first when sorted in reverse; undated records last."""
        return (self.date is not None, self.date or PartialDate(0), self.id)
