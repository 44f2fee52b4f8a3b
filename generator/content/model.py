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
URL = "url"  # an https:// address
RANK = "rank"  # a whole number from 1 (1 = first)


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
    doc_th: str = ""
    """What the field means, in Thai (the editors' schemas and guide show it)."""
    agency: bool = False
    """For TEXT: it names an agency, by its agencies/<id>, its name or any alias."""


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
    f("title", TEXT, "What the attached file is.", "ชื่อไฟล์", required=True,
      doc_th="ชื่อหรือคำอธิบายของไฟล์แนบ", example="หนังสือเวียนฉบับเต็ม (PDF)"),
    f("file", FILE, "A path under content/attachments/ or an https:// URL.", "ไฟล์",
      required=True, example="2553/circular-12.pdf",
      doc_th="ไฟล์ในโฟลเดอร์ content/attachments/ หรือ URL ที่ขึ้นต้นด้วย https://"),
)  # fmt: skip

COMMON = (
    f("title", TEXT, "The record's title, in Thai.", "ชื่อเรื่อง", required=True,
      doc_th="ชื่อเรื่องของระเบียน เป็นภาษาไทย", example="แนวทางการจัดทำแผนพัฒนากลุ่มจังหวัด"),
    f("summary", TEXT, "A one-paragraph abstract, shown in lists and search results.", "สรุป",
      doc_th="สรุปย่อหนึ่งย่อหน้า แสดงในรายการและผลการค้นหา",
      example="สรุปสาระสำคัญของเรื่องในหนึ่งย่อหน้า"),
    f("body", MARKDOWN, "The full text, in Markdown.", "รายละเอียด",
      doc_th="เนื้อความเต็ม เขียนแบบ Markdown", example="เนื้อความเต็ม ย่อหน้าแรก"),
    f("tags", TEXT, "Free keywords.", "คำสำคัญ", many=True, example=["งบประมาณ"],
      doc_th="คำสำคัญ ใส่ได้หลายคำ"),
    f("attachments", OBJECT, "Attached files.", "เอกสารแนบ", many=True, fields=ATTACHMENT,
      doc_th="ไฟล์แนบ แต่ละรายการมี title และ file",
      example=[{'title': 'หนังสือเวียน (PDF)', 'file': '2553/circular.pdf'}]),
    f("related", REF, "Other records this one relates to.", "เรื่องที่เกี่ยวข้อง", many=True,
      example=["orders/kor-nor-jor-1-2552"],
      doc_th="ระเบียนอื่นที่เกี่ยวข้อง เขียนเป็น <ประเภท>/<รหัส>"),
    f("draft", BOOL, "true: validated but not published or indexed.", "ฉบับร่าง", example=True,
      doc_th="true = ฉบับร่าง ตรวจสอบแล้วแต่ยังไม่เผยแพร่และค้นหาไม่ได้"),
)  # fmt: skip

NUMBERED = (
    f("date", DATE, "The date it was signed.", "วันที่", required=True, example="2553-01-19",
      doc_th="วันที่ลงนาม เป็น พ.ศ. หรือ ค.ศ. ไม่ทราบวันให้เขียนแค่ปี-เดือน หรือปี"),
    f("issuer", TEXT, "The issuing agency.", "หน่วยงานที่ออก", required=True,
      example="สำนักงาน ก.พ.ร.", agency=True,
      doc_th="หน่วยงานที่ออก"),
)  # fmt: skip

MEMBER = (
    f("name", TEXT, "The member's name.", "ชื่อ", required=True,
      doc_th="ชื่อ-สกุลของกรรมการ", example="นายสมชาย ใจดี"),
    f("position", TEXT, "The member's position.", "ตำแหน่ง",
      doc_th="ตำแหน่งของกรรมการ", example="ปลัดกระทรวงมหาดไทย"),
    f("role", TEXT, "The member's role in the body (ประธาน, กรรมการ …).", "ฐานะ",
      doc_th="ฐานะในคณะ เช่น ประธาน กรรมการ เลขานุการ", example="ประธานอนุกรรมการ"),
)
KPI = (
    f("name", TEXT, "What is measured.", "ตัวชี้วัด", required=True,
      doc_th="ชื่อตัวชี้วัด", example="ร้อยละของโครงการที่แล้วเสร็จตามแผน"),
    f("target", TEXT, "The target value.", "ค่าเป้าหมาย",
      doc_th="ค่าเป้าหมาย", example="80"),
    f("unit", TEXT, "The unit of the target.", "หน่วยนับ",
      doc_th="หน่วยนับของค่าเป้าหมาย", example="ร้อยละ"),
)
PROJECT = (
    f("title", TEXT, "The project's name.", "โครงการ", required=True,
      doc_th="ชื่อโครงการ", example="โครงการพัฒนาศักยภาพการท่องเที่ยว"),
    f("budget", BAHT, "Its budget in baht, a number ≥ 0.", "งบประมาณ (บาท)", example=1250000,
      doc_th="งบประมาณเป็นบาท ตัวเลขตั้งแต่ 0 ขึ้นไป"),
    f("agency", TEXT, "The agency responsible.", "หน่วยงานรับผิดชอบ", agency=True,
      doc_th="หน่วยงานที่รับผิดชอบ", example="สำนักงานจังหวัดเชียงใหม่"),
    f("priority", RANK, "Its rank in the plan, 1 = first; unique within the plan.",
      "ลำดับความสำคัญ", example=1,
      doc_th="ลำดับความสำคัญในแผน 1 = สำคัญที่สุด ห้ามซ้ำกันภายในแผนเดียวกัน"),
)
STRATEGY = (
    f("title", TEXT, "The strategy's name.", "ประเด็นยุทธศาสตร์", required=True,
      doc_th="ชื่อประเด็นยุทธศาสตร์", example="ยุทธศาสตร์ที่ 1 การพัฒนาเศรษฐกิจ"),
    f("goals", TEXT, "Its goals.", "เป้าประสงค์", many=True,
      doc_th="เป้าประสงค์ของประเด็นยุทธศาสตร์", example=['รายได้จากการท่องเที่ยวเพิ่มขึ้น']),
    f("kpis", OBJECT, "Its indicators.", "ตัวชี้วัด", many=True, fields=KPI,
      doc_th="ตัวชี้วัด แต่ละรายการมี name, target, unit",
      example=[{'name': 'รายได้ที่เพิ่มขึ้น', 'target': '5', 'unit': 'ร้อยละ'}]),
    f("projects", OBJECT, "Its projects.", "โครงการ", many=True, fields=PROJECT,
      doc_th="โครงการ แต่ละรายการมี title, budget, agency, priority",
      example=[{'title': 'โครงการพัฒนาแหล่งท่องเที่ยว', 'budget': 1250000}]),
)
TOPIC = (
    f("title", TEXT, "The topic discussed.", "ประเด็น", required=True,
      doc_th="ประเด็นที่หารือ", example="บทบาทของกระทรวงและกลุ่มจังหวัด"),
    f("points", TEXT, "The points made.", "สาระสำคัญ", many=True,
      doc_th="สาระสำคัญที่ได้จากการหารือ", example=['ควรมีกลไกการหารือร่วมกัน']),
)
IMAGE = (
    f("file", FILE, "A path under content/attachments/ or an https:// URL.", "ไฟล์",
      required=True, example="2553/photo-1.jpg",
      doc_th="ไฟล์ในโฟลเดอร์ content/attachments/ หรือ URL ที่ขึ้นต้นด้วย https://"),
    f("caption", TEXT, "What the picture shows.", "คำบรรยาย",
      doc_th="คำบรรยายภาพ", example="ผู้เข้าร่วมประชุม"),
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
              example="นร 0109/ว 12",
              doc_th="เลขที่หนังสือเวียน"),
            *NUMBERED,
            f("to", TEXT, "Who it is addressed to.", "เรียน",
              doc_th="ผู้รับ (เรียน)", example="ผู้ว่าราชการจังหวัดทุกจังหวัด"),
        ), doc="Circular letters (หนังสือเวียน)."),
        RecordType("orders", "คำสั่ง", (
            f("number", ORDER_NUMBER, "The order's number, N/YYYY with YYYY in พ.ศ.", "คำสั่งที่",
              required=True, example="1/2552",
              doc_th="เลขที่คำสั่ง รูปแบบ ลำดับ/ปี พ.ศ. เช่น 1/2552 หรือ ๑/๒๕๕๒"),
            *NUMBERED,
            f("members", OBJECT, "The members it appoints.", "องค์ประกอบ", many=True,
              fields=MEMBER,
              doc_th="องค์ประกอบของคณะที่แต่งตั้ง แต่ละรายการมี name, position, role",
              example=[{'name': 'นายสมชาย ใจดี', 'position': 'ปลัดกระทรวง', 'role': 'ประธาน'}]),
            f("supersedes", REF, "The order this one replaces.", "ยกเลิกคำสั่ง",
              targets=("orders",), example="kor-nor-jor-1-2552",
              doc_th="คำสั่งที่ถูกยกเลิกโดยคำสั่งนี้"),
        ), doc="Committee orders (คำสั่ง)."),
        RecordType("plans", "แผน", (
            f("kind", CHOICE, "The kind of plan.", "ประเภทแผน", required=True,
              choices=PLAN_KINDS, example="province-development",
              doc_th=("ประเภทแผน: province-development (แผนพัฒนาจังหวัด), cluster-development "
                      "(แผนพัฒนากลุ่มจังหวัด) หรือ annual-action (แผนปฏิบัติราชการประจำปี)")),
            f("owner", REF, "The province or cluster whose plan it is.", "เจ้าของแผน",
              required=True, targets=("provinces", "groups"), example="provinces/chiang-mai",
              doc_th=("จังหวัดหรือกลุ่มจังหวัดเจ้าของแผน เช่น provinces/chiang-mai หรือ "
                      "groups/north-upper-1")),
            f("fiscal_years", YEAR, "The fiscal years (พ.ศ.) it covers.", "ปีงบประมาณ",
              required=True, many=True, example=[2554, 2555],
              doc_th="ปีงบประมาณ พ.ศ. ที่แผนครอบคลุม"),
            f("vision", TEXT, "The plan's vision.", "วิสัยทัศน์",
              doc_th="วิสัยทัศน์ของแผน", example="เมืองน่าอยู่ เศรษฐกิจมั่นคง"),
            f("strategies", OBJECT, "Its strategies.", "ประเด็นยุทธศาสตร์", many=True,
              fields=STRATEGY,
              doc_th="ประเด็นยุทธศาสตร์ของแผน แต่ละรายการมี title, goals, kpis, projects",
              example=[{'title': 'ยุทธศาสตร์ที่ 1'}]),
        ), date_field=None, doc="Development and action plans (แผน)."),
        RecordType("qa", "ถาม-ตอบ", (
            f("answer", MARKDOWN, "The answer, in Markdown.", "คำตอบ", required=True,
              doc_th="คำตอบ เขียนแบบ Markdown", example="คำตอบของคำถาม"),
            f("category", TEXT, "The category it is listed under.", "หมวด",
              doc_th="หมวดของคำถาม", example="งบประมาณ"),
            f("date", DATE, "When it was answered.", "วันที่", example="2553-01-19",
              doc_th="วันที่ตอบ"),
        ), doc="Questions and answers (ถาม-ตอบ); the title is the question."),
        RecordType("activities", "กิจกรรม", (
            f("date", DATE, "When it took place.", "วันที่", required=True, example="2553-01-19",
              doc_th="วันที่จัดกิจกรรม"),
            f("location", TEXT, "Where it took place.", "สถานที่",
              doc_th="สถานที่จัด", example="ทำเนียบรัฐบาล"),
            f("images", OBJECT, "Pictures of it.", "ภาพกิจกรรม", many=True, fields=IMAGE,
              doc_th="ภาพกิจกรรม แต่ละรายการมี file และ caption",
              example=[{'file': '2553/photo-1.jpg', 'caption': 'ผู้เข้าร่วมประชุม'}]),
        ), doc="Activities (กิจกรรม)."),
        RecordType("events", "ปฏิทินกิจกรรม", (
            f("start", DATETIME, "When it starts (Bangkok time).", "เริ่ม", required=True,
              example="2553-01-19 09:00",
              doc_th="วันเวลาเริ่ม (เวลาประเทศไทย) เช่น 2553-01-19 09:00 หรือแค่วันที่"),
            f("end", DATETIME, "When it ends; not before start.", "สิ้นสุด",
              doc_th="วันเวลาสิ้นสุด ต้องไม่ก่อนวันเริ่ม", example="2553-01-19 16:30"),
            f("location", TEXT, "Where it takes place.", "สถานที่",
              doc_th="สถานที่จัด", example="โรงแรมมิราเคิล แกรนด์ คอนเวนชั่น กรุงเทพมหานคร"),
        ), date_field="start", doc="Calendar events (ปฏิทินกิจกรรม)."),
        RecordType("meetings", "สรุปประเด็นการประชุม", (
            f("date", DATE, "When it was held.", "วันที่", required=True, example="2553-01-19",
              doc_th="วันที่ประชุม"),
            f("venue", TEXT, "Where it was held.", "สถานที่",
              doc_th="สถานที่ประชุม", example="ห้องประชุม 1 สำนักงาน ก.พ.ร."),
            f("presenter", TEXT, "Who presented.", "ผู้นำเสนอ",
              doc_th="ผู้นำเสนอ", example="รองเลขาธิการ ก.พ.ร."),
            f("topics", OBJECT, "The topics discussed.", "ประเด็น", many=True, fields=TOPIC,
              doc_th="ประเด็นที่หารือ แต่ละรายการมี title และ points",
              example=[{'title': 'ประเด็นที่ 1', 'points': ['สาระสำคัญ']}]),
        ), doc="Meeting summaries (สรุปประเด็นการประชุม)."),
        RecordType("documents", "คลังความรู้", (
            f("date", DATE, "Its date.", "วันที่", example="2553-01-19",
              doc_th="วันที่ของเอกสาร"),
            f("author", TEXT, "Who wrote or presented it.", "ผู้เขียน",
              doc_th="ผู้เขียนหรือผู้นำเสนอ", example="สำนักงาน ก.พ.ร."),
            f("kind", TEXT, "The kind of document (presentation, manual, report …).", "ประเภท",
              doc_th="ประเภทเอกสาร เช่น presentation, manual, report", example="presentation"),
        ), doc="The knowledge bank (คลังความรู้)."),
        RecordType("groups", "กลุ่มจังหวัด", (
            f("provinces", REF, "Its provinces.", "จังหวัด", required=True, many=True,
              targets=("provinces",), example=["chiang-mai"],
              doc_th="จังหวัดในกลุ่ม (รหัสจังหวัด)"),
            f("center", REF, "Its operation centre province.", "จังหวัดศูนย์ปฏิบัติการ",
              targets=("provinces",), example="chiang-mai",
              doc_th="จังหวัดที่เป็นศูนย์ปฏิบัติการของกลุ่ม"),
            f("office", TEXT, "Its strategy office.", "สำนักงาน", agency=True,
              doc_th="สำนักบริหารยุทธศาสตร์กลุ่มจังหวัด",
              example="สำนักบริหารยุทธศาสตร์กลุ่มจังหวัดภาคเหนือตอนบน 1"),
        ), date_field=None, doc="Provincial clusters (กลุ่มจังหวัด)."),
        RecordType("provinces", "จังหวัด", (
            f("name_en", TEXT, "The province's name in English.", "ชื่อภาษาอังกฤษ",
              required=True, example="Chiang Mai",
              doc_th="ชื่อจังหวัดภาษาอังกฤษ"),
            f("group", REF, "The cluster it belongs to.", "กลุ่มจังหวัด", required=True,
              targets=("groups",), example="north-upper-1",
              doc_th="กลุ่มจังหวัดที่สังกัด (รหัสกลุ่ม)"),
        ), date_field=None, doc="Provinces (จังหวัด)."),
        RecordType("agencies", "หน่วยงาน", (
            f("name_en", TEXT, "Its name in English.", "ชื่อภาษาอังกฤษ", required=True,
              example="Office of the Public Sector Development Commission",
              doc_th="ชื่อหน่วยงานภาษาอังกฤษ"),
            f("abbreviation", TEXT, "Its Thai abbreviation.", "ชื่อย่อ", example="ก.พ.ร.",
              doc_th="ชื่อย่อภาษาไทย เช่น ก.พ.ร. (เขียนมีหรือไม่มีจุดก็ได้)"),
            f("aliases", TEXT, "Other names content may use for it.", "ชื่ออื่น", many=True,
              example=["สำนักงาน ก.พ.ร."],
              doc_th="ชื่ออื่นที่เนื้อหาใช้เรียกหน่วยงานนี้ ห้ามซ้ำกับของหน่วยงานอื่น"),
            f("parent", REF, "The ministry or agency it belongs to.", "สังกัด",
              targets=("agencies",), example="office-of-the-prime-minister",
              doc_th="กระทรวงหรือหน่วยงานที่สังกัด (รหัสหน่วยงาน) ห้ามอ้างถึงตัวเองหรือวนกลับ"),
            f("website", URL, "Its website, an https:// address.", "เว็บไซต์",
              example="https://www.opdc.go.th/", doc_th="เว็บไซต์ ขึ้นต้นด้วย https://"),
        ), date_field=None, doc="Ministries, departments and offices (หน่วยงาน)."),
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
