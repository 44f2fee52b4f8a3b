"""Duplicate projects: precision and recall on the labelled pairs, and time at scale.

    python bench/duplicates.py [--projects 50000] [--plans 10000] [--seed 1] [--content DIR]

First it runs generator/projects/duplicates.find_duplicates over every title of
bench/duplicate_pairs.yml at once (each in a plan of its own, same fiscal year, so every
labelled pair and every pair across them is a candidate) and prints precision and recall:
a reported pair is right when its two titles are labelled `same: true` or normalise to the
same text; recall counts the labelled `same: true` pairs reported. Then it times
find_duplicates on PROJECTS synthetic projects spread over PLANS plans (titles combined
from a Thai vocabulary: verb, object, for whom, province, qualifier, 1.1 million
combinations; 2 % of them rewritten near-duplicates of another) and prints how many of
those planted near-duplicates it found. With --content it times find_duplicates instead on
the projects of every plan of that content/ folder (as `kb validate` checks them), e.g. one
written by make_corpus.py --projects-per-plan 50.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import yaml

from generator.content.model import Record
from generator.content.validate import load_corpus
from generator.projects.duplicates import find_duplicates, normal_title, related
from generator.projects.register import Project, projects

PAIRS = Path(__file__).with_name("duplicate_pairs.yml")
VERBS = ["พัฒนา", "ส่งเสริม", "ยกระดับ", "เพิ่มประสิทธิภาพ", "ก่อสร้าง", "ปรับปรุง", "อนุรักษ์",
         "ฟื้นฟู", "เสริมสร้าง", "สนับสนุน", "บริหารจัดการ", "ขยายผล"]  # fmt: skip
OBJECTS = ["แหล่งท่องเที่ยว", "สินค้าเกษตรปลอดภัย", "ถนนสายรอง", "ผู้ประกอบการ OTOP", "ระบบประปา",
           "ตลาดชุมชน", "ป่าต้นน้ำ", "ศูนย์การเรียนรู้", "อาชีพผู้สูงอายุ", "แหล่งน้ำขนาดเล็ก",
           "ผลิตภัณฑ์ผ้าไหม", "การค้าชายแดน", "โรงเรียนขนาดเล็ก", "ระบบสาธารณสุข", "ข้าวหอมมะลิ",
           "ยางพารา", "ปาล์มน้ำมัน", "ลำไย", "ประมงพื้นบ้าน", "เส้นทางจักรยาน", "ภูมิทัศน์ริมน้ำ",
           "ฐานข้อมูลจังหวัด", "อาสาสมัคร", "เครือข่ายเกษตรกร", "พลังงานทดแทน"]  # fmt: skip
PLACES = ["เชียงใหม่", "ลำพูน", "ลำปาง", "แพร่", "น่าน", "พะเยา", "เชียงราย", "สงขลา", "สตูล",
          "ตรัง", "พัทลุง", "ขอนแก่น", "อุดรธานี", "เลย", "หนองคาย", "ชลบุรี", "ระยอง", "จันทบุรี",
          "ตราด", "นครราชสีมา", "บุรีรัมย์", "สุรินทร์", "ศรีสะเกษ", "อุบลราชธานี"]  # fmt: skip
SUBJECTS = ["ชุมชน", "เกษตรกร", "เยาวชน", "ผู้สูงอายุ", "วิสาหกิจชุมชน", "สหกรณ์", "ท้องถิ่น",
            "ภาคเอกชน", "ครัวเรือน", "นักเรียน", "แรงงาน", "ผู้พิการ", "อาสาสมัคร", "ประมง",
            "ผู้ประกอบการรายใหม่", "กลุ่มสตรี", "ตำบล", "อำเภอ", "โรงพยาบาลส่งเสริมสุขภาพ",
            "ศูนย์เด็กเล็ก"]  # fmt: skip
QUALIFIERS = ["", "แบบบูรณาการ", "อย่างยั่งยืน", "เชิงสร้างสรรค์", "ระยะที่ 1", "ระยะที่ 2",
              "ตามแนวพระราชดำริ", "เพื่อการท่องเที่ยว"]  # fmt: skip


def plan(n: int, years: list[int]) -> Record:
    return Record("plans", f"p{n}", Path(f"content/plans/p{n}.yml"),
                  {"title": f"แผน {n}", "fiscal_years": years})  # fmt: skip


def calibration() -> tuple[float, float, int]:
    """(precision, recall, pairs reported) on the labelled pairs."""
    pairs = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))["pairs"]
    titles = [t for p in pairs for t in (p["a"], p["b"])]
    projects = [Project(plan(i, [2556]), 1, 1, {"title": t}) for i, t in enumerate(titles)]
    same = {frozenset((p["a"], p["b"])) for p in pairs if p["same"]}
    found = find_duplicates(projects)
    reported = {frozenset((x.first.title, x.second.title)) for x in found}
    right = [x for x in found if frozenset((x.first.title, x.second.title)) in same
             or normal_title(x.first.title) == normal_title(x.second.title)]  # fmt: skip
    precision = len(right) / len(found) if found else 1.0
    recall = len(same & reported) / len(same)
    return precision, recall, len(found)


planted: list[tuple[Project, int]] = []
"""(original, index of its rewritten copy) of the last synthetic()."""


def synthetic(count: int, plans: int, seed: int) -> list[Project]:
    rng = random.Random(seed)
    planted.clear()
    records = [plan(n, sorted(rng.sample(range(2555, 2566), rng.randint(1, 4))))
               for n in range(plans)]  # fmt: skip
    projects = []
    for i in range(count):
        if projects and rng.random() < 0.02:  # a near-duplicate of an earlier one
            original = projects[rng.randrange(len(projects))]
            planted.append((original, i))
            title = "โครงการ" + original.title.replace(
                "โครงการ", "") + rng.choice([" ปี 2556", " (กลุ่มจังหวัด)", "ในพื้นที่"])
        else:
            title = (f"โครงการ{rng.choice(VERBS)}{rng.choice(OBJECTS)}ของ{rng.choice(SUBJECTS)}"
                     f"จังหวัด{rng.choice(PLACES)}{rng.choice(QUALIFIERS)}")
        record = records[i % plans]
        projects.append(Project(record, 1, i // plans + 1, {"title": title}))
    return projects


def of_content(content: Path) -> int:
    """Time find_duplicates on the projects of content's plans, as kb validate runs it."""
    corpus, problems = load_corpus(content)
    if problems:
        print(f"error: {content} has {len(problems)} problems; run kb validate", file=sys.stderr)
        return 1
    plans = list(corpus.records.get("plans", {}).values())
    found = projects(corpus, plans=plans)
    started = time.perf_counter()
    pairs = find_duplicates(found)
    seconds = time.perf_counter() - started
    print(f"{len(found):,} projects in {len(plans):,} plans of {content}: {len(pairs):,} "
          f"possible duplicate pairs in {seconds:.1f} s (target ≤ 30 s)")  # fmt: skip
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=50_000)
    parser.add_argument("--plans", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--content", type=Path, help="time the projects of this content/")
    args = parser.parse_args(argv)
    precision, recall, reported = calibration()
    print(f"labelled pairs: precision {precision:.0%}, recall {recall:.0%} "
          f"({reported} pairs reported)")  # fmt: skip
    if args.content is not None:
        return of_content(args.content)
    projects = synthetic(args.projects, args.plans, args.seed)
    started = time.perf_counter()
    pairs = find_duplicates(projects)
    seconds = time.perf_counter() - started
    print(f"{len(projects):,} projects in {args.plans:,} plans: {len(pairs):,} possible "
          f"duplicate pairs in {seconds:.1f} s (target ≤ 30 s)")  # fmt: skip
    found = {(id(p.first), id(p.second)) for p in pairs} | {
        (id(p.second), id(p.first)) for p in pairs}  # fmt: skip
    gated = [(o, projects[i]) for o, i in planted if related(o, projects[i])]
    hit = sum((id(o), id(copy)) in found for o, copy in gated)
    print(f"planted near-duplicates (same agency or year) found: {hit:,} of {len(gated):,} "
          "(a copy may instead be paired with an identical title between them)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
