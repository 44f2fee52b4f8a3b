"""Re-checking only the edited files gives what a full check gives."""

from __future__ import annotations

from bad_corpus import CASES
from kbtest import Project

from generator.content.validate import check_content, recheck


def same(project: Project, checked) -> None:
    fresh = check_content(project.content)
    assert [p.format() for p in checked.problems] == [p.format() for p in fresh.problems]
    for type_, by_id in fresh.corpus.records.items():
        assert {k: r.data for k, r in by_id.items()} == {
            k: r.data for k, r in checked.corpus.records.get(type_, {}).items()}  # fmt: skip
    assert {k: [(n, r.key) for n, r in v] for k, v in fresh.corpus.backlinks.items()} == {
        k: [(n, r.key) for n, r in v] for k, v in checked.corpus.backlinks.items()}  # fmt: skip


def test_edit_add_delete_and_break(project: Project) -> None:
    checked = check_content(project.content)
    order = project.write("orders/o1.yml", "title: ก\nnumber: 1/2552\ndate: 2552\nissuer: ก\n")
    circ = project.write("circulars/c.yml", "title: ข\nnumber: ว 1\ndate: 2553\nissuer: ข\n"
                         "related: [orders/o1]\n")  # fmt: skip
    same(project, recheck(checked, [order, circ]))
    order.write_text("title: ก\nnumber: 1/2552\ndate: 2552-13\nissuer: ก\n", encoding="utf-8")
    same(project, recheck(checked, [order]))
    assert [p.field for p in checked.problems] == ["date"]
    order.unlink()
    same(project, recheck(checked, [order]))
    assert [p.field for p in checked.problems] == ["related[1]"]
    page = project.write("about.md", "# ความเป็นมา\n")
    same(project, recheck(checked, [page]))
    assert "about.md" in checked.corpus.pages


def test_every_bad_file_rechecks_like_a_full_check(project: Project) -> None:
    checked = check_content(project.content)
    for name in ("typo-field", "duplicate-id", "order-number-twice", "province-not-listed-back"):
        files, _ = CASES[name]
        paths = [project.write(rel, text) for rel, text in files.items()]
        same(project, recheck(checked, paths))
        for path in paths:
            path.unlink()
        same(project, recheck(checked, paths))
