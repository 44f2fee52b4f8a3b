"""bench/make_corpus.py --projects-per-plan and the register's benchmark switch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from kbtest import REPO

from generator.content.validate import check_content
from generator.projects.register import BENCH_OFF, projects

GROUPS = """\
groups:
  - id: north-upper-1
    title: กลุ่มจังหวัดภาคเหนือตอนบน 1
    provinces: {chiang-mai: [เชียงใหม่, Chiang Mai], lamphun: [ลำพูน, Lamphun]}
  - id: south-andaman
    title: กลุ่มจังหวัดภาคใต้ฝั่งอันดามัน
    provinces: {phuket: [ภูเก็ต, Phuket]}
"""


def make_corpus(tmp_path: Path, *more: str) -> Path:
    """Run the real script; the written content/ folder."""
    groups, out = tmp_path / "groups.yml", tmp_path / "content"
    groups.write_text(GROUPS, encoding="utf-8")
    done = subprocess.run([sys.executable, str(REPO / "bench" / "make_corpus.py"), str(out),
                           "--n", "200", "--groups", str(groups), *more],
                          capture_output=True, text=True, check=True)  # fmt: skip
    assert "plans=20 " in done.stdout
    return out


def strategies(content: Path) -> list[list[int]]:
    """Projects in each strategy, a list per plan file."""
    plans = sorted((content / "plans").rglob("*.yml"))
    assert len(plans) == 20
    return [[len(s["projects"]) for s in yaml.safe_load(p.read_text("utf-8"))["strategies"]]
            for p in plans]  # fmt: skip


def test_projects_per_plan_are_spread_over_the_strategies(tmp_path: Path) -> None:
    content = make_corpus(tmp_path, "--projects-per-plan", "50")
    for counts in strategies(content):
        assert sum(counts) == 50 and 2 <= len(counts) <= 4, counts
        assert max(counts) - min(counts) <= 1 and counts == sorted(counts, reverse=True)
    checked = check_content(content)
    assert checked.problems == []
    published = len(checked.corpus.published("plans"))
    assert len(projects(checked.corpus)) == 50 * published


def test_without_the_option_each_strategy_has_one_to_four(tmp_path: Path) -> None:
    counts = [n for plan in strategies(make_corpus(tmp_path)) for n in plan]
    assert min(counts) >= 1 and max(counts) <= 4 and len(set(counts)) > 1


def test_the_switch_empties_the_register_for_benchmarks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = check_content(make_corpus(tmp_path, "--projects-per-plan", "3")).corpus
    assert len(projects(corpus)) == 3 * len(corpus.published("plans"))
    monkeypatch.setenv(BENCH_OFF, "1")
    assert projects(corpus) == []
