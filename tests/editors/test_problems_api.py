"""/__kb/problems: the problems of one file, as kb prints them, for the form beside its fields."""

from __future__ import annotations

import json

from kbtest import Project

from generator.content.validate import load_corpus
from generator.editors.problems import problems_body

CIRCULAR = "title: หนังสือเวียน\nnumber: ว 1\ndate: 2553-01-19\nissuer: ก.น.จ.\nrelated: [orders/{}]\n"


def test_only_the_asked_files_problems_in_both_languages(project: Project) -> None:
    project.write("circulars/c1.yml", CIRCULAR.format("gone"))
    project.write("circulars/c2.yml", CIRCULAR.format("missing"))
    _, problems = load_corpus(project.content)
    body = json.loads(problems_body(problems, project.content, "path=content%2Fcirculars%2Fc1.yml"))
    mine = sorted(p for p in problems if p.path.name == "c1.yml")
    assert body["path"] == "content/circulars/c1.yml"
    assert [(b["field"], b["severity"], b["line"], b["col"], b["th"], b["en"]) for b in
            body["problems"]] == [(p.field, p.severity, p.line, p.col, p.format("th"),
                                   p.format("en")) for p in mine]  # fmt: skip
    assert "related[1]" in [b["field"] for b in body["problems"]]
    assert any("orders/gone" in b["en"] for b in body["problems"])
    assert not any("missing" in b["en"] for b in body["problems"])
    nothing = json.loads(problems_body(problems, project.content, "path=content/circulars/x.yml"))
    assert nothing["problems"] == []
