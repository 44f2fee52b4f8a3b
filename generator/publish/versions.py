"""The site and the index as symbolic links to versioned folders, switched together.

`site` and the index folder are each a link to `.NAME.v-<time>` beside it, replaced in one
rename, so a reader never finds them missing or half written. A build renders into its own
`.NAME.new-<pid>-<time>` folder. Before switching, the pair of new versions is written to a
journal beside the site; a build killed between the two switches is completed by the next
one (`recover`), so the site and the index never stay from different builds. The previous
version of each is kept until the next build, for readers still using it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

_OWNED = re.compile(r"\.(new|link|old)-(\d+)-\d+$")


@dataclass(frozen=True)
class Release:
    """A built folder waiting to be published at its target."""

    target: Path
    version: Path


def staging_dir(target: Path) -> Path:
    """A folder of this process's own beside `target` to build into (created empty)."""
    target = Path(target).absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = target.parent / f".{target.name}.new-{os.getpid()}-{time.time_ns()}"
    folder.mkdir()
    return folder


def as_version(staged: Path, target: Path) -> Path:
    """Rename a finished staging folder to the next version of `target`."""
    target = Path(target).absolute()
    version = target.parent / f".{target.name}.v-{time.time_ns()}"
    os.rename(staged, version)
    return version


def journal_path(site: Path) -> Path:
    site = Path(site).absolute()
    return site.parent / f".{site.name}.publish.json"


def publish(releases: list[Release], journal: Path) -> None:
    """Switch every target to its new version: journal first, then the links, then clean."""
    data = {"releases": [[str(r.target), str(r.version)] for r in releases]}
    temporary = journal.with_name(f"{journal.name}.{os.getpid()}")
    temporary.write_text(json.dumps(data), "utf-8")
    os.replace(temporary, journal)
    _complete(releases, journal)


def recover(site: Path, targets: list[Path]) -> None:
    """Finish a publication a killed build left half done; remove what killed builds left."""
    journal = journal_path(site)
    try:
        data = json.loads(journal.read_text("utf-8"))
        releases = [Release(Path(t), Path(v)) for t, v in data["releases"]]
    except FileNotFoundError:
        releases = None
    except (OSError, ValueError, KeyError, TypeError):
        releases = []  # written halfway: the links were not touched yet
    if releases is not None:
        if all(r.version.is_dir() for r in releases):
            _complete(releases, journal)
        else:
            journal.unlink(missing_ok=True)
    for target in targets:
        clean(Path(target).absolute())


def _complete(releases: list[Release], journal: Path) -> None:
    for release in releases:
        switch(release.version, release.target)
    journal.unlink(missing_ok=True)
    for release in releases:
        clean(release.target)


def switch(version: Path, target: Path) -> None:
    """Point `target` at `version` in one rename (a plain folder there is moved aside)."""
    if target.is_symlink() and target.resolve() == version.resolve():
        return
    stamp = f"{os.getpid()}-{time.time_ns()}"
    if target.exists() and not target.is_symlink():  # a folder of the older, plain layout
        os.rename(target, target.parent / f".{target.name}.old-{stamp}")
    link = target.parent / f".{target.name}.link-{stamp}"
    os.symlink(version.name, link)
    os.replace(link, target)


def clean(target: Path) -> None:
    """Remove the versions of `target` but the live one and the one before it, and the
    staging folders and links of builds that are no longer running."""
    live = target.resolve() if target.is_symlink() else None
    prefix = f".{target.name}."
    versions = sorted(target.parent.glob(f"{prefix}v-*"), key=_stamp)
    older = [v for v in versions if live is not None and _stamp(v) < _stamp(live)]
    keep = {live, older[-1] if older else None}
    for path in versions:
        if path not in keep:
            _remove(path)
    for path in target.parent.glob(f"{prefix}*"):
        owned = _OWNED.search(path.name)
        if owned and path.name.startswith(prefix) and not _alive(int(owned[2])):
            _remove(path)


def _stamp(path: Path) -> int:
    try:
        return int(path.name.rsplit("v-", 1)[1])
    except (IndexError, ValueError):
        return 0


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this build's own leftovers (it is not building them any more)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)
