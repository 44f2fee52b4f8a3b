"""Shared fixtures: small content folders written into tmp_path (helpers in kbtest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from kbtest import Project, chromium


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path).base()


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test from tmp_path so problem paths read `content/...`."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium, one per test module."""
    with chromium() as launched:
        yield launched
