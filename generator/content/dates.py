"""Dates as editors write them: full or partial, Christian or Buddhist Era, shown in Thai."""

from __future__ import annotations

import re
from dataclasses import dataclass

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
BE_OFFSET = 543
BE_FROM = 2400  # a year of 2400 or more is a Buddhist Era year

MONTHS_TH = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip

MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_TIME = re.compile(r"(\d{1,2}):(\d{2})")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
DATE_FORMS = (
    "YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2553-01-19, 2553-01 or 2553; a year from 2400 is พ.ศ.)"
)


def thai_to_arabic(text: str) -> str:
    """Replace Thai digits with Arabic ones (๒๕๕๒ → 2552)."""
    return text.translate(THAI_DIGITS)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date whose day, or month and day, may be unknown; year in the Christian Era."""

    year: int
    month: int = 0
    day: int = 0
    hour: int = -1
    minute: int = 0

    @property
    def be_year(self) -> int:
        return self.year + BE_OFFSET

    def iso(self) -> str:
        """2010-01-19, 2010-01 or 2010 (with T09:00 when a time is known)."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        if self.hour >= 0:
            text += f"T{self.hour:02d}:{self.minute:02d}"
        return text

    def thai(self) -> str:
        """19 มกราคม 2553, มกราคม 2553 or พ.ศ. 2553 (with เวลา 09:00 น. when known)."""
        if not self.month:
            return f"พ.ศ. {self.be_year}"
        text = f"{MONTHS_TH[self.month - 1]} {self.be_year}"
        if self.day:
            text = f"{self.day} {text}"
        if self.hour >= 0:
            text += f" เวลา {self.hour:02d}:{self.minute:02d} น."
        return text


def parse_date(text: str, with_time: bool = False) -> PartialDate | None:
    """Read `YYYY[-MM[-DD]]` (Thai digits allowed; years ≥ 2400 are BE); None if invalid."""
    text = thai_to_arabic(text.strip())
    date_part, _, time_part = text.partition(" ")
    if time_part and not with_time:
        return None
    match = _DATE.fullmatch(date_part)
    if not match:
        return None
    year, month, day = (int(g) if g else 0 for g in match.groups())
    if year >= BE_FROM:
        year -= BE_OFFSET
    if year < 1000 or month > 12 or (match.group(2) and month < 1):
        return None
    if match.group(3) and not _valid_day(year, month, day):
        return None
    if not time_part:
        return PartialDate(year, month, day)
    clock = _TIME.fullmatch(time_part.strip())
    if not clock or not day or int(clock[1]) > 23 or int(clock[2]) > 59:
        return None
    return PartialDate(year, month, day, int(clock[1]), int(clock[2]))


def _valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= day <= days_in(year, month)


def days_in(year: int, month: int) -> int:
    """How many days a month of a Christian Era year has."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _DAYS[month - 1] - (month == 2)


def impossible(text: str) -> tuple[str, str] | None:
    """Why a date written in the right shape does not exist (English, Thai), or None."""
    match = _DATE.fullmatch(thai_to_arabic(text.strip()).partition(" ")[0])
    if not match or not match.group(2):
        return None
    year, month, day = (int(g) if g else 0 for g in match.groups())
    if not 1 <= month <= 12:
        return (f"there is no month {month}: months are 01 to 12",
                f"ไม่มีเดือนที่ {month}: เดือนมี 01 ถึง 12")  # fmt: skip
    if match.group(3) and day < 1:
        return "there is no day 0: days start at 01", "ไม่มีวันที่ 0: วันที่เริ่มที่ 01"
    days = days_in(year - BE_OFFSET if year >= BE_FROM else year, month)
    if match.group(3) and not 1 <= day <= days:
        return (f"{MONTHS_EN[month - 1]} {year} has {days} days",
                f"{MONTHS_TH[month - 1]} {year} มี {days} วัน")  # fmt: skip
    return None
