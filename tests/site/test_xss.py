"""XSS: payloads in every kind of field never reach a page as markup.

A corpus puts every payload into every field an editor writes (title, summary, body,
number, tags, members, attachments, KPIs, Q&A answers, narrative pages …); the WHOLE site is
built with the theme and every HTML file is parsed: the only scripts are the theme's own,
no on* attribute, no javascript:/data:/vbscript: URL, no iframe/object/embed/base/meta
refresh/form from content. Titles must show as text, escaped, not be dropped.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from kbtest import REPO, Project, unwrap_words

from generator.content.model import TYPES
from generator.content.validate import load_corpus

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)"//',
    "<svg onload=alert(1)>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java&#x09;script:alert(1))",
    "[click](javascript&colon;alert(1))",
    "![pic](javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[vb](vbscript:msgbox(1))",
    '<a href="javascript:alert(1)">raw</a>',
    '<a href="java&#x09;script:alert(1)">tab</a>',
    '<a href="javascript&colon;alert(1)">colon</a>',
    '<a href=" &#14;javascript:alert(1)">ctl</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">ent</a>',
    '<a href="data:text/html,<script>alert(1)</script>">data</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<a href="https://example.org/" onclick="alert(1)">onclick</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button>'
    "</form>",
    '<p style="width: expression(alert(1))">css</p>',
    "</title><script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    '"><script>alert(1)</script>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    "[ref link][evil]\n\n[evil]: javascript:alert(1)",
    "<!-- --><script>alert(1)</script><!-- -->",
    "<!--<script>alert(1)</script>-->",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "\u003cimg src=x onerror=alert(1)\u003e",
    "＜script＞alert(1)＜/script＞",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<body onload=alert(1)>",
    '<link rel="stylesheet" href="javascript:alert(1)">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
]
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background",
                  "srcset", "data", "cite", "lowsrc", "dynsrc", "ping", "codebase"}  # fmt: skip
BAD_SCHEME = re.compile(r"(javascript|data|vbscript):", re.IGNORECASE)
FORBIDDEN = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "portal"}
CONFIG = REPO / "mkdocs.yml"
FETCHING_RELS = {"stylesheet", "icon", "shortcut", "preload", "prefetch", "preconnect",
                 "dns-prefetch", "modulepreload", "manifest", "apple-touch-icon",
                 "import"}  # fmt: skip


def q(text: str) -> str:
    """A YAML double-quoted scalar holding `text` exactly (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def one_line(text: str) -> str:
    """A payload for a one-line text field."""
    return text.replace("\n", " ")


COMMON = """\
title: {title}
summary: {line}
body: {md}
tags: [{line}]
attachments:
  - title: {line}
    file: ok.pdf
  - title: {line}
    file: {odd}
  - title: {line}
    file: {url}
"""
TYPE_FIELDS = {
    "circulars": "number: {line}\ndate: 2553-01-19\nissuer: {line}\nto: {line}\n",
    "orders": """\
number: {n}/2552
date: 2552
issuer: {line}
members:
  - name: {line}
    position: {line}
    role: {line}
""",
    "plans": """\
kind: annual-action
owner: provinces/p1
fiscal_years: [2555]
vision: {line}
strategies:
  - title: {line}
    goals: [{line}]
    kpis:
      - name: {line}
        target: {line}
        unit: {line}
    projects:
      - title: {line}
        budget: 100
        agency: {line}
""",
    "qa": "answer: {md}\ncategory: {line}\n",
    "meetings": """\
date: 2553-01-19
venue: {line}
presenter: {line}
topics:
  - title: {line}
    points: [{line}]
""",
    "activities": """\
date: 2553-01-19
location: {line}
images:
  - file: ok.pdf
    caption: {line}
  - file: {url}
    caption: {line}
""",
    "events": "start: 2553-01-19 09:00\nlocation: {line}\n",
    "documents": "author: {line}\nkind: {line}\n",
}
PREFIX = {"circulars": "c", "orders": "o", "plans": "pl", "qa": "q", "meetings": "m",
          "activities": "a", "events": "e", "documents": "d"}  # fmt: skip
ODD_FILE = 'x" onmouseover="alert(1).pdf'


def write_corpus(project: Project) -> None:
    """Every payload in every field an editor writes."""
    content = project.content
    (content / "attachments").mkdir(parents=True, exist_ok=True)
    (content / "attachments/ok.pdf").write_bytes(b"%PDF-1.4\n")
    (content / "attachments" / ODD_FILE).write_bytes(b"%PDF-1.4\n")
    pages = "\n\n".join(f"## ส่วนที่ {i}\n\n{p}\n" for i, p in enumerate(PAYLOADS))
    project.write("index.md", f"# หน้าหลัก <img src=x onerror=alert(1)>\n\n{pages}")
    front = q("</title><script>alert(1)</script>")
    project.write(
        "about.md",
        f"---\ntitle: {front}\n---\n\n# ความเป็นมา <img src=x onerror=alert(1)>\n\n{pages}\n"
        "## <script>alert(1)</script> หัวข้อ\n\nข้อความ\n",
    )
    for i, payload in enumerate(PAYLOADS):
        values = {
            "title": q(f"{one_line(payload)} เรื่อง {i}"),
            "line": q(one_line(payload)),
            "md": q(payload),
            "odd": q(ODD_FILE),
            "url": q("https://example.org/" + one_line(payload)),
            "n": i + 1,
        }
        for type_, fields in TYPE_FIELDS.items():
            text = COMMON.format(**values) + fields.format(**values)
            project.write(f"{type_}/{PREFIX[type_]}{i}.yml", text)
    project.write("groups/g1.yml", "\n".join([
        "title: " + q("<script>alert(1)</script> กลุ่ม"),
        "provinces: [p1, p2]",
        "center: p1",
        "office: " + q('" onmouseover="alert(1)'),
        "body: " + q("<img src=x onerror=alert(1)>"),
    ]) + "\n")  # fmt: skip
    project.write("provinces/p1.yml", "\n".join([
        "title: " + q("<svg onload=alert(1)> จังหวัด"),
        "name_en: " + q("</title><script>alert(1)</script>"),
        "group: g1",
    ]) + "\n")  # fmt: skip


def clean_corpus(project: Project) -> None:
    """The same kinds of pages with harmless text: what the theme itself puts on pages."""
    project.write("about.md", "# ความเป็นมา\n\nข้อความ\n")
    project.write(
        "circulars/c1.yml",
        "title: หนังสือเวียน\nnumber: ว 1\ndate: 2553-01-19\nissuer: ก.พ.ร.\ntags: [ทดสอบ]\n",
    )
    project.write("orders/o1.yml", "title: คำสั่ง\nnumber: 1/2552\ndate: 2552\nissuer: ก.น.จ.\n")
    project.write("qa/q1.yml", "title: ถาม\nanswer: ตอบ\n")


def build_site(project: Project) -> None:
    """Build the whole site with kb's pipeline."""
    from generator import build as kb_build

    try:
        problems = kb_build.build(project.content, project.site, project.index, CONFIG)
    except ImportError as error:
        if "search" not in str(error):
            raise
        # FALLBACK while generator/search/ (the index functions) is unfinished: render the
        # same pages with the same theme, without the index. The site is what is checked.
        from generator.site.pages import make_pages
        from generator.site.plugin import render_site

        corpus, problems = load_corpus(project.content)
        assert problems == [], "\n".join(map(str, problems))
        render_site(corpus, make_pages(corpus, project.content), project.content, project.site,
                    CONFIG)  # fmt: skip
        problems = []
    assert problems == [], "\n".join(map(str, problems))


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    """(clean site, XSS site), each built once for the module."""
    clean = Project(tmp_path_factory.mktemp("clean")).base()
    clean_corpus(clean)
    build_site(clean)
    evil = Project(tmp_path_factory.mktemp("xss")).base()
    write_corpus(evil)
    corpus, problems = load_corpus(evil.content)
    assert problems == [], "\n".join(map(str, problems))
    build_site(evil)
    return clean.site, evil.site


def html_files(site: Path) -> list[Path]:
    files = sorted(site.rglob("*.html"))
    assert files, f"no HTML in {site}"
    return files


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_url(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def site_path(site: Path, path: Path, url: str) -> str:
    return unquote(urlsplit(urljoin("http://kb.test" + page_url(site, path), url)).path)


def script_key(site: Path, path: Path, script: Tag) -> str:
    """What identifies a theme script whatever the page's depth."""
    if script.get("src"):
        return "src:" + site_path(site, path, script["src"])
    body = script.string or ""
    if script.get("id") == "__config":
        config = json.loads(body)
        config.pop("base", None)
        config.pop("search", None)
        return "config:" + json.dumps(config, sort_keys=True)
    return "inline:" + re.sub(r'new URL\("[^"]*",location\)', "new URL(BASE,location)", body)


def fetched_links(s: BeautifulSoup) -> list[Tag]:
    """<link> elements that make the browser load something (not canonical, alternate …)."""
    return [x for x in s.find_all("link", href=True)
            if {r.lower() for r in x.get("rel", [])} & FETCHING_RELS]  # fmt: skip


def theme_allowed(site: Path) -> dict[str, set[str]]:
    """Scripts, stylesheets, style elements and forms that the theme puts on clean pages."""
    allowed: dict[str, set[str]] = {"script": set(), "link": set(), "style": set(), "form": set()}
    for path in html_files(site):
        s = parse(path)
        allowed["script"] |= {script_key(site, path, x) for x in s.find_all("script")}
        allowed["link"] |= {site_path(site, path, x["href"]) for x in fetched_links(s)}
        allowed["style"] |= {x.get_text() for x in s.find_all("style")}
        allowed["form"] |= {" ".join(x.get("class", [])) for x in s.find_all("form")}
    return allowed


def dangerous_url(value: str) -> bool:
    """Whether a URL attribute would run code: a browser drops whitespace and controls."""
    cleaned = re.sub(r"[\x00-\x20\x7f-\x9f]", "", html.unescape(value))
    return bool(BAD_SCHEME.match(cleaned))


def _is_json(script: Tag) -> bool:
    try:
        json.loads(script.string or "")
    except ValueError:
        return False
    return True


def test_corpus_is_large_enough():
    assert len(PAYLOADS) >= 20
    fields = {f.name for t in TYPES.values() for f in t.all_fields}
    assert {"title", "summary", "body", "number", "tags", "members", "attachments",
            "answer", "strategies"} <= fields  # fmt: skip


def test_dangerous_url_detects_the_schemes():
    assert dangerous_url("javascript:alert(1)")
    assert dangerous_url(" JaVaScRiPt:alert(1)")
    assert dangerous_url("java\tscript:alert(1)")
    assert dangerous_url("\x0ejavascript:alert(1)")
    assert dangerous_url("data:text/html,x")
    assert dangerous_url("vbscript:msgbox(1)")
    assert not dangerous_url("../../orders/o1/")
    assert not dangerous_url("https://example.org/javascript:alert(1)")


def test_clean_site_has_theme_scripts(sites):
    clean, _ = sites
    allowed = theme_allowed(clean)
    assert any(k.startswith("src:/assets/") for k in allowed["script"]), allowed["script"]
    assert not any("alert" in k for k in allowed["script"])


def test_only_the_themes_scripts(sites):
    clean, evil = sites
    allowed = theme_allowed(clean)["script"]
    bad = []
    for path in html_files(evil):
        for script in parse(path).find_all("script"):
            if script.get("type") == "application/ld+json" and _is_json(script):
                continue  # data, not code, as long as nothing broke out of it
            key = script_key(evil, path, script)
            if key not in allowed:
                bad.append(f"{path.relative_to(evil)}: {str(script)[:120]}")
    assert not bad, "scripts not from the theme:\n" + "\n".join(bad[:40])


def test_no_event_handler_attributes(sites):
    _, evil = sites
    bad = []
    for path in html_files(evil):
        for tag in parse(path).find_all(True):
            for name in tag.attrs:
                if name.lower().startswith("on"):
                    bad.append(f"{path.relative_to(evil)}: <{tag.name} {name}={tag[name]!r}>")
    assert not bad, "\n".join(bad[:40])


def test_no_dangerous_urls(sites):
    _, evil = sites
    bad = []
    for path in html_files(evil):
        for tag in parse(path).find_all(True):
            for name, value in tag.attrs.items():
                if name.lower() not in URL_ATTRIBUTES:
                    continue
                values = value if isinstance(value, list) else [value]
                for v in values:
                    if dangerous_url(v) or (name == "srcset" and "javascript" in v.lower()):
                        bad.append(f"{path.relative_to(evil)}: <{tag.name} {name}={v!r}>")
    assert not bad, "\n".join(bad[:40])


def test_no_embedding_elements_refresh_or_forms(sites):
    clean, evil = sites
    allowed = theme_allowed(clean)
    bad = []
    for path in html_files(evil):
        s = parse(path)
        where = path.relative_to(evil)
        bad += [f"{where}: <{t.name}>" for t in s.find_all(FORBIDDEN)]
        bad += [f"{where}: {t}" for t in s.find_all("meta")
                if t.get("http-equiv") and not (  # the web forms' own CSP (generator/editors)
                    where.as_posix() == "admin/index.html"
                    and t["http-equiv"] == "Content-Security-Policy")]  # fmt: skip
        bad += [f"{where}: {str(t)[:100]}" for t in s.find_all("form")
                if " ".join(t.get("class", [])) not in allowed["form"]]  # fmt: skip
        bad += [f"{where}: {str(t)[:100]}" for t in s.find_all("style")
                if t.get_text() not in allowed["style"]]  # fmt: skip
        bad += [f"{where}: <link href={t['href']}>" for t in fetched_links(s)
                if site_path(evil, path, t["href"]) not in allowed["link"]]  # fmt: skip
        for t in s.find_all(style=True):
            value = re.sub(r"\s", "", t["style"]).lower()
            if "expression(" in value or "javascript:" in value or "url(" in value:
                bad.append(f"{where}: <{t.name} style={t['style']!r}>")
        bad += [f"{where}: <{t.name}>" for t in s.find_all(["input", "button", "textarea"])
                if t.find_parent("form") is None and "md-" not in " ".join(
                    t.get("class", []) + [t.get("id", "")])]  # fmt: skip
    assert not bad, "\n".join(bad[:40])


def _record_page(site: Path, type_: str, id_: str) -> BeautifulSoup:
    path = site / type_ / id_ / "index.html"
    assert path.is_file(), f"no page {type_}/{id_}"
    return unwrap_words(parse(path))


def _title_text(s: BeautifulSoup) -> str:
    assert s.title is not None
    return s.title.get_text()


def test_title_element_shows_the_title_literally(sites):
    _, evil = sites
    i = PAYLOADS.index("</title><script>alert(1)</script>")
    s = _record_page(evil, "circulars", f"c{i}")
    expected = f"</title><script>alert(1)</script> เรื่อง {i}"
    assert _title_text(s).startswith(expected), _title_text(s)
    assert s.title.find("script") is None
    h1 = s.select_one("article h1") or s.find("h1")
    assert h1.get_text() == expected


@pytest.mark.parametrize("i", range(len(PAYLOADS)))
def test_plain_fields_are_escaped_not_dropped(sites, i):
    """Titles and plain fields show exactly what the editor wrote, as text."""
    _, evil = sites
    payload = one_line(PAYLOADS[i])
    s = _record_page(evil, "circulars", f"c{i}")
    assert _title_text(s).startswith(f"{payload} เรื่อง {i}"), _title_text(s)
    assert s.find("h1", string=f"{payload} เรื่อง {i}") is not None
    shown = [dd.get_text() for dd in s.select("dl dd")]
    assert shown.count(payload) >= 3, shown  # number, issuer, to
    order = _record_page(evil, "orders", f"o{i}")
    cells = [td.get_text() for td in order.select("table td")]
    assert cells.count(payload) == 3, cells  # the member's name, position and role


def test_narrative_page_title_and_headings(sites):
    """A narrative page's own title (front matter) and headings are text too."""
    _, evil = sites
    s = parse(evil / "about" / "index.html")
    assert _title_text(s).startswith("</title><script>alert(1)</script>"), str(s.title)
    scripts = [str(x) for x in s.find_all("script") if "alert" in str(x)]
    assert not scripts, scripts
