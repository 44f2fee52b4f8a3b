"""`kb new`: a new record file with every field present and explained in Thai."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..content.dates import parse_date
from ..content.model import TYPES, Field, RecordType
from ..content.problems import Msg

MAX_WORDS = 5


def make_id(title: str, date: str | None) -> str:
    """A readable ASCII id from the date and the title (Thai romanised): 2553-01-19-kanprachum."""
    words = _ascii_words(title)[:MAX_WORDS]
    parts = [date.strip()] if date else []
    ident = "-".join(parts + words).lower()
    ident = re.sub(r"[^a-z0-9-]+", "-", ident).strip("-")
    return re.sub(r"-{2,}", "-", ident)[:80].strip("-") or "record"


def _ascii_words(title: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize
    from pythainlp.transliterate import romanize

    words = []
    for word in word_tokenize(title, keep_whitespace=False):
        if word.isascii():
            words += re.findall(r"[A-Za-z0-9]+", word)
        elif any("\u0e01" <= c <= "\u0e2e" for c in word):
            words.append(romanize(word, engine="royin"))
    return [w for w in words if w]


def free_path(folder: Path, ident: str) -> Path:
    """content/<type>/<id>.yml, with -2, -3 … added while that id is taken (never overwrite)."""
    taken = {p.stem for p in folder.rglob("*.yml")} if folder.exists() else set()
    candidate, n = ident, 1
    while candidate in taken:
        n += 1
        candidate = f"{ident[: 80 - len(str(n)) - 1]}-{n}"
    return folder / f"{candidate}.yml"


def field_order(fields: tuple[Field, ...]) -> list[Field]:
    """`kb new`'s order (the web forms' too): required fields first, each group as declared."""
    return sorted(fields, key=lambda fld: not fld.required)


def template(rtype: RecordType, title: str = "", date: str = "") -> str:
    """The file's text: a comment and a line for every field, required ones first."""
    lines = [
        f"# {rtype.th} ({rtype.folder}): หนึ่งไฟล์ต่อหนึ่งระเบียน ชื่อไฟล์คือรหัสของระเบียน",
        "# ช่องที่มี (จำเป็น) ต้องกรอก ช่องอื่นเว้นว่างได้ ตรวจด้วยคำสั่ง: kb validate",
        "",
    ]
    values = {"title": title, **({rtype.date_field: date} if rtype.date_field and date else {})}
    for fld in field_order(rtype.all_fields):
        lines += _field_lines(fld, values.get(fld.name, ""))
    return "\n".join(lines) + "\n"


def _field_lines(fld: Field, value: str) -> list[str]:
    need = " (จำเป็น)" if fld.required else ""
    lines = [f"# {fld.th}{need}: {fld.doc_th}"]
    if fld.example is not None and not value:
        lines.append(f"#   ตัวอย่าง: {fld.name}: {_yaml(fld.example)}")
    if fld.name == "draft":
        lines.append("draft: false")
    else:
        lines.append(f"{fld.name}: {_yaml(value)}" if value else f"{fld.name}:")
    return lines + [""]


def _yaml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    needs_quotes = re.search(r"^[\s&*!|>'\"%@`#-]|: | #", text)
    return json.dumps(text, ensure_ascii=False) if needs_quotes else text


def why_named(path: Path, type_: str, title: str = "", date: str = "") -> Msg:
    """Why `kb new` gave the file its name (and what the name is for)."""
    wanted = make_id(title or TYPES[type_].folder, date or None)
    if title:
        how = Msg(f"its id is {'the date and ' if date else ''}the title in Latin letters",
                  f"รหัสมาจาก{'วันที่และ' if date else ''}ชื่อเรื่องที่เขียนเป็นอักษรโรมัน")
    elif date:
        how = Msg("no --title given, so its id is the date and the type's folder name",
                  "ไม่ได้ระบุ --title จึงใช้วันที่และชื่อโฟลเดอร์ของประเภทเป็นรหัส")  # fmt: skip
    else:
        how = Msg("no --title given, so its id is the type's folder name",
                  "ไม่ได้ระบุ --title จึงใช้ชื่อโฟลเดอร์ของประเภทเป็นรหัส")  # fmt: skip
    if path.stem != wanted:
        suffix = path.stem[len(wanted):] if path.stem.startswith(wanted) else path.stem
        how += Msg(f"; {wanted}.yml already exists, so {suffix} was added (kb new never "
                   "overwrites a file)",
                   f"; มี {wanted}.yml อยู่แล้ว จึงเติม {suffix} (kb new ไม่เขียนทับไฟล์เดิม)")
    url = f"/{type_}/{path.stem}/"
    return how + Msg(f". The file name is the record's id and its page is {url}: rename the "
                     "file now if you want another",
                     f" ชื่อไฟล์คือรหัสของระเบียนและหน้าเว็บจะอยู่ที่ {url}: "
                     "เปลี่ยนชื่อไฟล์ได้ตอนนี้หากต้องการชื่ออื่น")  # fmt: skip


def new_record(content: Path, type_: str, title: str = "", date: str = "") -> Path:
    """Write a new record file and return its path. Raises ValueError on a bad type or date."""
    if type_ not in TYPES:
        raise ValueError(f"unknown type '{type_}': one of {', '.join(TYPES)}")
    rtype = TYPES[type_]
    if date and parse_date(date, with_time=rtype.date_field == "start") is None:
        raise ValueError(f"'{date}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")
    path = free_path(content / type_, make_id(title or rtype.folder, date or None))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": never overwrite
        out.write(template(rtype, title, date))
    return path

