"""The `kb` command line: every option explained with its default, in --help and README."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest
from kbtest import REPO, Project

from generator.cli import main, make_parser
from generator.content.model import TYPES


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = make_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions if a.option_strings and a.dest != "help"]


@pytest.mark.parametrize("name", list(subcommands()))
def test_every_option_has_help_with_its_default(name: str) -> None:
    parser = subcommands()[name]
    missing = [a.option_strings[0] for a in options(parser)
               if not a.help or "(default: " not in a.help]  # fmt: skip
    assert missing == []
    for action in options(parser):
        if isinstance(action.default, (str, Path)) and str(action.default):
            assert f"default: {action.default}" in action.help or action.dest == "lang"


def test_search_type_help_lists_the_types() -> None:
    help_text = next(a.help for a in options(subcommands()["search"]) if a.dest == "type")
    assert help_text == "only records of this type: " + ", ".join(TYPES) + " (default: any)"


def test_readme_command_table_lists_every_option() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Commands", 1)[1].split("\n\n", 2)[1]
    rows = {m[1]: m[0] for m in re.finditer(r"^\| `kb (\w+)[^`]*`", table, re.M)}
    assert set(rows) == set(subcommands())
    for name, parser in subcommands().items():
        row = rows[name]
        absent = [a.option_strings[0] for a in options(parser) if a.option_strings[0] not in row]
        assert absent == [], name


def test_search_year_accepts_the_christian_era(project: Project, capsys) -> None:  # noqa: ANN001
    from generator.content.validate import load_corpus
    from generator.search.index import build_index

    project.write("circulars/c.yml", "title: แนวทางการจัดทำแผน\nnumber: ว 1\ndate: 2553-01-19\n"
                  "issuer: ก.พ.ร.\n")  # fmt: skip
    project.write("circulars/d.yml", "title: แผนอื่น\nnumber: ว 2\ndate: 2554-01-19\n"
                  "issuer: ก.พ.ร.\n")  # fmt: skip
    corpus, problems = load_corpus(project.content)
    assert problems == []
    build_index(corpus, project.index)
    answers = []
    for year in ("2553", "2010", "๒๕๕๓"):
        code = main(["search", "แผน", "--index", str(project.index), "--year", year, "--json"])
        assert code == 0
        answers.append(json.loads(capsys.readouterr().out))
    assert [h["id"] for h in answers[0]["hits"]] == ["c"]
    assert answers[1]["hits"] == answers[0]["hits"] == answers[2]["hits"]
    assert main(["search", "แผน", "--index", str(project.index), "--year", "1999"]) == 1
    assert "year" in capsys.readouterr().err
