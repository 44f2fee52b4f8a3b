"""The access log: one JSON object a line (time, method, path, status, duration, bytes),
with every field bounded so that no request can make a line long."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

log = logging.getLogger("kb.access")
MAX_FIELD = 300  # characters of a logged path or method


def bounded(text: str, limit: int = MAX_FIELD) -> str:
    """text cut to limit characters (with how much was cut)."""
    return text if len(text) <= limit else f"{text[:limit]}…(+{len(text) - limit})"


def access(method: str, path: str, status: int, seconds: float, size: int) -> None:
    """Log one answered request."""
    if not log.isEnabledFor(logging.INFO):
        return
    line = {"time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "method": bounded(method, 16), "path": bounded(path), "status": status,
            "duration_ms": round(seconds * 1000, 2), "bytes": size}  # fmt: skip
    log.info(json.dumps(line, ensure_ascii=False))


def log_to_stderr() -> None:
    """`kb serve`: access lines on stderr, as they are (they are JSON already)."""
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
