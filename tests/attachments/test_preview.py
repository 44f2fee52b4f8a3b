"""Live preview: attaching a file to a record makes its text searchable and its page say so."""

from __future__ import annotations

import shutil

from bs4 import BeautifulSoup
from kbtest import REPO, Project

from generator.search.query import SearchIndex, make_request, search
from generator.serving.watch import Preview

ORDER = "title: คำสั่งทดสอบ\nnumber: 1/2552\ndate: 2552\nissuer: ก.น.จ.\n"


def test_an_attachment_added_in_preview_is_read_and_indexed(project: Project, pdfs) -> None:
    project.write("about.md", "# ความเป็นมา\n")
    path = project.write("orders/o1.yml", ORDER)
    preview = Preview(project.content, project.site, project.index, REPO / "mkdocs.yml")
    assert preview.build() == []
    assert search(SearchIndex(project.index), make_request("เกษตรปลอดภัย", {}))["total"] == 0
    (project.content / "attachments").mkdir()
    shutil.copy(pdfs["text"], project.content / "attachments/plan.pdf")
    path.write_text(ORDER + "attachments:\n  - title: แผนฉบับเต็ม\n    file: plan.pdf\n", "utf-8")
    preview.apply([path])
    hits = search(SearchIndex(project.index), make_request("เกษตรปลอดภัย", {}))["hits"]
    assert [(h["id"], h["attachment"]) for h in hits] == [
        ("o1", {"title": "แผนฉบับเต็ม", "url": "/attachments/plan.pdf", "page": 2})]
    html = (project.site / "orders/o1/index.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one(".kb-attachments .kb-searchable").get_text() == "ค้นหาข้อความได้"
