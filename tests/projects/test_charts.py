"""Budget views: static SVG charts, each with its table, on plans, cluster and agency pages."""

from __future__ import annotations

from bs4 import BeautifulSoup
from kbtest import Project
from test_register import AGENCIES, PLAN

from generator.content.validate import load_corpus
from generator.site.pages import make_pages

ANNUAL = """
    title: แผนปฏิบัติราชการกลุ่มจังหวัด
    kind: annual-action
    owner: groups/g1
    fiscal_years: [2557]
    strategies:
      - title: <b>ยุทธศาสตร์</b> & เกษตร
        projects:
          - {title: โครงการตลาดกลาง, budget: 300000}
    """


def pages(project: Project) -> dict:
    for rel, text in {**AGENCIES, "plans/cm.yml": PLAN, "plans/g.yml": ANNUAL}.items():
        project.write(rel, text)
    corpus, problems = load_corpus(project.content)
    assert problems == []
    return {p.url: p for p in make_pages(corpus, project.content)}


def charts(html: str) -> dict[str, list[list[str]]]:
    """Each chart's caption (first line) → its table's rows; checks the SVG beside it."""
    found = {}
    for figure in BeautifulSoup(html, "html.parser").select("figure.kb-chart"):
        svg = figure.select_one("svg")
        assert svg["aria-hidden"] == "true" and svg.find("script") is None
        assert len(svg.select("rect.kb-bar")) == len(figure.select("tbody tr"))
        rows = [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
                for tr in figure.select("tbody tr")]  # fmt: skip
        found[figure.figcaption.contents[0].strip()] = rows
    return found


def test_plans_index_totals_by_year_cluster_and_strategy(project: Project) -> None:
    found = charts(pages(project)["/plans/"].html)
    assert found == {
        "งบประมาณตามปีงบประมาณ": [["2555", "875,000 บาท"], ["2556", "875,000 บาท"],
                                 ["2557", "300,000 บาท"]],
        "งบประมาณตามกลุ่มจังหวัด": [["กลุ่มจังหวัดทดสอบ", "2,050,000 บาท"]],
        "งบประมาณตามประเด็นยุทธศาสตร์": [["ยุทธศาสตร์ท่องเที่ยว", "1,500,000 บาท"],
                                        ["<b>ยุทธศาสตร์</b> & เกษตร", "300,000 บาท"],
                                        ["ยุทธศาสตร์เกษตร", "250,000 บาท"]],
    }  # fmt: skip
    html = pages(project)["/plans/"].html
    assert "<b>ยุทธศาสตร์</b>" not in html and "&lt;b&gt;ยุทธศาสตร์&lt;/b&gt; &amp; เกษตร" in html


def test_cluster_and_agency_pages_have_their_own_totals(project: Project) -> None:
    site = pages(project)
    cluster = charts(site["/groups/g1/"].html)
    assert cluster["งบประมาณตามปีงบประมาณ"] == [["2555", "875,000 บาท"], ["2556", "875,000 บาท"],
                                                ["2557", "300,000 บาท"]]  # fmt: skip
    assert "งบประมาณตามกลุ่มจังหวัด" not in cluster
    agency = charts(site["/agencies/cm/"].html)
    assert agency["งบประมาณตามปีงบประมาณ"] == [["2555", "625,000 บาท"], ["2556", "625,000 บาท"]]
