"""Exported files kept on disk while the build runs, not in memory.

The open data of every record (records.json, each type's JSON and CSV) is about three times
the size of the content; holding it as bytes until the site is written made the build's
memory grow by about 17 KB a record. A Spool is a mapping of site path → bytes whose values
live in files of a folder of its own, read back only when asked for.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from collections.abc import Iterator, Mapping, MutableMapping
from pathlib import Path


class Spool(MutableMapping[str, bytes]):
    """Site path → bytes, each value a file in `folder` (a new temporary folder if None,
    removed with the Spool)."""

    def __init__(self, folder: Path | None = None) -> None:
        if folder is None:
            folder = Path(tempfile.mkdtemp(prefix="kb-exports-"))
            weakref.finalize(self, shutil.rmtree, folder, True)
        self.folder = Path(folder)
        self._files: dict[str, tuple[Path, int]] = {}
        self._made = 0

    def __setitem__(self, path: str, data: bytes) -> None:
        known = self._files.get(path)
        if known:
            file = known[0]
        else:
            file, self._made = self.folder / f"{self._made}.bin", self._made + 1
        file.write_bytes(data)
        self._files[path] = (file, len(data))

    def append(self, path: str, data: bytes) -> None:
        """Add bytes to the end of a path's file (a new file if there is none)."""
        if path not in self._files:
            self[path] = data
            return
        file, size = self._files[path]
        with file.open("ab") as out:
            out.write(data)
        self._files[path] = (file, size + len(data))

    def __getitem__(self, path: str) -> bytes:
        return self._files[path][0].read_bytes()

    def __delitem__(self, path: str) -> None:
        self._files.pop(path)[0].unlink(missing_ok=True)

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)

    def file(self, path: str) -> Path:
        """The file holding the bytes of a site path."""
        return self._files[path][0]

    def size(self, path: str) -> int:
        """The number of bytes of a site path (0 if there is none)."""
        return self._files[path][1] if path in self._files else 0


def byte_size(files: Mapping[str, bytes], path: str) -> int:
    """The size of one exported file, without reading it when it is spooled."""
    return files.size(path) if isinstance(files, Spool) else len(files.get(path, b""))
