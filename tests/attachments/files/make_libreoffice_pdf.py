"""Remake libreoffice.pdf: the tests' Thai pages written as a .docx by attachtest.docx in
Laksaman (TLWG's Sarabun), converted to PDF by LibreOffice. The PDF is committed, so
LibreOffice is needed only to remake it:

    apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-thai-tlwg
    .venv/bin/python tests/attachments/files/make_libreoffice_pdf.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from attachtest import LIBREOFFICE_PAGES, docx  # noqa: E402

FONT = "Laksaman"


def main() -> None:
    found = subprocess.run(["fc-list", f"{FONT}:lang=th", "family"], capture_output=True,
                           text=True, check=True).stdout  # fmt: skip
    if FONT not in found:
        raise SystemExit(f"the font {FONT} is not installed (apt-get install fonts-thai-tlwg)")
    with tempfile.TemporaryDirectory() as temp:
        source = docx(Path(temp) / "libreoffice.docx", LIBREOFFICE_PAGES, font=FONT)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{temp}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", temp, str(source)],
                       check=True, capture_output=True, timeout=120)  # fmt: skip
        shutil.copy(Path(temp) / "libreoffice.pdf", HERE / "libreoffice.pdf")
    print(f"{HERE / 'libreoffice.pdf'}: {(HERE / 'libreoffice.pdf').stat().st_size} bytes")


if __name__ == "__main__":
    main()
