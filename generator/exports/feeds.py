"""Atom feeds of the newest records and the events calendar as iCalendar."""

from __future__ import annotations

from datetime import datetime, timedelta
from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from ..content.corpus import Corpus
from ..content.dates import PartialDate
from ..content.model import TYPES, Record

BANGKOK = ZoneInfo("Asia/Bangkok")
ATOM = "http://www.w3.org/2005/Atom"
FEED_TYPES = ("circulars", "orders", "activities")
FEED_SIZE = 50
SITE_TITLE = "ก.น.จ. คลังความรู้"


def feed_url(name: str) -> str:
    """The URL of a feed: `/feeds/<type>.xml`, or `/feeds/all.xml` for every type."""
    return f"/feeds/{name}.xml"


def make_feeds(corpus: Corpus, site_url: str = "") -> dict[str, bytes]:
    """Site path → Atom XML: one feed per followed type and one for everything."""
    feeds = {}
    for type_ in FEED_TYPES:
        feeds[feed_url(type_)] = atom(corpus.newest(type_)[:FEED_SIZE], type_, site_url)
    dated = [r for r in corpus.published() if r.date is not None]
    newest = sorted(dated, key=Record.sort_key, reverse=True)[:FEED_SIZE]
    feeds[feed_url("all")] = atom(newest, "all", site_url)
    return feeds


def moment(date: PartialDate) -> datetime:
    """A partial date as a Bangkok time: missing month and day read as the first."""
    hour, minute = (date.hour, date.minute) if date.hour >= 0 else (0, 0)
    return datetime(date.year, date.month or 1, date.day or 1, hour, minute, tzinfo=BANGKOK)


def atom(records: list[Record], name: str, site_url: str, title: str = "",
         url: str = "", page: str = "") -> bytes:  # fmt: skip
    """An Atom 1.0 document of `records` (newest first); a type's feed unless `title`, `url`
    (the feed's path) and `page` (the page it follows) say otherwise."""
    title = title or ("ทุกเรื่อง" if name == "all" else TYPES[name].th)
    url = url or feed_url(name)
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "th"})
    _text(feed, "title", f"{title} - {SITE_TITLE}")
    _text(feed, "id", f"{site_url or 'urn:kb:'}{url.lstrip('/')}")
    page = page or ("/" if name == "all" else f"/{name}/")
    ET.SubElement(feed, "link", {"rel": "self", "href": _abs(site_url, url)})
    ET.SubElement(feed, "link", {"rel": "alternate", "href": _abs(site_url, page)})
    updated = moment(records[0].date) if records and records[0].date else datetime(
        2000, 1, 1, tzinfo=BANGKOK)  # fmt: skip
    _text(feed, "updated", updated.isoformat())
    _text(ET.SubElement(feed, "author"), "name", "ก.น.จ.")
    for record in records:
        feed.append(_entry(record, site_url))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _entry(record: Record, site_url: str) -> ET.Element:
    entry = ET.Element("entry")
    _text(entry, "title", record.title)
    _text(entry, "id", f"{site_url or 'urn:kb:'}{record.key}")
    ET.SubElement(entry, "link", {"rel": "alternate", "href": _abs(site_url, record.url)})
    _text(entry, "updated", moment(record.date or PartialDate(2000)).isoformat())
    summary = record.data.get("summary") or record.data.get("body", "")[:300]
    when = record.date.thai() if record.date else ""
    _text(entry, "summary", f"{TYPES[record.type].th} · {when}\n{summary}".strip())
    for tag in record.data.get("tags", []):
        ET.SubElement(entry, "category", {"term": tag})
    return entry


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def _abs(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + path if site_url else path


def make_calendar(corpus: Corpus, site_url: str = "") -> bytes:
    """Every published event as iCalendar (Asia/Bangkok), with UIDs stable across builds."""
    calendar = Calendar()
    calendar.add("prodid", "-//ก.น.จ.//kb//TH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"ปฏิทินกิจกรรม - {SITE_TITLE}")
    calendar.add("x-wr-timezone", "Asia/Bangkok")
    for record in sorted(corpus.published("events"), key=lambda r: (r.data["start"], r.id)):
        calendar.add_component(_event(record, site_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(record: Record, site_url: str) -> Event:
    event = Event()
    event.add("uid", f"{record.id}@events.kb")
    event.add("summary", record.title)
    start, end = record.data["start"], record.data.get("end")
    event.add("dtstart", _ical_time(start))
    if end is not None:
        event.add("dtend", _ical_time(end, end=True))
    elif start.hour < 0:
        event.add("dtend", _ical_time(start, end=True))
    event.add("dtstamp", moment(start))
    if record.data.get("location"):
        event.add("location", record.data["location"])
    description = record.data.get("summary") or record.data.get("body", "")
    if description:
        event.add("description", description)
    event.add("url", _abs(site_url or "urn:kb:", record.url))
    return event


def _ical_time(date: PartialDate, end: bool = False):
    """A timed date as a Bangkok datetime; a whole day (or month) as dates, end exclusive."""
    if date.hour >= 0:
        return moment(date)
    first = moment(date).date()
    if not end:
        return first
    if date.day:
        return first + timedelta(days=1)
    if date.month:
        return (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first.replace(year=first.year + 1)
