"""Test PDFs with known Thai text: printed by Chromium in the site's Sarabun font, and a
rasterised copy of one page for OCR (pdftoppm, then Pillow)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from kbtest import REPO, chromium

FONT = REPO / "theme/assets/fonts/sarabun-thai-400-normal.woff2"
LATIN = REPO / "theme/assets/fonts/sarabun-latin-400-normal.woff2"

PAGE_1 = ("หนังสือเวียนสำนักงานคณะกรรมการพัฒนาระบบราชการ เรื่อง แนวทางการจัดทำแผนพัฒนากลุ่มจังหวัด "
          "ประจำปีงบประมาณ ๒๕๕๔ ให้ผู้ว่าราชการจังหวัดทุกจังหวัดดำเนินการตามที่กำหนด "
          "โดยให้คำนึงถึงการมีส่วนร่วมของภาคเอกชนและประชาชนในพื้นที่")  # fmt: skip
PAGE_2 = ("ยุทธศาสตร์การพัฒนาการท่องเที่ยวเชิงวัฒนธรรมและการเกษตรปลอดภัย "
          "เป้าหมายเพิ่มรายได้จากการท่องเที่ยวร้อยละสิบ น้ำใจไมตรีของชุมชนริมแม่น้ำ "
          "ผู้รับผิดชอบ สำนักงานพาณิชย์จังหวัดเชียงใหม่")  # fmt: skip
SCAN_TEXT = ("คำสั่งคณะกรรมการนโยบายการบริหารงานจังหวัด เรื่อง แต่งตั้งคณะทำงานจัดทำแผนพัฒนา "
             "กลุ่มจังหวัดภาคเหนือตอนบน สั่ง ณ วันที่ ๒ พฤศจิกายน พ.ศ. ๒๕๕๒")  # fmt: skip
PAGES = [PAGE_1, PAGE_2]

HTML = """<!doctype html><html lang="th"><head><meta charset="utf-8"><style>
@font-face {{ font-family: Sarabun; src: url("{font}") format("woff2"); }}
@font-face {{ font-family: Sarabun; src: url("{latin}") format("woff2");
  unicode-range: U+0000-00FF; }}
body {{ font-family: Sarabun; font-size: {size}pt; line-height: 1.6; margin: 0; }}
section {{ page-break-after: always; }}
</style></head><body>{body}</body></html>"""


def thai_html(pages: list[str], size: int = 16) -> str:
    """Thai pages in Sarabun, one <section> a page (an empty string: a blank page)."""
    body = "".join(f"<section><p>{text}</p></section>" if text else
                   '<section style="height: 10mm"></section>' for text in pages)  # fmt: skip
    return HTML.format(font=FONT.as_uri(), latin=LATIN.as_uri(), size=size, body=body)


def print_pdf(browser, html: str, out: Path) -> Path:
    """Chromium print-to-PDF of an HTML string, A4."""
    page = browser.new_page()
    try:
        source = out.with_suffix(".html")
        source.write_text(html, "utf-8")
        page.goto(source.as_uri())
        page.evaluate("document.fonts.ready")
        page.pdf(path=str(out), format="A4", margin={"top": "20mm", "bottom": "20mm",
                                                       "left": "20mm", "right": "20mm"})
        source.unlink()
    finally:
        page.close()
    return out


def rasterise(pdf: Path, page: int, out: Path, dpi: int = 150) -> Path:
    """An image-only PDF of one page of `pdf` (a scan, grey, at `dpi`)."""
    from PIL import Image

    root = out.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(page), "-l",
                    str(page), "-singlefile", str(pdf), str(root)], check=True)  # fmt: skip
    png = root.with_suffix(".png")
    with Image.open(png) as image:
        image.convert("L").save(out, "PDF", resolution=dpi)
    png.unlink()
    return out


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """text.pdf (2 Thai pages and a blank third), scan.pdf (one scanned page)."""
    folder = tmp_path_factory.mktemp("pdfs")
    with chromium() as browser:
        text = print_pdf(browser, thai_html([*PAGES, ""]), folder / "text.pdf")
        source = print_pdf(browser, thai_html([SCAN_TEXT], size=18), folder / "order.pdf")
    scan = rasterise(source, 1, folder / "scan.pdf")
    return {"text": text, "scan": scan, "order": source}
