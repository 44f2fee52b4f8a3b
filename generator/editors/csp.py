"""The Content-Security-Policy of /admin/: what Decap CMS needs, and nothing more.

The page carries it in a <meta> (so a plain copy of site/ to any web host keeps it); kb's
server sends only ADMIN_HEADER for /admin/ pages (what a <meta> cannot say) instead of the
site's CSP, which would block the CMS. The rest of the site keeps the server's own CSP.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

ADMIN = "admin"
"""The folder of the web forms under site/ (their URL is /admin/)."""
ADMIN_HEADER = "object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
GITHUB_API = "https://api.github.com"


def origins(config: dict[str, Any]) -> list[str]:
    """The hosts the CMS talks to: the local backend and the git host's API and sign-in."""
    backend = config["backend"]
    urls = [config["local_backend"]["url"], backend.get("proxy_url", ""),
            backend.get("api_root", ""), backend.get("base_url", "")]  # fmt: skip
    if backend["name"] == "github":
        urls.append(GITHUB_API)
    found = []
    for url in filter(None, urls):
        parts = urlsplit(url)
        found.append(f"{parts.scheme}://{parts.netloc}")
    return list(dict.fromkeys(found))


def admin_csp(config: dict[str, Any]) -> str:
    """The policy of admin/index.html for this configuration."""
    hosts = " ".join(origins(config))
    return (
        "default-src 'self'; script-src 'self' 'unsafe-eval'; "
        "style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data: blob: {hosts}; media-src 'self' blob:; font-src 'self' data:; "
        f"connect-src 'self' blob: {hosts}; worker-src 'self' blob:; frame-src 'none'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'"
    )
