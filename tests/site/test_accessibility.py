"""Accessibility: axe-core in headless Chromium on the built site of content/, plus keyboard.

The real content/ is built with `generator.build.build` into tmp and served by the project's
own server (`generator.serving.server`) on 127.0.0.1. axe-core is not fetched here: `make test` runs
`npm install --prefix tests` (tests/package.json pins the version), and these tests load
tests/node_modules/axe-core/axe.min.js, or are skipped when it is missing.

Checked on the home page, a list page, the richest record of each type, the calendar, the
search page with results and the open-data page: no axe violation of impact "serious" or
"critical"; `<html lang="th">`; exactly one h1. On the home page: a link focused from the
keyboard shows a visible outline, and Tab alone reaches every visible link of the main
content and the navigation.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator

import pytest
from kbtest import REPO

from generator.content.validate import load_corpus

AXE = REPO / "tests" / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
TYPES = ["circulars", "orders", "plans", "qa", "activities", "events", "meetings", "documents",
         "groups", "provinces"]  # fmt: skip
PAGES = ["/", "/circulars/", "/events/", "/events/month/2553-01/", "/search/?q=งบประมาณ",
         "/data/", *(f"record:{t}" for t in TYPES)]  # fmt: skip
PHONE_PAGES = ["/", "/circulars/", "record:circulars", "record:plans", "/events/month/2553-01/",
               "/search/?q=งบประมาณ"]  # fmt: skip
BLOCKING = ("serious", "critical")
# Parts of Material's own markup that no template override reaches. Keep each one narrow
# and say why; everything else on the page is checked.
AXE_EXCLUDE: list[list[str]] = []
AXE_OPTIONS = {"resultTypes": ["violations"]}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.skip(
            f"{AXE.relative_to(REPO)} is missing: run "
            "`npm install --prefix tests --no-audit --no-fund` (make test does)"
        )
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> Iterator[str]:
    """The real content/ built into tmp and served by kb's own server on a free port."""
    from generator.build import build
    from generator.serving.server import App, make_server

    root = tmp_path_factory.mktemp("a11y")
    site, index = root / "site", root / "index"
    problems = build(REPO / "content", site, index, REPO / "mkdocs.yml")
    assert not problems, [p.format() for p in problems]
    server = make_server(App(site, index), "127.0.0.1", 0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=10)



@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, locale="th-TH")
    page = context.new_page()
    yield page
    context.close()


def record_path(type_: str) -> str:
    """The page of the record of this type with the most content (the most markup to check)."""
    corpus, problems = load_corpus(REPO / "content")
    assert problems == []
    records = corpus.published(type_)
    assert records, f"content/ has no published {type_}"
    richest = max(records, key=lambda r: (len(json.dumps(r.data, default=str)), r.id))
    return richest.url


def open_page(page, base_url: str, path: str):
    response = page.goto(base_url + path, wait_until="load")
    assert response is not None and response.ok, path
    if path.startswith("/search/"):
        page.wait_for_selector(".kb-search__hit", timeout=15000)
    page.evaluate("document.fonts.ready.then(() => true)")
    return page


def run_axe(page, source: str) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(source)  # devtools evaluation: not subject to the page's CSP
    context = {"exclude": AXE_EXCLUDE} if AXE_EXCLUDE else {"include": [["html"]]}
    result = page.evaluate(
        "([context, options]) => axe.run(context, options)", [context, AXE_OPTIONS]
    )
    return result["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, n["target"])) for n in v["nodes"]][:5]
        more = f" (+{len(v['nodes']) - 5} more)" if len(v["nodes"]) > 5 else ""
        lines.append(f"  {v['id']} [{v['impact']}] {v['help']}: {targets}{more}")
    return "\n".join(lines)


@pytest.mark.parametrize("path", PAGES)
def test_page_is_accessible(page, base_url, axe_source, path):
    check_page(page, base_url, axe_source, path)


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_page_is_accessible_on_a_phone(browser, base_url, axe_source, path):
    """The phone layout differs (drawer instead of tabs, narrow header): checked too."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  locale="th-TH")  # fmt: skip
    try:
        check_page(context.new_page(), base_url, axe_source, path)
    finally:
        context.close()


def check_page(page, base_url: str, axe_source: str, path: str) -> None:
    if path.startswith("record:"):
        path = record_path(path.removeprefix("record:"))
    open_page(page, base_url, path)
    problems = []
    lang = page.evaluate("document.documentElement.getAttribute('lang')")
    if lang != "th":
        problems.append(f"  <html lang> is {lang!r}, not 'th'")
    h1s = page.locator("h1").all_inner_texts()
    if len(h1s) != 1:
        problems.append(f"  {len(h1s)} h1 elements, not one: {h1s}")
    violations = run_axe(page, axe_source)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    if blocking:
        problems.append(describe(blocking))
    assert not problems, f"{path}:\n" + "\n".join(problems)


FOCUS_STYLE = """e => {
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  return {outline, shadow: s.boxShadow !== 'none', focusVisible: e.matches(':focus-visible'),
          tag: e.tagName.toLowerCase(), href: e.getAttribute('href'),
          style: [s.outlineStyle, s.outlineWidth, s.outlineColor, '/', s.boxShadow].join(' ')};
}"""


@pytest.mark.parametrize("path", ["/", "record:circulars"])
def test_focus_is_visible(page, base_url, path):
    """Every element Tab focuses shows an outline or a box shadow on :focus-visible."""
    if path.startswith("record:"):
        path = record_path(path.removeprefix("record:"))
    open_page(page, base_url, path)
    unstyled, seen = [], 0
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        info = focused.evaluate(FOCUS_STYLE)
        if info["tag"] == "body":
            break
        seen += 1
        assert info["focusVisible"], info
        if not (info["outline"] or info["shadow"]):
            unstyled.append(info)
    assert seen > 0, "Tab focused nothing"
    assert not unstyled, f"{path}: focused without a visible outline: {unstyled}"


VISIBLE_LINKS = """() => {
  const scope = [...document.querySelectorAll('main a[href], nav a[href], header a[href]')];
  const shown = e => e.checkVisibility({checkOpacity: false, checkVisibilityCSS: true})
    && e.getClientRects().length > 0 && !e.closest('[hidden], [inert], [aria-hidden=true]');
  return [...new Set(scope.filter(shown).map(e => e.href))];
}"""


def test_keyboard_reaches_every_link_of_the_home_page(page, base_url):
    open_page(page, base_url, "/")
    expected = set(page.evaluate(VISIBLE_LINKS))
    assert len(expected) >= 10, expected
    reached: set[str] = set()
    for _ in range(4 * len(expected) + 40):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement && document.activeElement.href || null")
        if href:
            reached.add(href)
        if expected <= reached:
            break
    missing = sorted(expected - reached)
    assert not missing, f"Tab never reaches {len(missing)} link(s): {missing}"
