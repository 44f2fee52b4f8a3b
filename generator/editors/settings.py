"""Where the web forms save: the git host's backend from mkdocs.yml's `repo_url` and `cms:`.

Holds no secret: sign-in is the git host's own (OAuth with PKCE on GitLab and Gitea), and
`app_id` is the public id of that OAuth application.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from ..content.problems import Msg
from .config import local_backend

BACKENDS = ("gitlab", "gitea", "github")
CMS_KEYS = {
    "backend": "the git host's kind: gitlab, gitea or github (guessed from repo_url's host)",
    "branch": "the branch saves go to (default main)",
    "review": "true: each save becomes a merge request to review before it is published",
    "app_id": "the OAuth application's id on GitLab or Gitea (public, not a secret)",
    "auth_url": "GitHub only: the address of the OAuth sign-in service",
}
_API = {"gitlab": "/api/v4", "gitea": "/api/v1"}


class CmsSettingError(ValueError):
    """A `cms:` block that cannot work; the message says how to fix it in English and Thai."""

    def __init__(self, message: Msg) -> None:
        self.message = message
        super().__init__(f"{message.en} / {message.th}")


def backend(repo_url: str | None, cms: dict[str, Any]) -> dict[str, Any]:
    """Decap's `backend:` for the repository at repo_url."""
    unknown = sorted(set(cms) - set(CMS_KEYS))
    if unknown:
        keys = ", ".join(CMS_KEYS)
        raise CmsSettingError(Msg(f"mkdocs.yml: cms: unknown setting {unknown[0]!r}; use {keys}",
                                  f"mkdocs.yml: cms: ไม่รู้จัก {unknown[0]!r}; ใช้ได้: {keys}"))
    branch = str(cms.get("branch") or "main")
    if not repo_url:
        return {"name": "proxy", "proxy_url": local_backend(), "branch": branch}
    parts = urlsplit(repo_url)
    name = cms.get("backend") or _guess(parts.hostname or "")
    if name not in BACKENDS:
        raise CmsSettingError(Msg(
            f"mkdocs.yml: cms: backend: write one of {', '.join(BACKENDS)} for {repo_url}",
            f"mkdocs.yml: cms: backend: ระบุ {', '.join(BACKENDS)} ให้ {repo_url}"))
    base = f"{parts.scheme}://{parts.netloc}"
    out: dict[str, Any] = {"name": name, "repo": parts.path.strip("/").removesuffix(".git"),
                           "branch": branch}  # fmt: skip
    if name in _API:
        out |= {"base_url": base, "api_root": base + _API[name]}
        if cms.get("app_id"):
            out |= {"auth_type": "pkce", "app_id": str(cms["app_id"])}
    elif cms.get("auth_url"):
        out["base_url"] = str(cms["auth_url"])
    return out


def _guess(host: str) -> str:
    if host == "github.com":
        return "github"
    return "gitea" if "gitea" in host or host == "codeberg.org" else "gitlab"


def publish_mode(cms: dict[str, Any]) -> dict[str, Any]:
    """`publish_mode: editorial_workflow` when saves go through review."""
    return {"publish_mode": "editorial_workflow"} if cms.get("review") else {}
