"""Shared test helpers: the repository's root and small content folders in tmp_path."""

from __future__ import annotations

import os
import socket
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

BASE = {
    "index.md": "# หน้าหลัก\n\nคลังความรู้ทดสอบ\n",
    "groups/g1.yml": """
        title: กลุ่มจังหวัดทดสอบ
        provinces: [p1, p2]
        center: p1
        """,
    "provinces/p1.yml": "title: เชียงใหม่\nname_en: Chiang Mai\ngroup: g1\n",
    "provinces/p2.yml": "title: ลำพูน\nname_en: Lamphun\ngroup: g1\n",
}


class Project:
    """A content folder in tmp_path, with a site and an index folder beside it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.site = root / "site"
        self.index = root / "index"

    def write(self, rel: str, text: str) -> Path:
        """Write a file under content/ (text is dedented); returns its path."""
        path = self.content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def base(self) -> Project:
        """A valid minimal knowledge base: one cluster, two provinces, a home page."""
        for rel, text in BASE.items():
            self.write(rel, text)
        return self


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


@contextmanager
def chromium() -> Iterator:
    """Debian's headless Chromium driven by Playwright (CI installs it; missing → fail)."""
    import pytest
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
