"""The YAML reader: scalars as written, no code, no bombs, no silent overwrites."""

from __future__ import annotations

import time

import pytest

from generator.content.yamlsafe import MAX_BYTES, YamlError, read_yaml


def scalar(text: str, key: str = "a") -> str:
    node = read_yaml(text)
    assert node is not None
    value = node.get(key)
    assert value is not None and value.kind == "scalar"
    return value.value


@pytest.mark.parametrize("written", ["NO", "on", "0755", "10:00", "1.10", "yes", "~x", "1e3"])
def test_yaml_11_values_reach_us_as_written(written: str) -> None:
    assert scalar(f"a: {written}\n") == written


def test_quoted_and_plain_are_told_apart() -> None:
    node = read_yaml("a: 'true'\nb: true\n")
    assert node is not None
    assert (node.get("a").plain, node.get("b").plain) == (False, True)


def test_positions_are_one_based() -> None:
    node = read_yaml("title: x\nlist:\n  - one\n  - two\n")
    assert node is not None
    items = node.get("list").items
    assert [(i.line, i.col) for i in items] == [(3, 5), (4, 5)]


def test_duplicate_key_is_an_error() -> None:
    with pytest.raises(YamlError) as err:
        read_yaml("title: a\nsummary: b\ntitle: c\n")
    assert (err.value.line, err.value.col, err.value.field) == (3, 1, "title")


@pytest.mark.parametrize(
    "text, message",
    [
        ("a: &x 1\nb: *x\n", "anchors (&name) are not allowed: write the value out"),
        ("a: !!python/object/apply:os.system [ls]\n",
         "tags (!!python/object/apply:os.system) are not allowed: remove it"),
        ("a: 1\n---\na: 2\n", "a file holds one record: remove the second '---'"),
    ],
)  # fmt: skip
def test_refused_constructs(text: str, message: str) -> None:
    with pytest.raises(YamlError) as err:
        read_yaml(text)
    assert err.value.message.en == message


def test_alias_bomb_fails_fast() -> None:
    levels = zip("abcdefgh", "bcdefghi", strict=True)
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in levels
    )
    started = time.perf_counter()
    with pytest.raises(YamlError):
        read_yaml(bomb)
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize("text", ["a: " + "[" * 30000, "a:\n" + "".join(
    " " * i + "- \n" for i in range(0, 400, 2))])  # fmt: skip
def test_deep_nesting_is_an_error_not_a_crash(text: str) -> None:
    with pytest.raises(YamlError) as err:
        read_yaml(text)
    assert "nest" in err.value.message.en


def test_oversized_file_is_refused_before_parsing() -> None:
    with pytest.raises(YamlError) as err:
        read_yaml("a: " + "x" * MAX_BYTES)
    assert err.value.message.en == "file is larger than 1,000,000 bytes; split it into records"


def test_empty_document_is_none() -> None:
    assert read_yaml("") is None
    assert read_yaml("# only a comment\n") is None
