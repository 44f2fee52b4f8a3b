"""site/admin/ as built: the page, its generated config and Decap's own bundle, no inline
script, no third-party host; kb's server gives /admin/ its own CSP and the rest of the
site keeps the site's."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from kbtest import REPO, Project, Running

from generator.build import build
from generator.editors.admin import DIST, SCRIPT, cms_config
from generator.editors.csp import ADMIN_HEADER, admin_csp
from generator.serving.server import App


@pytest.fixture
def built(project: Project) -> Project:
    project.write("about.md", "# ความเป็นมา\n")
    project.write("orders/o1.yml", "title: คำสั่ง\nnumber: 1/2552\ndate: 2552\nissuer: ก.น.จ.\n")
    assert build(project.content, project.site, project.index, REPO / "mkdocs.yml") == []
    return project


def test_admin_page_loads_only_the_self_hosted_bundle(built: Project) -> None:
    admin = built.site / "admin"
    soup = BeautifulSoup((admin / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [s.get("src") for s in soup.find_all("script")] == ["decap-cms.js", SCRIPT]
    assert (admin / SCRIPT).resolve().is_file()
    assert soup.html["lang"] == "th"
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config == cms_config(None, {}, "http://127.0.0.1:8000/")
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta["content"] == admin_csp(config)
    assert "https:" not in meta["content"] and "*" not in meta["content"]
    bundle = (admin / "decap-cms.js").read_bytes()
    assert bundle == (REPO / DIST / "decap-cms.js").read_bytes()
    assert "ฉบับร่าง" in (admin / "config.yml").read_text(encoding="utf-8")  # Thai as is


def test_record_pages_do_not_load_the_cms(built: Project) -> None:
    html = (built.site / "orders/o1/index.html").read_text(encoding="utf-8")
    assert "decap" not in html.lower() and "/admin/" not in html


def test_server_gives_admin_its_own_csp_and_the_site_keeps_its_own(built: Project) -> None:
    running = Running(App(built.site, built.index))
    try:
        status, headers, _ = running.get("/admin/")
        assert status == 200 and headers["Content-Security-Policy"] == ADMIN_HEADER
        status, headers, _ = running.get("/admin/", {"If-None-Match": headers["ETag"]})
        assert status == 304 and headers["Content-Security-Policy"] == ADMIN_HEADER
        status, headers, _ = running.get("/orders/o1/")
        assert status == 200 and "'unsafe-eval'" not in headers["Content-Security-Policy"]
        assert "connect-src 'self';" in headers["Content-Security-Policy"]
    finally:
        running.server.close()


def test_a_bad_cms_block_stops_the_build_with_a_message(project: Project, caplog) -> None:
    project.write("about.md", "# ความเป็นมา\n")
    config = project.root / "mkdocs.yml"
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "custom_dir: theme", f"custom_dir: {REPO / 'theme'}")
    config.write_text(text.replace("cms: {}", "cms: {token: x}"), encoding="utf-8")
    with pytest.raises(Exception, match="Aborted"):
        build(project.content, project.site, project.index, config)
    assert "mkdocs.yml: cms: unknown setting 'token'; use backend, branch" in caplog.text
    assert not Path(project.site).exists()
