"""What a reader sees on a phone: headless Chromium on the built site of content/.

The real content/ is built with `mkdocs build`, served by a plain static server on
127.0.0.1, and opened at 390×844. Every request to another host is recorded and refused.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from kbtest import REPO, static_site

from generator.content.validate import load_corpus

PHONE = {"width": 390, "height": 844}
CIRCULAR = "kor-nor-jor-circular"
MENU = ["หน้าหลัก", "ความเป็นมา", "หนังสือเวียน", "คำสั่ง", "แผน", "กลุ่มจังหวัด", "คลังความรู้",
        "ปฏิทินกิจกรรม", "ถาม-ตอบ"]  # fmt: skip


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> Iterator[str]:
    """The real content/ built with mkdocs and served on 127.0.0.1 (a free port)."""
    site = tmp_path_factory.mktemp("browser") / "site"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--site-dir", str(site)],
        cwd=REPO, capture_output=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_INDEX_DIR": str(site.parent / "i")},
        text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    with static_site(site) as url:
        yield url



class Phone:
    """A phone-sized page that records (and refuses) every request to another host."""

    def __init__(self, browser) -> None:
        self.context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                           device_scale_factor=2, locale="th-TH")  # fmt: skip
        self.foreign: list[str] = []
        self.local: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()

    def _route(self, route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:")):
            self.local.append(url)
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def open(self, url: str):
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.ok, url
        self.page.evaluate("document.fonts.ready.then(() => true)")
        return self.page


@pytest.fixture
def phone(browser) -> Iterator[Phone]:
    phone = Phone(browser)
    yield phone
    phone.context.close()


def circular_record():
    corpus, problems = load_corpus(REPO / "content")
    assert problems == []
    record = corpus.get("circulars", CIRCULAR)
    assert record is not None
    return corpus, record


def assert_readable(page, locator, what: str) -> None:
    """Visible, and inside the phone's width."""
    assert locator.is_visible(), f"{what} is not visible"
    box = locator.bounding_box()
    assert box is not None, what
    assert box["x"] >= -1 and box["x"] + box["width"] <= PHONE["width"] + 1, (what, box)


def no_horizontal_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        "w => [...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > w + 1)"
        ".map(e => e.tagName.toLowerCase() + '.' + e.className + ' → '"
        " + Math.round(e.getBoundingClientRect().right) + 'px').slice(0, 5)",
        PHONE["width"],
    )
    assert width <= PHONE["width"], (
        f"the page is {width}px wide on a {PHONE['width']}px phone: {wide}"
    )


def uses_sarabun(page) -> None:
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "sarabun" in family.lower(), family
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.family.replace(/[\"']/g, '') === 'Sarabun'"
        " && f.status === 'loaded').length"
    )
    assert loaded > 0, "no Sarabun font face was loaded"
    assert page.evaluate("document.fonts.check('16px Sarabun', 'ก')")


def test_home_page_on_a_phone(phone, base_url):
    corpus, circular = circular_record()
    page = phone.open(base_url + "/")
    h1 = page.locator(".md-content h1").first
    assert_readable(page, h1, "the home page's heading")
    assert "ก.น.จ." in h1.inner_text()

    circulars = page.locator(".kb-latest--circulars a.kb-item__title")
    assert circulars.count() >= 1
    assert_readable(page, circulars.first, "the latest circular")
    assert circulars.first.inner_text().strip() == circular.title
    orders = page.locator(".kb-latest--orders a.kb-item__title")
    newest = corpus.newest("orders")
    assert orders.count() == min(5, len(newest))
    shown = {orders.nth(i).inner_text().strip() for i in range(orders.count())}
    assert shown <= {o.title for o in newest}
    orders.first.scroll_into_view_if_needed()
    assert_readable(page, orders.first, "the latest order")

    no_horizontal_scroll(page)
    uses_sarabun(page)
    assert any(u.endswith(".woff2") for u in phone.local), "no font was fetched from the site"
    assert phone.foreign == [], phone.foreign


def test_menu_is_reachable_on_a_phone(phone, base_url):
    page = phone.open(base_url + "/")
    menu_button = page.locator(".md-header label[for='__drawer']").first
    assert_readable(page, menu_button, "the menu button")
    menu_button.click()
    drawer = page.locator("nav.md-nav--primary > ul > li > a")
    page.wait_for_timeout(400)  # the drawer slides in
    labels = [drawer.nth(i).inner_text().strip() for i in range(drawer.count())]
    assert labels == MENU
    target = page.locator("nav.md-nav--primary > ul > li > a", has_text="หนังสือเวียน").first
    assert_readable(page, target, "หนังสือเวียน in the menu")
    target.click()
    page.wait_for_url("**/circulars/")
    assert page.locator(".md-content h1").first.inner_text().strip() == "หนังสือเวียน"
    no_horizontal_scroll(page)
    assert phone.foreign == [], phone.foreign


def test_circular_page_on_a_phone(phone, base_url):
    _, circular = circular_record()
    page = phone.open(f"{base_url}/circulars/{CIRCULAR}/")
    h1 = page.locator(".md-content h1").first
    assert_readable(page, h1, "the circular's title")
    assert h1.inner_text().strip() == circular.title

    number = page.get_by_text(circular.data["number"], exact=True).first
    number.scroll_into_view_if_needed()
    assert_readable(page, number, "the circular's number")
    date = page.locator(".md-content time", has_text="พ.ศ. 2553").first
    date.scroll_into_view_if_needed()
    assert_readable(page, date, "the circular's date")
    assert date.inner_text().strip() == "พ.ศ. 2553"
    issuer = page.get_by_text(circular.data["issuer"], exact=True).first
    issuer.scroll_into_view_if_needed()
    assert_readable(page, issuer, "the circular's issuer")

    assert page.title().startswith(circular.title)
    uses_sarabun(page)
    assert phone.foreign == [], phone.foreign
    no_horizontal_scroll(page)


LINE_STARTS = """(el) => {
  /* The index in el.textContent of the first character of each line after the first. */
  const starts = []; let index = 0; let top = null;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++, index++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect || node.data[i] === " ") continue;
      if (top !== null && rect.top > top + 4) starts.push(index);
      top = rect.top;
    }
  }
  return starts;
}"""
THAI_LETTER = re.compile("[\u0e01-\u0e4f]")


def breaks_inside_words(text: str, starts: list[int]) -> list[str]:
    """The line starts that split a Thai word (PyThaiNLP's segmentation)."""
    from pythainlp.tokenize import word_tokenize

    bounds, n = {0}, 0
    for word in word_tokenize(text, keep_whitespace=True):
        n += len(word)
        bounds.add(n)
    return [f"{text[max(0, i - 6):i]}|{text[i:i + 6]}" for i in starts
            if i not in bounds and THAI_LETTER.match(text[i - 1]) and THAI_LETTER.match(text[i])]


@pytest.mark.parametrize("path", [
    "/", "/about/", "/plans/example-chiang-mai-development-2555-2558/",
    "/plans/example-central-upper-1-development-2555-2558/",
    "/plans/example-songkhla-annual-action-2555/", f"/circulars/{CIRCULAR}/", "/groups/",
])  # fmt: skip
def test_headings_break_only_between_words_on_a_phone(phone, base_url, path):
    page = phone.open(base_url + path)
    selector = (".md-content h1, .md-content h2, .md-content h3, .kb-text--vision p, "
                ".md-content a.kb-item__title")  # fmt: skip
    elements = page.locator(selector)
    wrapped, split = 0, []
    for i in range(elements.count()):
        element = elements.nth(i)
        text = element.evaluate("e => e.textContent")
        starts = element.evaluate(LINE_STARTS)
        wrapped += bool(starts)
        split += [f"{text[:30]}…: {s}" for s in breaks_inside_words(text, starts)]
    assert split == []
    if path in ("/", "/plans/example-chiang-mai-development-2555-2558/"):
        assert wrapped, "no heading ran over two lines: the test shows nothing"


def test_month_calendar_is_a_list_by_day_on_a_phone(phone, browser, base_url):
    page = phone.open(base_url + "/events/month/2553-01/")
    assert not page.locator(".kb-calendar").is_visible()
    agenda = page.locator(".kb-agenda")
    assert agenda.is_visible()
    days = page.locator(".kb-agenda > li")
    shown = [(days.nth(i).locator(".kb-agenda__day").inner_text(),
              days.nth(i).locator("a").all_inner_texts()) for i in range(days.count())]  # fmt: skip
    busy = page.locator("td.kb-calendar__busy")
    in_grid = [(busy.nth(i).locator(".kb-calendar__day").inner_text(),
                busy.nth(i).locator("a").all_inner_texts()) for i in range(busy.count())]
    assert shown and [(d.split("ที่ ")[1], t) for d, t in shown] == in_grid
    assert all(re.fullmatch(r"วัน\S+ที่ \d+", d) for d, _ in shown), shown
    assert_readable(page, days.first, "the first day of the list")
    no_horizontal_scroll(page)
    desktop = browser.new_page(viewport={"width": 1280, "height": 900})
    desktop.goto(base_url + "/events/month/2553-01/")
    assert desktop.locator(".kb-calendar").is_visible()
    assert not desktop.locator(".kb-agenda").is_visible()
    desktop.close()


@pytest.mark.parametrize("width", [390, 360])
def test_site_name_fits_in_the_header_on_a_phone(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)  # fmt: skip
    page = context.new_page()
    page.goto(base_url + "/")
    page.evaluate("document.fonts.ready.then(() => true)")
    name = page.locator(".md-header__topic:first-child .md-ellipsis")
    assert name.inner_text().strip() == "ก.น.จ. คลังความรู้"
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), name.evaluate(
        "e => [e.scrollWidth, e.clientWidth]")
    assert page.locator(".kb-header-search__input").is_visible()
    context.close()
