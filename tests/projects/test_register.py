"""The projects register: anchors on plan pages, /projects/ pages, open data, agency pages."""

from __future__ import annotations

import csv
import io
import json
import re
from xml.etree import ElementTree as ET

from bs4 import BeautifulSoup
from kbtest import Project

from generator.content.validate import load_corpus
from generator.exports import make_exports
from generator.projects.pages import PER_PAGE
from generator.site.pages import make_pages

AGENCIES = {
    "agencies/moi.yml": "title: กระทรวงมหาดไทย\nname_en: Ministry of Interior\nabbreviation: มท.\n",
    "agencies/cm.yml": """
        title: สำนักงานจังหวัดเชียงใหม่
        name_en: Chiang Mai Provincial Office
        parent: moi
        """,
}
PLAN = """
    title: แผนพัฒนาจังหวัดเชียงใหม่
    kind: province-development
    owner: provinces/p1
    fiscal_years: [2555, 2556]
    strategies:
      - title: ยุทธศาสตร์ท่องเที่ยว
        kpis:
          - {name: รายได้จากการท่องเที่ยว, target: 5, unit: ร้อยละ}
        projects:
          - {title: โครงการถนนสายวัฒนธรรม, budget: 1000000, agency: สำนักงาน จังหวัดเชียงใหม่,
             priority: 2}
          - {title: โครงการตลาดชุมชน, budget: 500000, agency: อบต.แม่ริม, priority: 1}
      - title: ยุทธศาสตร์เกษตร
        projects:
          - {title: โครงการฝายชะลอน้ำ, budget: 250000, agency: cm}
    """
ORDER = """
    title: แต่งตั้งคณะทำงาน
    number: 1/2555
    date: 2555-03-01
    issuer: สำนักงานจังหวัดเชียงใหม่
    """


def build(project: Project, **extra: str):
    for rel, text in {**AGENCIES, "plans/cm.yml": PLAN, "orders/o1.yml": ORDER, **extra}.items():
        project.write(rel, text)
    corpus, problems = load_corpus(project.content)
    assert problems == []
    exports = make_exports(corpus, project.content)
    return {p.url: p for p in make_pages(corpus, project.content, exports)}, exports


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def cells(tr) -> list[str]:
    return [re.sub(r"\s+", " ", td.get_text(" ", strip=True)) for td in tr.find_all("td")]


def test_each_project_has_an_anchor_on_its_plan_page(project: Project) -> None:
    pages, _ = build(project)
    plan = soup(pages["/plans/cm/"].html)
    assert [tr["id"] for tr in plan.select("tr[id^=projects-]")] == [
        "projects-1-1", "projects-1-2", "projects-2-1"]  # fmt: skip
    row = plan.select_one("#projects-1-1")
    assert cells(row) == ["โครงการถนนสายวัฒนธรรม", "1,000,000 บาท", "สำนักงาน จังหวัดเชียงใหม่",
                          "2"]  # fmt: skip
    assert row.select_one("a")["href"] == "../../agencies/cm/"  # the name links its agency


def test_projects_page_lists_every_project_with_its_plan(project: Project) -> None:
    pages, _ = build(project)
    page = soup(pages["/projects/"].html)
    headers = [th.get_text(strip=True) for th in page.select("#kb-projects thead th")]
    assert headers == ["ลำดับความสำคัญ", "โครงการ", "แผน", "เจ้าของแผน", "ประเด็นยุทธศาสตร์",
                       "หน่วยงานรับผิดชอบ", "ปีงบประมาณ", "งบประมาณ (บาท)"]  # fmt: skip
    rows = page.select("#kb-projects tbody tr")
    assert [cells(tr) for tr in rows] == [
        ["2", "โครงการถนนสายวัฒนธรรม", "แผนพัฒนาจังหวัดเชียงใหม่", "เชียงใหม่",
         "ยุทธศาสตร์ท่องเที่ยว", "สำนักงานจังหวัดเชียงใหม่", "2555, 2556", "1,000,000 บาท"],
        ["1", "โครงการตลาดชุมชน", "แผนพัฒนาจังหวัดเชียงใหม่", "เชียงใหม่", "ยุทธศาสตร์ท่องเที่ยว",
         "อบต.แม่ริม", "2555, 2556", "500,000 บาท"],
        ["", "โครงการฝายชะลอน้ำ", "แผนพัฒนาจังหวัดเชียงใหม่", "เชียงใหม่", "ยุทธศาสตร์เกษตร",
         "สำนักงานจังหวัดเชียงใหม่", "2555, 2556", "250,000 บาท"],
    ]  # fmt: skip
    assert rows[0].select("a")[0]["href"] == "../plans/cm/#projects-1-1"
    assert "3 โครงการ · งบประมาณรวม 1,750,000 บาท" in page.select_one(".kb-count").get_text()


def test_projects_pages_are_paginated_without_javascript(project: Project) -> None:
    many = "\n".join(f"          - {{title: โครงการที่ {i}, budget: {i}}}" for i in range(120))
    plan = PLAN.split("      - title: ยุทธศาสตร์เกษตร")[0] + many + "\n"
    pages, _ = build(project, **{"plans/cm.yml": plan})
    first, third = soup(pages["/projects/"].html), soup(pages["/projects/page/3/"].html)
    assert len(first.select("#kb-projects tbody tr")) == PER_PAGE
    assert len(third.select("#kb-projects tbody tr")) == 122 - 2 * PER_PAGE
    assert "/projects/page/4/" not in pages
    assert first.select_one(".kb-pager a[rel=next]")["href"] == "page/2/"


def test_register_open_data(project: Project) -> None:
    _, exports = build(project)
    rows = json.loads(exports["/data/projects.json"])
    assert rows[0] == {
        "plan": "cm", "plan_title": "แผนพัฒนาจังหวัดเชียงใหม่", "url": "/plans/cm/#projects-1-1",
        "owner": "เชียงใหม่",
        "strategy": "ยุทธศาสตร์ท่องเที่ยว", "title": "โครงการถนนสายวัฒนธรรม", "budget": 1000000,
        "priority": 2, "agency": "สำนักงาน จังหวัดเชียงใหม่", "agency_id": "cm",
        "ministry_id": "moi", "group": "g1", "province": "p1", "fiscal_years": [2555, 2556],
    }  # fmt: skip
    assert [r["agency_id"] for r in rows] == ["cm", None, "cm"]
    table = list(csv.reader(io.StringIO(exports["/data/projects.csv"].decode("utf-8-sig"))))
    assert table[0][:3] == ["plan", "plan_title", "url"]
    assert table[1][-1] == "2555; 2556" and len(table) == 4


def test_agency_page_lists_issued_projects_kpis_sub_agencies_and_feed(project: Project) -> None:
    pages, exports = build(project)
    page = pages["/agencies/cm/"]
    html = soup(page.html)
    assert page.feed == "/agencies/cm/feed.xml"
    issued = html.select_one(".kb-issued")
    assert [a.get_text() for a in issued.select("a.kb-item__title")] == ["แต่งตั้งคณะทำงาน"]
    projects = html.select_one(".kb-agency-projects")
    assert projects.select_one(".kb-count").get_text() == "2 โครงการ · งบประมาณรวม 1,250,000 บาท"
    assert projects.select_one("h3").get_text() == "ปีงบประมาณ 2555–2556 · 2 โครงการ · 1,250,000 บาท"
    assert [cells(tr) for tr in projects.select("tbody tr")] == [
        ["โครงการถนนสายวัฒนธรรม", "แผนพัฒนาจังหวัดเชียงใหม่", "2", "1,000,000 บาท"],
        ["โครงการฝายชะลอน้ำ", "แผนพัฒนาจังหวัดเชียงใหม่", "", "250,000 บาท"],
    ]
    assert [cells(tr) for tr in html.select(".kb-agency-kpis tbody tr")] == [
        ["รายได้จากการท่องเที่ยว", "5", "ร้อยละ", "ยุทธศาสตร์ท่องเที่ยว", "แผนพัฒนาจังหวัดเชียงใหม่"]]
    ministry = soup(pages["/agencies/moi/"].html)
    assert [a.get_text() for a in ministry.select(".kb-children a")] == ["สำนักงานจังหวัดเชียงใหม่"]
    feed = ET.fromstring(exports["/agencies/cm/feed.xml"])
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.find("a:title", ns).text == "สำนักงานจังหวัดเชียงใหม่ - ก.น.จ. คลังความรู้"
    assert [e.find("a:title", ns).text for e in feed.findall("a:entry", ns)] == [
        "แต่งตั้งคณะทำงาน", "แผนพัฒนาจังหวัดเชียงใหม่"]  # fmt: skip


def test_record_text_is_escaped_in_register_and_agency_pages(project: Project) -> None:
    evil = PLAN.replace("โครงการตลาดชุมชน", "<script>alert(1)</script>")
    pages, _ = build(project, **{"plans/cm.yml": evil})
    for url in ("/projects/", "/plans/cm/"):
        assert "<script>alert(1)" not in pages[url].html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[url].html


def test_each_project_is_a_search_entry_naming_its_plan(project: Project, tmp_path) -> None:
    from generator.search.index import build_index
    from generator.search.query import SearchIndex, make_request, search

    for rel, text in {**AGENCIES, "plans/cm.yml": PLAN}.items():
        project.write(rel, text)
    corpus, _ = load_corpus(project.content)
    build_index(corpus, tmp_path / "index")
    idx = SearchIndex(tmp_path / "index")
    found = search(idx, make_request("ฝายชะลอน้ำ", {"type": "projects"}))
    assert [(h["title"], h["url"]) for h in found["hits"]] == [
        ("โครงการฝายชะลอน้ำ — แผนพัฒนาจังหวัดเชียงใหม่", "/plans/cm/#projects-2-1")]  # fmt: skip
    in_plan = search(idx, make_request("ยุทธศาสตร์เกษตร", {"type": "projects"}))["hits"]
    assert in_plan[0]["snippet"] == ("โครงการในแผนพัฒนาจังหวัดเชียงใหม่ · <mark>ยุทธศาสตร์เกษตร"
                                     "</mark> สำนักงานจังหวัดเชียงใหม่")
    by_agency = search(idx, make_request("โครงการ", {"type": "projects", "year": "2556",
                                                     "issuer": "สำนักงานจังหวัดเชียงใหม่"}))
    assert sorted(h["title"].split(" — ")[0] for h in by_agency["hits"]) == [
        "โครงการถนนสายวัฒนธรรม", "โครงการฝายชะลอน้ำ"]  # fmt: skip
    assert by_agency["facets"]["province"] == {"p1": 2}
