"""`Range: bytes=…` on static files (one range, as browsers ask for parts of PDFs)."""

from __future__ import annotations

import re

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class Unsatisfiable(Exception):
    """A range that starts past the end of the file (416)."""


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The first and last byte a Range header asks for; None: send the whole file (no
    header, several ranges or a malformed one, which RFC 9110 lets a server ignore)."""
    match = _RANGE.match(header.strip().replace(" ", ""))
    if not match or (not match[1] and not match[2]):
        return None
    if not match[1]:  # the last N bytes
        length = int(match[2])
        if length == 0:
            raise Unsatisfiable
        return max(size - length, 0), size - 1
    first = int(match[1])
    last = int(match[2]) if match[2] else size - 1
    if first >= size:
        raise Unsatisfiable
    if last < first:
        return None
    return first, min(last, size - 1)
