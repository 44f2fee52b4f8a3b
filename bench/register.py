"""What the projects register adds to a build: its stages timed against the rest.

    python bench/register.py CONTENT_DIR

Loads CONTENT_DIR (e.g. one written by make_corpus.py) and times, in this process, the kb
stages of `kb build` before mkdocs renders: validation, exports and pages, and the
register's own parts inside them (agency and duplicate checks; data/projects.*, agency
feeds; /projects/ and /projects/duplicates/ pages, agency sections, budget charts; the
per-project search documents). It prints each, the ratio of the stages with the register
to the same stages without it, and how many pages the register adds to those mkdocs renders.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from generator.content.agencies import check_agencies
from generator.content.validate import check_content
from generator.exports import make_exports, register_exports
from generator.projects.duplicates import check_duplicates
from generator.projects.pages import agency_html, budget_views, register_pages
from generator.search.documents import project_documents
from generator.site.pages import PageMaker, make_pages


def timed(what, *args):
    started = time.perf_counter()
    result = what(*args)
    return result, time.perf_counter() - started


def main(argv: list[str]) -> int:
    content = Path(argv[0])
    checked, t_validate = timed(check_content, content)
    corpus = checked.corpus
    known, t_agencies = timed(check_agencies, corpus, [], [])
    _, t_dups = timed(check_duplicates, corpus, known, [])
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
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
