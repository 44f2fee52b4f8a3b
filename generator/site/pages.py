"""Make the site's pages from a corpus: one per record, paginated lists, tags, clusters, search.

Pages are plain data (URL, title, HTML of the content area); the site adapter (plugin.py)
wraps them in the theme. Nothing here imports mkdocs.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from pythainlp.util import collate

from ..attachments import NONE, STATUS_TH
from ..content import model as m
from ..content.corpus import Corpus
from ..content.dates import MONTHS_TH, PartialDate
from ..content.model import TYPES, Field, Record
from ..exports.feeds import BANGKOK, FEED_TYPES, feed_url
from ..exports.media import pdf_pages, web_image, web_url
from ..exports.spool import byte_size
from . import calendar_view as cal
from .linebreaks import thai_words, wrap_html
from .render import baht, baht_words, file_size, href, linker, md, number
from .sharing import jsonld

PER_PAGE = 20
LATEST = 5
MAX_RELATED = 30
HOME_TYPES = ("activities", "circulars", "orders")
SEARCH_HTML = (
    '<h1>ค้นหา</h1>\n<div id="kb-search" data-api="/api/search"></div>\n'
    "<noscript><p>การค้นหาต้องใช้ JavaScript: เปิดใช้ JavaScript ในเบราว์เซอร์ "
    "หรือเลือกดูจากรายการในเมนู</p></noscript>\n"
)


@dataclass
class Page:
    """One page of the site: where it lives, its title and the HTML of its content."""

    url: str
    """Its URL path, ending in '/' (`/circulars/kor-nor-jor-circular/`)."""
    title: str
    """Its title as plain text (the theme escapes it)."""
    html: str
    """The HTML of its content area (already safe)."""
    description: str = ""
    """A sentence for search engines and link previews."""
    feed: str | None = None
    """The URL of the Atom feed that follows this page, if any."""
    jsonld: dict | None = None
    """Its schema.org description, for records."""
    lastmod: str | None = None
    """When its content last changed (YYYY-MM-DD), for the sitemap."""


@dataclass
class SiteOptions:
    """What pages need to know about where the site lives and where its sources are."""

    site_url: str = ""
    """The public address (for printed attachment URLs)."""
    edit_base: str = ""
    """The URL that a file's path under content/ is appended to for editing ('' for none)."""
    changed: dict[Path, datetime] = field(default_factory=dict)
    """When each content file last changed (from git)."""
    attachments: Any = None
    """The attachments.Library that says each file's kind, pages and searchability."""


@dataclass
class Pagination:
    """Page `number` of `pages` of a list whose first page is at `base`."""

    base: str
    number: int
    pages: int

    def url(self, n: int) -> str:
        return self.base if n == 1 else f"{self.base}page/{n}/"

    def window(self, around: int = 2) -> list[int]:
        """Page numbers to link: first, last and those near this one; 0 marks a gap."""
        keep = {1, self.pages, *range(self.number - around, self.number + around + 1)}
        shown: list[int] = []
        for n in sorted(k for k in keep if 1 <= k <= self.pages):
            if shown and n > shown[-1] + 1:
                shown.append(0)
            shown.append(n)
        return shown


def make_pages(corpus: Corpus, content: Path, exports: dict[str, bytes] | None = None,
               options: SiteOptions | None = None) -> list[Page]:  # fmt: skip
    """Every generated page of the site (narrative pages come from content/ as they are)."""
    maker = PageMaker(corpus, content, options)
    pages = [maker.record_page(r) for r in corpus.published()]
    for type_ in TYPES:
        pages += maker.list_pages(type_)
    pages += maker.month_pages()
    pages += maker.tag_pages()
    pages += maker.register_pages()
    pages.append(Page("/search/", "ค้นหา", SEARCH_HTML, "ค้นหาหนังสือเวียน คำสั่ง แผน และเอกสาร"))
    pages.append(maker.data_page(exports or {}))
    return pages


def searchable(found: Any) -> dict[str, str]:
    """Whether an attachment's text is searched (attachments.TEXT, SCAN or NONE), in Thai,
    and why not."""
    from ..attachments.warnings import reason

    why = reason(found.problem, found.values).th if found.problem else ""
    return {"status": found.status, "status_th": STATUS_TH[found.status], "why": why}


def tag_url(tag: str) -> str:
    """The URL of a tag's page: its words joined by '-', Thai kept."""
    slug = re.sub(r"[\s/\\?#%&'\"<>.]+", "-", tag.strip().lower()).strip("-")
    return f"/tags/{slug or 'tag'}/"


def thai_sorted(records: list[Record]) -> list[Record]:
    """Records in Thai alphabetical order of their titles."""
    order = {title: i for i, title in enumerate(collate([r.title for r in records]))}
    return sorted(records, key=lambda r: order[r.title])


def item_total(fields: tuple[Field, ...], data: dict) -> int | float | None:
    """The sum of every amount in baht inside `data`, or None when its fields hold none."""
    totals = [_field_total(fld, data.get(fld.name)) for fld in fields]
    found = [t for t in totals if t is not None]
    return sum(found) if found else None


def _field_total(fld: Field, value: Any) -> int | float | None:
    if fld.kind == m.BAHT:
        return sum(value) if fld.many else (value or 0)
    if not fld.fields or not _has_baht(fld.fields):
        return None
    return sum(item_total(fld.fields, item) or 0 for item in (value or []))


def _has_baht(fields: tuple[Field, ...]) -> bool:
    return any(f.kind == m.BAHT or _has_baht(f.fields) for f in fields)


class PageMaker:
    """Renders pages of one corpus with the package's Jinja templates."""

    def __init__(self, corpus: Corpus, content: Path, options: SiteOptions | None = None) -> None:
        self.corpus, self.content = corpus, content
        self.options = options or SiteOptions()
        self.site_url = self.options.site_url.rstrip("/")
        self.env = Environment(
            loader=PackageLoader("generator.site", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(md=md, baht=baht, baht_words=baht_words, number=number,
                                thai_words=thai_words, thai_wrap=lambda h: Markup(wrap_html(h)))
        self.env.globals.update(
            types=TYPES, choice_label=_choice_label, tag_url=tag_url, lookup=self._lookup,
            item_total=item_total, agency_url=self.agency_url,
        )  # fmt: skip

    @property
    def register(self) -> list:
        """Every project of every published plan (projects/register.py)."""
        from ..projects.register import projects

        return projects(self.corpus)

    @property
    def agencies(self):  # -> agencies.Agencies
        from ..content.agencies import known_agencies

        return known_agencies(self.corpus)

    @property
    def agency_links(self):  # -> projects.register.AgencyLinks
        from ..projects.register import links_of

        return links_of(self.corpus)

    def agency_url(self, text: str) -> str | None:
        """The page of the agency a field's text names, if it has one."""
        agency = self.agencies.resolve(text)
        return agency.url if agency is not None and not agency.draft else None

    def register_pages(self) -> Iterator[Page]:
        """The projects register (projects/pages.py)."""
        from ..projects.pages import register_pages

        yield from register_pages(self)

    def _lookup(self, ref: tuple[str, str]) -> Record | None:
        return self.corpus.lookup(ref)

    def render(self, template: str, url: str, **context: Any) -> str:
        u = linker(url)
        context.update(u=u, objects_html=partial(self.objects_html, u))
        return self.env.get_template(template).render(**context)

    def objects_html(self, u: Callable[[str], str], fld: Field, items: list[dict],
                     anchor: str = "") -> Markup:  # fmt: skip
        """A list of objects: a table when flat, figures for images, else one block each;
        with `anchor`, each row's id is `<anchor>-<n>` (projects-2-3: strategy 2, project 3)."""
        flat = all(not (s.many or s.fields) for s in fld.fields)
        columns = [s for s in fld.fields if any(s.name in item for item in items)]
        totals = {
            c.name: sum(i.get(c.name, 0) for i in items) for c in columns if c.kind == m.BAHT
        }
        html = self.env.get_template("objects.html").render(
            u=u, fld=fld, items=items, table=flat and fld.name != "images",
            figures=fld.name == "images", columns=columns, totals=totals, head=fld.fields[0],
            rest=fld.fields[1:], sub_fields=fld.fields, anchor=anchor,
            objects_html=partial(self.objects_html, u), picture=partial(self.picture, u),
        )  # fmt: skip
        return Markup(html)

    def record_page(self, record: Record) -> Page:
        """A record's page: every field, attachments, and links both ways."""
        rtype = TYPES[record.type]
        skip = {"title", "summary", "related", "draft", "attachments"}
        meta, texts, objects = [], [], []
        for fld in rtype.all_fields:
            value = record.data.get(fld.name)
            if fld.name in skip or value in (None, []):
                continue
            kind = objects if fld.fields else texts if fld.kind == m.MARKDOWN else meta
            kind.append((fld, value))
        related = self.related(record)
        changed = self.options.changed.get(record.path.resolve())
        attachments = [self.attachment(record.url, a) for a in record.data.get("attachments", [])]
        html = self.render(
            "record.html", record.url, r=record, t=rtype, meta=meta, texts=texts,
            objects=objects, total=item_total(rtype.fields, record.data) if objects else None,
            attachments=attachments,
            superseded_by=[r for name, r in self.corpus.backlinks.get(record.key, [])
                           if name == "supersedes"],
            related=related[:MAX_RELATED], related_more=max(0, len(related) - MAX_RELATED),
            extra=self.extra(record), changed=_thai_day(changed) if changed else None,
            edit_url=self.edit_url(record),
        )  # fmt: skip
        description = _describe(record)
        lastmod = changed.date().isoformat() if changed else (
            record.date.iso()[:10] if record.date and record.date.day else None)  # fmt: skip
        feed = f"{record.url}feed.xml" if record.type == "agencies" else None
        return Page(record.url, record.title, html, description, feed=feed,
                    jsonld=jsonld(record, description), lastmod=lastmod)  # fmt: skip

    def edit_url(self, record: Record) -> str | None:
        """Where the record's YAML file is edited (repo_url + edit_uri), if configured."""
        if not self.options.edit_base:
            return None
        rel = record.path.resolve().relative_to(self.content.resolve()).as_posix()
        return self.options.edit_base.rstrip("/") + "/" + rel

    def related(self, record: Record) -> list[Record]:
        """Records it refers to in `related` and every record that refers to it."""
        found: dict[str, Record] = {}
        for ref in record.data.get("related", []):
            target = self.corpus.lookup(ref)
            if target and not target.draft:
                found[target.key] = target
        for name, source in self.corpus.backlinks.get(record.key, []):
            if name in ("related", "supersedes") and source.key != record.key:
                found.setdefault(source.key, source)
        return list(found.values())

    def attachment(self, url: str, item: dict) -> dict:
        file = item["file"]
        if "://" in file:  # not fetched, so not searched
            return {"title": item["title"], "href": file, "kind": "ลิงก์", "external": True,
                    "status": NONE, "status_th": STATUS_TH[NONE],
                    "why": "ไม่อ่านไฟล์จากลิงก์ภายนอก"}  # fmt: skip
        path = self.content / "attachments" / file
        kind = path.suffix.lstrip(".").upper() or "ไฟล์"
        library = self.options.attachments
        found = library.get(file) if library is not None else None
        pages = found.pages if found else pdf_pages(path) if kind == "PDF" else None
        size = file_size(path) + (f", {pages} หน้า" if pages else "")
        return {"title": item["title"], "href": href(url, f"/attachments/{file}"),
                "kind": kind, "size": size, "full": f"{self.site_url}/attachments/{file}",
                **(searchable(found) if found else {})}

    def picture(self, u: Callable[[str], str], file: str) -> dict:
        """An image's web-sized source, its full-size link and its dimensions."""
        if "://" in file:
            return {"src": file, "full": file, "width": None, "height": None}
        web = web_image(self.content / "attachments" / file)
        full = u(f"/attachments/{file}")
        if web is None:
            return {"src": full, "full": full, "width": None, "height": None}
        return {"src": u(web_url(file)), "full": full, "width": web[1], "height": web[2]}

    def extra(self, record: Record) -> Markup | None:
        """What a cluster or province page shows beyond its fields: its plans and members."""
        if record.type == "agencies":
            from ..projects.pages import agency_html

            return agency_html(self, record)
        if record.type not in ("groups", "provinces"):
            return None
        from ..projects.register import projects_by_plan

        plans = self.plans_of(record)
        html = self.render("extra.html", record.url, r=record, plans=plans)
        by_plan = projects_by_plan(self.corpus)
        return Markup(html) + self.budget_lead(
            [p for plan in sorted(plans, key=lambda r: r.id) for p in by_plan.get(plan.key, [])],
            clusters=False)  # fmt: skip

    def budget_lead(self, projects: list, clusters: bool = True) -> Markup:
        """Budget totals as charts with tables (projects/pages.py)."""
        from ..projects.pages import budget_views

        return budget_views(projects, clusters)

    def plans_of(self, record: Record) -> list[Record]:
        """Plans owned by a province, or by a cluster or any of its provinces."""
        owners = {record.key}
        if record.type == "groups":
            owners |= {f"provinces/{pid}" for _, pid in record.data.get("provinces", [])}
        plans = [p for p in self.corpus.published("plans") if "/".join(p.data["owner"]) in owners]
        return sorted(plans, key=lambda p: (-max(p.data["fiscal_years"]), p.title))

    def list_pages(self, type_: str) -> Iterator[Page]:
        """A type's list: newest first (clusters and provinces A–Z), 20 a page."""
        records = self.corpus.published(type_)
        if TYPES[type_].date_field is None:
            records = thai_sorted(records)
        else:
            records = sorted(records, key=Record.sort_key, reverse=True)
        if type_ == "qa":
            records = _by_category(records)
        feed = feed_url(type_) if type_ in FEED_TYPES else None
        lead = self.calendar_lead() if type_ == "events" else (
            self.budget_lead(self.register) if type_ == "plans" else None)  # fmt: skip
        yield from self.paginated(f"/{type_}/", TYPES[type_].th, records,
                                  grouper=GROUPERS.get(type_), feed=feed, lead=lead)  # fmt: skip

    def paginated(self, base: str, title: str, records: list[Record], grouper=None,
                  show_type: bool = False, feed: str | None = None,
                  lead: Markup | None = None) -> Iterator[Page]:  # fmt: skip
        pages = max(1, math.ceil(len(records) / PER_PAGE))
        for n in range(1, pages + 1):
            pagination = Pagination(base, n, pages)
            items = records[(n - 1) * PER_PAGE : n * PER_PAGE]
            heading = title if n == 1 else f"{title} (หน้า {n})"
            html = self.render(
                "list.html", pagination.url(n), title=heading, total=len(records),
                items=items, grouped=grouper(items) if grouper else None,
                pagination=pagination, show_type=show_type, feed=feed,
                lead=lead if n == 1 else None,
            )  # fmt: skip
            yield Page(pagination.url(n), heading, html, f"{title}: {len(records)} รายการ", feed)

    def tag_pages(self, only: set[str] | None = None) -> Iterator[Page]:
        """A page per tag (paginated; only the tags named, if given) and the index of tags."""
        tagged: dict[str, list[Record]] = defaultdict(list)
        names: dict[str, str] = {}
        for record in self.corpus.published():
            for tag in dict.fromkeys(record.data.get("tags", [])):
                tagged[tag_url(tag)].append(record)
                names.setdefault(tag_url(tag), tag)
        for url, records in tagged.items():
            if only is not None and names[url] not in only:
                continue
            records.sort(key=Record.sort_key, reverse=True)
            yield from self.paginated(url, f"คำสำคัญ: {names[url]}", records, show_type=True)
        tags = [(names[url], url, len(tagged[url])) for url in tagged]
        order = {name: i for i, name in enumerate(collate([t[0] for t in tags]))}
        tags.sort(key=lambda t: order[t[0]])
        html = self.render("tags.html", "/tags/", tags=tags)
        yield Page("/tags/", "คำสำคัญ", html, "คำสำคัญทั้งหมดของคลังความรู้")

    def month_html(self, url: str, index: int, all_months: list[cal.Month]) -> Markup:
        neighbours = all_months[index - 1] if index else None, (
            all_months[index + 1] if index + 1 < len(all_months) else None)  # fmt: skip
        return Markup(self.render(
            "month.html", url, month=all_months[index], prev=neighbours[0], next=neighbours[1],
            weekdays=cal.WEEKDAYS_TH, weekdays_full=cal.WEEKDAYS_FULL_TH,
        ))  # fmt: skip

    def calendar_lead(self) -> Markup:
        """The events page's top: this month's grid and the upcoming events."""
        events = self.corpus.published("events")
        all_months = cal.months(events)
        shown = cal.focus(all_months, today())
        html = self.month_html("/events/", all_months.index(shown), all_months) if shown else ""
        soon = cal.upcoming(events, today())
        return Markup(html) + Markup(self.render("upcoming.html", "/events/", items=soon))

    def month_pages(self) -> Iterator[Page]:
        """A page per month that has events, linked to the months before and after it."""
        all_months = cal.months(self.corpus.published("events"))
        for i, month in enumerate(all_months):
            html = Markup(f"<h1>ปฏิทินกิจกรรม {escape(month.title)}</h1>\n")
            html += self.month_html(month.url, i, all_months)
            yield Page(month.url, f"ปฏิทินกิจกรรม {month.title}", html,
                       f"กิจกรรมเดือน{month.title}")  # fmt: skip

    def data_page(self, exports: dict[str, bytes]) -> Page:
        """The open data catalogue: each type's files with counts, sizes and fields."""
        datasets = []
        for type_, rtype in TYPES.items():
            sizes = {ext: byte_size(exports, f"/data/{type_}.{ext}") for ext in ("json", "csv")}
            fields = [f for f in rtype.all_fields if f.name != "draft"]
            datasets.append((rtype, len(self.corpus.published(type_)), sizes, fields))
        everything = byte_size(exports, "/data/records.json")
        html = self.render("data.html", "/data/", datasets=datasets, everything=everything)
        return Page("/data/", "ข้อมูลเปิด", html, "ข้อมูลเปิดของคลังความรู้ ก.น.จ. (JSON, CSV)")

    def home_html(self, url: str = "/") -> str:
        """The latest activities, circulars and orders, for the home page."""
        latest = [(TYPES[t], self.corpus.newest(t)[:LATEST]) for t in HOME_TYPES]
        return self.render("home.html", url, latest=latest)


def _thai_day(moment: datetime) -> str:
    return PartialDate(moment.year, moment.month, moment.day).thai()


def today() -> date:
    """Today in Bangkok (what "upcoming" is measured from)."""
    return datetime.now(BANGKOK).date()


def _choice_label(fld: Field, value: str) -> str:
    return dict(fld.choices).get(value, value)


def _describe(record: Record) -> str:
    """The summary, else the body without Markdown marks, else the title; at most 160."""
    text = record.data.get("summary") or re.sub(r"[#*_>\[\]`|]", "", record.data.get(
        "body", "")) or record.title  # fmt: skip
    text = re.sub(r"\s+", " ", text).strip()
    return text[:157] + "…" if len(text) > 160 else text


def _by_category(records: list[Record]) -> list[Record]:
    categories = collate(list({r.data.get("category", "") for r in records}))
    rank = {c: i for i, c in enumerate(categories)}
    return sorted(records, key=lambda r: rank[r.data.get("category", "")])


def _group_by(records: list[Record], key: Callable[[Record], str]) -> list[tuple[str, list]]:
    groups: dict[str, list[Record]] = {}
    for record in records:
        groups.setdefault(key(record), []).append(record)
    return list(groups.items())


def _month(record: Record) -> str:
    date = record.date
    if date is None:
        return "ไม่ระบุวันที่"
    return f"{MONTHS_TH[date.month - 1]} {date.be_year}" if date.month else f"พ.ศ. {date.be_year}"


GROUPERS: dict[str, Callable[[list[Record]], list[tuple[str, list]]]] = {
    "qa": lambda rs: _group_by(rs, lambda r: r.data.get("category") or "ทั่วไป"),
    "events": lambda rs: _group_by(rs, _month),
}
