"""Files for the attachment tests: known Thai page texts, a PDF whose text is all Private
Use Area glyphs, a zip bomb, small Office files, a content folder holding them."""

from __future__ import annotations

import shutil
import struct
import zipfile
import zlib
from pathlib import Path

PAGE_1 = ("หนังสือเวียนสำนักงานคณะกรรมการพัฒนาระบบราชการ เรื่อง แนวทางการจัดทำแผนพัฒนากลุ่มจังหวัด "
          "ประจำปีงบประมาณ ๒๕๕๔ ให้ผู้ว่าราชการจังหวัดทุกจังหวัดดำเนินการตามที่กำหนด "
          "โดยให้คำนึงถึงการมีส่วนร่วมของภาคเอกชนและประชาชนในพื้นที่")  # fmt: skip
PAGE_2 = ("ยุทธศาสตร์การพัฒนาการท่องเที่ยวเชิงวัฒนธรรมและการเกษตรปลอดภัย "
          "เป้าหมายเพิ่มรายได้จากการท่องเที่ยวร้อยละสิบ น้ำใจไมตรีของชุมชนริมแม่น้ำ "
          "ผู้รับผิดชอบ สำนักงานพาณิชย์จังหวัดเชียงใหม่")  # fmt: skip
SCAN_TEXT = ("คำสั่งคณะกรรมการนโยบายการบริหารงานจังหวัด เรื่อง แต่งตั้งคณะทำงานจัดทำแผนพัฒนา "
             "กลุ่มจังหวัดภาคเหนือตอนบน สั่ง ณ วันที่ ๒ พฤศจิกายน พ.ศ. ๒๕๕๒")  # fmt: skip
PAGES = [PAGE_1, PAGE_2]

def pua_pdf(path: Path, line: str = "ABCDEFGH IJKLMNOP") -> Path:
    """A one-page PDF whose font's ToUnicode map sends every capital to the Private Use
    Area (U+E041…): text that no clean-up turns into letters."""
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
            "/CMapName /PUA def 1 begincodespacerange <00> <FF> endcodespacerange "
            "1 beginbfrange <41> <5A> <E041> endbfrange endcmap "
            "CMapName currentdict /CMap defineresource pop end end")  # fmt: skip
    content = f"BT /F1 14 Tf 72 720 Td ({line}) Tj ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        f"<< /Length {len(cmap)} >>\nstream\n{cmap}\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()  # fmt: skip
    path.write_bytes(bytes(out))
    return path


def zip_bomb(path: Path, megabytes: int = 1100, declared: int | None = None) -> Path:
    """A .docx whose word/document.xml inflates to `megabytes` MB, made in a second (one
    compressed megabyte, flushed, repeated); `declared`: a size the headers lie about."""
    chunk = b"A" * (1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    data = block * megabytes + packer.flush()
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    size = megabytes << 20 if declared is None else declared
    name = b"word/document.xml"
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size,
                        len(name), 0) + name  # fmt: skip
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc,
                          len(data), size, len(name), 0, 0, 0, 0, 0, 0) + name  # fmt: skip
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central),
                      len(local) + len(data), 0)  # fmt: skip
    path.write_bytes(local + data + central + end)
    return path


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ODF = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')  # fmt: skip


def office_file(path: Path, parts: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def docx(path: Path, paragraphs: list[str]) -> Path:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return office_file(path, {"[Content_Types].xml": "<Types/>", "word/document.xml":
                              f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'})


def xlsx(path: Path, sheets: list[list[str]]) -> Path:
    strings = [cell for sheet in sheets for cell in sheet]
    parts = {"[Content_Types].xml": "<Types/>", "xl/sharedStrings.xml":
             f'<sst xmlns="{S_NS}">' + "".join(f"<si><t>{c}</t></si>" for c in strings) + "</sst>"}
    n = 0
    for number, sheet in enumerate(sheets, 1):
        rows = []
        for _ in sheet:
            rows.append(f'<row><c t="s"><v>{n}</v></c><c><v>{1000 * number}</v></c></row>')
            n += 1
        parts[f"xl/worksheets/sheet{number}.xml"] = (
            f'<worksheet xmlns="{S_NS}"><sheetData>{"".join(rows)}</sheetData></worksheet>')
    return office_file(path, parts)


def odf(path: Path, body: str) -> Path:
    return office_file(path, {"mimetype": "application/vnd.oasis.opendocument",
                              "content.xml": f"<office:document-content {ODF}><office:body>"
                                             f"{body}</office:body></office:document-content>"})


def content_with(root: Path, files: dict[str, Path]) -> Path:
    """root/content with these files copied under attachments/ (name → source)."""
    folder = root / "content/attachments"
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in files.items():
        shutil.copy(source, folder / name)
    return root / "content"
