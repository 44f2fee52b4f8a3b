"""Headless Chromium on the built site: the header box, results, a facet and a result."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

REPO = Path(__file__).resolve().parents[2]

# the search has answered (a selector, not wait_for_function: the page's CSP forbids eval)
IDLE = "#kb-search:not([aria-busy])"


@pytest.fixture(scope="module")
def built(tmp_path_factory, test_content: Path) -> tuple[Path, Path]:
    from generator import build
    content = tmp_path_factory.mktemp("page") / "content"
    shutil.copytree(test_content, content)
    for page in (REPO / "content").glob("*.md"):
        shutil.copy(page, content / page.name)
    site, index = content.parent / "site", content.parent / "index"
    problems = build.build(content, site, index, REPO / "mkdocs.yml")
    assert not problems, [p.format() for p in problems]
    return site, index



@pytest.fixture(scope="module")
def url(built):
    from generator.serving.server import App, make_server

    server = make_server(App(*built), "127.0.0.1", 0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


def test_header_box_leads_to_the_search_page(browser, url):
    page = browser.new_page()
    page.goto(url + "/")
    box = page.locator("header form[role=search] input[name=q]")
    assert box.count() == 1, "header.html must include partials/search.html"
    box.fill("กลุ่มจังหวัด")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    results_facet_and_result(page)


def test_search_page_results_facet_and_result(browser, url):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url + "/search/")
    box = page.locator("#kb-search-q")
    box.fill("กลุ่มจังหวัด")
    box.press("Enter")
    results_facet_and_result(page)
    assert errors == []


def results_facet_and_result(page) -> None:
    page.wait_for_selector(".kb-search__hit mark")
    assert "พบ" in page.locator(".kb-search__status").inner_text()
    assert page.locator(".kb-search__hit mark").first.inner_text() in ("กลุ่มจังหวัด", "จังหวัด")
    page.locator('.kb-search__facet[data-facet="type"][data-value="plans"]').click()
    page.wait_for_url("**type=plans*")
    page.wait_for_selector(".kb-search__facet--on")
    titles = page.locator(".kb-search__hit h3 a")
    assert titles.count() >= 1
    titles.first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/plans/*/")


def test_static_host_falls_back_to_the_client_index(browser, built):
    site, _ = built
    import functools
    import http.server

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    static = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=static.serve_forever, daemon=True)
    thread.start()
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{static.server_address[1]}/search/?q=อ่าวไทย")
        page.wait_for_selector(".kb-search__notice")
        page.wait_for_selector(".kb-search__hit")
        assert "ไม่สามารถเชื่อมต่อบริการค้นหาได้" in page.locator(".kb-search__notice").inner_text()
        assert "อ่าวไทย" in page.locator(".kb-search__hit h3").first.inner_text()
        # a piece of a title that is no whole word (issue 8 §6)
        page.goto(f"http://127.0.0.1:{static.server_address[1]}/search/?q=ระเด็นการประชุมหา")
        page.wait_for_selector(".kb-search__hit")
        assert page.locator(".kb-search__hit h3").all_inner_texts() == [
            "สรุปประเด็นการประชุมหารือเรื่…"]  # the title as the client index shortens it
        page.goto(f"http://127.0.0.1:{static.server_address[1]}/search/?q=ระเด็นการประชุมหา ลำพูน")
        page.wait_for_selector(".kb-search__status")
        expect(page.locator(IDLE)).to_have_count(1)
        assert page.locator(".kb-search__hit").count() == 0
    finally:
        static.shutdown()


def test_sort_and_year_range_from_the_form(browser, url):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url + "/search/?q=จังหวัด")
    page.wait_for_selector(".kb-search__hit")
    page.select_option("#kb-search-sort", "oldest")
    page.fill("#kb-search-from", "2553")
    page.fill("#kb-search-to", "๒๕๕๓")
    page.locator(".kb-search__form button[type=submit]").click()
    page.wait_for_url("**sort=oldest*")
    assert "from=2553" in page.url
    page.wait_for_selector(".kb-search__hit")
    expect(page.locator(IDLE)).to_have_count(1)
    metas = page.locator(".kb-search__meta").all_inner_texts()
    assert metas and all("2553" in m for m in metas), metas
    assert page.locator("#kb-search-sort").input_value() == "oldest"
    page.goto(url + "/search/?q=จังหวัด&from=53")
    page.wait_for_selector(".kb-search__status")
    expect(page.locator(IDLE)).to_have_count(1)
    assert "from must be a 4-digit year" in page.locator(".kb-search__status").inner_text()
    assert errors == []
