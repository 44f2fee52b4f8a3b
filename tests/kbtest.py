"""Shared test helpers: the repository's root and small content folders in tmp_path."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

BASE = {
    "index.md": "# หน้าหลัก\n\nคลังความรู้ทดสอบ\n",
    "groups/g1.yml": """
        title: กลุ่มจังหวัดทดสอบ
        provinces: [p1, p2]
        center: p1
        """,
    "provinces/p1.yml": "title: เชียงใหม่\nname_en: Chiang Mai\ngroup: g1\n",
    "provinces/p2.yml": "title: ลำพูน\nname_en: Lamphun\ngroup: g1\n",
}


class Project:
    """A content folder in tmp_path, with a site and an index folder beside it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.site = root / "site"
        self.index = root / "index"

    def write(self, rel: str, text: str) -> Path:
        """Write a file under content/ (text is dedented); returns its path."""
        path = self.content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def base(self) -> Project:
        """A valid minimal knowledge base: one cluster, two provinces, a home page."""
        for rel, text in BASE.items():
            self.write(rel, text)
        return self
