"""Live preview: an edit rebuilds the pages that show the record, an error changes nothing."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bs4 import BeautifulSoup
from kbtest import REPO, Project, wait_for

from generator.serving.watch import Preview, Watcher, watch

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


def test_a_record_added_while_another_file_is_broken_shows_once_fixed(project: Project) -> None:
    preview = started(project)
    broken = project.write("orders/o3.yml", "title: คำสั่ง\nnumber: 4/2552\ndate: 2552-13\n")
    preview.apply([broken])
    added = project.write("circulars/new.yml", "title: หนังสือใหม่\nnumber: ว 2\ndate: 2553\n"
                          "issuer: ข\n")  # fmt: skip
    preview.apply([added])
    assert preview.problems != [] and not (project.site / "circulars" / "new").exists()
    broken.write_text(ORDER.format(title="กลับมาแล้ว", number="4/2552", tag="ก"), encoding="utf-8")
    preview.apply([broken])
    assert preview.problems == []
    assert page(project, "/circulars/new/").h1.get_text() == "หนังสือใหม่"
    assert "หนังสือใหม่" in titles(page(project, "/circulars/"))


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


@contextmanager
def watching(preview: Preview) -> Iterator[None]:
    """The real file watcher (watchdog) applying edits to `preview` in a thread."""
    stop = threading.Event()
    watcher = Watcher(preview.content)  # watching when made
    thread = threading.Thread(target=watch, args=(preview, stop, watcher), daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=10)



def test_reading_files_rebuilds_nothing(project: Project) -> None:
    preview = started(project)
    with watching(preview):
        for _ in range(10):
            for path in project.content.rglob("*"):
                if path.is_file():
                    path.read_bytes()
            time.sleep(0.05)
        time.sleep(1.5)
        assert preview.version == 1


def test_write_to_temp_then_rename_save_rebuilds_once(project: Project) -> None:
    preview = started(project)
    with watching(preview):
        temp = project.content / "orders" / "o3.yml.tmp"
        temp.write_text(ORDER.format(title="บันทึกแบบเปลี่ยนชื่อ", number="4/2552", tag="ก"),
                        encoding="utf-8")  # fmt: skip
        os.replace(temp, project.content / "orders" / "o3.yml")
        assert wait_for(lambda: preview.version == 2)
        assert page(project, "/orders/o3/").h1.get_text() == "บันทึกแบบเปลี่ยนชื่อ"
        time.sleep(1.5)  # rebuilding read the content files: that must not rebuild again
        assert preview.version == 2
        (project.content / "orders" / "o4.yml").unlink()
        assert wait_for(lambda: preview.version == 3)
        assert not (project.site / "orders" / "o4" / "index.html").exists()


def test_first_build_with_errors_builds_once_fixed(project: Project) -> None:
    project.site.mkdir()
    (project.site / "index.html").write_text("last good site", encoding="utf-8")
    project.write("about.md", "# ความเป็นมา\n")
    bad = project.write("orders/o1.yml", "title: คำสั่ง\nnumber: 1/2552\ndate: 2552-13\n")
    preview = Preview(project.content, project.site, project.index, REPO / "mkdocs.yml")
    assert [p.field for p in preview.build()] == ["issuer", "date"] and preview.version == 0
    assert (project.site / "index.html").read_text(encoding="utf-8") == "last good site"
    assert "ไม่ใช่วันที่" in preview.banner()
    with watching(preview):
        bad.write_text(ORDER.format(title="แก้แล้ว", number="1/2552", tag="ก"), encoding="utf-8")
        assert wait_for(lambda: preview.version == 1)
    assert preview.problems == [] and preview.banner() == ""
    assert page(project, "/orders/o1/").h1.get_text() == "แก้แล้ว"
    path = project.write("orders/o1.yml", ORDER.format(title="แก้อีกครั้ง", number="1/2552",
                                                       tag="ก"))  # fmt: skip
    preview.apply([path])
    assert preview.version == 2 and page(project, "/orders/o1/").h1.get_text() == "แก้อีกครั้ง"


def test_kb_serve_watch_starts_with_errors_and_recovers(project: Project) -> None:
    project.site.mkdir()
    (project.site / "index.html").write_text("<html><body><h1>ฉบับเดิม</h1></body></html>",
                                             encoding="utf-8")  # fmt: skip
    project.write("about.md", "# ความเป็นมา\n")
    bad = project.write("orders/o1.yml", "title: คำสั่ง\nnumber: 1/2552\ndate: 2552\n")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--watch", "--port", str(port),
         "--content", "content", "--site", "site", "--index", "index",
         "--config", str(REPO / "mkdocs.yml")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=project.root,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: _get(f"{url}/__kb/version") is not None, 60), process.poll()
        state = json.loads(_get(f"{url}/__kb/version"))
        assert state["version"] == 0 and "issuer" in state["problems"]
        home = BeautifulSoup(_get(f"{url}/"), "html.parser")
        assert home.h1.get_text() == "ฉบับเดิม" and home.select_one(".kb-preview-error")
        bad.write_text(bad.read_text(encoding="utf-8") + "issuer: ก.น.จ.\n", encoding="utf-8")
        assert wait_for(lambda: json.loads(_get(f"{url}/__kb/version"))["version"] == 1, 60)
        home = BeautifulSoup(_get(f"{url}/"), "html.parser")
        assert home.h1.get_text() != "ฉบับเดิม" and not home.select_one(".kb-preview-error")
    finally:
        process.terminate()
        _, err = process.communicate(timeout=10)
    lines = err.splitlines()
    assert lines[0].startswith("content/orders/o1.yml:1:1: error: issuer: required field")
    assert lines[1] == "6 files checked: 1 problem in 1 of them."
    assert lines[2].startswith("not built: site/ shows its last good version")


def test_an_edit_saved_while_the_first_build_runs_is_shown(project: Project) -> None:
    project.write("about.md", "# ความเป็นมา\n")
    for i in range(25):
        project.write(f"orders/o{i}.yml", ORDER.format(title=f"คำสั่ง {i}", number=f"{i + 1}/2552",
                                                       tag="ก"))  # fmt: skip
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--watch", "--port", str(port),
         "--content", "content", "--site", "site", "--index", "index",
         "--config", str(REPO / "mkdocs.yml")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=project.root,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:  # the site is being written: the content was read before this edit
        assert wait_for(lambda: (project.site / "orders").is_dir(), 60), process.poll()
        project.write("orders/late.yml", ORDER.format(title="บันทึกระหว่างสร้าง",
                                                      number="99/2552", tag="ก"))  # fmt: skip
        assert wait_for(lambda: _get(f"{url}/__kb/version") is not None, 60), process.poll()
        assert wait_for(lambda: _get(f"{url}/orders/late/") is not None, 30)
        assert "บันทึกระหว่างสร้าง" in _get(f"{url}/orders/late/")
    finally:
        process.terminate()
        process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None
