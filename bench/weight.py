"""Page weight: the bytes a record page's first load transfers, measured in Chromium.

    .venv/bin/python bench/weight.py [--site DIR [--index DIR]] [--page /circulars/ID/ ...]
                                     [--budget-kb 150] [--json]

Without --site it builds the real content/ into a temporary folder (generator.build.build).
The site is served by kb's own server (generator.serving.server, gzip as in production) on
127.0.0.1. Each page is opened in a fresh browser context with the cache disabled, and every
response of the first load (up to the `load` event, web fonts settled and the network idle) is
counted from Chrome's DevTools protocol: `Network.loadingFinished.encodedDataLength` is the
bytes on the wire (compressed body + response headers); the decoded size is what the browser
unpacked. By default one circular, one order and one plan are measured (the first by id).

It prints a table per page by resource type, then each page's total against the budget
(1 KB = 1024 bytes), and exits 1 if any page is over it. Responses of a compressible type
that arrived without Content-Encoding are listed, since they point at the server.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
VIEWPORT = {"width": 390, "height": 844}  # a phone: the public reads on phones (SPEC.md)
RECORD_TYPES = ("circulars", "orders", "plans")
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg",
                "application/xml")  # fmt: skip


@dataclass
class Resource:
    url: str
    type: str = "Other"
    mime: str = ""
    status: int = 0
    encoding: str = ""
    wire: int = 0
    decoded: int = 0
    done: bool = False
    failed: str = ""


@dataclass
class Load:
    path: str
    resources: dict[str, Resource] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(r.wire for r in self.resources.values())

    def by_type(self) -> dict[str, tuple[int, int, int]]:
        rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for r in self.resources.values():
            row = rows[r.type]
            row[0] += 1
            row[1] += r.wire
            row[2] += r.decoded
        return {k: (v[0], v[1], v[2]) for k, v in sorted(rows.items(), key=lambda kv: -kv[1][1])}


def default_pages(site: Path) -> list[str]:
    """/<type>/<id>/ of the first record (by id) of each measured type in the built site."""
    pages = []
    for type_ in RECORD_TYPES:
        ids = sorted(p.parent.name for p in (site / type_).glob("*/index.html")
                     if p.parent.name != "page")  # fmt: skip
        if ids:
            pages.append(f"/{type_}/{ids[0]}/")
    return pages


def measure(browser, base_url: str, path: str) -> Load:
    """Open `path` with an empty cache and record every response of the first load."""
    context = browser.new_context(viewport=VIEWPORT, locale="th-TH")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    load = Load(path)
    res = load.resources

    def sent(e: dict) -> None:
        res.setdefault(e["requestId"], Resource(e["request"]["url"])).type = e.get("type", "Other")

    def received(e: dict) -> None:
        r = res.setdefault(e["requestId"], Resource(e["response"]["url"]))
        r.type = e.get("type", r.type)
        resp = e["response"]
        r.mime, r.status = resp.get("mimeType", ""), resp.get("status", 0)
        headers = {k.lower(): v for k, v in resp.get("headers", {}).items()}
        r.encoding = headers.get("content-encoding", "")

    def data(e: dict) -> None:
        if e["requestId"] in res:
            res[e["requestId"]].decoded += e.get("dataLength", 0)

    def finished(e: dict) -> None:
        if e["requestId"] in res:
            res[e["requestId"]].wire = int(e.get("encodedDataLength", 0))
            res[e["requestId"]].done = True

    def failed(e: dict) -> None:
        if e["requestId"] in res:
            res[e["requestId"]].failed = e.get("errorText", "failed")

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.responseReceived", received)
    cdp.on("Network.dataReceived", data)
    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.loadingFailed", failed)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    response = page.goto(base_url + path, wait_until="load")
    if response is None or not response.ok:
        raise SystemExit(f"{path}: HTTP {response.status if response else 'no response'}")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    context.close()
    for r in res.values():
        r.type = {"Document": "HTML", "Stylesheet": "CSS", "Script": "JS",
                  "Font": "Font", "Image": "Image", "Fetch": "Fetch/XHR",
                  "XHR": "Fetch/XHR"}.get(r.type, r.type)  # fmt: skip
    return load


def report(loads: list[Load], budget: int) -> bool:
    ok = True
    for load in loads:
        print(f"\n{load.path}")
        print(f"  {'type':<10} {'requests':>8} {'wire bytes':>11} {'decoded':>10}")
        for kind, (count, wire, decoded) in load.by_type().items():
            print(f"  {kind:<10} {count:>8} {wire:>11,} {decoded:>10,}")
        decoded = sum(r.decoded for r in load.resources.values())
        print(f"  {'total':<10} {len(load.resources):>8} {load.total:>11,} {decoded:>10,}")
        for r in sorted(load.resources.values(), key=lambda r: -r.wire):
            tail = urlsplit(r.url).path if r.url.startswith("http") else r.url[:40]
            note = f" {r.encoding}" if r.encoding else ""
            note += f" FAILED {r.failed}" if r.failed else ""
            print(f"    {r.wire:>9,}  {r.type:<9} {tail}{note}")
        plain = [r for r in load.resources.values() if not r.encoding and r.decoded >= 1024
                 and r.mime.startswith(COMPRESSIBLE)]  # fmt: skip
        for r in plain:
            print(f"  ! not compressed: {urlsplit(r.url).path} ({r.mime}, {r.decoded:,} bytes)")
    print(f"\n{'page':<60} {'KB':>8}  budget {budget // 1024} KB")
    for load in loads:
        over = load.total > budget
        ok = ok and not over
        verdict = "OVER" if over else "ok"
        print(f"{load.path:<60} {load.total / 1024:>8.1f}  {verdict}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an existing build (default: build content/)")
    parser.add_argument("--index", type=Path, help="its search index (not needed for records)")
    parser.add_argument("--page", action="append", help="a path to measure (repeatable)")
    parser.add_argument("--budget-kb", type=int, default=150)
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from generator.serving.server import App, make_server

    with tempfile.TemporaryDirectory(prefix="kb-weight-") as tmp:
        site, index = args.site, args.index or Path(tmp) / "index"
        if site is None:
            from generator.build import build

            site = Path(tmp) / "site"
            problems = build(REPO / "content", site, index, REPO / "mkdocs.yml")
            if problems:
                for p in problems:
                    print(p.format(), file=sys.stderr)
                return 1
        pages = args.page or default_pages(site)
        server = make_server(App(site, index), "127.0.0.1", 0)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                base = f"http://127.0.0.1:{server.effective_port}"
                loads = [measure(browser, base, path) for path in pages]
                browser.close()
        finally:
            server.close()
    ok = report(loads, args.budget_kb * 1024)
    if args.json:
        print(json.dumps({load.path: {"total": load.total, "by_type": load.by_type()}
                          for load in loads}, ensure_ascii=False, indent=1))  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
