"""Feeds, the iCalendar file, open data, the month view, attachments and sharing meta."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import feedparser
import icalendar
from bs4 import BeautifulSoup
from kbtest import Project

from generator.content.validate import load_corpus
from generator.exports import make_exports
from generator.site.pages import make_pages

CIRCULAR = "title: หนังสือ {i}\nnumber: ว {i}\ndate: 2553-01-{day:02d}\nissuer: ก.พ.ร.\n"


def load(project: Project):
    corpus, problems = load_corpus(project.content)
    assert problems == []
    return corpus


def test_feeds_newest_fifty_with_thai_dates(project: Project) -> None:
    for i in range(60):
        project.write(f"circulars/c{i}.yml", CIRCULAR.format(i=i, day=i % 28 + 1)
                      + f"summary: สรุป {i}\n")  # fmt: skip
    files = make_exports(load(project), project.content, "https://kb.example/")
    feed = feedparser.parse(files["/feeds/circulars.xml"])
    assert not feed.bozo and feed.feed.title == "หนังสือเวียน - ก.น.จ. คลังความรู้"
    assert len(feed.entries) == 50
    first = feed.entries[0]
    assert first.title == "หนังสือ 55" and first.link == "https://kb.example/circulars/c55/"
    assert first.summary == "หนังสือเวียน · 28 มกราคม 2553\nสรุป 55"
    assert first.updated == "2010-01-28T00:00:00+07:00"
    everything = feedparser.parse(files["/feeds/all.xml"])
    assert len(everything.entries) == 50 and not everything.bozo


def test_calendar_is_valid_icalendar_with_stable_uids(project: Project) -> None:
    project.write("events/e1.yml", "title: ประชุม\nstart: 2553-01-19 09:00\nend: 2553-01-19 16:30\n"
                  "location: กรุงเทพมหานคร\n")  # fmt: skip
    project.write("events/e2.yml", "title: สัมมนา\nstart: 2553-02-01\n")
    files = make_exports(load(project), project.content)
    calendar = icalendar.Calendar.from_ical(files["/events.ics"])
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"e1@events.kb", "e2@events.kb"}
    start = events["e1@events.kb"].decoded("dtstart")
    assert (start.hour, str(start.tzinfo)) == (9, "Asia/Bangkok")
    assert str(events["e2@events.kb"].decoded("dtend")) == "2010-02-02"
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Asia/Bangkok"
    again = make_exports(load(project), project.content)
    assert again["/events.ics"] == files["/events.ics"]


def test_open_data_json_csv_schema(project: Project) -> None:
    project.write("plans/p.yml", """
        title: แผน
        kind: province-development
        owner: provinces/p1
        fiscal_years: [2555]
        strategies:
          - title: ยุทธศาสตร์
            projects: [{title: โครงการ, budget: 1250000}]
        """)
    files = make_exports(load(project), project.content)
    plans = json.loads(files["/data/plans.json"])
    assert plans[0]["owner"] == {"type": "provinces", "id": "p1", "title": "เชียงใหม่",
                                 "url": "/provinces/p1/"}  # fmt: skip
    assert plans[0]["strategies"][0]["projects"][0]["budget"] == 1250000
    raw = files["/data/provinces.csv"]
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(r["id"], r["title"], r["group"]) for r in rows] == [
        ("p1", "เชียงใหม่", "g1"), ("p2", "ลำพูน", "g1")]  # fmt: skip
    schema = json.loads(files["/data/plans.schema.json"])
    assert schema["items"]["properties"]["kind"]["enum"][0] == "province-development"
    assert len(json.loads(files["/data/records.json"])) == 4
    assert make_exports(load(project), project.content) == files  # byte-identical


def test_data_page_lists_each_type(project: Project) -> None:
    corpus = load(project)
    exports = make_exports(corpus, project.content)
    pages = {p.url: p for p in make_pages(corpus, project.content, exports)}
    soup = BeautifulSoup(pages["/data/"].html, "html.parser")
    section = soup.select_one("section#provinces")
    assert "2 ระเบียน" in section.get_text()
    size = len(exports["/data/provinces.csv"])
    assert f"({size:,} ไบต์)" in section.get_text()
    assert "name_en" in [c.get_text() for c in section.select("td code")]


def test_month_view_and_navigation(project: Project) -> None:
    for i, start in enumerate(["2553-01-19", "2553-01-05 13:00", "2553-03-02"]):
        project.write(f"events/e{i}.yml", f"title: กิจกรรม {i}\nstart: {start}\n")
    pages = {p.url: p for p in make_pages(load(project), project.content)}
    january = BeautifulSoup(pages["/events/month/2553-01/"].html, "html.parser")
    assert january.h1.get_text() == "ปฏิทินกิจกรรม มกราคม 2553"
    busy = {td.select_one(".kb-calendar__day").get_text(): [a.get_text() for a in td("a")]
            for td in january.select("td.kb-calendar__busy")}  # fmt: skip
    assert busy == {"5": ["กิจกรรม 1"], "19": ["กิจกรรม 0"]}
    assert [th.get_text() for th in january.select("thead th")][:2] == ["อา.", "จ."]
    assert january.select_one("a[rel=next]")["href"] == "../2553-03/"
    assert january.select_one("a[rel=prev]") is None


def test_pdf_page_count_and_image_sizes(project: Project) -> None:
    from PIL import Image
    from pypdf import PdfWriter

    folder = project.content / "attachments"
    folder.mkdir()
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)
    writer.write(folder / "doc.pdf")
    Image.new("RGB", (4000, 3000), "white").save(folder / "big.jpg")
    project.write("activities/a.yml", """
        title: กิจกรรม
        date: 2553-01-19
        attachments: [{title: เอกสาร, file: doc.pdf}]
        images: [{file: big.jpg, caption: ภาพ}]
        """)
    corpus = load(project)
    exports = make_exports(corpus, project.content)
    pages = {p.url: p for p in make_pages(corpus, project.content, exports)}
    soup = BeautifulSoup(pages["/activities/a/"].html, "html.parser")
    assert ", 3 หน้า)" in soup.select_one(".kb-attachments li").get_text()
    img = soup.select_one("figure img")
    assert (img["width"], img["height"]) == ("1280", "960")
    assert img["src"] == "../../attachments/_web/big.webp"
    assert Image.open(io.BytesIO(exports["/attachments/_web/big.webp"])).size == (1280, 960)


def test_record_pages_describe_themselves(project: Project) -> None:
    project.write("events/e.yml", "title: ประชุม\nstart: 2553-01-19\nlocation: กรุงเทพ\n")
    page = next(p for p in make_pages(load(project), Path("content")) if p.url == "/events/e/")
    assert page.jsonld == {"@context": "https://schema.org", "@type": "Event", "name": "ประชุม",
                           "description": "ประชุม", "startDate": "2010-01-19",
                           "location": {"@type": "Place", "name": "กรุงเทพ"}}  # fmt: skip
    assert page.lastmod == "2010-01-19"
