"""Live preview of the register: `kb serve --watch` redraws /projects/, charts and agency pages."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request

from bs4 import BeautifulSoup
from kbtest import REPO, Project, free_port, wait_for

AGENCIES = {
    "agencies/moi.yml": "title: กระทรวงมหาดไทย\nname_en: Ministry of Interior\n",
    "agencies/cm.yml": "title: สำนักงานจังหวัดเชียงใหม่\nname_en: Chiang Mai Office\nparent: moi\n",
    "agencies/lp.yml": "title: สำนักงานจังหวัดลำพูน\nname_en: Lamphun Office\nparent: moi\n",
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
          - {title: โครงการตลาดชุมชน, budget: 500000, agency: อบต.แม่ริม}
    """


def get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def version(url: str) -> int:
    text = get(f"{url}/__kb/version")
    return json.loads(text)["version"] if text else -1



def soup(url: str) -> BeautifulSoup:
    return BeautifulSoup(get(url) or "", "html.parser")


def row(page: BeautifulSoup, title: str) -> list[str]:
    for tr in page.select("#kb-projects tbody tr"):
        cells = [td.get_text(strip=True) for td in tr.find_all("td")]
        if cells[1] == title:
            return cells
    return []


def test_editing_a_budget_redraws_register_charts_and_agency_pages(project: Project) -> None:
    for rel, text in {**AGENCIES, "plans/cm.yml": PLAN}.items():
        project.write(rel, text)
    project.write("about.md", "# ความเป็นมา\n\nข้อความ\n")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--watch", "--port", str(port),
         "--content", "content", "--site", "site", "--index", "index",
         "--config", str(REPO / "mkdocs.yml")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=project.root,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: version(url) == 1, 120), process.poll()
        register = soup(f"{url}/projects/")
        assert row(register, "โครงการถนนสายวัฒนธรรม")[-1] == "1,000,000 บาท"
        assert "งบประมาณรวม 1,500,000 บาท" in register.select_one(".kb-count").get_text()
        agency = soup(f"{url}/agencies/cm/")
        assert agency.select_one(".kb-agency-projects .kb-count").get_text() == (
            "1 โครงการ · งบประมาณรวม 1,000,000 บาท")
        plan = project.content / "plans" / "cm.yml"
        text = plan.read_text(encoding="utf-8")
        plan.write_text(text.replace("budget: 1000000, agency: cm", "budget: 2750000, agency: lp"),
                        encoding="utf-8")  # fmt: skip
        assert wait_for(lambda: version(url) == 2, 60), process.poll()
        register = soup(f"{url}/projects/")
        assert row(register, "โครงการถนนสายวัฒนธรรม")[-3:] == [
            "สำนักงานจังหวัดลำพูน", "2556", "2,750,000 บาท"]  # fmt: skip
        assert "งบประมาณรวม 3,250,000 บาท" in register.select_one(".kb-count").get_text()
        moved_to = soup(f"{url}/agencies/lp/")
        assert moved_to.select_one(".kb-agency-projects .kb-count").get_text() == (
            "1 โครงการ · งบประมาณรวม 2,750,000 บาท")
        assert "2,750,000" in moved_to.select_one(".kb-budget table").get_text()  # its chart
        left = soup(f"{url}/agencies/cm/")
        assert left.select_one(".kb-agency-projects") is None or "2,750,000" not in left.get_text()
        assert "1,000,000" not in left.get_text()
        plans = soup(f"{url}/plans/")  # the plans index's budget views
        assert "3,250,000" in plans.select_one(".kb-budget").get_text()
        cluster = soup(f"{url}/groups/g1/")
        assert "3,250,000" in cluster.select_one(".kb-budget").get_text()
        assert json.loads(get(f"{url}/data/projects.json") or "[]")
    finally:
        process.terminate()
        process.communicate(timeout=15)
