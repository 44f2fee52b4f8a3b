"""Live preview: after an edit, which pages change, so only those are made again.

A record shows on its own page, on its type's list, on its tags' pages, on the pages of
the records it refers to or that refer to it (and, for plans, on its cluster's page), on
the calendar (events) and on the home page (the latest activities, circulars, orders).
A plan's projects also show on /projects/, its budget charts and the pages of the agencies
they name; an agency's name shows on the plans whose projects name it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content.corpus import Corpus, references
from ..site.pages import HOME_TYPES, Page, PageMaker, tag_url

REGISTER_TYPES = frozenset({"plans", "agencies"})
"""Record types whose edit changes the projects register (/projects/, its duplicates)."""


@dataclass
class Footprint:
    """Where a record shows besides its own page."""

    type: str
    tags: set[str] = field(default_factory=set)
    links: set[str] = field(default_factory=set)
    """`type/id` of the records whose pages show it."""


def footprint(corpus: Corpus, key: str, maker: PageMaker | None = None) -> Footprint:
    """Where the record `key` shows now (with `maker`: also through the projects register)."""
    type_, _, id_ = key.partition("/")
    record = corpus.get(type_, id_)
    found = Footprint(type_)
    if record is None or record.draft:
        return found
    found.tags = set(record.data.get("tags", []))
    found.links = {f"{ref[0]}/{ref[1]}" for _, ref in references(record)}
    found.links |= {source.key for _, source in corpus.backlinks.get(key, [])}
    group = corpus.group_of(record) if record.type == "plans" else None
    if group is not None:
        found.links.add(group.key)
    if maker is not None:
        found.links |= _register_links(maker, record)
    return found


def _register_links(maker: PageMaker, record) -> set[str]:  # a content.model.Record
    """Agencies named by a plan's projects; plans whose projects name an agency."""
    from ..projects.register import projects

    if record.type == "plans":
        return {p.agency.key for p in projects(maker.corpus, maker.agencies, [record])
                if p.agency is not None}  # fmt: skip
    if record.type == "agencies":
        return {p.plan.key for p in maker.agency_links.projects.get(record.id, [])}
    return set()


@dataclass
class Update:
    """What an edit changes on the site."""

    pages: list[Page]
    """Pages to render again."""
    gone: set[str]
    """URLs of pages that no longer exist."""
    home: bool
    """Whether the home page's latest lists may have changed."""


def affected(maker: PageMaker, corpus: Corpus, before: dict[str, Footprint],
             known: set[str], extra: list[Page]) -> Update:  # fmt: skip
    """The pages to make again after the records `before` names changed."""
    after = {key: footprint(corpus, key, maker) for key in before}
    keys = set(before)
    for print_ in (*before.values(), *after.values()):
        keys |= print_.links
    pages = [maker.record_page(r) for k in sorted(keys)
             if (r := corpus.get(*k.split("/", 1))) and not r.draft]  # fmt: skip
    types = {f.type for f in before.values()}
    for type_ in sorted(types):
        pages += maker.list_pages(type_)
    tags = set().union(*(f.tags for f in (*before.values(), *after.values())))
    pages += maker.tag_pages(only=tags)
    if "events" in types:
        pages += maker.month_pages()
    register = bool(types & REGISTER_TYPES)
    if register:
        pages += maker.register_pages()
    pages += extra
    made = {page.url for page in pages}
    scopes = [f"/{t}/page/" for t in types] + [f"{tag_url(t)}page/" for t in tags]
    scopes += ["/events/month/"] if "events" in types else []
    scopes += ["/projects/page/", "/projects/duplicates/page/"] if register else []
    whole = {f"/{key}/" for key in before} | {tag_url(t) for t in tags}
    gone = {url for url in known if url not in made and (
        url in whole or any(url.startswith(s) for s in scopes))}  # fmt: skip
    return Update(pages, gone, bool(types & set(HOME_TYPES)))
