"""The events calendar: a month grid per month that has events, with Thai names."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from ..content.dates import MONTHS_TH, PartialDate
from ..content.model import Record

WEEKDAYS_TH = ("อา.", "จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส.")
WEEKDAYS_FULL_TH = ("อาทิตย์", "จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์")
_WEEKS = calendar.Calendar(firstweekday=6)  # Thai calendars start on Sunday


@dataclass
class Month:
    """One month of the calendar: its weeks of days, each day with its events."""

    year: int
    month: int
    weeks: list[list[tuple[int, list[Record]]]]
    undated: list[Record]
    """Events known only by month."""

    @property
    def key(self) -> str:
        return f"{self.year + 543}-{self.month:02d}"

    @property
    def url(self) -> str:
        return month_url(self.year, self.month)

    @property
    def title(self) -> str:
        return f"{MONTHS_TH[self.month - 1]} {self.year + 543}"


def month_url(year: int, month: int) -> str:
    """The page of a month: `/events/month/2553-01/` (year in พ.ศ.)."""
    return f"/events/month/{year + 543}-{month:02d}/"


def months(events: list[Record]) -> list[Month]:
    """A Month for every month in which an event starts, oldest first."""
    by_month: dict[tuple[int, int], list[Record]] = {}
    for event in events:
        start: PartialDate = event.data["start"]
        if start.month:
            by_month.setdefault((start.year, start.month), []).append(event)
    return [_month(year, month, found) for (year, month), found in sorted(by_month.items())]


def _month(year: int, month: int, events: list[Record]) -> Month:
    by_day: dict[int, list[Record]] = {}
    undated = []
    for event in sorted(events, key=lambda e: (e.data["start"], e.title)):
        day = event.data["start"].day
        (by_day.setdefault(day, []) if day else undated).append(event)
    grid = _WEEKS.monthdayscalendar(year, month)
    weeks = [[(d, by_day.get(d, [])) for d in week] for week in grid]
    return Month(year, month, weeks, undated)


def focus(all_months: list[Month], today: date) -> Month | None:
    """The month to show first: this month or the next with events, else the latest."""
    for month in all_months:
        if (month.year, month.month) >= (today.year, today.month):
            return month
    return all_months[-1] if all_months else None


def upcoming(events: list[Record], today: date, limit: int = 10) -> list[Record]:
    """Events that start today or later, soonest first."""
    now = PartialDate(today.year, today.month, today.day)
    soon = [e for e in events if _last_day(e.data.get("end") or e.data["start"]) >= now]
    return sorted(soon, key=lambda e: (e.data["start"], e.title))[:limit]


def _last_day(d: PartialDate) -> PartialDate:
    return PartialDate(d.year, d.month or 12, d.day or 31)
