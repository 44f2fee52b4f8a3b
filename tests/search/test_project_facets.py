"""Projects' search facets ministry, strategy and budget band: the real API, kb search, the page."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from kbtest import BASE, REPO, Project, Running
from playwright.sync_api import expect

from generator.projects.register import budget_band

AGENCIES = {
    "agencies/moi.yml": "title: กระทรวงมหาดไทย\nname_en: Ministry of Interior\n",
    "agencies/moac.yml": "title: กระทรวงเกษตรและสหกรณ์\nname_en: Ministry of Agriculture\n",
    "agencies/cm.yml": "title: สำนักงานจังหวัดเชียงใหม่\nname_en: Chiang Mai Office\nparent: moi\n",
    "agencies/rid.yml": "title: กรมชลประทาน\nname_en: Royal Irrigation Department\nparent: moac\n",
}
PLAN = """
    title: แผนพัฒนาจังหวัดเชียงใหม่
    kind: province-development
    owner: provinces/p1
    fiscal_years: [2556]
    strategies:
      - title: ยุทธศาสตร์ท่องเที่ยว
        projects:
          - {title: โครงการถนนสายวัฒนธรรม, budget: 1000000, agency: cm}
          - {title: โครงการตลาดวัฒนธรรม, budget: 25000000, agency: cm}
      - title: ยุทธศาสตร์เกษตร
        projects:
          - {title: โครงการฝายชะลอน้ำวัฒนธรรม, budget: 1000001, agency: rid}
          - {title: โครงการอ่างเก็บน้ำวัฒนธรรม, budget: 250000000, agency: กรมชลประทาน}
          - {title: โครงการประชาคมวัฒนธรรม}
    """


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    from generator.build import build

    project = Project(tmp_path_factory.mktemp("facets"))
    for rel, text in {**BASE, **AGENCIES, "plans/cm.yml": PLAN}.items():
        project.write(rel, text)
    project.write("about.md", "# ความเป็นมา\n\nข้อความ\n")
    problems = build(project.content, project.site, project.index, REPO / "mkdocs.yml",
                     ocr=False)  # fmt: skip
    assert problems == [], [p.format() for p in problems]
    return project.site, project.index


@pytest.fixture(scope="module")
def server(built) -> Iterator[Running]:
    from generator.serving.server import App

    running = Running(App(*built))
    yield running
    running.server.close()


def titles(answer: dict) -> list[str]:
    return sorted(h["title"].split(" — ")[0] for h in answer["hits"])


def test_bands_are_fixed_in_baht() -> None:
    assert [budget_band(x) for x in (0, 1_000_000, 1_000_001, 10_000_000, 10_000_001,
                                     100_000_000, 100_000_001, None)] == [
        "up-to-1m", "up-to-1m", "1m-10m", "1m-10m", "10m-100m", "10m-100m", "over-100m", ""]


def test_api_counts_and_filters_ministry_strategy_and_budget(server: Running) -> None:
    status, answer = server.api(q="วัฒนธรรม", type="projects")
    assert status == 200 and answer["total"] == 5
    assert answer["facets"]["ministry"] == {"moac": 2, "moi": 2}
    assert answer["facets"]["strategy"] == {"ยุทธศาสตร์เกษตร": 3, "ยุทธศาสตร์ท่องเที่ยว": 2}
    assert list(answer["facets"]["budget"].items()) == [  # the bands from the smallest up
        ("up-to-1m", 1), ("1m-10m", 1), ("10m-100m", 1), ("over-100m", 1)]
    assert answer["labels"]["ministry"] == {"moac": "กระทรวงเกษตรและสหกรณ์",
                                            "moi": "กระทรวงมหาดไทย"}  # fmt: skip
    assert answer["labels"]["budget"] == {
        "up-to-1m": "ไม่เกิน 1 ล้านบาท", "1m-10m": "เกิน 1–10 ล้านบาท",
        "10m-100m": "เกิน 10–100 ล้านบาท", "over-100m": "เกิน 100 ล้านบาท"}  # fmt: skip
    _, moac = server.api(q="วัฒนธรรม", ministry="moac")
    assert titles(moac) == ["โครงการฝายชะลอน้ำวัฒนธรรม", "โครงการอ่างเก็บน้ำวัฒนธรรม"]
    assert moac["filters"] == {"ministry": "moac"}
    _, farming = server.api(q="วัฒนธรรม", strategy="ยุทธศาสตร์เกษตร")
    assert titles(farming) == sorted(["โครงการฝายชะลอน้ำวัฒนธรรม", "โครงการประชาคมวัฒนธรรม",
                                      "โครงการอ่างเก็บน้ำวัฒนธรรม"])  # fmt: skip
    _, small = server.api(budget="up-to-1m")  # a facet alone, without words
    assert titles(small) == ["โครงการถนนสายวัฒนธรรม"]
    _, both = server.api(q="วัฒนธรรม", ministry="moi", budget="10m-100m")
    assert titles(both) == ["โครงการตลาดวัฒนธรรม"]


def test_api_refuses_unknown_values_with_400(server: Running) -> None:
    assert server.api(q="วัฒนธรรม", budget="1-2m") == (
        400, {"error": "ไม่มีค่า budget=1-2m ในดัชนี (unknown budget value: 1-2m)"})
    status, answer = server.api(q="วัฒนธรรม", ministry="nowhere")
    assert status == 400 and "unknown ministry value: nowhere" in answer["error"]


def test_kb_search_options(built) -> None:
    _, index = built
    command = [sys.executable, "-m", "generator.cli", "search", "วัฒนธรรม", "--index", str(index)]
    result = subprocess.run([*command, "--budget", "over-100m", "--json"], capture_output=True,
                            text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert titles(json.loads(result.stdout)) == ["โครงการอ่างเก็บน้ำวัฒนธรรม"]
    text = subprocess.run([*command, "--ministry", "moi", "--strategy", "ยุทธศาสตร์ท่องเที่ยว"],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert "กระทรวง [ministry]: กระทรวงมหาดไทย (2)" in lines
    assert "วงเงินงบประมาณ [budget]: ไม่เกิน 1 ล้านบาท (1), เกิน 10–100 ล้านบาท (1)" in lines


def test_search_page_filters_by_budget_band_and_ministry(browser, server: Running) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server.url + "/search/?q=" + "วัฒนธรรม")
    band = page.locator('.kb-search__facet[data-facet="budget"][data-value="over-100m"]')
    band.wait_for()
    assert band.inner_text() == "เกิน 100 ล้านบาท (1)"
    headings = page.locator(".kb-search__facets h2").all_inner_texts()
    assert {"กระทรวง", "ยุทธศาสตร์", "วงเงินงบประมาณ"} <= set(headings)
    page.locator('.kb-search__facet[data-facet="ministry"][data-value="moac"]').click()
    page.wait_for_url("**ministry=moac*")
    page.wait_for_selector(".kb-search__facet--on")
    assert page.locator(".kb-search__facet--on").inner_text() == "✕ กระทรวงเกษตรและสหกรณ์ (ยกเลิก)"
    page.locator('.kb-search__facet[data-facet="budget"][data-value="over-100m"]').click()
    page.wait_for_url("**budget=over-100m*")
    expect(page.locator(".kb-search__facet--on")).to_have_count(2)  # (no eval: the page's CSP)
    hits = page.locator(".kb-search__hit h3 a").all_inner_texts()
    assert [h.split(" — ")[0] for h in hits] == ["โครงการอ่างเก็บน้ำวัฒนธรรม"]
    assert errors == []
    page.close()
