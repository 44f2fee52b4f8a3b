"""Live preview: an edit rebuilds the pages that show the record, an error changes nothing."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from kbtest import REPO, Project

from generator.watch import Preview

ORDER = "title: {title}\nnumber: {number}\ndate: 2552\nissuer: ก.น.จ.\ntags: [{tag}]\n"


def started(project: Project) -> Preview:
    project.write("about.md", "# ความเป็นมา\n")
    for i in range(25):
        project.write(f"orders/o{i}.yml", ORDER.format(title=f"คำสั่ง {i}", number=f"{i + 1}/2552",
                                                       tag="ก" if i % 2 else "ข"))  # fmt: skip
    project.write("circulars/c.yml", "title: หนังสือ\nnumber: ว 1\ndate: 2553\nissuer: ข\n"
                  "related: [orders/o3]\n")  # fmt: skip
    preview = Preview(project.content, project.site, project.index, REPO / "mkdocs.yml")
    assert preview.build() == [] and preview.version == 1
    return preview


def page(project: Project, url: str) -> BeautifulSoup:
    html = (project.site / url.strip("/") / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def titles(soup: BeautifulSoup) -> list[str]:
    return [a.get_text() for a in soup.select(".kb-item__title")]


def test_edit_shows_everywhere_it_appears(project: Project) -> None:
    preview = started(project)
    newer = ORDER.format(title="คำสั่งแก้ไข", number="4/2553", tag="ค").replace("2552\n", "2553\n")
    path = project.write("orders/o3.yml", newer)
    assert preview.apply([path]) < 3 and preview.problems == [] and preview.version == 2
    assert page(project, "/orders/o3/").h1.get_text() == "คำสั่งแก้ไข"
    lists = titles(page(project, "/orders/")) + titles(page(project, "/orders/page/2/"))
    assert "คำสั่งแก้ไข" in lists and "คำสั่ง 3" not in lists
    assert "คำสั่งแก้ไข" in titles(page(project, "/circulars/c/"))  # related, both ways
    assert "คำสั่งแก้ไข" in titles(page(project, "/tags/ค/"))
    assert "คำสั่งแก้ไข" not in titles(page(project, "/tags/ก/"))
    assert "คำสั่งแก้ไข" in page(project, "/").get_text()  # the home page's latest orders


def test_deleted_record_and_shrunk_list(project: Project) -> None:
    preview = started(project)
    gone = [project.content / "orders" / f"o{i}.yml" for i in range(20, 25)]
    for path in gone:
        path.unlink()
    preview.apply(gone)
    assert not (project.site / "orders" / "o24" / "index.html").exists()
    assert not (project.site / "orders" / "page" / "2" / "index.html").exists()
    assert len(titles(page(project, "/orders/"))) == 20


def test_error_keeps_the_last_good_site(project: Project) -> None:
    preview = started(project)
    before = (project.site / "orders" / "o3" / "index.html").read_bytes()
    path = project.write("orders/o3.yml", "title: คำสั่ง\nnumber: 4/2552\ndate: 2552-13\n")
    preview.apply([path])
    assert [p.field for p in preview.problems] == ["issuer", "date"]
    assert (project.site / "orders" / "o3" / "index.html").read_bytes() == before
    assert preview.version == 1 and "ไม่ใช่วันที่" in preview.banner()
    path.write_text(ORDER.format(title="กลับมาแล้ว", number="4/2552", tag="ก"), encoding="utf-8")
    preview.apply([path])
    assert preview.problems == [] and preview.version == 2
    assert page(project, "/orders/o3/").h1.get_text() == "กลับมาแล้ว"


def test_narrative_page_edit(project: Project) -> None:
    preview = started(project)
    path: Path = project.write("about.md", "# ความเป็นมา\n\nข้อความใหม่\n")
    preview.apply([path])
    assert "ข้อความใหม่" in page(project, "/about/").get_text()


def test_edit_updates_its_search_entry(project: Project) -> None:
    from generator.search.query import SearchIndex, make_request, search

    preview = started(project)
    assert search(SearchIndex(project.index), make_request("กาแฟ", {}))["total"] == 0
    path = project.write("orders/o3.yml", ORDER.format(title="คำสั่งเรื่องกาแฟ", number="4/2552",
                                                       tag="ก"))  # fmt: skip
    preview.apply([path])
    answer = search(SearchIndex(project.index), make_request("กาแฟ", {}))
    assert [hit["id"] for hit in answer["hits"]] == ["o3"]
    old_title = search(SearchIndex(project.index), make_request("คำสั่ง 3", {}))
    assert "o3" not in [hit["id"] for hit in old_title["hits"]]
