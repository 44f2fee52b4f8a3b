"""site/admin/: the page that loads Decap CMS, its generated config.yml and the bundle.

The bundle is Decap CMS's own build from its npm package (pinned in cms/package.json,
installed by `make`), copied (hard-linked where possible) from cms/node_modules/; nothing
is loaded from another host.
"""

from __future__ import annotations

import logging
import os
import shutil
from html import escape
from pathlib import Path
from typing import Any

import yaml

from .config import collections, local_backend
from .csp import ADMIN, admin_csp
from .settings import backend, publish_mode

log = logging.getLogger("kb.editors")

BUNDLE = "decap-cms.js"
STYLES = ("../assets/stylesheets/fonts.css", "../assets/stylesheets/kb-admin.css")  # theme/
SCRIPT = "../assets/javascripts/kb-admin.js"
"""kb's own help in the forms (theme/): its messages beside the fields, new records' ids."""
DIST = Path("cms") / "node_modules" / "decap-cms" / "dist"
_REPO = Path(__file__).resolve().parents[2]


def cms_config(repo_url: str | None, cms: dict[str, Any], site_url: str = "") -> dict[str, Any]:
    """Decap's whole configuration: where saves go, in Thai, a collection per record type."""
    config: dict[str, Any] = {
        "locale": "th",
        "backend": backend(repo_url, cms),
        **publish_mode(cms),
        "local_backend": {"url": local_backend(), "allowed_hosts": ["127.0.0.1", "localhost"]},
        "media_folder": "content/attachments",
        "public_folder": "",
        "collections": collections(),
    }
    if site_url:
        config |= {"site_url": site_url, "display_url": site_url}
    return config


def config_yaml(config: dict[str, Any]) -> str:
    """The configuration as YAML with Thai written as is."""
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)


def find_dist(config_dir: Path) -> Path | None:
    """Decap's dist/ folder: $KB_CMS_DIST, beside mkdocs.yml, or in kb's own checkout."""
    candidates = [Path(os.environ["KB_CMS_DIST"])] if os.environ.get("KB_CMS_DIST") else []
    candidates += [config_dir / DIST, _REPO / DIST]
    return next((d for d in candidates if (d / BUNDLE).is_file()), None)


def page(site_name: str, bundled: bool, csp: str) -> str:
    """admin/index.html: no inline script; the bundle reads config.yml beside it."""
    body = f'<script src="{BUNDLE}"></script>\n<script src="{SCRIPT}"></script>' if bundled else (
        "<p>ยังไม่ได้ติดตั้งแบบฟอร์มแก้ไขเนื้อหา: รันคำสั่ง <code>make cms</code> แล้วสร้างเว็บใหม่ "
        "(the web forms are not installed: run <code>make cms</code> and build again)</p>")
    return ("<!doctype html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="robots" content="noindex">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{escape(csp)}">\n'
            + "".join(f'<link rel="stylesheet" href="{href}">\n' for href in STYLES)
            + f"<title>แก้ไขเนื้อหา · {escape(site_name)}</title>\n</head>\n"
            f"<body>\n{body}\n</body>\n</html>\n")  # fmt: skip


def write_admin(site: Path, config: dict[str, Any], site_name: str, config_dir: Path) -> Path:
    """Write site/admin/ (page, config.yml, bundle); returns the folder."""
    out = site / ADMIN
    out.mkdir(parents=True, exist_ok=True)
    dist = find_dist(config_dir)
    if dist is None:
        log.warning("Decap CMS is not installed (run: make cms): /admin/ only says so")
    else:
        for src in dist.iterdir():
            if src.name == BUNDLE or src.name.endswith((".decap-cms.js", ".wasm")):
                _link_or_copy(src, out / src.name)
    (out / "config.yml").write_text(config_yaml(config), encoding="utf-8")
    html = page(site_name, dist is not None, admin_csp(config))
    (out / "index.html").write_text(html, encoding="utf-8")
    return out


def _link_or_copy(src: Path, dst: Path) -> None:
    dst.unlink(missing_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)
