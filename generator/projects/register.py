"""Every project of every published plan, with its plan, strategy, agency and places."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass

from ..content.agencies import Agencies, agency_texts, known_agencies, ministry_of
from ..content.corpus import Corpus
from ..content.model import Record

BUDGET_RANGES = (
    ("up-to-1m", 1_000_000, "ไม่เกิน 1 ล้านบาท"),
    ("1m-10m", 10_000_000, "เกิน 1–10 ล้านบาท"),
    ("10m-100m", 100_000_000, "เกิน 10–100 ล้านบาท"),
    ("over-100m", float("inf"), "เกิน 100 ล้านบาท"),
)
"""Fixed budget bands in baht (the search facet `budget`): id, highest amount in it, Thai name;
a band holds the amounts above the one before, up to its own highest."""

BENCH_OFF = "KB_BENCH_NO_REGISTER"
"""For benchmarks only (bench/register.py): when this environment variable is set, the
register is empty, so a build makes no register pages, sections, charts or search entries."""


@dataclass
class Project:
    """One project of a plan, where it is and whom it names."""

    plan: Record
    """The plan it is in."""
    strategy: int
    """Its strategy's position in the plan, from 1."""
    index: int
    """Its position in the strategy, from 1."""
    data: dict
    """Its fields as read (title, budget, agency, priority)."""
    strategy_title: str = ""
    """The title of its strategy."""
    agency: Record | None = None
    """The agency its `agency` names, when one matches."""
    ministry: Record | None = None
    """The top of that agency's chain of parents."""
    group: Record | None = None
    """The cluster of the plan's owner."""
    province: Record | None = None
    """The province of the plan's owner, for a province's plan."""

    @property
    def anchor(self) -> str:
        return project_anchor(self.strategy, self.index)

    @property
    def url(self) -> str:
        return f"{self.plan.url}#{self.anchor}"

    @property
    def key(self) -> str:
        return f"{self.plan.key}#{self.anchor}"

    @property
    def field(self) -> str:
        """Its path in the plan's file, as problems give it."""
        return f"strategies[{self.strategy}].projects[{self.index}]"

    @property
    def line(self) -> int:
        where, name = self.plan.where, self.field
        return (where.get(name) or where.get(name + ".title") or (1, 1))[0]

    @property
    def title(self) -> str:
        return str(self.data.get("title", ""))

    @property
    def budget(self) -> int | float | None:
        return self.data.get("budget")

    @property
    def priority(self) -> int | None:
        return self.data.get("priority")

    @property
    def agency_name(self) -> str:
        return self.agency.title if self.agency else str(self.data.get("agency", ""))

    @property
    def years(self) -> list[int]:
        return list(self.plan.data.get("fiscal_years", []))


def project_anchor(strategy: int, index: int) -> str:
    """The id of a project's row on its plan's page."""
    return f"projects-{strategy}-{index}"


def budget_band(amount: int | float | None) -> str:
    """The id of the budget band an amount falls in ('' when there is none)."""
    if amount is None:
        return ""
    return next(band for band, high, _ in BUDGET_RANGES if amount <= high)


def budget_range(amount: int | float | None) -> str:
    """The Thai name of the budget band an amount falls in ('' when there is none)."""
    band = budget_band(amount)
    return next((label for b, _, label in BUDGET_RANGES if b == band), "")


def projects(corpus: Corpus, known: Agencies | None = None,
             plans: list[Record] | None = None) -> list[Project]:  # fmt: skip
    """Every project of the published plans (or of `plans`), in plan and file order; the
    published plans' list is worked out once per corpus and shared (do not change it)."""
    if os.environ.get(BENCH_OFF):
        return []
    if plans is None:
        return corpus.derived("register", lambda: [
            p for p in every_project(corpus) if not p.plan.draft])  # fmt: skip
    return _projects(corpus, known or known_agencies(corpus), plans)


def projects_by_plan(corpus: Corpus) -> dict[str, list[Project]]:
    """The published register by plan (`plans/<id>`), worked out once per corpus."""
    def by_plan() -> dict[str, list[Project]]:
        found: dict[str, list[Project]] = defaultdict(list)
        for project in projects(corpus):
            found[project.plan.key].append(project)
        return dict(found)

    return corpus.derived("by_plan", by_plan)


def every_project(corpus: Corpus) -> list[Project]:
    """Every project of every plan, drafts included (what validation checks), once per
    corpus."""
    if os.environ.get(BENCH_OFF):
        return []
    return corpus.derived("projects", lambda: _projects(
        corpus, known_agencies(corpus), list(corpus.records.get("plans", {}).values())))


def _projects(corpus: Corpus, known: Agencies, plans: list[Record]) -> list[Project]:
    found = []
    for plan in sorted(plans, key=lambda r: r.id):
        group, province = corpus.group_of(plan), corpus.province_of(plan)
        for i, strategy in enumerate(plan.data.get("strategies", []), 1):
            for j, item in enumerate(strategy.get("projects", []), 1):
                agency = known.resolve(item["agency"]) if item.get("agency") else None
                found.append(Project(
                    plan, i, j, item, str(strategy.get("title", "")), agency,
                    ministry_of(corpus, agency) if agency else None, group, province))
    return found


@dataclass
class AgencyLinks:
    """What names each agency, worked out once: by agency id."""

    projects: dict[str, list[Project]]
    """The projects whose `agency` names it."""
    issued: dict[str, list[Record]]
    """Published records whose issuer (or office) names it, newest first."""
    children: dict[str, list[Record]]
    """Published agencies whose parent it is."""


def agency_links(corpus: Corpus, register: list[Project], known: Agencies) -> AgencyLinks:
    """Projects, issued records and sub-agencies of every agency (one pass over each)."""
    links = AgencyLinks(defaultdict(list), defaultdict(list), defaultdict(list))
    for project in register:
        if project.agency is not None:
            links.projects[project.agency.id].append(project)
    for record in sorted(corpus.published(), key=Record.sort_key, reverse=True):
        if record.type == "plans":
            continue
        if record.type == "agencies" and (parent := record.data.get("parent")):
            links.children[parent[1]].append(record)
        named = {a.id: a for _, text in agency_texts(record) if (a := known.resolve(text))}
        for agency_id in named:
            links.issued[agency_id].append(record)
    return links


def links_of(corpus: Corpus) -> AgencyLinks:
    """The agency links of a corpus's published register, worked out once per corpus."""
    return corpus.derived("agency_links", lambda: agency_links(
        corpus, projects(corpus), known_agencies(corpus)))
