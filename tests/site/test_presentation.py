"""Issue 5 on a built site: Thai order and digits, baht in words, feeds, sharing, print."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup
from kbtest import REPO, Project

from generator.build import build

PLAN = """
title: แผนพัฒนาจังหวัด
kind: province-development
owner: provinces/p1
fiscal_years: [2555]
summary: สรุปแผน "พิเศษ" <b>
strategies:
  - title: ยุทธศาสตร์ที่ 1
    projects: [{title: โครงการ ก, budget: 1000000}, {title: โครงการ ข, budget: 250000}]
attachments: [{title: แผนฉบับเต็ม, file: plan.pdf}]
tags: [ยุทธศาสตร์, กลุ่มจังหวัด, เกษตร, ไอที]
"""


def built(project: Project, thai_digits: bool = False) -> Path:
    (project.content / "attachments").mkdir(exist_ok=True)
    (project.content / "attachments" / "plan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    project.write("about.md", "# ความเป็นมา\n")
    project.write("plans/p.yml", PLAN)
    project.write("provinces/p3.yml", "title: แพร่\nname_en: Phrae\ngroup: g1\n")
    project.write("groups/g1.yml", "title: กลุ่มทดสอบ\nprovinces: [p1, p2, p3]\n")
    project.write("circulars/c.yml", "title: หนังสือ\nnumber: ว 12\ndate: 2553-01-19\n"
                  "issuer: ก.พ.ร.\n")  # fmt: skip
    config = REPO / "mkdocs.yml"
    if thai_digits:
        text = config.read_text(encoding="utf-8").replace("thai_digits: false", "thai_digits: true")
        config = project.root / "mkdocs.yml"
        config.write_text(text.replace("custom_dir: theme", f"custom_dir: {REPO / 'theme'}"),
                          encoding="utf-8")  # fmt: skip
    assert build(project.content, project.site, project.index, config) == []
    return project.site


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_thai_alphabetical_order(project: Project) -> None:
    site = built(project)
    provinces = [a.get_text() for a in soup(site, "provinces").select(".kb-item__title")]
    assert provinces == ["เชียงใหม่", "แพร่", "ลำพูน"]  # Thai order, not code points
    tags = [a.get_text() for a in soup(site, "tags").select(".kb-tag")]
    assert tags == ["กลุ่มจังหวัด", "เกษตร", "ยุทธศาสตร์", "ไอที"]


def test_budget_in_words_and_thai_digits_option(project: Project) -> None:
    page = soup(built(project), "plans/p")
    assert page.select_one(".kb-meta .kb-total").get_text() == (
        "1,250,000 บาท (หนึ่งล้านสองแสนห้าหมื่นบาทถ้วน)"
    )


def test_thai_digits_when_configured(tmp_path: Path) -> None:
    project = Project(tmp_path).base()
    page = soup(built(project, thai_digits=True), "circulars/c")
    assert page.select_one("time").get_text() == "๑๙ มกราคม ๒๕๕๓"
    assert page.select_one("time")["datetime"] == "2010-01-19"  # attributes untouched


def test_feed_links_and_subscribe(project: Project) -> None:
    page = soup(built(project), "circulars")
    atom = "link[rel=alternate][type=\"application/atom+xml\"]"
    feeds = [link["href"] for link in page.select(atom)]
    assert feeds == ["../feeds/all.xml", "../feeds/circulars.xml"]
    assert page.select_one(".kb-subscribe a")["href"] == "../feeds/circulars.xml"


def test_sharing_meta(project: Project) -> None:
    site = built(project)
    page = soup(site, "plans/p")
    assert page.title.get_text() == "แผนพัฒนาจังหวัด - ก.น.จ. คลังความรู้"
    assert page.select_one("meta[name=description]")["content"] == 'สรุปแผน "พิเศษ" <b>'
    assert page.select_one("link[rel=canonical]")["href"] == "http://127.0.0.1:8000/plans/p/"
    assert page.select_one('meta[property="og:title"]')["content"] == "แผนพัฒนาจังหวัด"
    assert page.select_one('meta[name="twitter:card"]')["content"] == "summary"
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert (data["@type"], data["name"]) == ("Report", "แผนพัฒนาจังหวัด")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>http://127.0.0.1:8000/circulars/c/</loc>\n         <lastmod>2010-01-19" in sitemap
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in (site / "robots.txt").read_text()
    missing = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert missing.h1.get_text() == "ไม่พบหน้าที่ต้องการ (404)"



def test_prints_cleanly_on_a4(project: Project, browser) -> None:
    site = built(project)
    page = browser.new_page()
    page.goto((site / "plans" / "p" / "index.html").as_uri())
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-tabs', '.md-sidebar', '.md-footer']
        .map(s => document.querySelector(s)).filter(Boolean)
        .map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}
    url = page.locator(".kb-attachments .kb-url").first
    assert url.is_visible() and url.inner_text() == "http://127.0.0.1:8000/attachments/plan.pdf"
    breaks = page.evaluate("getComputedStyle(document.querySelector('table')).breakInside")
    assert breaks == "avoid"
    assert len(page.pdf(format="A4")) > 1000
