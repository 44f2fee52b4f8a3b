"""The README's field reference is generated from the model and kept current."""

from __future__ import annotations

from kbtest import REPO

from generator.content.model import TYPES
from generator.editors.docs import fields_markdown, update_readme


def test_readme_field_reference_is_current() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert update_readme(text) == text, "run: .venv/bin/python -m generator.editors.docs"


def test_every_field_is_documented() -> None:
    table = fields_markdown()
    for rtype in TYPES.values():
        assert f"`{rtype.folder}/`" in table
        for fld in rtype.all_fields:
            assert f"`{fld.name}`" in table and fld.doc in table
