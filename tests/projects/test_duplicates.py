"""Possible duplicate projects: the warning in kb validate, the reviewers' page, calibration."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

from bs4 import BeautifulSoup
from kbtest import REPO, Project

from generator.content.validate import check_content, load_corpus
from generator.exports import make_exports
from generator.projects import duplicates
from generator.projects.duplicates import find_duplicates, normal_title
from generator.projects.register import projects
from generator.site.pages import make_pages

PLAN = """\
title: {title}
kind: annual-action
owner: provinces/{owner}
fiscal_years: [{year}]
strategies:
  - title: ยุทธศาสตร์ที่ 1
    projects:
      - title: {first}
        agency: {agency}
      - title: โครงการจัดงานมหกรรมผ้าไหม
"""


def plans(project: Project, second: str, year: int = 2556, agency: str = "กรมหม่อนไหม") -> None:
    project.write("plans/a.yml", PLAN.format(title="แผนเอ", owner="p1", year=2556,
                                             first="โครงการส่งเสริมการท่องเที่ยวเชิงเกษตร",
                                             agency="สำนักงานจังหวัดเชียงใหม่"))  # fmt: skip
    project.write("plans/b.yml", PLAN.format(title="แผนบี", owner="p2", year=year, first=second,
                                             agency=agency))  # fmt: skip


def test_validate_warns_on_the_later_project_and_exits_0(project: Project) -> None:
    plans(project, "โครงการส่งเสริมท่องเที่ยวเชิงเกษตร ปี 2556")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "validate"],
                            capture_output=True, text=True, cwd=project.root)  # fmt: skip
    assert result.returncode == 0
    lines = [x for x in result.stdout.splitlines() if "duplicate" in x]
    assert lines == [
        'content/plans/b.yml:8:9: warning: strategies[1].projects[1]: project may duplicate '
        'content/plans/a.yml:8 "โครงการส่งเสริมการท่องเที่ยวเชิงเกษตร": if it is one project, '
        "keep it in one plan; if not, make the titles say how they differ",
        'content/plans/b.yml:10:9: warning: strategies[1].projects[2]: project may duplicate '
        'content/plans/a.yml:10 "โครงการจัดงานมหกรรมผ้าไหม": if it is one project, keep it in '
        "one plan; if not, make the titles say how they differ",
    ]
    thai = subprocess.run([sys.executable, "-m", "generator.cli", "validate", "--lang", "th"],
                          capture_output=True, text=True, cwd=project.root)  # fmt: skip
    assert ('โครงการนี้อาจซ้ำกับ content/plans/a.yml:8 "โครงการส่งเสริมการท่องเที่ยวเชิงเกษตร"'
            in thai.stdout)  # fmt: skip


def test_different_years_and_agencies_or_different_words_are_not_duplicates(
        project: Project) -> None:  # fmt: skip
    plans(project, "โครงการส่งเสริมการท่องเที่ยวเชิงเกษตร", year=2560)
    corpus, _ = load_corpus(project.content)
    pairs = find_duplicates(projects(corpus))
    assert [(p.first.title, p.second.title) for p in pairs] == []  # other year, other agency
    plans(project, "โครงการส่งเสริมการท่องเที่ยวเชิงสุขภาพ")  # same year, another project
    corpus, _ = load_corpus(project.content)
    assert [p.second.title for p in find_duplicates(projects(corpus))] == [
        "โครงการจัดงานมหกรรมผ้าไหม"]  # fmt: skip


def test_same_agency_in_other_years_is_a_duplicate(project: Project) -> None:
    plans(project, "โครงการส่งเสริมการท่องเที่ยวเชิงเกษตรในพื้นที่", year=2560,
          agency="สำนักงาน จังหวัดเชียงใหม่")  # fmt: skip
    corpus, _ = load_corpus(project.content)
    assert [p.second.title for p in find_duplicates(projects(corpus))] == [
        "โครงการส่งเสริมการท่องเที่ยวเชิงเกษตรในพื้นที่"]  # fmt: skip


def test_numbers_tell_phases_apart() -> None:
    assert normal_title("โครงการถนนสาย ก ระยะที่ ๒ ปีงบประมาณ 2556") == "ถนนสายกระยะที่2"


def test_duplicates_page_lists_pairs_with_links(project: Project) -> None:
    plans(project, "โครงการส่งเสริมท่องเที่ยวเชิงเกษตร")
    corpus, _ = load_corpus(project.content)
    page = {p.url: p for p in make_pages(corpus, project.content)}["/projects/duplicates/"]
    soup = BeautifulSoup(page.html, "html.parser")
    rows = [[td.get_text(strip=True) for td in tr.find_all("td")]
            for tr in soup.select("table.kb-duplicates tbody tr")]  # fmt: skip
    assert rows == [
        ["โครงการส่งเสริมการท่องเที่ยวเชิงเกษตร", "แผนเอ", "โครงการส่งเสริมท่องเที่ยวเชิงเกษตร",
         "แผนบี", "100%"],  # the same once normalised (การ is left out)
        ["โครงการจัดงานมหกรรมผ้าไหม", "แผนเอ", "โครงการจัดงานมหกรรมผ้าไหม", "แผนบี", "100%"],
    ]  # fmt: skip
    links = [a["href"] for a in soup.select("table.kb-duplicates tbody tr")[0].select("a")]
    assert links == ["../../plans/a/#projects-1-1", "../../plans/a/",
                     "../../plans/b/#projects-1-1", "../../plans/b/"]  # fmt: skip


def test_a_build_finds_duplicates_once_for_warnings_and_page(project: Project,
                                                             monkeypatch) -> None:  # fmt: skip
    plans(project, "โครงการส่งเสริมท่องเที่ยวเชิงเกษตร")
    calls = []

    def counted(found):
        calls.append(len(found))
        return find_duplicates(found)

    monkeypatch.setattr(duplicates, "find_duplicates", counted)
    checked = check_content(project.content)
    exports = make_exports(checked.corpus, project.content)
    pages = {p.url: p for p in make_pages(checked.corpus, project.content, exports)}
    assert calls == [4]  # validation's search, reused by the page
    warned = [w.message.en.split('"')[1] for w in checked.warnings if "duplicate" in w.message.en]
    soup = BeautifulSoup(pages["/projects/duplicates/"].html, "html.parser")
    listed = [tr.select("td")[0].get_text(strip=True)
              for tr in soup.select("table.kb-duplicates tbody tr")]  # fmt: skip
    assert warned == listed == ["โครงการส่งเสริมการท่องเที่ยวเชิงเกษตร", "โครงการจัดงานมหกรรมผ้าไหม"]


def test_a_draft_plans_duplicates_are_warned_but_not_listed(project: Project) -> None:
    plans(project, "โครงการส่งเสริมท่องเที่ยวเชิงเกษตร")
    project.write("plans/c.yml", PLAN.format(title="แผนซี", owner="p1", year=2556,
                                             first="โครงการอบรมอาสาสมัคร", agency="กรมหม่อนไหม")
                  + "draft: true\n")  # fmt: skip
    checked = check_content(project.content)
    warned = [w.path.name for w in checked.warnings if "duplicate" in w.message.en]
    assert warned == ["b.yml", "b.yml", "c.yml"]  # c's silk fair copies b's
    page = {p.url: p for p in make_pages(checked.corpus, project.content)}["/projects/duplicates/"]
    soup = BeautifulSoup(page.html, "html.parser")
    plans_listed = [tr.select("td")[3].get_text(strip=True)
                    for tr in soup.select("table.kb-duplicates tbody tr")]  # fmt: skip
    assert plans_listed == ["แผนบี", "แผนบี"]


def test_calibration_precision_and_recall() -> None:
    spec = importlib.util.spec_from_file_location("bench_duplicates",
                                                  REPO / "bench" / "duplicates.py")  # fmt: skip
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    precision, recall, reported = bench.calibration()
    assert precision >= 0.9 and recall >= 0.8, (precision, recall)
    assert reported >= 22


def test_build_prints_the_warnings_once_with_a_count_and_builds(project: Project) -> None:
    plans(project, "โครงการส่งเสริมท่องเที่ยวเชิงเกษตร ปี 2556", agency="กรมที่ไม่มีจริง")
    project.write("about.md", "# ความเป็นมา\n\nข้อความ\n")
    command = [sys.executable, "-m", "generator.cli", "build", "--site", "site", "--index",
               "index", "--config", str(REPO / "mkdocs.yml"), "--no-ocr"]  # fmt: skip
    validate = subprocess.run([sys.executable, "-m", "generator.cli", "validate"],
                              capture_output=True, text=True, cwd=project.root)  # fmt: skip
    warnings = [x for x in validate.stdout.splitlines() if ": warning: " in x]
    assert len(warnings) == 4  # two agencies that match none, two possible duplicates
    result = subprocess.run(command, capture_output=True, text=True, cwd=project.root,
                            timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[:5] == [*warnings, "4 warnings: they stop nothing, the build goes on"]
    assert lines[5].startswith("built site/ and index/ in ")
    assert len(lines) == 6 and ": warning: " not in result.stderr
    assert (project.root / "site" / "projects" / "index.html").is_file()
    thai = subprocess.run([*command, "--lang", "th"], capture_output=True, text=True,
                          cwd=project.root, timeout=600)  # fmt: skip
    assert thai.returncode == 0, thai.stdout + thai.stderr
    assert thai.stdout.splitlines()[4] == "คำเตือน 4 รายการ: ไม่หยุดการสร้างเว็บไซต์ ระบบสร้างต่อไป"
    assert thai.stdout.count("โครงการนี้อาจซ้ำกับ content/plans/a.yml:8") == 1


def test_build_without_warnings_prints_no_count(project: Project) -> None:
    project.write("about.md", "# ความเป็นมา\n\nข้อความ\n")
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--site", "site", "--index", "index",
         "--config", str(REPO / "mkdocs.yml"), "--no-ocr"],
        capture_output=True, text=True, cwd=project.root, timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert [x for x in result.stdout.splitlines() if "warning" in x] == []


def test_words_added_are_found_however_common_the_trigrams(monkeypatch) -> None:
    from generator.content.model import Record
    from generator.projects.register import Project as Item

    letters = "กขคงจฉชซญดตถทนบปผพฟมยรลวสหอฮ"
    words = [a + b for a in letters[:8] for b in letters[8:16]]  # 64 words, each in 64 titles
    plan = Record("plans", "p", REPO / "p.yml", {"title": "แผน", "fiscal_years": [2556]})
    titles = [f"โครงการพัฒนาระบบ{a}เพื่อยกระดับมาตรฐาน{b}" for a in words for b in words[:8]]
    titles.append(titles[3] + "ในพื้นที่")  # the last, a copy of an early one
    items = [Item(plan, 1, i + 1, {"title": t}) for i, t in enumerate(titles)]
    found = [(p.first.title, p.second.title) for p in duplicates.find_duplicates(items)]
    assert (titles[3], titles[-1]) in found
    monkeypatch.setattr(duplicates, "WINDOW", 0)  # trigrams alone: their postings are full
    found = [(p.first.title, p.second.title) for p in duplicates.find_duplicates(items)]
    assert (titles[3], titles[-1]) not in found


def test_copies_pair_with_the_latest_related_copy_within_look_back() -> None:
    from pathlib import Path

    from generator.content.model import Record
    from generator.projects.duplicates import LOOK_BACK
    from generator.projects.register import Project

    def copy(n: int, year: int) -> Project:
        plan = Record("plans", f"p{n}", Path(f"content/plans/p{n:03d}.yml"),
                      {"title": f"แผน {n}", "fiscal_years": [year]})  # fmt: skip
        return Project(plan, 1, 1, {"title": "โครงการพัฒนาแหล่งท่องเที่ยว"})

    years = [2556 + n % 2 for n in range(60)] + [2540] + [2556] * LOOK_BACK + [2540]
    found = find_duplicates([copy(n, year) for n, year in enumerate(years)])
    pairs = [(int(p.first.plan.id[1:]), int(p.second.plan.id[1:])) for p in found]
    # same parity = same year: each copy pairs with the one two before; the last 2540 copy
    # is LOOK_BACK + 1 behind its only related copy, so it is left alone
    assert pairs == [(n - 2, n) for n in range(2, 60)] + [(58, 61)] + [
        (n - 1, n) for n in range(62, 61 + LOOK_BACK)]
