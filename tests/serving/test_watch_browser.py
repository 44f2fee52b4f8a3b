"""`kb serve --watch` for real: edit a file, the open page in Chromium changes by itself;
a bad edit shows the problems as a banner and the terminal says so; fixing it clears it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from kbtest import REPO, Project, chromium, free_port

ORDER = "title: {title}\nnumber: 1/2552\ndate: 2552\nissuer: ก.น.จ.\n"


@pytest.fixture
def served(project: Project) -> Iterator[tuple[str, subprocess.Popen]]:
    project.write("about.md", "# ความเป็นมา\n")
    project.write("orders/o1.yml", ORDER.format(title="คำสั่งเดิม"))
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--watch", "--port", str(port),
         "--content", str(project.content), "--site", str(project.site),
         "--index", str(project.index), "--config", str(REPO / "mkdocs.yml")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=project.root,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert process.poll() is None, process.stdout.read()
            time.sleep(0.2)
    yield url, process
    process.terminate()
    process.wait(timeout=10)


def test_edit_reloads_the_page_and_errors_show_as_a_banner(project, served) -> None:
    from playwright.sync_api import expect

    url, process = served
    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"{url}/orders/o1/")
        assert page.locator("h1").inner_text() == "คำสั่งเดิม"
        time.sleep(1)  # the page's first poll has seen the current version
        project.write("orders/o1.yml", ORDER.format(title="คำสั่งแก้ไขแล้ว"))
        expect(page.locator("h1")).to_have_text("คำสั่งแก้ไขแล้ว", timeout=15_000)
        project.write("orders/o1.yml", ORDER.format(title="คำสั่งแก้ไขแล้ว") + "date: 2553\n")
        banner = page.locator(".kb-preview-error")
        banner.wait_for(timeout=15_000)
        assert "date: ฟิลด์ซ้ำ" in banner.inner_text()
        assert page.locator("h1").inner_text() == "คำสั่งแก้ไขแล้ว"  # the last good page
        project.write("orders/o1.yml", ORDER.format(title="คำสั่งแก้ไขครั้งที่สอง"))
        expect(page.locator("h1")).to_have_text("คำสั่งแก้ไขครั้งที่สอง", timeout=15_000)
        assert page.locator(".kb-preview-error").count() == 0
    process.terminate()
    output = process.communicate(timeout=10)[0]
    assert "rebuilt after editing o1.yml" in output
    assert "o1.yml:5:1: error: date: duplicate key" in output
