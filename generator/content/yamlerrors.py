"""libyaml's syntax errors told to an editor: at the offending character's own line and
column, what that character is, and how to fix it, in English and in Thai.

libyaml marks the start of the construct it was reading (a tab on line 8 comes out as the
plain value that began on line 6) and words its problems for programmers. Here each error
an editor can make is pointed at the character itself and said in plain words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import yaml

from .problems import Msg

_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
Where = tuple[int, int, Msg]

TAB = Msg("a tab: indent with spaces (YAML does not allow tabs here)",
          "มีแท็บ (tab): ย่อหน้าด้วยการเว้นวรรค (YAML ไม่ให้ใช้แท็บตรงนี้)")  # fmt: skip
COLON = Msg(
    "a colon inside a value (': '): put the whole value in quotes, e.g. title: \"ก: ข\"",
    "มีทวิภาค (': ') อยู่ในค่า: ใส่ค่าทั้งหมดในเครื่องหมายคำพูด เช่น title: \"ก: ข\"",
)
QUOTES = Msg(" (or put the value in quotes)", " (หรือใส่ค่าในเครื่องหมายคำพูด)")


class Text:
    """The file's lines, to look at the characters libyaml points at (1-based)."""

    def __init__(self, text: str) -> None:
        self.lines = _BREAKS.split(text)

    def line(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def char(self, line: int, col: int) -> str:
        text = self.line(line)
        return text[col - 1] if 0 < col <= len(text) else ""

    def first_tab(self, start: int, end: int) -> tuple[int, int] | None:
        """The first tab in the indentation or between tokens of lines start..end."""
        for number in range(max(start, 1), min(end, len(self.lines)) + 1):
            col = self.line(number).find("\t")
            if col >= 0:
                return number, col + 1
        return None


def explain(text: str, exc: yaml.YAMLError) -> Where:
    """Line, column and message for a libyaml error in `text`."""
    source = Text(text)
    if isinstance(exc, yaml.reader.ReaderError):
        before = text.encode("utf-8")[: exc.position].decode("utf-8", "ignore")
        lines = _BREAKS.split(before)
        return len(lines), len(lines[-1]) + 1, _invisible(exc.character)
    if not isinstance(exc, yaml.MarkedYAMLError) or exc.problem_mark is None:
        return 1, 1, Msg(f"YAML syntax: {exc}", f"รูปแบบ YAML ผิด: {exc}")
    line, col = exc.problem_mark.line + 1, exc.problem_mark.column + 1
    problem = exc.problem or ""
    if source.char(line, col) == "\t":
        return line, col, TAB
    start = exc.context_mark.line + 1 if exc.context_mark else line
    if "tab" in problem and (tab := source.first_tab(start, line)):
        return (*tab, TAB)
    if exc.context in _CONTEXTS:
        return _CONTEXTS[exc.context](source, exc, line, col)
    for start_of_problem, how in _RULES:
        if problem.startswith(start_of_problem):
            return how(source, exc, line, col)
    return line, col, _generic(problem)


def _invisible(code: int | str) -> Msg:
    char = chr(code) if isinstance(code, int) else code
    name = unicodedata.name(char, "") or "control character"
    what = f"U+{ord(char):04X} {name}".strip()
    return Msg(f"an invisible character ({what}) that YAML does not allow: delete it "
               "(retype the text around it)",
               f"มีอักขระที่มองไม่เห็น ({what}) ซึ่ง YAML ไม่อนุญาต: ลบออก "
               "(พิมพ์ข้อความบริเวณนั้นใหม่)")  # fmt: skip


def _mapping_value(source: Text, exc: yaml.MarkedYAMLError, line: int, col: int) -> Where:
    """`: ` where libyaml cannot start a field: in a value, or after a line without one."""
    before = source.line(line)[: col - 1]
    if re.search(r":\s", before) or before.lstrip().startswith("- "):
        return line, col, COLON
    above = _previous(source, line)
    if not above:
        return line, col, _generic(problem_of(exc))
    text = source.line(above)
    if not re.search(r":(\s|$)", text) and not text.lstrip().startswith("-"):
        return above, len(text.rstrip()) + 1, _no_colon(above)
    indent = len(before) - len(before.lstrip())
    return line, indent + 1, _indent(above)


def problem_of(exc: yaml.MarkedYAMLError) -> str:
    return exc.problem or "invalid YAML"


def _no_colon(line: int) -> Msg:
    return Msg(
        f"line {line} has no ': ' (a colon and a space) after its field name: "
        "write 'field: value'",
        f"บรรทัด {line} ไม่มี ': ' (ทวิภาคตามด้วยวรรค) หลังชื่อฟิลด์: เขียนเป็น 'ฟิลด์: ค่า'")


def _previous(source: Text, line: int) -> int:
    """The nearest line above that is neither blank nor a comment (0 when none)."""
    for number in range(line - 1, 0, -1):
        text = source.line(number).strip()
        if text and not text.startswith("#"):
            return number
    return 0


def _indent(above: int) -> Msg:
    return Msg(
        f"this line is indented differently from the field above it (line {above}): start a "
        "field in the same column as the others, and indent what belongs to it by two spaces",
        f"บรรทัดนี้ย่อหน้าไม่ตรงกับฟิลด์ด้านบน (บรรทัด {above}): เริ่มฟิลด์ในคอลัมน์เดียวกับฟิลด์อื่น "
        "และย่อหน้าสิ่งที่อยู่ใต้ฟิลด์นั้นสองช่อง",
    )


def _expected_key(source: Text, exc: yaml.MarkedYAMLError, line: int, col: int) -> Where:
    """A block mapping found something that is not `field:`."""
    text, char = source.line(line), source.char(line, col)
    if char == "-" and text[col:col + 1] in (" ", ""):
        return line, col, Msg(
            "a list item ('- ') where a field was expected: put it under a field "
            "(e.g. tags:) and indent it by two spaces",
            "มีรายการ ('- ') ในตำแหน่งที่ควรเป็นฟิลด์: ย้ายไปไว้ใต้ฟิลด์ (เช่น tags:) "
            "และย่อหน้าสองช่อง")  # fmt: skip
    before = text[: col - 1].rstrip()
    if before.endswith(('"', "'")) and text[: col - 1].strip():
        quote = before[-1]
        return line, col, Msg(
            f"text after the closing quote ({quote}): put the whole value inside the quotes; "
            f"a {quote} inside the value is written {_escaped(quote)}",
            f"มีข้อความหลังเครื่องหมายคำพูดปิด ({quote}): ใส่ค่าทั้งหมดไว้ในเครื่องหมายคำพูด; "
            f"{quote} ที่อยู่ในค่าให้เขียนเป็น {_escaped(quote)}")  # fmt: skip
    if text[: col - 1].strip():
        return line, col, _generic(f"'{char}' is not expected here")
    return line, col, _indent(_previous(source, line))


def _escaped(quote: str) -> str:
    return '\\"' if quote == '"' else "''"


def _expected_dash(source: Text, exc: yaml.MarkedYAMLError, line: int, col: int) -> Where:
    return line, col, Msg(
        "a 'field: value' line among list items: start it with '- ' to make it an item, or "
        "indent it under the item it belongs to",
        "มีบรรทัด 'ฟิลด์: ค่า' ปนอยู่ในรายการ: ขึ้นต้นด้วย '- ' ให้เป็นรายการ "
        "หรือย่อหน้าให้อยู่ใต้รายการที่เป็นเจ้าของ")  # fmt: skip


def _bad_start(source: Text, exc: yaml.MarkedYAMLError, line: int, col: int) -> Where:
    """A character that cannot begin a value (`@`, a backquote) or is out of place."""
    char = source.char(line, col) or "?"
    return line, col, Msg(
        f"a value cannot start with '{char}': put the whole value in quotes, e.g. \"{char}…\"",
        f"ค่าขึ้นต้นด้วย '{char}' ไม่ได้: ใส่ค่าทั้งหมดในเครื่องหมายคำพูด เช่น \"{char}…\"")


def _unclosed_quote(source: Text, exc: yaml.MarkedYAMLError, line: int, col: int) -> Where:
    mark = exc.context_mark or exc.problem_mark
    quote = source.char(mark.line + 1, mark.column + 1) or '"'
    return mark.line + 1, mark.column + 1, Msg(
        f"this quote ({quote}) is never closed: end the value with {quote} on the same line",
        f"เครื่องหมายคำพูด ({quote}) นี้ไม่มีตัวปิด: ปิดท้ายค่าด้วย {quote} ในบรรทัดเดียวกัน")


def _unclosed_flow(source: Text, exc: yaml.MarkedYAMLError, line: int, col: int) -> Where:
    """`[a, b` or `{a: 1` not closed, or two items not separated by a comma."""
    mark = exc.context_mark
    opening = source.char(mark.line + 1, mark.column + 1) if mark else "["
    closing = "]" if opening == "[" else "}"
    if mark and mark.line + 1 != line:
        return mark.line + 1, mark.column + 1, Msg(
            f"this '{opening}' is never closed: close it with '{closing}' on the same line",
            f"'{opening}' นี้ไม่มีตัวปิด: ปิดรายการด้วย '{closing}' ในบรรทัดเดียวกัน")
    return line, col, Msg(
        f"expected ',' or '{closing}' here: separate the items with commas, and put an item "
        "that holds a comma, a colon or a quote in quotes",
        f"ตรงนี้ควรเป็น ',' หรือ '{closing}': คั่นแต่ละรายการด้วยจุลภาค "
        "และใส่รายการที่มีจุลภาค ทวิภาค หรือเครื่องหมายคำพูด ไว้ในเครื่องหมายคำพูด")  # fmt: skip


def _no_node(source: Text, exc: yaml.MarkedYAMLError, line: int, col: int) -> Where:
    char = source.char(line, col)
    if char == "," or (char in "]}" and source.line(line)[: col - 1].rstrip().endswith(",")):
        return line, col, Msg("an empty item (two commas, or a comma before the end): "
                              "remove the extra comma",
                              "มีรายการว่าง (จุลภาคสองตัวติดกัน หรือจุลภาคก่อนปิด): "
                              "ลบจุลภาคที่เกินออก")  # fmt: skip
    return _bad_start(source, exc, line, col)


def _simple_key(source: Text, exc: yaml.MarkedYAMLError, line: int, col: int) -> Where:
    mark = exc.context_mark or exc.problem_mark
    at = mark.line + 1
    return at, len(source.line(at).rstrip()) + 1, _no_colon(at)


def _at_context(name: str, thai: str) -> Callable[..., Where]:
    """An error that starts at a special character (`*`, `&`, `!`, `%`, `|`)."""

    def how(source: Text, exc: yaml.MarkedYAMLError, line: int, col: int) -> Where:
        mark = exc.context_mark or exc.problem_mark
        char = source.char(mark.line + 1, mark.column + 1)
        return mark.line + 1, mark.column + 1, Msg(
            f"'{char}' here starts {name}: put the whole value in quotes, e.g. \"{char}…\"",
            f"'{char}' ตรงนี้เป็นการขึ้นต้น {thai}: ใส่ค่าทั้งหมดในเครื่องหมายคำพูด เช่น \"{char}…\"")

    return how


def _block_scalar(source: Text, exc: yaml.MarkedYAMLError, line: int, col: int) -> Where:
    return line, col, Msg(
        "after '|' or '>' the text starts on the next line: move it there, indented by two "
        "spaces",
        "หลัง '|' หรือ '>' ให้เริ่มข้อความที่บรรทัดถัดไป: ย้ายไปบรรทัดถัดไปและย่อหน้าสองช่อง")


def _escape(source: Text, exc: yaml.MarkedYAMLError, line: int, col: int) -> Where:
    return line, col, Msg(
        "a backslash (\\) in double quotes starts an escape: write \\\\, or use single quotes",
        "เครื่องหมาย \\ ในเครื่องหมายคำพูดคู่ใช้ขึ้นต้นรหัสพิเศษ: เขียนเป็น \\\\ "
        "หรือใช้เครื่องหมายคำพูดเดี่ยวแทน")  # fmt: skip


def _document(source: Text, exc: yaml.MarkedYAMLError, line: int, col: int) -> Where:
    return line, col, Msg(
        "text after the end of the record ('...'): remove the '...' line or this text",
        "มีข้อความหลังจุดจบของระเบียน ('...'): ลบบรรทัด '...' หรือข้อความนี้")


def _depth(source: Text, exc: yaml.MarkedYAMLError, line: int, col: int) -> Where:
    return line, col, Msg("brackets nested too deeply: remove the extra '[' or '{'",
                          "วงเล็บซ้อนกันลึกเกินไป: ลบ '[' หรือ '{' ที่เกินออก")


def _generic(problem: str) -> Msg:
    return Msg(f"YAML syntax: {problem}; check quotes, brackets, colons and indentation",
               "รูปแบบ YAML ผิดตรงนี้: ตรวจเครื่องหมายคำพูด วงเล็บ ทวิภาค และการย่อหน้า")


_RULES = [
    ("mapping values are not allowed", _mapping_value),
    ("did not find expected key", _expected_key),
    ("did not find expected '-'", _expected_dash),
    ("found character that cannot start", _bad_start),
    ("found unexpected end of stream", _unclosed_quote),
    ("did not find expected ','", _unclosed_flow),
    ("did not find expected node content", _no_node),
    ("could not find expected ':'", _simple_key),
    ("found unknown escape", _escape),
    ("did not find expected comment or line break", _block_scalar),
    ("did not find expected <document start>", _document),
    ("exceeded maximum nesting depth", _depth),
]
_CONTEXTS = {
    "while scanning an alias": _at_context("an alias", "alias"),
    "while scanning an anchor": _at_context("an anchor", "anchor"),
    "while parsing a tag": _at_context("a tag", "แท็ก"),
    "while scanning a tag": _at_context("a tag", "แท็ก"),
    "while scanning a directive": _at_context("a directive", "คำสั่ง YAML (directive)"),
}
