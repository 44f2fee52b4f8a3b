"""Thai full-text search of the knowledge base: the Whoosh index, `kb search` and the API."""

from __future__ import annotations

DEFAULT_INDEX = ".kb/index"
"""Where `kb build`, `kb search` and `kb serve` keep the index (outside site/)."""
