"""The projects register as open data: data/projects.json and data/projects.csv."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .register import Project

COLUMNS = ("plan", "plan_title", "url", "owner", "strategy", "title", "budget", "priority",
           "agency", "agency_id", "ministry_id", "group", "province", "fiscal_years")  # fmt: skip


def project_row(project: Project) -> dict[str, Any]:
    """One project as plain JSON values (ids for the records it names)."""
    return {
        "plan": project.plan.id, "plan_title": project.plan.title, "url": project.url,
        "owner": owner.title if (owner := project.province or project.group) else None,
        "strategy": project.strategy_title, "title": project.title, "budget": project.budget,
        "priority": project.priority, "agency": project.data.get("agency"),
        "agency_id": project.agency.id if project.agency else None,
        "ministry_id": project.ministry.id if project.ministry else None,
        "group": project.group.id if project.group else None,
        "province": project.province.id if project.province else None,
        "fiscal_years": project.years,
    }  # fmt: skip


def project_data(register: list[Project]) -> dict[str, bytes]:
    """Site path → file of the register's JSON and CSV (UTF-8 with BOM, for Excel)."""
    rows = [project_row(p) for p in register]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in COLUMNS])
    return {
        "/data/projects.json": json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode(),
        "/data/projects.csv": ("\ufeff" + buffer.getvalue()).encode("utf-8"),
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return "; ".join(str(v) for v in value) if isinstance(value, list) else str(value)
