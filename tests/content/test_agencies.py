"""Agencies as records: names resolved, unknown names warned, bad agencies and priorities."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kbtest import REPO, Project

from generator.content.agencies import agencies_of, normalize, unmatched
from generator.content.validate import check_content

KB = [sys.executable, "-m", "generator.cli"]
OPDC = """\
title: สำนักงานคณะกรรมการพัฒนาระบบราชการ
name_en: Office of the Public Sector Development Commission
abbreviation: ก.พ.ร.
aliases: [สำนักงาน ก.พ.ร.]
parent: pmo
"""
PMO = "title: สำนักนายกรัฐมนตรี\nname_en: Office of the Prime Minister\n"
CIRCULAR = """\
title: หนังสือเวียน
number: นร 0109/ว 12
date: 2553-01-19
issuer: {issuer}
"""
PLAN = """\
title: แผนพัฒนาจังหวัด
kind: province-development
owner: provinces/p1
fiscal_years: [2555]
strategies:
  - title: ยุทธศาสตร์ที่ 1
    projects:
      - title: โครงการ ก
        agency: {agency}
        priority: {first}
      - title: โครงการ ข
        priority: {second}
"""


def agencies(project: Project) -> Project:
    project.write("agencies/opdc.yml", OPDC)
    project.write("agencies/pmo.yml", PMO)
    return project


def test_names_ids_and_aliases_resolve(project: Project) -> None:
    agencies(project)
    corpus = check_content(Path("content")).corpus
    known = agencies_of(corpus)
    for text in ("opdc", "agencies/opdc", "สำนักงานคณะกรรมการพัฒนาระบบราชการ", "ก.พ.ร.", "กพร",
                 "สำนักงาน ก.พ.ร.", "สำนักงานกพร", "Office of the Public Sector Development "
                 "Commission", "สำนักงานคณะกรรมการพัฒนาระบบราชการ (ก.พ.ร.)"):  # fmt: skip
        found = known.resolve(text)
        assert found is not None and found.id == "opdc", text
    assert known.resolve("กรมการปกครอง") is None
    assert normalize("สำนักงาน  ก.พ.ร.") == normalize("สำนักงานกพร")


def test_unknown_name_warns_with_closest_agency_and_exit_0(project: Project) -> None:
    agencies(project)
    project.write("circulars/c.yml", CIRCULAR.format(issuer="สำนักงาน ก.พ.ร"))
    project.write("circulars/d.yml", CIRCULAR.format(issuer="สำนักงานคณะกรรมการพัฒนาระบบราชกา"))
    project.write("circulars/e.yml", CIRCULAR.format(issuer="ห้างหุ้นส่วนจำกัด"))
    result = subprocess.run([*KB, "validate"], capture_output=True, text=True, cwd=project.root)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines() == [
        "content/circulars/d.yml:4:9: warning: issuer: no agency is named "
        "'สำนักงานคณะกรรมการพัฒนาระบบราชกา'; did you mean "
        "'สำนักงานคณะกรรมการพัฒนาระบบราชการ' (agencies/opdc)? Write one of those, or add the "
        "name to that agency's aliases",
        "content/circulars/e.yml:4:9: warning: issuer: no agency is named 'ห้างหุ้นส่วนจำกัด': "
        "add it to an agency's aliases in content/agencies/, or create the agency with "
        "`kb new agencies`",
        "9 files checked: no problems found; 2 warnings.",
    ]
    thai = subprocess.run([*KB, "validate", "--lang", "th"], capture_output=True, text=True,
                          cwd=project.root)  # fmt: skip
    assert thai.stdout.splitlines()[-1] == "ตรวจ 9 ไฟล์: ไม่พบข้อผิดพลาด (คำเตือน 2 รายการ)"
    assert "หมายถึง 'สำนักงานคณะกรรมการพัฒนาระบบราชการ' (agencies/opdc) หรือไม่" in thai.stdout


def test_kb_agencies_lists_unmatched_names_with_counts(project: Project) -> None:
    agencies(project)
    project.write("circulars/c.yml", CIRCULAR.format(issuer="กรมการปกครอง"))
    project.write("circulars/d.yml", CIRCULAR.format(issuer="กรมการปกครอง"))
    project.write("plans/x.yml", PLAN.format(agency="กรมการปกครอง", first=1, second=2))
    project.write("orders/o.yml", "title: คำสั่ง\nnumber: 1/2552\ndate: 2552\nissuer: กพร\n")
    result = subprocess.run([*KB, "agencies"], capture_output=True, text=True, cwd=project.root)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "3\tกรมการปกครอง\tcontent/circulars/c.yml:4 content/circulars/d.yml:4 "
        "content/plans/x.yml:9",
        "1 agency names match no agency in content/agencies/",
    ]


def test_bad_agencies_are_errors(project: Project) -> None:
    project.write("agencies/a.yml", "title: ก\nname_en: A\nparent: a\n")
    project.write("agencies/b.yml", "title: ข\nname_en: B\nparent: c\naliases: [ชื่อร่วม]\n")
    project.write("agencies/c.yml", "title: ค\nname_en: C\nparent: b\naliases: [ชื่อ ร่วม]\n")
    project.write("agencies/d.yml", "title: ง\nname_en: D\nwebsite: www.example.go.th\n")
    problems = [p.format() for p in check_content(Path("content")).problems]
    assert problems == [
        "content/agencies/a.yml:3:9: error: parent: an agency cannot be its own parent: give "
        "the ministry or agency it belongs to, or remove parent",
        "content/agencies/b.yml:3:9: error: parent: parents go round in a circle (b → c → b): "
        "the top of a chain is a ministry with no parent; remove or correct parent in one of "
        "them",
        "content/agencies/c.yml:3:9: error: parent: parents go round in a circle (c → b → c): "
        "the top of a chain is a ministry with no parent; remove or correct parent in one of "
        "them",
        "content/agencies/c.yml:4:11: error: aliases[1]: 'ชื่อ ร่วม' is also a name of "
        "agencies/b (content/agencies/b.yml): each name or alias belongs to one agency; remove "
        "it from one of the two",
        "content/agencies/d.yml:3:10: error: website: 'www.example.go.th' is not a web "
        "address: write it whole, starting https://",
    ]


def test_priority_must_be_positive_and_unique(project: Project) -> None:
    agencies(project)
    project.write("plans/x.yml", PLAN.format(agency="opdc", first=1, second=1))
    project.write("plans/y.yml", PLAN.format(agency="opdc", first=0, second="สอง"))
    checked = check_content(Path("content"))
    assert [p.format() for p in checked.problems] == [
        "content/plans/x.yml:12:19: error: strategies[1].projects[2].priority: priority 1 is "
        "also given on line 10: each project of a plan has its own rank (1, 2, 3 …); renumber "
        "one of them",
        "content/plans/y.yml:10:19: error: strategies[1].projects[1].priority: '0' is not a "
        "positive whole number: write 1 for the first, 2 for the next …",
        "content/plans/y.yml:12:19: error: strategies[1].projects[2].priority: 'สอง' is not a "
        "positive whole number: write 1 for the first, 2 for the next …",
    ]
    assert [w for w in checked.warnings if "may duplicate" not in w.format()] == []
    thai = checked.problems[0].format("th")
    assert "ลำดับความสำคัญ 1 ซ้ำกับบรรทัด 10" in thai


def test_real_content_names_only_known_agencies() -> None:
    checked = check_content(REPO / "content")
    assert [p.format() for p in checked.problems + checked.warnings] == []
    assert unmatched(checked.corpus) == {}
    assert len(checked.corpus.records["agencies"]) >= 10
