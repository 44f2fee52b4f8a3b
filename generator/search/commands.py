"""`kb search` and `kb serve`: their options (SPEC.md, Command line) and what they print."""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path
from typing import TextIO

from ..content.dates import BE_FROM, BE_OFFSET, thai_to_arabic
from ..content.model import TYPES
from . import DEFAULT_INDEX
from .documents import FACETS
from .errors import SearchError

FACET_TH = {"type": "ประเภท", "year": "ปี พ.ศ.", "group": "กลุ่มจังหวัด",
            "province": "จังหวัด", "issuer": "หน่วยงานที่ออก", "tag": "คำสำคัญ",
            "ministry": "กระทรวง", "strategy": "ยุทธศาสตร์", "budget": "วงเงินงบประมาณ"}  # fmt: skip
FACET_HELP = {
    "type": "only records of this type: " + ", ".join(TYPES),
    "year": "only records of this year, in พ.ศ. (2553); a ค.ศ. year is accepted (2010 = 2553)",
    "group": "only records of this provincial cluster, by its id (e.g. north-lower-1)",
    "province": "only records of this province, by its id (e.g. chiang-mai)",
    "issuer": "only records of this issuing agency, as written in the records",
    "tag": "only records with this tag",
    "ministry": "only projects of this ministry, by its agency id (e.g. ministry-of-interior)",
    "strategy": "only projects of this strategy, by its title as written in the plans",
    "budget": "only projects of this budget band in baht: up-to-1m (at most 1,000,000), "
    "1m-10m, 10m-100m, over-100m",
}
_MARK = re.compile(r"<mark>(.*?)</mark>")


def add_search_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `kb search QUERY`."""
    parser.add_argument("query", help="the words to search (Thai or English)")
    parser.add_argument("--index", type=Path, default=Path(DEFAULT_INDEX),
                        help=f"the search index (default: {DEFAULT_INDEX})")  # fmt: skip
    for facet in FACETS:
        parser.add_argument(f"--{facet}", help=f"{FACET_HELP[facet]} (default: any)")
    parser.add_argument("--page", default=None, help="the page of results (default: 1)")
    parser.add_argument("--limit", default=None, help="results a page, 1–50 (default: 10)")
    parser.add_argument("--sort", default=None,
                        help="the order of results: relevance, newest or oldest first "
                        "(default: relevance)")  # fmt: skip
    parser.add_argument("--from", dest="year_from", default=None,
                        help="only records of this year or later, พ.ศ. or ค.ศ. (default: any)")
    parser.add_argument("--to", dest="year_to", default=None,
                        help="only records of this year or earlier, พ.ศ. or ค.ศ. (default: any)")
    parser.add_argument("--json", action="store_true",
                        help="print the API's JSON object (default: readable text)")  # fmt: skip
    parser.set_defaults(run=search_command)


def buddhist_year(value: str) -> str:
    """A year as the index holds it (พ.ศ.): a ค.ศ. year such as 2010 becomes 2553."""
    digits = thai_to_arabic(value.strip())
    if digits.isdigit() and 1000 <= int(digits) < BE_FROM:
        return str(int(digits) + BE_OFFSET)
    return value


def search_command(args: argparse.Namespace) -> int:
    """Search the index; 0 also when nothing is found, 1 on a bad query or no index."""
    from .query import SearchIndex, make_request, search

    filters = {f: v for f in FACETS if (v := getattr(args, f, None))}
    if "year" in filters:
        filters["year"] = buddhist_year(filters["year"])
    try:
        request = make_request(args.query, filters, args.page, args.limit, args.sort,
                               args.year_from, args.year_to)  # fmt: skip
        answer = search(SearchIndex(args.index), request)
    except SearchError as exc:
        print(f"kb search: {exc.message}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(answer, ensure_ascii=False))
    else:
        print_answer(answer, sys.stdout)
    return 0


def print_answer(answer: dict, out: TextIO) -> None:
    """Numbered hits with type, date, URL and marked snippet; facet counts below."""
    bold = out.isatty()
    labels = answer.get("labels", {})
    total, first = answer["total"], (answer["page"] - 1) * answer["limit"] + 1
    if answer.get("suggestion"):
        print(f"หมายถึง “{answer['suggestion']}” ใช่ไหม (did you mean: {answer['suggestion']})",
              file=out)  # fmt: skip
    if not answer["hits"]:
        print(f"ไม่พบผลลัพธ์สำหรับ “{answer['query']}” (no results)", file=out)
    else:
        last = first + len(answer["hits"]) - 1
        print(f"ผลลัพธ์ {first}–{last} จาก {total} รายการ ({total} results)\n", file=out)
    for n, hit in enumerate(answer["hits"], first):
        kind = labels.get("type", {}).get(hit["type"], hit["type"])
        date = f" · {hit['date_th']}" if hit.get("date_th") else ""
        print(f"{n}. {hit['title']}", file=out)
        print(f"   {kind}{date} · {hit['url']}", file=out)
        if hit.get("attachment"):
            print(f"   {attachment_line(hit['attachment'])}", file=out)
        print(f"   {terminal_snippet(hit['snippet'], bold)}\n", file=out)
    print_facets(answer["facets"], labels, out)


def attachment_line(found: dict) -> str:
    """`พบในเอกสารแนบ: <title> หน้า <page> · <url>#page=<page>` (where the words are)."""
    return (f"พบในเอกสารแนบ: {found['title']} หน้า {found['page']} · "
            f"{found['url']}#page={found['page']}")


def terminal_snippet(snippet: str, bold: bool) -> str:
    """A snippet for a terminal: marked words bold (or in «» when not a terminal)."""
    marked = _MARK.sub(r"\033[1m\1\033[0m" if bold else r"«\1»", snippet)
    return html.unescape(marked)


def print_facets(facets: dict, labels: dict, out: TextIO) -> None:
    for facet in FACETS:
        counts = facets.get(facet) or {}
        if counts:
            names = labels.get(facet, {})
            shown = ", ".join(f"{names.get(v, v)} ({c})" for v, c in list(counts.items())[:12])
            print(f"{FACET_TH[facet]} [{facet}]: {shown}", file=out)


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `kb serve`."""
    parser.add_argument("--site", type=Path, default=Path("site"),
                        help="the built site (default: site)")  # fmt: skip
    parser.add_argument("--index", type=Path, default=Path(DEFAULT_INDEX),
                        help=f"the search index (default: {DEFAULT_INDEX})")  # fmt: skip
    parser.add_argument("--host", default="127.0.0.1", help="address (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    parser.add_argument("--cors-origin", default=None,
                        help="allow this origin to call /api/search (default: none)")  # fmt: skip
    parser.add_argument("--watch", action="store_true",
                        help="build --content first, rebuild after each edit, reload browsers "
                        "(default: off)")  # fmt: skip
    parser.add_argument("--content", type=Path, default=Path("content"),
                        help="with --watch: the content folder (default: content)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"),
                        help="with --watch: the mkdocs configuration (default: mkdocs.yml)")
    parser.set_defaults(run=serve_command)


def serve_command(args: argparse.Namespace) -> int:
    """Serve the site and the search API until interrupted."""
    from ..serving.server import serve

    if args.watch:
        from ..serving.watch import serve_preview

        return serve_preview(args.content, args.site, args.index, args.config, args.host,
                             args.port)  # fmt: skip

    if not args.site.is_dir():
        print(f"kb serve: ไม่พบเว็บไซต์ที่ {args.site} — สร้างด้วย kb build "
              f"(no site at {args.site}: run `kb build`)", file=sys.stderr)  # fmt: skip
        return 1
    serve(args.site, args.index, args.host, args.port, args.cors_origin)
    return 0
