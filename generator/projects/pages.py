"""The register's pages: /projects/ (paginated, sortable), agencies' sections and feeds."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from ..content.model import Record
from ..exports.feeds import atom
from ..site.pages import Page, Pagination
from ..site.render import baht
from . import charts
from .charts import chart
from .duplicates import Pair, published_duplicates
from .register import AgencyLinks, Project

if TYPE_CHECKING:
    from ..site.pages import PageMaker

PER_PAGE = 50
BASE = "/projects/"
DATA = "/data/projects.json"
MAX_ISSUED = 50


def agency_feed_url(agency: Record) -> str:
    """The Atom feed of what names an agency."""
    return f"{agency.url}feed.xml"


def register_pages(maker: PageMaker) -> Iterator[Page]:
    """/projects/: every project of every plan, PER_PAGE a page (the browser sorts/filters)."""
    register = maker.register
    pages = max(1, math.ceil(len(register) / PER_PAGE))
    total = sum(p.budget or 0 for p in register)
    for n in range(1, pages + 1):
        pagination = Pagination(BASE, n, pages)
        rows = register[(n - 1) * PER_PAGE : n * PER_PAGE]
        title = "ทะเบียนโครงการ" + ("" if n == 1 else f" (หน้า {n})")
        html = maker.render("projects.html", pagination.url(n), title=title, rows=rows,
                            total=len(register), budget=total, pagination=pagination,
                            data=DATA, first=(n - 1) * PER_PAGE,
                            project_rows=project_rows)  # fmt: skip
        yield Page(pagination.url(n), title, html,
                   f"โครงการทั้งหมดในแผนทุกฉบับ {len(register)} โครงการ")  # fmt: skip
    yield from duplicate_pages(maker, published_duplicates(maker.corpus))


def duplicate_pages(maker: PageMaker, pairs: list[Pair]) -> Iterator[Page]:
    """/projects/duplicates/: the pairs of projects that may be one, for reviewers."""
    base = f"{BASE}duplicates/"
    pages = max(1, math.ceil(len(pairs) / PER_PAGE))
    for n in range(1, pages + 1):
        pagination = Pagination(base, n, pages)
        title = "โครงการที่อาจซ้ำกัน" + ("" if n == 1 else f" (หน้า {n})")
        html = maker.render("duplicates.html", pagination.url(n), title=title,
                            pairs=pairs[(n - 1) * PER_PAGE : n * PER_PAGE], total=len(pairs),
                            pagination=pagination, pair_rows=pair_rows)  # fmt: skip
        yield Page(pagination.url(n), title, html, f"คู่โครงการที่อาจซ้ำกัน {len(pairs)} คู่")


def project_rows(rows: list[Project], u: Callable[[str], str],
                 lookup: Callable[[tuple[str, str]], Record | None]) -> Markup:
    """The /projects/ table's rows (written here, not in the template: 50,000 rows)."""
    out = []
    for p in rows:
        owner = lookup(p.plan.data["owner"])
        agency = p.agency
        cells = (
            "" if p.priority is None else escape(p.priority),
            _link(u(p.url), p.title),
            _link(u(p.plan.url), p.plan.title),
            _link(u(owner.url), owner.title) if owner else "",
            escape(p.strategy_title),
            _link(u(agency.url), agency.title) if agency and not agency.draft else escape(
                p.agency_name),
            escape(", ".join(str(y) for y in p.years)),
            "" if p.budget is None else escape(baht(p.budget)),
        )  # fmt: skip
        out.append("    <tr>\n" + "".join(
            f'      <td{NUM if i in (0, 7) else ""}>{cell}</td>\n' for i, cell in enumerate(cells))
            + "    </tr>")  # fmt: skip
    return Markup("".join(out))


def pair_rows(pairs: list[Pair], u: Callable[[str], str]) -> Markup:
    """The /projects/duplicates/ table's rows (written here: one row a pair)."""
    out = []
    for pair in pairs:
        first, second = pair.first, pair.second
        out.append(
            "    <tr>\n"
            f"      <td>{_link(u(first.url), first.title)}</td>\n"
            f"      <td>{_link(u(first.plan.url), first.plan.title)}</td>\n"
            f"      <td>{_link(u(second.url), second.title)}</td>\n"
            f"      <td>{_link(u(second.plan.url), second.plan.title)}</td>\n"
            f"      <td{NUM}>{int(round(pair.similarity * 100))}%</td>\n"
            "    </tr>")  # fmt: skip
    return Markup("".join(out))


NUM = ' class="kb-num"'


def _link(url: str, text: str) -> str:
    return f'<a href="{escape(url)}">{escape(text)}</a>'


def agency_html(maker: PageMaker, agency: Record) -> Markup:
    """An agency page's own part: what it issued, its projects by year, KPIs, sub-agencies."""
    links: AgencyLinks = maker.agency_links
    projects = links.projects.get(agency.id, [])
    issued = links.issued.get(agency.id, [])
    html = maker.render(
        "agency.html", agency.url, a=agency, issued=issued[:MAX_ISSUED],
        issued_more=max(0, len(issued) - MAX_ISSUED), by_year=by_year(projects),
        total=sum(p.budget or 0 for p in projects), count=len(projects), kpis=kpis(projects),
        children=links.children.get(agency.id, []), feed=agency_feed_url(agency),
    )  # fmt: skip
    return Markup(html) + budget_views(projects)


def by_year(projects: list[Project]) -> list[tuple[str, list[Project], int | float]]:
    """(fiscal years, their projects, their budget), latest years first; a project of a plan
    of several years is listed once, under the plan's years (2555–2558)."""
    years: dict[tuple[int, ...], list[Project]] = defaultdict(list)
    for project in projects:
        years[tuple(sorted(project.years))].append(project)
    return [(years_label(key), ps, sum(p.budget or 0 for p in ps))
            for key, ps in sorted(years.items(), key=lambda kv: kv[0][::-1], reverse=True)]


def years_label(years: tuple[int, ...] | list[int]) -> str:
    """`2555`, `2555–2558` for a run of years, else `2555, 2557`; '' for none."""
    years = sorted(years)
    if len(years) > 1 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


def kpis(projects: list[Project]) -> list[tuple[Project, dict]]:
    """The indicators of the strategies the agency has projects in (each strategy once)."""
    seen, found = set(), []
    for project in projects:
        key = (project.plan.key, project.strategy)
        if key in seen:
            continue
        seen.add(key)
        strategy = project.plan.data["strategies"][project.strategy - 1]
        found += [(project, kpi) for kpi in strategy.get("kpis", [])]
    return found


def agency_feeds(corpus_agencies: list[Record], links: AgencyLinks, register: list[Project],
                 site_url: str) -> dict[str, bytes]:  # fmt: skip
    """Site path → Atom feed of each published agency: what it issued and plans naming it."""
    plans: dict[str, dict[str, Record]] = defaultdict(dict)
    for project in register:
        if project.agency is not None:
            plans[project.agency.id][project.plan.key] = project.plan
    feeds = {}
    for agency in corpus_agencies:
        records = links.issued.get(agency.id, [])[:MAX_ISSUED] + list(
            plans.get(agency.id, {}).values())[:MAX_ISSUED]  # fmt: skip
        feeds[agency_feed_url(agency)] = atom(records, "agencies", site_url, title=agency.title,
                                              url=agency_feed_url(agency), page=agency.url)
    return feeds


def budget_views(projects: list[Project], clusters: bool = True) -> Markup:
    """Budget totals by fiscal year, cluster (optional) and strategy, as charts and tables."""
    if not any(p.budget for p in projects):
        return Markup("")
    parts = [Markup('<section class="kb-budget"><h2>งบประมาณของโครงการ</h2>'),
             chart("งบประมาณตามปีงบประมาณ", charts.by_year(projects), charts.YEARS_NOTE)]
    if clusters:
        parts.append(chart("งบประมาณตามกลุ่มจังหวัด",
                           charts.by_key(projects, lambda p: p.group.title if p.group else "")))
    parts.append(chart("งบประมาณตามประเด็นยุทธศาสตร์",
                       charts.by_key(projects, lambda p: p.strategy_title)))
    parts.append(Markup("</section>"))
    return Markup("").join(parts)
