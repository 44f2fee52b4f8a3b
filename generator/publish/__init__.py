"""Publishing a build: one build at a time, staged folders, the site and index switched together."""

from __future__ import annotations

from .lock import BuildLock, LockTimeout
from .versions import Release, publish, recover, staging_dir

__all__ = ["BuildLock", "LockTimeout", "Release", "publish", "recover", "staging_dir"]
