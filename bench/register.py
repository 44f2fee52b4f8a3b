"""What the projects register adds to a build: its stages timed against the rest.

    python bench/register.py CONTENT_DIR [--builds [--runs N] [--keep]] [--timeout 7200]

Loads CONTENT_DIR (e.g. one written by make_corpus.py) and times, in this process, the kb
stages of `kb build` before mkdocs renders: validation, exports and pages, and the
register's own parts inside them (agency and duplicate checks; data/projects.*, agency
feeds; /projects/ and /projects/duplicates/ pages, agency sections, budget charts; the
per-project search documents). It prints each, the ratio of the stages with the register
to the same stages without it, and how many pages the register adds to those mkdocs renders.

With --builds it instead runs two whole `kb build`s of CONTENT_DIR, each into a fresh site
and index under bench/out/: first as shipped, then with KB_BENCH_NO_REGISTER=1 (an empty
register: no project pages, duplicates, agency project sections, budget charts, project
search entries; data/projects.* empty). It prints both wall times, both peak RSS (ru_maxrss
of each kb process), CPU seconds (of kb and its forked index writers), the load average
before and after each, and the ratio of the times (target ≤ 1.2). --runs N builds N such
pairs in turn and prints the median of the pairs' ratios (one pair varies by ±10 % and more
on 2 shared cores) and the ratio of the median times. --keep keeps the shipped build's site
and index of the last pair (bench/out/register-site, bench/out/register-index), e.g. for
bench/weight.py --site bench/out/register-site --page /projects/.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

from build import OUT, BenchError, remove, run_build

from generator.content.agencies import check_agencies
from generator.content.validate import check_content
from generator.exports import make_exports, register_exports
from generator.projects.duplicates import check_duplicates
from generator.projects.pages import agency_html, budget_views, register_pages
from generator.projects.register import BENCH_OFF
from generator.search.documents import project_documents
from generator.site.pages import PageMaker, make_pages


def timed(what, *args):
    started = time.perf_counter()
    result = what(*args)
    return result, time.perf_counter() - started


def stages(content: Path) -> None:
    """The kb stages before mkdocs, timed in this process, with the register's parts."""
    checked, t_validate = timed(check_content, content)
    corpus = checked.corpus
    corpus.worked_out.clear()  # time the register's checks as validation ran them: from scratch
    _, t_agencies = timed(check_agencies, corpus, [], [])
    _, t_dups = timed(check_duplicates, corpus, [])
    exports, t_exports = timed(make_exports, corpus, content)
    _, t_reg_exports = timed(register_exports, corpus, "")
    pages, t_pages = timed(make_pages, corpus, content, exports)
    maker = PageMaker(corpus, content)
    started = time.perf_counter()
    added = list(register_pages(maker))
    budget_views(maker.register)
    for record in corpus.published("groups") + corpus.published("provinces"):
        keys = {p.key for p in maker.plans_of(record)}
        budget_views([p for p in maker.register if p.plan.key in keys], clusters=False)
    for agency in corpus.published("agencies"):
        agency_html(maker, agency)
    t_reg_pages = time.perf_counter() - started
    docs, t_docs = timed(project_documents, corpus)
    total = t_validate + t_exports + t_pages + t_docs
    register = t_agencies + t_dups + t_reg_exports + t_reg_pages + t_docs
    print(f"{len(corpus.published()):,} records, {len(maker.register):,} projects")
    print(f"validate {t_validate:.1f} s (agencies {t_agencies:.1f}, duplicates {t_dups:.1f})")
    print(f"exports  {t_exports:.1f} s (register data and agency feeds {t_reg_exports:.1f})")
    print(f"pages    {t_pages:.1f} s (register pages, agency sections, charts {t_reg_pages:.1f})")
    print(f"search documents of projects {t_docs:.1f} s ({len(docs):,})")
    print(f"kb stages with the register / without: {total / (total - register):.2f}")
    print(f"pages for mkdocs: {len(pages):,}, of which the register's {len(added):,} "
          f"({len(added) / len(pages):.1%})")


def builds(content: Path, timeout: float, keep: bool = False, runs: int = 1) -> None:
    """Whole `kb build`s of content, as shipped then without the register, `runs` times in
    turn; each pair's ratio and their median (the machine's speed drifts between pairs: a
    pair's two builds, one after the other, compare best)."""
    times: dict[str, list[float]] = {WITH: [], WITHOUT: []}
    ratios = []
    for run in range(runs):
        last = run == runs - 1
        pair = {name: _one_build(content, name, env, out, timeout, keep and last and not env)
                for name, env, out in ((WITH, {}, "register"),
                                       (WITHOUT, {BENCH_OFF: "1"}, "register-off"))}  # fmt: skip
        (with_s, with_cpu, with_kb), (without_s, without_cpu, without_kb) = pair.values()
        times[WITH].append(with_s)
        times[WITHOUT].append(without_s)
        ratios.append(with_s / without_s)
        print(f"whole build with the register / without: {with_s / without_s:.2f} "
              f"(target ≤ 1.20), CPU {with_cpu / without_cpu:.2f}; peak RSS "
              f"{with_kb / 1024:,.0f} / {without_kb / 1024:,.0f} MB", flush=True)
    if runs > 1:
        medians = [statistics.median(t) for t in times.values()]
        print(f"{runs} pairs: median of the pairs' ratios {statistics.median(ratios):.2f} "
              f"(target ≤ 1.20; each {', '.join(f'{r:.2f}' for r in ratios)}); median times "
              f"{medians[0]:,.1f} / {medians[1]:,.1f} s: {medians[0] / medians[1]:.2f}")


WITH, WITHOUT = "with the register", "without (KB_BENCH_NO_REGISTER=1)"


def _one_build(content: Path, name: str, env: dict[str, str], out: str, timeout: float,
               keep: bool) -> tuple[float, float, int]:  # fmt: skip
    """One whole kb build into a fresh site and index: its wall and CPU seconds, peak RSS."""
    site, index = OUT / f"{out}-site", OUT / f"{out}-index"
    remove(site, index)
    load, cpu = os.getloadavg()[0], _children_cpu()
    try:
        seconds, peak_kb = run_build(content, site, index, timeout, env)
        cpu = _children_cpu() - cpu
        html = sum(1 for _ in site.rglob("*.html"))
        projects = sum(1 for _ in (site / "projects").rglob("*.html"))
    finally:
        if not keep:
            remove(site, index)
    print(f"{name}: {seconds:,.1f} s, CPU {cpu:,.1f} s, peak RSS "
          f"{peak_kb / 1024:,.0f} MB, {html:,} HTML files ({projects:,} under /projects/), "
          f"load average {load:.2f} → {os.getloadavg()[0]:.2f}", flush=True)
    return seconds, cpu, peak_kb


def _children_cpu() -> float:
    """CPU seconds (user and system) of this process's finished children and theirs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path, help="the content/ folder to build")
    parser.add_argument("--builds", action="store_true",
                        help="time two whole kb builds, with and without the register")
    parser.add_argument("--runs", type=int, default=1,
                        help="with --builds: this many pairs, in turn (default 1)")
    parser.add_argument("--keep", action="store_true",
                        help="with --builds: keep the shipped build's site and index")
    parser.add_argument("--timeout", type=float, default=7200,
                        help="seconds allowed for one kb build (default 7200)")
    args = parser.parse_args(argv)
    os.environ.pop(BENCH_OFF, None)  # "with" means as shipped
    if not args.builds:
        stages(args.content)
        return 0
    try:
        builds(args.content.resolve(), args.timeout, args.keep, args.runs)
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
