"""pages.make_pages / PageMaker: every field shown, dates in Thai BE, lists, tags, clusters.

Each test writes a small corpus with the `project` fixture, loads it with load_corpus and
checks the HTML of the content area with BeautifulSoup selectors.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from kbtest import unwrap_words

from generator.content.model import TYPES
from generator.content.validate import load_corpus
from generator.site.pages import Page, PageMaker, make_pages

BASE_URL = "http://kb.test"


# ---------------------------------------------------------------- helpers


def load(project):
    corpus, problems = load_corpus(project.content)
    assert problems == [], "\n".join(str(p) for p in problems)
    return corpus


def site_pages(project) -> dict[str, Page]:
    corpus = load(project)
    pages = make_pages(corpus, project.content)
    by_url = {p.url: p for p in pages}
    assert len(by_url) == len(pages), "two pages share a URL"
    return by_url


def soup(page: Page | str) -> BeautifulSoup:
    html = page if isinstance(page, str) else page.html
    return unwrap_words(BeautifulSoup(html, "html.parser"))


def text(node: Tag | None) -> str:
    assert node is not None
    return re.sub(r"\s+", " ", node.get_text(" ", strip=True)).strip()


def resolve(page_url: str, href: str) -> str:
    """The site path a link on page `page_url` points to."""
    return unquote(urlsplit(urljoin(BASE_URL + page_url, href)).path)


def links(page: Page) -> list[tuple[str, str]]:
    """(resolved path, link text) of every link in a page."""
    return [(resolve(page.url, a["href"]), text(a)) for a in soup(page).select("a[href]")]


def link_targets(page: Page) -> list[str]:
    return [path for path, _ in links(page)]


def th(type_: str, field: str) -> str:
    """The Thai label of a field, as the model declares it."""
    fld = TYPES[type_].field(field)
    assert fld is not None
    return fld.th


def meta(page: Page) -> dict[str, Tag]:
    """The record's fields shown as a definition list: label → <dd>."""
    found: dict[str, Tag] = {}
    for dt in soup(page).select("dl dt"):
        dd = dt.find_next_sibling("dd")
        assert dd is not None
        found[text(dt)] = dd
    return found


def table_with(page: Page, headers: list[str]) -> Tag:
    """The table whose header cells are exactly `headers`."""
    tables = soup(page).find_all("table")
    for table in tables:
        if [text(x) for x in table.select("thead th")] == headers:
            return table
    shown = [[text(x) for x in t.select("thead th")] for t in tables]
    raise AssertionError(f"no table with headers {headers}; tables: {shown}")


def rows(table: Tag) -> list[list[str]]:
    return [[text(td) for td in tr.find_all("td")] for tr in table.select("tbody tr")]


def list_titles(page: Page) -> list[str]:
    """The record titles a list page links to, in order (pager links left out)."""
    return [text(a) for a in soup(page).select(".kb-list a.kb-item__title")]


def grouped_lists(page: Page) -> list[tuple[str, list[str]]]:
    """(heading, titles) of each top-level <h2> directly followed by a list of records."""
    found = []
    for h2 in soup(page).find_all("h2", recursive=False):
        ul = h2.find_next_sibling()
        if ul is not None and ul.name == "ul" and "kb-list" in ul.get("class", []):
            found.append((text(h2), [text(a) for a in ul.select("a.kb-item__title")]))
    return found


def block_of(page: Page, heading: str, name: str = "h3") -> Tag:
    """The element that holds the heading `heading` (its parent block)."""
    for h in soup(page).find_all(name):
        if text(h).endswith(heading):
            assert h.parent is not None
            return h.parent
    raise AssertionError(f"no <{name}> {heading!r} in {page.url}")


def circular(project, id_: str, title: str, day: str, **extra: str) -> None:
    lines = [f"title: {title}", f"number: นร 0109/ว {id_}", f"date: {day}",
             "issuer: สำนักงาน ก.พ.ร."]  # fmt: skip
    lines += [f"{k}: {v}" for k, v in extra.items()]
    project.write(f"circulars/{id_}.yml", "\n".join(lines) + "\n")


# ---------------------------------------------------------------- record pages


def test_circular_shows_number_issuer_audience_and_thai_date(project):
    project.write(
        "circulars/2553/c12.yml",
        """
        title: การจัดทำแผนพัฒนากลุ่มจังหวัด
        number: นร 0109/ว 12
        date: 2553-01-19
        issuer: สำนักงานคณะกรรมการพัฒนาระบบราชการ
        to: ผู้ว่าราชการจังหวัดทุกจังหวัด
        summary: แจ้งแนวทางการจัดทำแผน
        body: |
          ## ความเป็นมา

          ตามที่ **ก.น.จ.** ได้มีมติ
        """,
    )
    page = site_pages(project)["/circulars/c12/"]
    s = soup(page)
    assert text(s.h1) == "การจัดทำแผนพัฒนากลุ่มจังหวัด"
    fields = meta(page)
    assert text(fields[th("circulars", "number")]) == "นร 0109/ว 12"
    assert text(fields[th("circulars", "issuer")]) == "สำนักงานคณะกรรมการพัฒนาระบบราชการ"
    assert text(fields[th("circulars", "to")]) == "ผู้ว่าราชการจังหวัดทุกจังหวัด"
    when = fields[th("circulars", "date")]
    assert text(when) == "19 มกราคม 2553"
    assert when.find("time")["datetime"] == "2010-01-19"
    assert "แจ้งแนวทางการจัดทำแผน" in text(s)
    assert text(s.find("h2", string="ความเป็นมา")) == "ความเป็นมา"
    assert text(s.find("strong")) == "ก.น.จ."


@pytest.mark.parametrize(("written", "shown"), [
    ("2553-01-19", "19 มกราคม 2553"),
    ('"2553-01-19"', "19 มกราคม 2553"),
    ("2010-01-19", "19 มกราคม 2553"),
    ("2553-01", "มกราคม 2553"),
    ("2553", "พ.ศ. 2553"),
    ("2552-11-02", "2 พฤศจิกายน 2552"),
    ("2553-12-31", "31 ธันวาคม 2553"),
])  # fmt: skip
def test_dates_in_thai_buddhist_era(project, written, shown):
    circular(project, "c1", "หนังสือเวียนทดสอบ", written)
    pages = site_pages(project)
    assert text(meta(pages["/circulars/c1/"])[th("circulars", "date")]) == shown
    item = soup(pages["/circulars/"]).select_one(".kb-list li")
    assert text(item.find("time")) == shown


def test_order_members_table_and_supersedes_both_ways(project):
    project.write(
        "orders/o1.yml",
        """
        title: แต่งตั้งคณะอนุกรรมการด้านแผน
        number: 1/2552
        date: 2552-11-02
        issuer: ก.น.จ.
        members:
          - name: นายสมชาย ใจดี
            position: รองนายกรัฐมนตรี
            role: ประธานอนุกรรมการ
          - name: นางสาวสมหญิง รักงาน
            position: เลขาธิการ ก.พ.ร.
            role: อนุกรรมการและเลขานุการ
        """,
    )
    project.write(
        "orders/o2.yml",
        """
        title: แต่งตั้งคณะอนุกรรมการด้านแผน (แก้ไข)
        number: "๒/๒๕๕๒"
        date: 2552-12-01
        issuer: ก.น.จ.
        supersedes: o1
        """,
    )
    pages = site_pages(project)
    o1, o2 = pages["/orders/o1/"], pages["/orders/o2/"]

    members = table_with(o1, [f.th for f in TYPES["orders"].field("members").fields])
    assert rows(members) == [
        ["นายสมชาย ใจดี", "รองนายกรัฐมนตรี", "ประธานอนุกรรมการ"],
        ["นางสาวสมหญิง รักงาน", "เลขาธิการ ก.พ.ร.", "อนุกรรมการและเลขานุการ"],
    ]
    assert text(meta(o1)[th("orders", "number")]) == "1/2552"
    assert text(meta(o1)[th("orders", "date")]) == "2 พฤศจิกายน 2552"

    # o2 says what it supersedes, with a link to o1
    dd = meta(o2)[th("orders", "supersedes")]
    assert [(resolve(o2.url, a["href"]), text(a)) for a in dd.find_all("a")] == [
        ("/orders/o1/", "แต่งตั้งคณะอนุกรรมการด้านแผน")
    ]
    # o1 says it is superseded by o2
    by = [a for a in soup(o1).find_all("a") if resolve(o1.url, a["href"]) == "/orders/o2/"]
    assert by, "o1's page does not link to the order that supersedes it"
    assert any("ยกเลิก" in text(a.parent) for a in by), "the link does not say 'superseded by'"
    # and o2 is not said to be superseded
    assert not [
        a
        for a in soup(o2).find_all("a")
        if resolve(o2.url, a["href"]) == "/orders/o1/" and "ถูกยกเลิก" in text(a.parent)
    ]


PLAN = """
    title: แผนพัฒนาจังหวัดเชียงใหม่
    kind: province-development
    owner: provinces/p1
    fiscal_years: [2555, 2556]
    vision: เมืองน่าอยู่ เศรษฐกิจมั่นคง
    strategies:
      - title: พัฒนาการท่องเที่ยว
        goals:
          - รายได้จากการท่องเที่ยวเพิ่มขึ้น
          - นักท่องเที่ยวพึงพอใจ
        kpis:
          - name: ร้อยละที่เพิ่มขึ้นของรายได้
            target: 10
            unit: ร้อยละ
          - name: จำนวนนักท่องเที่ยว
            target: 2000000
            unit: คน
        projects:
          - title: โครงการถนนคนเดิน
            budget: 1000000
            agency: สำนักงานจังหวัด
          - title: โครงการประชาสัมพันธ์
            budget: 250000
            agency: การท่องเที่ยว
      - title: พัฒนาการเกษตร
        goals:
          - ผลผลิตมีคุณภาพ
        projects:
          - title: โครงการเกษตรปลอดภัย
            budget: 2000000
            agency: เกษตรจังหวัด
    """


def test_plan_vision_strategies_goals_kpis_projects_and_totals(project):
    project.write("plans/cm.yml", PLAN)
    page = site_pages(project)["/plans/cm/"]
    s = soup(page)
    fields = meta(page)
    assert text(fields[th("plans", "vision")]) == "เมืองน่าอยู่ เศรษฐกิจมั่นคง"
    assert text(fields[th("plans", "kind")]) == "แผนพัฒนาจังหวัด"
    assert "2555" in text(fields[th("plans", "fiscal_years")])
    assert "2556" in text(fields[th("plans", "fiscal_years")])
    owner = fields[th("plans", "owner")].find("a")
    assert resolve(page.url, owner["href"]) == "/provinces/p1/"

    tourism = block_of(page, "พัฒนาการท่องเที่ยว")
    farming = block_of(page, "พัฒนาการเกษตร")
    assert tourism is not farming
    assert [text(li) for li in tourism.select("ul li")] == [
        "รายได้จากการท่องเที่ยวเพิ่มขึ้น",
        "นักท่องเที่ยวพึงพอใจ",
    ]
    kpi_labels = [f.th for f in TYPES["plans"].field("strategies").fields[2].fields]
    kpis = table_with(page, kpi_labels)
    assert tourism in kpis.parents
    assert rows(kpis) == [["ร้อยละที่เพิ่มขึ้นของรายได้", "10", "ร้อยละ"],
                          ["จำนวนนักท่องเที่ยว", "2000000", "คน"]]  # fmt: skip

    project_labels = [f.th for f in TYPES["plans"].field("strategies").fields[3].fields[:3]]
    tables = [t for t in s.find_all("table")
              if [text(x) for x in t.select("thead th")] == project_labels]  # fmt: skip
    assert len(tables) == 2
    budgets = {r[0]: r[1] for t in tables for r in rows(t)}
    assert budgets == {"โครงการถนนคนเดิน": "1,000,000 บาท",
                       "โครงการประชาสัมพันธ์": "250,000 บาท",
                       "โครงการเกษตรปลอดภัย": "2,000,000 บาท"}  # fmt: skip
    # the total of each strategy, inside its own block
    assert "1,250,000 บาท" in text(tourism)
    assert "2,000,000 บาท" in text(farming)
    assert "1,250,000 บาท" not in text(farming)
    # the plan's total
    assert "3,250,000 บาท" in text(s)
    assert "3,250,000 บาท" not in text(tourism) + text(farming)


def test_plan_budget_with_satang(project):
    project.write(
        "plans/small.yml",
        """
        title: แผนเล็ก
        kind: annual-action
        owner: groups/g1
        fiscal_years: [2554]
        strategies:
          - title: ยุทธศาสตร์เดียว
            projects:
              - title: โครงการหนึ่ง
                budget: 1500.5
              - title: โครงการสอง
                budget: 0
        """,
    )
    page = site_pages(project)["/plans/small/"]
    assert "1,500.50 บาท" in text(soup(page))
    assert text(meta(page)[th("plans", "kind")]) == "แผนปฏิบัติราชการประจำปี"


def test_meeting_topics_and_points(project):
    project.write(
        "meetings/m1.yml",
        """
        title: สรุปประเด็นการประชุมเชิงปฏิบัติการ
        date: 2553-01-19
        venue: โรงแรมมิราเคิล แกรนด์
        presenter: ผู้แทนสำนักงาน ก.พ.ร.
        topics:
          - title: บทบาทของกระทรวง
            points:
              - กระทรวงควรสนับสนุนยุทธศาสตร์กลุ่มจังหวัด
              - ควรมีกลไกประสานงาน
          - title: งบประมาณ
            points:
              - จัดสรรงบประมาณให้สอดคล้องกับแผน
        """,
    )
    page = site_pages(project)["/meetings/m1/"]
    fields = meta(page)
    assert text(fields[th("meetings", "date")]) == "19 มกราคม 2553"
    assert text(fields[th("meetings", "venue")]) == "โรงแรมมิราเคิล แกรนด์"
    assert text(fields[th("meetings", "presenter")]) == "ผู้แทนสำนักงาน ก.พ.ร."
    roles = block_of(page, "บทบาทของกระทรวง")
    budget = block_of(page, "งบประมาณ")
    assert [text(li) for li in roles.select("li")] == [
        "กระทรวงควรสนับสนุนยุทธศาสตร์กลุ่มจังหวัด",
        "ควรมีกลไกประสานงาน",
    ]
    assert [text(li) for li in budget.select("li")] == ["จัดสรรงบประมาณให้สอดคล้องกับแผน"]


def test_qa_list_grouped_by_category_and_answer_rendered(project):
    for id_, q, cat in [("q1", "งบประมาณมาจากไหน", "งบประมาณ"),
                        ("q2", "ใครจัดทำแผน", "แผน"),
                        ("q3", "ขอเพิ่มงบได้ไหม", "งบประมาณ")]:  # fmt: skip
        project.write(
            f"qa/{id_}.yml",
            f"title: {q}\ncategory: {cat}\n"
            "answer: |\n  ตอบว่า **ได้** ตาม[ระเบียบ](https://www.opdc.go.th/)\n",
        )
    pages = site_pages(project)
    groups = {heading: sorted(titles) for heading, titles in grouped_lists(pages["/qa/"])}
    assert groups == {"งบประมาณ": ["ขอเพิ่มงบได้ไหม", "งบประมาณมาจากไหน"],
                      "แผน": ["ใครจัดทำแผน"]}  # fmt: skip
    answer = soup(pages["/qa/q1/"])
    assert text(answer.h1) == "งบประมาณมาจากไหน"
    assert text(answer.find("strong")) == "ได้"
    assert answer.find("a", string="ระเบียบ")["href"] == "https://www.opdc.go.th/"


def test_attachments_title_type_and_size(project):
    (project.content / "attachments/2553").mkdir(parents=True)
    (project.content / "attachments/2553/c12.pdf").write_bytes(b"%" * 2048)
    (project.content / "attachments/note.docx").write_bytes(b"x" * 500)
    project.write(
        "circulars/c12.yml",
        """
        title: หนังสือเวียนมีไฟล์แนบ
        number: นร 0109/ว 12
        date: 2553-01-19
        issuer: ก.พ.ร.
        attachments:
          - title: หนังสือเวียนฉบับเต็ม
            file: 2553/c12.pdf
          - title: บันทึกประกอบ
            file: note.docx
          - title: ประกาศบนเว็บ
            file: https://www.opdc.go.th/content.php?id=1
        """,
    )
    page = site_pages(project)["/circulars/c12/"]
    items = {}
    for a in soup(page).find_all("a"):
        li = a.find_parent("li")
        if li is not None:
            items[text(a)] = (resolve(page.url, a["href"]), text(li))
    href, line = items["หนังสือเวียนฉบับเต็ม"]
    assert href == "/attachments/2553/c12.pdf"
    assert "PDF" in line
    assert re.search(r"\b2(\.0)? ?(KB|กิโลไบต์)", line), line
    href, line = items["บันทึกประกอบ"]
    assert href == "/attachments/note.docx"
    assert "DOCX" in line
    assert re.search(r"\b500 ?(ไบต์|B\b|bytes)", line), line
    assert "ประกาศบนเว็บ" in items
    assert soup(page).find("a", string="ประกาศบนเว็บ")["href"] == (
        "https://www.opdc.go.th/content.php?id=1"
    )


def test_related_records_both_directions(project):
    circular(project, "c1", "หนังสือเวียนอ้างคำสั่ง", "2553-01-19")
    project.write(
        "circulars/c1.yml",
        (project.content / "circulars/c1.yml").read_text(encoding="utf-8")
        + "related: [orders/o1]\n",
    )
    project.write(
        "orders/o1.yml",
        """
        title: คำสั่งที่ถูกอ้างถึง
        number: 1/2552
        date: 2552
        issuer: ก.น.จ.
        """,
    )
    circular(project, "c2", "หนังสือเวียนไม่เกี่ยวข้อง", "2553-02-01")
    pages = site_pages(project)
    c1, o1 = pages["/circulars/c1/"], pages["/orders/o1/"]
    assert ("/orders/o1/", "คำสั่งที่ถูกอ้างถึง") in links(c1)
    assert ("/circulars/c1/", "หนังสือเวียนอ้างคำสั่ง") in links(o1)  # what links here
    assert "/circulars/c2/" not in link_targets(o1)
    assert "/circulars/c2/" not in link_targets(c1)


# ---------------------------------------------------------------- clusters and provinces


def test_cluster_page_provinces_centre_and_plans(project):
    project.write(
        "groups/g1.yml",
        """
        title: กลุ่มจังหวัดภาคเหนือตอนบน
        provinces: [p1, p2]
        center: p1
        office: สำนักบริหารยุทธศาสตร์กลุ่มจังหวัด
        """,
    )
    project.write(
        "plans/group-plan.yml",
        """
        title: แผนพัฒนากลุ่มจังหวัด
        kind: cluster-development
        owner: groups/g1
        fiscal_years: [2555]
        """,
    )
    project.write(
        "plans/p2-plan.yml",
        """
        title: แผนพัฒนาจังหวัดลำพูน
        kind: province-development
        owner: provinces/p2
        fiscal_years: [2556]
        """,
    )
    pages = site_pages(project)
    group = pages["/groups/g1/"]
    fields = meta(group)
    provinces = [(resolve(group.url, a["href"]), text(a))
                 for a in fields[th("groups", "provinces")].find_all("a")]  # fmt: skip
    assert sorted(provinces) == [("/provinces/p1/", "เชียงใหม่"), ("/provinces/p2/", "ลำพูน")]
    centre = fields[th("groups", "center")].find("a")
    assert (resolve(group.url, centre["href"]), text(centre)) == ("/provinces/p1/", "เชียงใหม่")
    assert text(fields[th("groups", "office")]) == "สำนักบริหารยุทธศาสตร์กลุ่มจังหวัด"
    targets = link_targets(group)
    assert "/plans/group-plan/" in targets
    assert "/plans/p2-plan/" in targets  # a plan of one of its provinces

    p2 = pages["/provinces/p2/"]
    assert ("/groups/g1/", "กลุ่มจังหวัดภาคเหนือตอนบน") in links(p2)
    assert "/plans/p2-plan/" in link_targets(p2)
    assert "/plans/group-plan/" not in link_targets(p2)
    p1 = pages["/provinces/p1/"]
    assert ("/groups/g1/", "กลุ่มจังหวัดภาคเหนือตอนบน") in links(p1)
    assert not [t for t in link_targets(p1) if t.startswith("/plans/") and t != "/plans/"]
    assert text(meta(p1)[th("provinces", "name_en")]) == "Chiang Mai"


def test_province_page_names_its_cluster_once(project):
    page = site_pages(project)["/provinces/p2/"]
    assert [t for t in links(page) if t[0] == "/groups/g1/"] == [("/groups/g1/", "กลุ่มจังหวัดทดสอบ")]
    assert soup(page).get_text().count("กลุ่มจังหวัดทดสอบ") == 1


def test_list_items_separate_number_and_date(project):
    circular(project, "12", "แนวทางการจัดทำแผน", "2553-01-19")
    project.write("activities/a.yml", "title: สัมมนา\ndate: 2553-02-01\n")
    pages = site_pages(project)
    metas = [text(x) for x in soup(pages["/circulars/"]).select(".kb-item .kb-item__meta")]
    assert metas == ["นร 0109/ว 12 · 19 มกราคม 2553"]
    metas = [text(x) for x in soup(pages["/activities/"]).select(".kb-item .kb-item__meta")]
    assert metas == ["1 กุมภาพันธ์ 2553"]
    separators = soup(pages["/circulars/"]).select(".kb-item__meta .kb-item__sep")
    assert [s.get("aria-hidden") for s in separators] == ["true"]


def test_cluster_and_province_lists_in_thai_order(project):
    project.write("provinces/p3.yml", "title: กระบี่\nname_en: Krabi\ngroup: g1\n")
    project.write("groups/g1.yml", "title: กลุ่มหนึ่ง\nprovinces: [p1, p2, p3]\n")
    pages = site_pages(project)
    assert list_titles(pages["/provinces/"]) == ["กระบี่", "เชียงใหม่", "ลำพูน"]


# ---------------------------------------------------------------- tags, events, lists


def test_tag_pages(project):
    circular(project, "c1", "เรื่องงบประมาณ", "2553-01-19", tags="[งบประมาณ, ก.น.จ.]")
    circular(project, "c2", "เรื่องแผน", "2553-02-19", tags="[แผน]")
    project.write(
        "orders/o1.yml",
        """
        title: คำสั่งงบประมาณ
        number: 1/2552
        date: 2552
        issuer: ก.น.จ.
        tags: [งบประมาณ]
        """,
    )
    pages = site_pages(project)
    c1 = pages["/circulars/c1/"]
    tag_links = {text(a): resolve(c1.url, a["href"])
                 for a in meta(c1)[th("circulars", "tags")].find_all("a")}  # fmt: skip
    assert set(tag_links) == {"งบประมาณ", "ก.น.จ."}
    for name, url in tag_links.items():
        assert url in pages, f"the link of tag {name} goes to {url}, which has no page"
    budget = pages[tag_links["งบประมาณ"]]
    assert "งบประมาณ" in text(soup(budget).h1)
    assert sorted(list_titles(budget)) == ["คำสั่งงบประมาณ", "เรื่องงบประมาณ"]
    assert list_titles(pages[tag_links["ก.น.จ."]]) == ["เรื่องงบประมาณ"]

    index = pages["/tags/"]
    listed = {text(a): resolve(index.url, a["href"]) for a in soup(index).select("li a")}
    assert listed.keys() == {"งบประมาณ", "ก.น.จ.", "แผน"}
    assert all(url in pages for url in listed.values())
    counts = {text(a): text(a.find_parent("li")) for a in soup(index).select("li a")}
    assert "2" in counts["งบประมาณ"]
    assert "1" in counts["แผน"]


def test_events_grouped_by_month_newest_first(project):
    for id_, start in [("e1", "2553-01-19 09:00"), ("e2", "2553-01-05"),
                       ("e3", "2553-03-02"), ("e4", "2552")]:  # fmt: skip
        project.write(f"events/{id_}.yml", f"title: กิจกรรม {id_}\nstart: {start}\n")
    pages = site_pages(project)
    grouped = grouped_lists(pages["/events/"])
    assert grouped == [
        ("มีนาคม 2553", ["กิจกรรม e3"]),
        ("มกราคม 2553", ["กิจกรรม e1", "กิจกรรม e2"]),
        ("พ.ศ. 2552", ["กิจกรรม e4"]),
    ]
    start = meta(pages["/events/e1/"])[th("events", "start")]
    assert text(start).startswith("19 มกราคม 2553")
    assert "09:00" in text(start)


def test_list_newest_first_20_a_page_with_page_links(project):
    first = date(2009, 1, 1)
    days = list(range(45))
    # written in a shuffled order so that file order cannot pass for date order
    for i in days[::2] + days[1::2]:
        day = first + timedelta(days=i * 3)
        circular(project, f"c{i:02d}", f"หนังสือเวียนที่ {i:02d}", day.isoformat())
    pages = site_pages(project)
    urls = ["/circulars/", "/circulars/page/2/", "/circulars/page/3/"]
    assert all(u in pages for u in urls)
    assert "/circulars/page/4/" not in pages
    shown = [list_titles(pages[u]) for u in urls]
    assert [len(x) for x in shown] == [20, 20, 5]
    newest_first = [f"หนังสือเวียนที่ {i:02d}" for i in reversed(days)]
    assert shown[0] + shown[1] + shown[2] == newest_first

    for n, url in enumerate(urls, 1):
        page = pages[url]
        pager = [(resolve(url, a["href"]), text(a)) for a in soup(page).select("nav a[href]")]
        targets = {t for t, _ in pager}
        assert targets == set(urls) - {url}, (url, pager)
        numbered = {label: t for t, label in pager if label.isdigit()}
        assert numbered == {str(k): urls[k - 1] for k in (1, 2, 3) if k != n}
        # every item links to its record's page
        for a in soup(page).select(".kb-list a.kb-item__title"):
            assert resolve(url, a["href"]) in pages


def test_drafts_get_no_page_and_appear_in_no_list(project):
    circular(project, "pub", "ฉบับเผยแพร่", "2553-01-19", tags="[ทดสอบ]")
    circular(
        project,
        "secret",
        "ฉบับร่างลับ",
        "2553-02-19",
        tags="[ทดสอบ, ร่างเท่านั้น]",
        draft="true",
        related="[circulars/pub]",
    )
    project.write(
        "orders/o-draft.yml",
        """
        title: คำสั่งร่าง
        number: 9/2552
        date: 2552
        issuer: ก.น.จ.
        draft: true
        """,
    )
    corpus = load(project)
    pages = {p.url: p for p in make_pages(corpus, project.content)}
    assert "/circulars/secret/" not in pages
    assert "/orders/o-draft/" not in pages
    assert "/circulars/pub/" in pages
    home = PageMaker(corpus, project.content).home_html("/")
    everything = [*pages.values(), Page("/", "home", home)]
    for page in everything:
        targets = link_targets(page)
        assert "/circulars/secret/" not in targets, page.url
        assert "/orders/o-draft/" not in targets, page.url
        assert "ฉบับร่างลับ" not in text(soup(page)), page.url
        assert "คำสั่งร่าง" not in text(soup(page)), page.url
    assert not [u for u in pages if u.startswith("/tags/") and "ร่างเท่านั้น" in unquote(u)]
    assert list_titles(pages["/circulars/"]) == ["ฉบับเผยแพร่"]
    assert list_titles(pages["/orders/"]) == []


def test_home_shows_latest_activities_circulars_and_orders(project):
    for i in range(7):
        circular(project, f"c{i}", f"หนังสือเวียน {i}", f"2553-01-{i + 10}")
    project.write(
        "orders/o1.yml", "title: คำสั่งหนึ่ง\nnumber: 1/2552\ndate: 2552-11-02\nissuer: ก.น.จ.\n"
    )
    project.write("activities/a1.yml", "title: ประชุมเชิงปฏิบัติการ\ndate: 2553-01-19\n")
    corpus = load(project)
    home = Page("/", "home", PageMaker(corpus, project.content).home_html("/"))
    titles = [text(a) for a in soup(home).select("a.kb-item__title")]
    assert "คำสั่งหนึ่ง" in titles
    assert "ประชุมเชิงปฏิบัติการ" in titles
    shown = [t for t in titles if t.startswith("หนังสือเวียน")]
    assert shown[0] == "หนังสือเวียน 6"  # newest first
    assert "หนังสือเวียน 0" not in shown  # only the latest few
    for target in link_targets(home):
        assert target in {p.url for p in make_pages(corpus, project.content)}, target


# ---------------------------------------------------------------- links and size


def test_relative_links_resolve(project):
    (project.content / "attachments").mkdir()
    (project.content / "attachments/a.pdf").write_bytes(b"pdf")
    circular(
        project, "x", "หนังสือเวียนเอ็กซ์", "2553-01-19", tags="[ทดสอบ]", related="[orders/y, plans/pl]"
    )
    project.write(
        "circulars/x.yml",
        (project.content / "circulars/x.yml").read_text(encoding="utf-8")
        + "attachments:\n  - title: ไฟล์\n    file: a.pdf\n",
    )
    project.write("orders/y.yml", "title: คำสั่งวาย\nnumber: 1/2552\ndate: 2552\nissuer: ก.น.จ.\n")
    project.write(
        "plans/pl.yml",
        "title: แผนพีแอล\nkind: annual-action\nowner: provinces/p1\nfiscal_years: [2555]\n",
    )
    pages = site_pages(project)
    x = pages["/circulars/x/"]
    hrefs = [a["href"] for a in soup(x).find_all("a")]
    assert "../../orders/y/" in hrefs
    assert "../../plans/pl/" in hrefs
    assert "../" in hrefs  # the list of its type
    for page in pages.values():
        for a in soup(page).select("a[href]"):
            href = a["href"]
            if href.startswith(("https://", "http://", "mailto:")):
                continue
            if re.search(r"\.(xml|ics|json|csv)$", urlsplit(href).path):
                continue  # feeds and data files: not pages; test_site checks them in the site
            assert not href.startswith("/"), f"{page.url}: {href} is not relative"
            target = resolve(page.url, href)
            exists = target in pages or (
                target.startswith("/attachments/")
                and (project.content / target.lstrip("/")).is_file()
            )
            assert exists, f"{page.url}: {href} → {target}, which is no page"


def _corpus_of(project, n: int) -> dict[str, Page]:
    for i in range(n):
        circular(project, f"c{i:03d}", f"หนังสือเวียนที่ {i}", "2553-01-19", tags="[ทั่วไป]")
    return site_pages(project)


def test_record_page_size_does_not_grow_with_records(tmp_path):
    from kbtest import Project

    small = _corpus_of(Project(tmp_path / "small").base(), 10)
    large = _corpus_of(Project(tmp_path / "large").base(), 200)
    assert len(large) > len(small)
    for url in ("/circulars/c003/", "/groups/g1/", "/provinces/p1/"):
        assert len(small[url].html) == len(large[url].html), url
        assert small[url].html == large[url].html, url
