"""Errors of a search, each with a Thai and an English message."""

from __future__ import annotations


class SearchError(Exception):
    """A search that cannot be answered; str() is the Thai message, then the English one."""

    status = 400

    def __init__(self, th: str, en: str) -> None:
        self.th, self.en = th, en
        super().__init__(f"{th} ({en})")

    @property
    def message(self) -> str:
        return str(self)


class BadRequest(SearchError):
    """The request breaks a rule (HTTP 400, `kb search` exit 1)."""


class Unavailable(SearchError):
    """No index, or no time to answer (HTTP 503, `kb search` exit 1)."""

    status = 503


def no_index(path: object) -> Unavailable:
    return Unavailable(
        f"ไม่พบดัชนีค้นหาที่ {path} — สร้างด้วยคำสั่ง kb build",
        f"no search index at {path}: build one with `kb build`",
    )


def busy() -> Unavailable:
    return Unavailable("ระบบค้นหาไม่ว่าง กรุณาลองใหม่อีกครั้ง", "search is busy, try again")


def unknown_parameter(name: str) -> BadRequest:
    return BadRequest(f"ไม่รู้จักพารามิเตอร์ {name[:40]}", f"unknown parameter {name[:40]}")


def repeated_parameter(name: str) -> BadRequest:
    th = f"ระบุพารามิเตอร์ {name} ได้ครั้งเดียว"
    return BadRequest(th, f"parameter {name} is given more than once")


EMPTY = BadRequest(
    "กรุณาพิมพ์คำค้นหรือเลือกตัวกรอง", "empty query: type words to search or choose a filter"
)
TOO_LONG = BadRequest("คำค้นยาวเกิน 200 ตัวอักษร", "query longer than 200 characters")
TOO_MANY_TERMS = BadRequest("คำค้นมีเกิน 10 คำ", "query has more than 10 words")
NO_WORDS = BadRequest("คำค้นไม่มีคำที่ค้นได้", "query has no searchable words")
BAD_PAGE = BadRequest("page ต้องเป็นจำนวนเต็มตั้งแต่ 1", "page must be a whole number from 1")
BAD_LIMIT = BadRequest(
    "limit ต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง 50", "limit must be a whole number from 1 to 50"
)
TOO_DEEP = BadRequest(
    "ดูผลได้เฉพาะ 1,000 รายการแรก (page × limit ไม่เกิน 1000)",
    "page × limit must not exceed 1000",
)


def unknown_value(facet: str, value: str) -> BadRequest:
    shown = value[:60]
    return BadRequest(f"ไม่มีค่า {facet}={shown} ในดัชนี", f"unknown {facet} value: {shown}")
BAD_SORT = BadRequest(
    "sort ต้องเป็น relevance (ตรงที่สุด), newest (ใหม่สุด) หรือ oldest (เก่าสุด)",
    "sort must be relevance, newest or oldest",
)
BAD_RANGE = BadRequest(
    "ปีเริ่มต้น (from) ต้องไม่อยู่หลังปีสิ้นสุด (to)", "from must not be after to"
)


def bad_year(name: str) -> BadRequest:
    return BadRequest(
        f"{name} ต้องเป็นปี พ.ศ. 4 หลัก เช่น 2553 (หรือ ค.ศ. เช่น 2010)",
        f"{name} must be a 4-digit year, Buddhist Era (2553) or Common Era (2010)",
    )
