"""Relative links: href() gives what posixpath.relpath gives, for every kind of site path."""

from __future__ import annotations

import itertools
import posixpath

from generator.site.render import href, linker

PAGES = ["/", "/projects/", "/projects/page/7/", "/projects/duplicates/page/12/",
         "/plans/a/", "/tags/การท่องเที่ยว/", "/agencies/doa/feed.xml", "/index.html",
         "/plans/a/index.html", "/events/month/2553-01/"]  # fmt: skip
TARGETS = [*PAGES, "/plans/a/#projects-2-3", "/plans/b/#projects-1-1", "/attachments/x y.pdf",
           "/data/projects.json", "/projects/duplicates/", "/plans//a/", "/plans/./a/",
           "/plans/../agencies/", "plans/a/", "feed.xml", "#top", "https://example.org/a/",
           "/plans/a"]  # fmt: skip


def relpath_href(from_url: str, to_url: str) -> str:
    """href as it was written with posixpath.relpath for every link."""
    if "://" in to_url:
        return to_url
    target, _, fragment = to_url.partition("#")
    rel = posixpath.relpath(target, from_url if from_url.endswith("/") else posixpath.dirname(
        from_url))  # fmt: skip
    if target.endswith("/") and rel != ".":
        rel += "/"
    elif rel == ".":
        rel = "./"
    return rel + (f"#{fragment}" if fragment else "")


def test_links_are_the_same_as_relpath_gives() -> None:
    for page, target in itertools.product(PAGES, TARGETS):
        if target.partition("#")[0]:
            assert href(page, target) == relpath_href(page, target), (page, target)


def test_links_between_register_pages() -> None:
    assert href("/projects/page/7/", "/plans/a/#projects-2-3") == "../../../plans/a/#projects-2-3"
    assert href("/projects/", "/projects/duplicates/") == "duplicates/"
    assert href("/projects/duplicates/page/2/", "/projects/") == "../../../"
    assert href("/plans/a/", "/plans/a/#projects-1-1") == "./#projects-1-1"
    assert href("/", "/") == "./"
    assert href("/agencies/doa/feed.xml", "/agencies/doa/") == "./"


def test_a_pages_linker_gives_href_of_each_target() -> None:
    u = linker("/projects/page/3/")
    for target in [*TARGETS, *TARGETS]:  # the second time from what it kept
        if target.partition("#")[0]:
            assert u(target) == href("/projects/page/3/", target), target
