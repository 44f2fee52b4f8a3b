"""Shared test helpers: the repository's root and small content folders in tmp_path."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import textwrap
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

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


def unwrap_words(node):  # noqa: ANN001, ANN201 - a BeautifulSoup Tag, returned
    """The node with linebreaks.py's word marks (span.kb-w, wbr) removed, for comparing text."""
    for span in node.select("span.kb-w"):
        span.unwrap()
    for wbr in node.select("wbr"):
        wbr.decompose()
    node.smooth()
    return node


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_edit(project: Project, port: int, backend: int, *more: str) -> subprocess.Popen:
    """`kb edit` on project (preview on port, decap-server on backend), its output in
    project.root/kb-edit.log; returns at once (see wait_for_port)."""
    import sys

    log = (project.root / "kb-edit.log").open("w")
    return subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "edit", "--port", str(port),
         "--backend-port", str(backend), "--content", str(project.content),
         "--site", str(project.site), "--index", str(project.index),
         "--config", str(REPO / "mkdocs.yml"), *more],
        stdout=log, stderr=subprocess.STDOUT, cwd=project.root,
    )  # fmt: skip


def wait_for(condition, seconds: float = 20, every: float = 0.1) -> bool:  # noqa: ANN001
    """Whether condition() became true within the seconds, asked every `every` seconds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    """Wait until something listens on port (60 s) while process runs (else fail with log)."""
    import time

    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            assert process.poll() is None, log.read_text(encoding="utf-8")
            time.sleep(0.2)
    raise AssertionError(f"nothing listens on {port}")


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


# Thai PDFs with known text, for the attachment tests and bench/attachments.py.
FONT = REPO / "theme/assets/fonts/sarabun-thai-400-normal.woff2"
LATIN = REPO / "theme/assets/fonts/sarabun-latin-400-normal.woff2"

HTML = """<!doctype html><html lang="th"><head><meta charset="utf-8"><style>
@font-face {{ font-family: Sarabun; src: url("{font}") format("woff2"); }}
@font-face {{ font-family: Sarabun; src: url("{latin}") format("woff2");
  unicode-range: U+0000-00FF; }}
body {{ font-family: Sarabun; font-size: {size}pt; line-height: 1.6; margin: 0; }}
section {{ page-break-after: always; }}
</style></head><body>{body}</body></html>"""


def thai_html(pages: list[str], size: int = 16) -> str:
    """Thai pages in Sarabun, one <section> a page (an empty string: a blank page)."""
    body = "".join(f"<section><p>{text}</p></section>" if text else
                   '<section style="height: 10mm"></section>' for text in pages)  # fmt: skip
    return HTML.format(font=FONT.as_uri(), latin=LATIN.as_uri(), size=size, body=body)


def print_pdf(browser, html: str, out: Path) -> Path:
    """Chromium print-to-PDF of an HTML string, A4."""
    page = browser.new_page()
    try:
        source = out.with_suffix(".html")
        source.write_text(html, "utf-8")
        page.goto(source.as_uri())
        page.evaluate("document.fonts.ready")
        page.pdf(path=str(out), format="A4", margin={"top": "20mm", "bottom": "20mm",
                                                       "left": "20mm", "right": "20mm"})
        source.unlink()
    finally:
        page.close()
    return out


def rasterise(pdf: Path, page: int, out: Path, dpi: int = 150) -> Path:
    """An image-only PDF of one page of `pdf` (a scan, grey, at `dpi`)."""
    from PIL import Image

    root = out.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(page), "-l",
                    str(page), "-singlefile", str(pdf), str(root)], check=True)  # fmt: skip
    png = root.with_suffix(".png")
    with Image.open(png) as image:
        image.convert("L").save(out, "PDF", resolution=dpi)
    png.unlink()
    return out


class Running:
    """kb's WSGI app served by waitress on a free port of 127.0.0.1, in a daemon thread."""

    def __init__(self, app) -> None:  # noqa: ANN001 - a generator.serving.server.App
        from generator.serving.server import make_server

        self.server = make_server(app, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self.server.effective_port}"
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()

    def get(self, path: str, headers: dict | None = None):
        request = urllib.request.Request(self.url + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def api(self, **params: str):
        status, headers, body = self.get("/api/search?" + urlencode(params))
        return status, json.loads(body)


@contextmanager
def static_site(site: Path) -> Iterator[str]:
    """A built site folder served as plain files on 127.0.0.1 (a free port), quietly."""
    import functools
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
