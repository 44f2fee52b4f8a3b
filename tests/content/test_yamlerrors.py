"""Every YAML syntax error an editor can make: at the offending character's own line and
column, named, with how to fix it, in English and in Thai (no libyaml wording)."""

from __future__ import annotations

import re

import pytest

from generator.content.yamlsafe import YamlError, read_yaml

TAB = "a tab: indent with spaces (YAML does not allow tabs here)"
COLON = "a colon inside a value (': '): put the whole value in quotes, e.g. title: \"ก: ข\""
INDENT = ("this line is indented differently from the field above it (line {}): start a field in "
          "the same column as the others, and indent what belongs to it by two spaces")  # fmt: skip
NO_COLON = ("line {} has no ': ' (a colon and a space) after its field name: "
            "write 'field: value'")  # fmt: skip
STRATEGIES = "strategies:\n  - title: ก\n    goals:\n      - ข\n      - ค\n"

CASES = {
    "tab-indenting-a-list-item": (
        "title: ก\nnumber: 1\ntags:\n\t- x\n", 4, 1, TAB),
    "tab-inside-a-block": (
        "title: ก\nbody: ข\n" + STRATEGIES + "\t    - ง\n", 8, 1, TAB),
    "tab-after-a-multi-line-value": (
        "title: ก\nsummary: ข\n  ค\n\tง\n", 4, 1, TAB),
    "tab-indenting-a-field": ("title: ก\n\tnumber: 1\n", 2, 1, TAB),
    "tab-after-a-dash": ("title: ก\ntags:\n  -\tx\n", 3, 4, TAB),
    "colon-in-a-value": ("title: เรื่อง: ย่อย\nnumber: 1\n", 1, 14, COLON),
    "colon-in-a-list-item": ("title: ก\ntags:\n  - ก: ข: ค\n", 3, 9, COLON),
    "field-indented-too-far": ("title: ก\n  number: 1\n", 2, 3, INDENT.format(1)),
    "field-indented-too-little": (
        "title: ก\nmembers:\n    - name: ข\n  role: ค\n", 4, 3, INDENT.format(3)),
    "block-text-indented-too-little": ("title: ก\nbody: |\n  ข\n ค\n", 4, 2, INDENT.format(3)),
    "no-colon-after-a-field": ("title: ก\nnumber\ndate: 2553\n", 2, 7, NO_COLON.format(2)),
    "no-space-after-the-colon": ("title:ก\nnumber: 1\n", 1, 8, NO_COLON.format(1)),
    "list-item-where-a-field-belongs": (
        "title: ก\n- ข\n", 2, 1,
        "a list item ('- ') where a field was expected: put it under a field (e.g. tags:) "
        "and indent it by two spaces"),
    "field-among-list-items": (
        "title: ก\ntags:\n  - ข\n  ค: 1\n", 4, 3,
        "a 'field: value' line among list items: start it with '- ' to make it an item, or "
        "indent it under the item it belongs to"),
    "text-after-closing-quote": (
        'title: "ก" ข\n', 1, 12,
        'text after the closing quote ("): put the whole value inside the quotes; '
        'a " inside the value is written \\"'),
    "apostrophe-in-single-quotes": (
        "title: 'it's'\n", 1, 12,
        "text after the closing quote ('): put the whole value inside the quotes; "
        "a ' inside the value is written ''"),
    "unclosed-double-quote": (
        'title: "ก\nnumber: 1\n', 1, 8,
        'this quote (") is never closed: end the value with " on the same line'),
    "unclosed-bracket": (
        "title: ก\ntags: [ก, ข\nnumber: 1\n", 2, 7,
        "this '[' is never closed: close it with ']' on the same line"),
    "unclosed-brace": (
        "title: ก\nmembers: [{name: ข\n", 2, 11,
        "this '{' is never closed: close it with '}' on the same line"),
    "missing-comma-in-brackets": (
        'title: ก\ntags: ["ก" ข]\n', 2, 12,
        "expected ',' or ']' here: separate the items with commas, and put an item that holds "
        "a comma, a colon or a quote in quotes"),
    "two-commas": (
        "title: ก\ntags: [ก,, ข]\n", 2, 10,
        "an empty item (two commas, or a comma before the end): remove the extra comma"),
    "value-starting-with-at": (
        "title: @ก\n", 1, 8,
        "a value cannot start with '@': put the whole value in quotes, e.g. \"@…\""),
    "value-starting-with-backquote": (
        "title: `ก`\n", 1, 8,
        "a value cannot start with '`': put the whole value in quotes, e.g. \"`…\""),
    "value-starting-with-bracket": (
        "title: ]ก\n", 1, 8,
        "a value cannot start with ']': put the whole value in quotes, e.g. \"]…\""),
    "star-alone": (
        "title: *\n", 1, 8,
        "'*' here starts an alias: put the whole value in quotes, e.g. \"*…\""),
    "ampersand-alone": (
        "title: & ก\n", 1, 8,
        "'&' here starts an anchor: put the whole value in quotes, e.g. \"&…\""),
    "exclamation-mark": (
        "title: !< ก\n", 1, 8,
        "'!' here starts a tag: put the whole value in quotes, e.g. \"!…\""),
    "percent-at-line-start": (
        "title: ก\n%ข\n", 2, 1,
        "'%' here starts a directive: put the whole value in quotes, e.g. \"%…\""),
    "backslash-in-double-quotes": (
        'title: "C:\\ก"\n', 1, 11,
        "a backslash (\\) in double quotes starts an escape: write \\\\, or use single quotes"),
    "text-after-the-bar": (
        "title: ก\nbody: | ข\n", 2, 9,
        "after '|' or '>' the text starts on the next line: move it there, indented by two "
        "spaces"),
    "text-after-document-end": (
        "title: ก\n...\nข\n", 3, 1,
        "text after the end of the record ('...'): remove the '...' line or this text"),
    "control-character": (
        "title: ก\nsummary: ขค\x07ง\n", 2, 12,
        "an invisible character (U+0007 control character) that YAML does not allow: "
        "delete it (retype the text around it)"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_syntax_error_points_at_the_character_and_says_how_to_fix(name: str) -> None:
    text, line, col, message = CASES[name]
    with pytest.raises(YamlError) as err:
        read_yaml(text)
    assert (err.value.line, err.value.col, err.value.field) == (line, col, "yaml")
    assert err.value.message.en == message


LIBYAML = re.compile(r"found|mapping values|did not find|could not find|scanning|parsing|token")


@pytest.mark.parametrize("name", list(CASES))
def test_syntax_error_in_thai_has_no_libyaml_english(name: str) -> None:
    text = CASES[name][0]
    with pytest.raises(YamlError) as err:
        read_yaml(text)
    thai = err.value.message.th
    assert re.search("[\u0e01-\u0e4f]", thai) and not LIBYAML.search(thai)
    assert not LIBYAML.search(err.value.message.en)


def test_kb_validate_reports_the_tab_at_its_line(project) -> None:  # noqa: ANN001
    from pathlib import Path

    from generator.content.validate import load_corpus

    project.write("circulars/c.yml", "title: ก\nnumber: ว 1\ndate: 2553\nissuer: ข\ntags:\n\t- ค\n")
    _, problems = load_corpus(Path("content"))
    assert [p.format() for p in problems] == [f"content/circulars/c.yml:6:1: error: yaml: {TAB}"]
