"""The /projects/ register in headless Chromium: sorting and filtering every project."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from kbtest import BASE, REPO, Project, static_site
from playwright.sync_api import expect

PROJECTS = 130  # more than two pages of 50


def plan(n: int) -> str:
    items = "\n".join(
        f"          - {{title: โครงการหมายเลข {n}-{i}, budget: {(i * 7919 + n) % 100000},"
        f" agency: หน่วยงาน{'ก' if i % 2 else 'ข'}}}" for i in range(PROJECTS // 2))
    return (f"title: แผนที่ {n}\nkind: annual-action\nowner: provinces/p1\n"
            f"fiscal_years: [{2555 + n}]\nstrategies:\n  - title: ยุทธศาสตร์\n"
            f"    projects:\n{items}\n")


@pytest.fixture(scope="module")
def site_url(tmp_path_factory) -> Iterator[str]:
    project = Project(tmp_path_factory.mktemp("register"))
    for rel, text in BASE.items():
        project.write(rel, text)
    project.write("about.md", "# ความเป็นมา\n\nข้อความ\n")  # the menu links it
    project.write("plans/a.yml", plan(1))
    project.write("plans/b.yml", plan(2))
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--content", str(project.content),
         "--site", str(project.site), "--index", str(project.index),
         "--config", str(REPO / "mkdocs.yml")],
        capture_output=True, text=True, timeout=600, cwd=REPO)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    with static_site(project.site) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="th-TH")
    foreign: list[str] = []

    def route(r):
        if urlsplit(r.request.url).hostname == "127.0.0.1":
            r.continue_()
        else:
            foreign.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    yield context.new_page()
    context.close()
    assert foreign == []


def budgets(page) -> list[int]:
    texts = page.locator("#kb-projects tbody tr td:nth-child(8)").all_inner_texts()
    return [int(t.replace(" บาท", "").replace(",", "")) for t in texts]


def test_sorting_by_budget_covers_every_page(page, site_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(urlsplit(r.url).path))
    page.goto(f"{site_url}/projects/", wait_until="load")
    assert len(page.locator("#kb-projects tbody tr").all()) == 50
    assert "/data/projects.json" not in requests  # nothing more loads until asked
    page.get_by_role("button", name="งบประมาณ (บาท)").click()
    expect(page.locator("#kb-projects-status")).to_have_text(re.compile("^พบ"))
    assert "/data/projects.json" in requests
    ascending = budgets(page)
    every = sorted((i * 7919 + n) % 100000 for n in (1, 2) for i in range(PROJECTS // 2))
    assert ascending == every[:50]
    assert page.locator(".kb-pager").is_hidden()
    page.get_by_role("button", name="งบประมาณ (บาท)").click()
    assert budgets(page) == every[::-1][:50]
    assert page.locator("th[aria-sort=descending]").inner_text().startswith("งบประมาณ")


def test_filter_finds_projects_of_every_page(page, site_url: str) -> None:
    page.goto(f"{site_url}/projects/", wait_until="load")
    page.fill("#kb-projects-filter", "โครงการหมายเลข 2-6")  # 2-6, 2-60 … 2-64
    expect(page.locator("#kb-projects-status")).to_have_text("พบ 6 โครงการ")
    titles = page.locator("#kb-projects tbody tr td:nth-child(2)").all_inner_texts()
    assert sorted(titles) == sorted(["โครงการหมายเลข 2-6"] + [
        f"โครงการหมายเลข 2-6{i}" for i in range(5)])  # fmt: skip
    link = page.locator("#kb-projects tbody tr td:nth-child(2) a").first.get_attribute("href")
    assert link.startswith("../plans/b/#projects-1-")
