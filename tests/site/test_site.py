"""The whole site of the real content/, built as editors build it; and the atomic build.

`mkdocs build --strict` runs as a subprocess with the venv's mkdocs; the built site is then
read file by file: every published record has its page, the menu is the old site's, pages
are Thai, load nothing from another host and serve their own Sarabun font.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import types
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from kbtest import REPO, Project, unwrap_words

from generator import build as kb_build
from generator.content.validate import load_corpus
from generator.site import plugin as kb_plugin

MKDOCS = Path(sys.executable).parent / "mkdocs"
CONFIG = REPO / "mkdocs.yml"
MENU = ["หน้าหลัก", "ความเป็นมา", "หนังสือเวียน", "คำสั่ง", "แผน", "กลุ่มจังหวัด", "คลังความรู้",
        "ปฏิทินกิจกรรม", "ถาม-ตอบ"]  # fmt: skip
# <link> relations that make the browser fetch something
FETCHING_RELS = {"stylesheet", "icon", "shortcut", "preload", "prefetch", "preconnect",
                 "dns-prefetch", "modulepreload", "manifest", "apple-touch-icon"}  # fmt: skip


# ---------------------------------------------------------------- the real site


@pytest.fixture(scope="module")
def real_build(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    site = tmp_path_factory.mktemp("real") / "site"
    index = site.parent / "index"  # not the repository's .kb/index
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_INDEX_DIR": str(index)}
    result = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(site)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    return result, site


@pytest.fixture(scope="module")
def site(real_build) -> Path:
    result, site = real_build
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def html_files(site: Path) -> list[Path]:
    files = sorted(site.rglob("*.html"))
    assert len(files) > 10
    return files


def parse(path: Path) -> BeautifulSoup:
    return unwrap_words(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))


def url_of(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def resolve(site: Path, path: Path, href: str) -> str:
    return unquote(urlsplit(urljoin("http://kb.test" + url_of(site, path), href)).path)


def test_mkdocs_build_strict_passes_without_warnings(real_build):
    result, site = real_build
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output, output
    assert (site / "index.html").is_file()


def published_records():
    corpus, problems = load_corpus(REPO / "content")
    assert problems == [], "\n".join(map(str, problems))
    records = corpus.published()
    assert len(records) > 50  # 18 clusters, 75 provinces, orders, circular …
    return corpus, records


def test_every_published_record_has_its_page_with_its_title(site):
    corpus, records = published_records()
    missing, wrong = [], []
    for record in records:
        page = site / record.type / record.id / "index.html"
        if not page.is_file():
            missing.append(record.key)
            continue
        h1 = parse(page).select_one(".md-content h1")
        shown = h1.get_text(" ", strip=True) if h1 else None
        if shown != record.title.strip():
            wrong.append(f"{record.key}: h1 {shown!r} ≠ {record.title!r}")
    assert not missing, f"records without a page: {missing}"
    assert not wrong, "\n".join(wrong)
    for record in corpus.all():
        if record.draft:
            assert not (site / record.type / record.id).exists(), record.key


def test_list_pages_and_narrative_pages_exist(site):
    for url in ("circulars", "orders", "plans", "groups", "provinces", "documents", "events",
                "qa", "activities", "meetings", "tags", "about", "search"):  # fmt: skip
        assert (site / url / "index.html").is_file(), url


def test_menu_is_the_old_sites(site):
    for page in (site / "index.html", site / "circulars" / "kor-nor-jor-circular" / "index.html",
                 site / "orders" / "index.html"):  # fmt: skip
        s = parse(page)
        tabs = [a.get_text(" ", strip=True) for a in s.select(".md-tabs a")]
        assert tabs == MENU, f"{page}: tabs {tabs}"
        drawer = [a.get_text(" ", strip=True)
                  for a in s.select("nav.md-nav--primary > ul > li > a")]  # fmt: skip
        assert drawer == MENU, f"{page}: drawer {drawer}"
        # each menu entry leads to an existing page
        for a in s.select(".md-tabs a"):
            target = resolve(site, page, a["href"])
            assert (site / target.lstrip("/") / "index.html").is_file(), target


def test_record_pages_are_not_in_the_navigation(site):
    corpus, records = published_records()
    record_urls = {r.url for r in records}
    counts = set()
    for page in html_files(site):
        s = parse(page)
        nav = s.select(".md-tabs a[href], .md-nav a[href], .md-sidebar a[href]")
        targets = {resolve(site, page, a["href"]) for a in nav}
        listed = (targets & record_urls) - {url_of(site, page)}
        assert not listed, f"{page.relative_to(site)} lists record pages in its menu: {listed}"
        counts.add(len(nav))
    assert max(counts) < 60, counts


def test_every_internal_link_resolves(site):
    broken = []
    for page in html_files(site):
        s = parse(page)
        refs = [("href", x) for x in s.find_all(["a", "link"], href=True)]
        refs += [("src", x) for x in s.find_all(["img", "script", "source"], src=True)]
        for attr, tag in refs:
            url = tag[attr].strip()
            if not url or url.startswith("#") or re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", url):
                continue  # fragments, https://, mailto: … (other hosts are checked below)
            if url.startswith("//"):
                broken.append(
                    f"{page.relative_to(site)}: {url} (another host: {url.split('/')[2]})"
                )
                continue
            target = site / resolve(site, page, url).lstrip("/")
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)}: {url}")
    assert not broken, "\n".join(broken[:40])


ESCAPED_TAG = re.compile(r"</?(section|div|p|a|h[1-6]|ul|ol|li|span|table|tr|td|mark|strong|em|"
                         r"nav|img|br|time|figure)\b[^<>]*>")  # fmt: skip


def test_no_page_shows_an_escaped_tag_as_text(site):
    shown = []
    for page in html_files(site):
        soup = parse(page)
        for code in soup.find_all(["pre", "code", "script", "style", "template"]):
            code.decompose()
        for match in ESCAPED_TAG.finditer(soup.get_text(" ")):
            shown.append(f"{page.relative_to(site)}: {match[0]}")
    assert not shown, "\n".join(shown[:20])


def test_footer_credit_is_in_thai(site):
    footers = 0
    for page in html_files(site):
        footer = parse(page).select_one(".md-copyright")
        if footer is None:
            continue
        footers += 1
        assert " ".join(footer.get_text(" ").split()) == "สร้างด้วย Material for MkDocs", page
        assert footer.a["href"] == "https://squidfunk.github.io/mkdocs-material/"
    assert footers > 10


def test_every_page_is_thai(site):
    for page in html_files(site):
        html = parse(page).find("html")
        assert html is not None and html.get("lang") == "th", page


def _is_other_host(url: str) -> bool:
    url = url.strip()
    return bool(re.match(r"(?i)(https?:)?//", url)) and urlsplit(url).hostname not in (
        None, "127.0.0.1", "localhost")  # fmt: skip


def test_no_page_loads_anything_from_another_host(site):
    bad = []
    for page in html_files(site):
        s = parse(page)
        where = page.relative_to(site)
        for tag in s.find_all(["script", "img", "iframe", "source", "video", "audio", "embed",
                               "object", "input"]):  # fmt: skip
            for attr in ("src", "data", "srcset", "poster"):
                if tag.get(attr) and _is_other_host(tag[attr].split()[0]):
                    bad.append(f"{where}: <{tag.name} {attr}={tag[attr]}>")
        for link in s.find_all("link", href=True):
            rels = {r.lower() for r in link.get("rel", [])}
            if rels & FETCHING_RELS and _is_other_host(link["href"]):
                bad.append(f"{where}: <link rel={sorted(rels)} href={link['href']}>")
        for style in s.find_all("style"):
            bad += [f"{where}: <style> {u}" for u in re.findall(r"url\(([^)]*)\)", style.text)
                    if _is_other_host(u.strip("'\""))]  # fmt: skip
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(
                r"@import\s+['\"]([^'\"]+)", text):  # fmt: skip
            if _is_other_host(url):
                bad.append(f"{css.relative_to(site)}: {url}")
    assert not bad, "\n".join(bad[:40])


def test_no_google_fonts_anywhere(site):
    found = []
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".css", ".js", ".xml", ".json"):
            text = path.read_text(encoding="utf-8", errors="replace")
            if "fonts.googleapis" in text or "fonts.gstatic" in text:
                found.append(str(path.relative_to(site)))
    assert not found, found


def test_sarabun_is_served_by_the_site(site):
    fonts = sorted((site / "assets" / "fonts").glob("*.woff2"))
    assert any("sarabun" in f.name.lower() for f in fonts), fonts
    referenced: set[Path] = set()
    families = set()
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for face in re.findall(r"@font-face\s*{([^}]*)}", text):
            family = re.search(r"font-family\s*:\s*['\"]?([^;'\"]+)", face)
            for url in re.findall(r"url\(\s*['\"]?([^'\")]+\.woff2)", face):
                target = (css.parent / url).resolve()
                assert target.is_file(), f"{css.relative_to(site)} refers to missing {url}"
                referenced.add(target)
                if family:
                    families.add(family.group(1).strip())
    assert "Sarabun" in families
    assert {f.resolve() for f in fonts if "sarabun" in f.name.lower()} <= referenced
    # and the stylesheet that declares it is loaded by the pages
    home = parse(site / "index.html")
    sheets = {resolve(site, site / "index.html", x["href"])
              for x in home.select('link[rel~="stylesheet"]')}  # fmt: skip
    declaring = {"/" + css.relative_to(site).as_posix() for css in site.rglob("*.css")
                 if "Sarabun" in css.read_text(encoding="utf-8", errors="replace")}  # fmt: skip
    assert sheets & declaring, (sheets, declaring)


def test_circular_page_shows_its_fields(site):
    s = parse(site / "circulars" / "kor-nor-jor-circular" / "index.html")
    content = s.select_one(".md-content")
    text = content.get_text(" ", strip=True)
    assert "ไม่ปรากฏเลขที่" in text  # its number
    assert "พ.ศ. 2553" in text  # its date, a year only
    assert "2010" not in text


# ---------------------------------------------------------------- the atomic build


def install_search_stubs(monkeypatch: pytest.MonkeyPatch) -> None:
    """FALLBACK while generator/search/ lacks its index functions: stand-ins that write real
    files, so that the site *and* the index folder are still built, compared and swapped.
    Only used when importing the real modules fails; the real ones are used otherwise."""
    try:
        import generator.search.client_index  # noqa: F401
        import generator.search.index  # noqa: F401
    except ImportError:

        def build_index(corpus, index: Path) -> None:
            index.mkdir(parents=True, exist_ok=True)
            keys = sorted(r.key for r in corpus.published())
            (index / "stub-index.txt").write_text("\n".join(keys), encoding="utf-8")

        def write_client_index(corpus, site: Path) -> None:
            (site / "stub-client-index.txt").write_text(str(len(corpus.published())))

        index_mod = types.ModuleType("generator.search.index")
        index_mod.build_index = build_index  # type: ignore[attr-defined]
        client_mod = types.ModuleType("generator.search.client_index")
        client_mod.write_client_index = write_client_index  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "generator.search.index", index_mod)
        monkeypatch.setitem(sys.modules, "generator.search.client_index", client_mod)


def kb(project: Project, config: Path = CONFIG):
    return kb_build.build(project.content, project.site, project.index, config)


def snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every file and folder under `folder`: size, mtime and content hash."""
    found = {}
    for path in sorted(folder.rglob("*")):
        stat = path.stat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
        found[path.relative_to(folder).as_posix()] = (stat.st_size, stat.st_mtime_ns, digest)
    return found


def leftovers(project: Project) -> list[str]:
    """Hidden files beside site/ and the index, but the lock files and the versions kept:
    the live one of each and the one before it (readers may still use it)."""
    kept = {f".{t.name}.lock" for t in (project.site, project.index)}
    for target in (project.site, project.index):
        versions = sorted(project.root.glob(f".{target.name}.v-*"))
        live = target.resolve()
        assert not versions or live == versions[-1], f"{target} is not its newest version"
        kept |= {v.name for v in versions[-2:]}
    return sorted(p.name for p in project.root.iterdir() if p.name.startswith(".")
                  and p.name not in kept)  # fmt: skip


@pytest.fixture
def built(project, monkeypatch):
    """A project built once, successfully."""
    install_search_stubs(monkeypatch)
    project.write("about.md", "# ความเป็นมา\n\nข้อความ\n")
    project.write(
        "circulars/c1.yml",
        "title: หนังสือเวียนฉบับแรก\nnumber: ว 1\ndate: 2553-01-19\nissuer: ก.พ.ร.\n",
    )
    project.write("orders/o1.yml", "title: คำสั่งแรก\nnumber: 1/2552\ndate: 2552\nissuer: ก.น.จ.\n")
    assert kb(project) == []
    assert (project.site / "circulars" / "c1" / "index.html").is_file()
    assert project.index.is_dir() and any(project.index.rglob("*"))
    return project


def test_build_with_problems_leaves_site_and_index_as_they_were(built):
    site_before, index_before = snapshot(built.site), snapshot(built.index)
    built.write("circulars/bad.yml", "title: ไม่มีผู้ออก\nnumber: ว 2\ndate: 2553-13-40\n")
    problems = kb(built)
    assert problems, "a bad record was built"
    assert any("bad.yml" in str(p.path) for p in problems)
    assert snapshot(built.site) == site_before
    assert snapshot(built.index) == index_before
    assert leftovers(built) == []


def test_build_failing_midway_leaves_site_unchanged(built, monkeypatch):
    site_before, index_before = snapshot(built.site), snapshot(built.index)
    built.write(
        "circulars/c2.yml",
        "title: หนังสือเวียนฉบับสอง\nnumber: ว 2\ndate: 2553-02-01\nissuer: ก.พ.ร.\n",
    )
    written = []

    def failing_mkdocs_build(config, *args, **kwargs):
        out = Path(config["site_dir"])
        (out / "circulars" / "c2").mkdir(parents=True, exist_ok=True)
        (out / "circulars" / "c2" / "index.html").write_text("half", encoding="utf-8")
        (out / "index.html").write_text("half a site", encoding="utf-8")
        written.append(out)
        raise RuntimeError("theme exploded halfway")

    monkeypatch.setattr(kb_plugin, "mkdocs_build", failing_mkdocs_build)
    with pytest.raises(RuntimeError, match="halfway"):
        kb(built)
    assert written and written[0] != built.site  # it rendered into a separate folder
    assert snapshot(built.site) == site_before
    assert snapshot(built.index) == index_before
    assert leftovers(built) == [], "a staging folder was left behind"
    assert not (built.root / ".site.new").exists()


def test_build_interrupted_leaves_site_unchanged(built, monkeypatch):
    site_before = snapshot(built.site)

    def interrupted(config, *args, **kwargs):
        Path(config["site_dir"]).mkdir(parents=True, exist_ok=True)
        (Path(config["site_dir"]) / "index.html").write_text("partial", encoding="utf-8")
        raise KeyboardInterrupt

    monkeypatch.setattr(kb_plugin, "mkdocs_build", interrupted)
    with pytest.raises(KeyboardInterrupt):
        kb(built)
    assert snapshot(built.site) == site_before
    assert not (built.root / ".site.new").exists()


def test_template_error_leaves_site_unchanged(built, tmp_path):
    """A theme whose template raises while rendering: the real mkdocs build fails midway."""
    site_before = snapshot(built.site)
    theme = tmp_path / "broken-theme"
    theme.mkdir()
    (theme / "main.html").write_text(
        '{% extends "base.html" %}{% block content %}{{ 1 // 0 }}{% endblock %}',
        encoding="utf-8")  # fmt: skip
    config = tmp_path / "broken.yml"
    config.write_text(f"INHERIT: {CONFIG}\ntheme:\n  name: material\n  custom_dir: {theme}\n"
                      "  language: th\n  font: false\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(ZeroDivisionError):
        kb(built, config)
    assert snapshot(built.site) == site_before
    assert not (built.root / ".site.new").exists()


def test_successful_rebuild_replaces_the_site(built):
    before = snapshot(built.site)
    (built.content / "orders" / "o1.yml").unlink()
    built.write(
        "circulars/c1.yml",
        "title: หนังสือเวียนฉบับแก้ไข\nnumber: ว 1\ndate: 2553-01-19\nissuer: ก.พ.ร.\n",
    )
    assert kb(built) == []
    after = snapshot(built.site)
    assert after != before
    h1 = parse(built.site / "circulars" / "c1" / "index.html").select_one(".md-content h1")
    assert h1 is not None and h1.get_text(strip=True) == "หนังสือเวียนฉบับแก้ไข"
    assert not (built.site / "orders" / "o1").exists(), "a removed record's page survived"
    assert leftovers(built) == []


# ---------------------------------------------------------------- page size


def _circulars_site(root: Path, n: int, monkeypatch) -> Path:
    install_search_stubs(monkeypatch)
    project = Project(root).base()
    project.write("about.md", "# ความเป็นมา\n\nข้อความ\n")
    for i in range(n):
        project.write(f"circulars/c{i:03d}.yml", f"title: หนังสือเวียนที่ {i}\nnumber: ว {i}\n"
                      f"date: 2553-01-19\nissuer: ก.พ.ร.\ntags: [ทั่วไป]\n")  # fmt: skip
    assert kb(project) == []
    return project.site


def test_record_page_size_does_not_grow_with_records(tmp_path, monkeypatch):
    small = _circulars_site(tmp_path / "small", 10, monkeypatch)
    large = _circulars_site(tmp_path / "large", 200, monkeypatch)
    assert len(list(large.rglob("*.html"))) > len(list(small.rglob("*.html")))
    for rel in ("circulars/c003/index.html", "groups/g1/index.html"):
        a, b = (small / rel).read_bytes(), (large / rel).read_bytes()
        assert len(a) == len(b), f"{rel}: {len(a)} bytes with 10 records, {len(b)} with 200"
