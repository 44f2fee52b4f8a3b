"""The `kb` command: validate, build, search and serve the knowledge base."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from .content.model import TYPES
from .content.problems import LANGS, Msg, Problem, default_lang, display_path, report, summary
from .search import DEFAULT_INDEX

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    return args.run(args)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kb", description="The ก.น.จ. knowledge base.")
    commands = parser.add_subparsers(title="commands")
    validate = commands.add_parser("validate", help="check every file in content/")
    _add_content(validate)
    _add_lang(validate)
    validate.set_defaults(run=validate_command)
    build = commands.add_parser("build", help="validate, build the site and the search index")
    _add_content(build)
    build.add_argument("--site", type=Path, default=Path("site"),
                       help="where to write the site (default: site)")  # fmt: skip
    build.add_argument("--index", type=Path, default=Path(DEFAULT_INDEX),
                       help=f"where to write the search index (default: {DEFAULT_INDEX})")
    build.add_argument("--config", type=Path, default=Path("mkdocs.yml"),
                       help="the mkdocs configuration (default: mkdocs.yml)")  # fmt: skip
    build.add_argument("--wait", type=float, default=600.0, metavar="SECONDS",
                       help="how long to wait for another build of the same site or index "
                       "(default: 600)")  # fmt: skip
    build.add_argument("--no-ocr", dest="ocr", action="store_false",
                       help="do not read scanned attachment pages with OCR; says how many it "
                       "skipped (default: scans are read)")
    _add_lang(build)
    build.set_defaults(run=build_command)
    _add_search_commands(commands)
    new = commands.add_parser("new", help="create a new record file with every field explained")
    new.add_argument("type", help=f"the record type: {', '.join(TYPES)}")
    new.add_argument("--title", default="", help="its title; gives the file a readable id "
                     "(default: none, the id is the date or the type)")  # fmt: skip
    new.add_argument("--date", default="", help="its date, e.g. 2553-01-19 (default: none)")
    _add_content(new)
    _add_lang(new)
    new.set_defaults(run=new_command)
    agencies = commands.add_parser(
        "agencies", help="list agency names used in content that match no agency")
    _add_content(agencies)
    _add_lang(agencies)
    agencies.set_defaults(run=agencies_command)
    _add_edit_command(commands)
    schema = commands.add_parser("schema", help="write the JSON Schemas of the record types")
    schema.add_argument("--out", type=Path, default=Path("schemas"),
                        help="where to write them (default: schemas)")  # fmt: skip
    schema.set_defaults(run=schema_command)
    return parser


def _add_content(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"),
                        help="the content folder (default: content)")  # fmt: skip


def _add_edit_command(commands) -> None:
    edit = commands.add_parser("edit", help="edit in web forms at /admin/ with a live preview")
    for name, default in (("content", "content"), ("site", "site"), ("index", DEFAULT_INDEX),
                          ("config", "mkdocs.yml")):  # fmt: skip
        edit.add_argument(f"--{name}", type=Path, default=Path(default),
                          help=f"the {name} (default: {default})")  # fmt: skip
    edit.add_argument("--host", default="127.0.0.1",
                      help="the address to serve on (default: 127.0.0.1)")
    edit.add_argument("--port", type=int, default=8000,
                      help="the port to serve on (default: 8000)")
    edit.add_argument("--backend-port", type=int, default=8081,
                      help="port of the forms' local backend, decap-server (default: 8081)")
    edit.add_argument("--commit", action="store_true",
                      help="commit each save with git (default: only write the files)")
    edit.set_defaults(run=edit_command)


def edit_command(args: argparse.Namespace) -> int:
    from .editors.local import edit

    return edit(args.content, args.site, args.index, args.config, args.host, args.port,
                args.commit, args.backend_port)


def _add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGS, default=default_lang(),
                        help="language of the messages: en or th (default: th when the "
                        "locale is Thai, else en)")  # fmt: skip


def _add_search_commands(commands) -> None:
    from .search import commands as search

    search.add_search_arguments(commands.add_parser("search", help="search the index"))
    search.add_serve_arguments(commands.add_parser("serve", help="serve the site and the API"))


def validate_command(args: argparse.Namespace) -> int:
    from .content.validate import check_content, count_files, no_folder

    if not args.content.is_dir():
        print(f"kb validate: {no_folder(args.content).text(args.lang)}", file=sys.stderr)
        return 1
    checked = check_content(args.content)
    problems, warnings = checked.problems, checked.warnings
    if problems or warnings:
        print(report(problems + warnings, args.lang))
    print(summary(problems, count_files(args.content), args.lang, len(warnings)))
    return 1 if problems else 0


def agencies_command(args: argparse.Namespace) -> int:
    from .content.agencies import unmatched
    from .content.validate import load_corpus

    corpus, _ = load_corpus(args.content)
    names = unmatched(corpus)
    for name, uses in names.items():
        print(f"{len(uses)}\t{name}\t{' '.join(uses)}")
    th = args.lang == "th"
    print(f"ชื่อหน่วยงานที่ไม่ตรงกับหน่วยงานใด {len(names)} ชื่อ" if th else
          f"{len(names)} agency names match no agency in {args.content}/agencies/")
    return 0


def build_command(args: argparse.Namespace) -> int:
    from .build import build
    from .content.validate import count_files, no_folder
    from .publish import LockTimeout

    if not args.content.is_dir():
        print(f"kb build: {no_folder(args.content).text(args.lang)}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    try:
        problems = build(args.content, args.site, args.index, args.config, args.wait,
                         args.ocr, args.lang, lambda found: _warn(found, args.lang))
    except LockTimeout as exc:
        print(f"kb build: {exc}", file=sys.stderr)
        print(f"not built: {args.site} and {args.index} are as they were", file=sys.stderr)
        return 1
    except Exception as exc:  # mkdocs or the index failed: nothing was swapped in
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print(f"not built: {args.site} and {args.index} are as they were", file=sys.stderr)
        return 1
    if problems:
        print(report(problems, args.lang))
        print(summary(problems, count_files(args.content), args.lang))
        print(f"not built: {args.site} and {args.index} are as they were")
        return 1
    seconds = time.perf_counter() - started
    print(f"built {args.site}/ and {args.index}/ in {seconds:.1f} s")
    return 0


def _warn(warnings: list[Problem], lang: str) -> None:
    """`kb build`: the validation's warnings, then how many, before the site is built."""
    n = len(warnings)
    count = Msg(f"{n} warning{'s' if n > 1 else ''}: they stop nothing, the build goes on",
                f"คำเตือน {n} รายการ: ไม่หยุดการสร้างเว็บไซต์ ระบบสร้างต่อไป")  # fmt: skip
    print(f"{report(warnings, lang)}\n{count.text(lang)}", flush=True)


def new_command(args: argparse.Namespace) -> int:
    from .editors.scaffold import new_record, why_named

    try:
        path = new_record(args.content, args.type, args.title, args.date)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    why = why_named(path, args.type, args.title, args.date).text(args.lang)
    then = Msg("fill in the fields marked (จำเป็น), then run: .venv/bin/kb validate",
               "กรอกช่องที่มีคำว่า (จำเป็น) แล้วตรวจด้วยคำสั่ง: .venv/bin/kb validate")
    print(f"created {display_path(path)}: {why}\n{then.text(args.lang)}")
    return 0


def schema_command(args: argparse.Namespace) -> int:
    from .editors.schema import write_schemas

    for path in write_schemas(args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
