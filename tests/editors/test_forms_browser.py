"""The web forms for real: `kb edit` runs decap-server and the live preview; Chromium fills
in a record of each type at /admin/; the files saved pass `kb validate`, keep
`kb new`'s field order and readable Thai, their pages appear in the preview, and editing a
circular changes only the edited line of its file."""

from __future__ import annotations

import json
import re
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from kbtest import Project, free_port, start_edit, wait_for_port

from generator.content.model import TYPES
from generator.content.validate import load_corpus
from generator.editors.scaffold import field_order

CIRCULAR = """\
title: หนังสือเวียนเดิม
number: นร 0109/ว 1
date: 2553-01-19
issuer: สำนักงาน ก.พ.ร.
summary: สรุปเดิม
tags:
  - งบประมาณ
draft: false
"""
ORDER = "title: คำสั่งที่จะถูกลบ\nnumber: 1/2552\ndate: 2552\nissuer: ก.น.จ.\n"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                          text=True).stdout  # fmt: skip


@pytest.fixture
def editing(project: Project) -> Iterator[str]:
    """`kb edit` on a git repository holding content/, at http://127.0.0.1:PORT."""
    project.write("about.md", "# ความเป็นมา\n")
    project.write("circulars/c1.yml", CIRCULAR)
    git(project.root, "init", "-q")
    git(project.root, "add", "-A")
    git(project.root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "0")
    port, backend = free_port(), free_port()
    log = project.root / "kb-edit.log"
    process = start_edit(project, port, backend)
    wait_for_port(port, process, log)
    wait_for_port(backend, process, log)
    yield f"http://127.0.0.1:{port}"
    assert process.poll() is None, log.read_text(encoding="utf-8")
    process.terminate()
    process.wait(timeout=10)


class Form:
    """One record's form at /admin/ (one page for all: the CMS loads once); fields are found
    by the ids Decap gives them."""

    def __init__(self, page, url: str, type_: str, slug: str = "") -> None:
        from playwright.sync_api import expect

        self.page, self.type = page, type_
        where = f"entries/{slug}" if slug else "new"
        page.goto(f"{url}/admin/#/collections/{type_}/{where}")
        if slug:  # a fresh start: the CMS reads the entry from the file
            page.reload()
        login = page.get_by_role("button", name="เข้าสู่ระบบ")
        page.locator("input[id^='title-field-'], button:has-text('เข้าสู่ระบบ')").first.wait_for()
        if login.count():
            login.click()
        title = page.locator("input[id^='title-field-']").first
        expect(title).to_have_value(re.compile(".+" if slug else "^$"))
        second = field_order(TYPES[type_].all_fields)[1].name  # the form is this type's
        expect(page.locator(f"label[for^='{second}-field-']").first).to_be_visible()

    def scope(self, within: str | None, nth: int = 0):
        if within is None:
            return self.page
        return self.page.locator(f"[id^='{within}-field-']").nth(nth).locator("xpath=..")

    def text(self, name: str, value: str, nth: int = 0, within: str | None = None,
             within_nth: int = 0) -> None:  # fmt: skip
        box = self.scope(within, within_nth).locator(f"input[id^='{name}-field-']").nth(nth)
        box.fill(value)

    def add(self, label: str, nth: int = 0) -> None:
        self.page.get_by_role("button", name=f"เพิ่ม {label}", exact=True).nth(nth).click()

    def markdown(self, value: str, nth: int = 0) -> None:
        self.page.locator("[contenteditable=true]").nth(nth).click()
        self.page.keyboard.type(value)

    def pick(self, name: str, search: str, choice: str) -> None:
        """A pick list (choices, references): type to search, then choose."""
        self.page.locator(f"input[id^='{name}-field-']").first.fill(search)
        self.page.get_by_text(choice, exact=True).last.click()

    def choose_type(self, name: str, type_: str) -> None:
        """The type of a reference that may point to several types."""
        self.page.locator(f"select[id^='{name}-field-'][id$='-type']").first.select_option(type_)

    def upload(self, path: Path) -> None:
        self.page.get_by_role("button", name="เลือกไฟล์").click()
        self.page.locator("input[type=file]").set_input_files(str(path))
        self.page.get_by_role("button", name="เลือกข้อมูลที่ถูกเลือก").click()

    def save(self, content: Path) -> Path:
        """Publish; returns the file written (the one new or changed in the type's folder)."""
        folder = content / self.type
        before = {p: p.stat().st_mtime_ns for p in folder.rglob("*.yml")} if folder.exists() else {}
        self.page.get_by_role("button", name="เผยแพร่", exact=True).click()
        self.page.get_by_role("menuitem", name="เผยแพร่ตอนนี้").click()
        for _ in range(100):
            changed = [p for p in folder.rglob("*.yml") if before.get(p) != p.stat().st_mtime_ns]
            if changed:
                self.page.wait_for_url(re.compile(r"/entries/"))  # the CMS is done saving
                return written(changed[0])
            time.sleep(0.1)
        raise AssertionError(f"no file saved in {folder}")


def written(path: Path) -> Path:
    """The path once the backend has finished writing it (a file being rewritten is empty for
    a moment: an edit's URL is /entries/ before the save as after)."""
    for _ in range(100):
        if isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict):
            return path
        time.sleep(0.1)
    raise AssertionError(f"{path} was left empty")


def fill_and_save(page, url: str, project: Project, pdf: Path) -> dict[str, Path]:
    """Create one record of each type through the forms; returns type → file."""
    saved: dict[str, Path] = {}

    def new(type_: str, title: str) -> Form:
        form = Form(page, url, type_)
        form.text("title", title)
        return form

    form = new("circulars", "หนังสือเวียนจากแบบฟอร์ม")
    form.text("number", "นร 0109/ว 12")
    form.text("date", "2553-01-19")
    form.text("issuer", "สำนักงาน ก.พ.ร.")
    form.markdown("เนื้อความ ภาษาไทย")
    form.add("เอกสารแนบ")
    form.text("title", "หนังสือเวียนฉบับเต็ม", within="attachments")
    form.upload(pdf)
    saved["circulars"] = form.save(project.content)

    form = new("orders", "แต่งตั้งคณะทำงานจากแบบฟอร์ม")
    form.text("number", "๒/๒๕๕๓")
    form.text("date", "2553-02-01")
    form.text("issuer", "ก.น.จ.")
    form.add("องค์ประกอบ")
    form.text("name", "นายสมชาย ใจดี", within="members")
    form.text("role", "ประธาน", within="members")
    saved["orders"] = form.save(project.content)

    form = new("plans", "แผนพัฒนาจังหวัดจากแบบฟอร์ม")
    form.pick("kind", "จังหวัด", "แผนพัฒนาจังหวัด")
    form.choose_type("owner", "groups")  # a reference to several types: type, then title
    form.pick("owner", "กลุ่มจังหวัด", "กลุ่มจังหวัดทดสอบ")
    form.add("ปีงบประมาณ")
    form.text("fiscal_years", "2554", within="fiscal_years")
    for i in range(2):
        form.add("ประเด็นยุทธศาสตร์")
        form.text("title", f"ยุทธศาสตร์ที่ {i + 1}", within="strategies", nth=i)
    for i in range(2):
        form.add("ตัวชี้วัด", nth=i)
        form.text("name", f"ตัวชี้วัดที่ {i + 1}", within="kpis", within_nth=i)
        form.add("โครงการ", nth=i)
        form.text("title", f"โครงการที่ {i + 1}", within="projects", within_nth=i)
        form.text("budget", f"{(i + 1) * 1000000}", within="projects", within_nth=i)
    saved["plans"] = form.save(project.content)

    form = new("qa", "ขอรับงบประมาณได้อย่างไร")
    form.markdown("ยื่นคำขอผ่านกลุ่มจังหวัด")
    saved["qa"] = form.save(project.content)

    form = new("activities", "ประชุมเชิงปฏิบัติการจากแบบฟอร์ม")
    form.text("date", "2553-03-01")
    saved["activities"] = form.save(project.content)

    form = new("events", "สัมมนาจากแบบฟอร์ม")
    form.text("start", "2553-04-01 09:00")
    form.text("end", "2553-04-01 16:30")
    saved["events"] = form.save(project.content)

    form = new("meetings", "สรุปการประชุมจากแบบฟอร์ม")
    form.text("date", "2553-05-01")
    form.add("ประเด็น")
    form.text("title", "ประเด็นแรก", within="topics")
    saved["meetings"] = form.save(project.content)

    form = new("documents", "คู่มือจากแบบฟอร์ม")
    saved["documents"] = form.save(project.content)

    form = new("provinces", "จังหวัดจากแบบฟอร์ม")
    form.text("name_en", "Form Province")
    form.pick("group", "กลุ่ม", "กลุ่มจังหวัดทดสอบ")
    saved["provinces"] = form.save(project.content)

    form = new("groups", "กลุ่มจังหวัดจากแบบฟอร์ม")
    form.pick("provinces", "จังหวัดจาก", "จังหวัดจากแบบฟอร์ม")
    saved["groups"] = form.save(project.content)

    form = new("agencies", "สำนักงานจากแบบฟอร์ม")
    form.text("name_en", "Office from the Form")
    form.text("abbreviation", "ส.จ.บ.")
    form.text("website", "https://www.example.go.th/")
    saved["agencies"] = form.save(project.content)

    # the new province now belongs to the new group: change its group in its form
    form = Form(page, url, "provinces", saved["provinces"].stem)
    form.pick("group", "กลุ่มจังหวัดจาก", "กลุ่มจังหวัดจากแบบฟอร์ม")
    form.save(project.content)
    return saved


def keys_in_order(text: str) -> list[str]:
    return re.findall(r"^([a-z_]+):", text, re.M)


def test_every_type_through_the_forms(project: Project, editing: str, browser) -> None:
    pdf = project.root / "circular.pdf"
    pdf.write_bytes(PDF)
    started = time.monotonic()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(60_000)  # a busy machine: the first load parses 5 MB of script
    saved = fill_and_save(page, editing, project, pdf)
    assert sorted(saved) == sorted(TYPES)

    _, problems = load_corpus(project.content)
    assert [str(p) for p in problems] == []
    for type_, path in saved.items():
        text = path.read_text(encoding="utf-8")
        assert "\\u" not in text and re.search("[ก-๙]", text), text
        order = [fld.name for fld in field_order(TYPES[type_].all_fields)]
        keys = keys_in_order(text)
        assert keys == [name for name in order if name in keys], text
    plan = yaml.safe_load(saved["plans"].read_text(encoding="utf-8"))
    assert [len(s["kpis"]) + len(s["projects"]) for s in plan["strategies"]] == [2, 2]
    assert plan["owner"] == "groups/g1"
    assert plan["strategies"][1]["projects"][0] == {"title": "โครงการที่ 2", "budget": 2000000}
    circular = yaml.safe_load(saved["circulars"].read_text(encoding="utf-8"))
    assert circular["attachments"] == [
        {"title": "หนังสือเวียนฉบับเต็ม", "file": "circulars/circular.pdf"}]
    assert (project.content / "attachments/circulars/circular.pdf").read_bytes() == PDF
    group = saved["groups"].stem
    assert yaml.safe_load(saved["provinces"].read_text(encoding="utf-8"))["group"] == group

    for type_, path in saved.items():  # the preview rebuilt the pages
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{editing}/{type_}/{path.stem}/") as response:
                    assert response.status == 200
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError(f"no page for {type_}/{path.stem}")

    form = Form(page, editing, "circulars", "c1")
    form.text("summary", "สรุปที่แก้ไขในแบบฟอร์ม")
    form.save(project.content)
    diff = git(project.root, "diff", "-U0", "--", "content/circulars/c1.yml")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in
               ("+++", "---")]  # fmt: skip
    assert changed == ["-summary: สรุปเดิม", "+summary: สรุปที่แก้ไขในแบบฟอร์ม"]
    assert time.monotonic() - started < 180


def problems_of(url: str, rel: str) -> list[dict]:
    query = urllib.parse.urlencode({"path": rel})
    with urllib.request.urlopen(f"{url}/__kb/problems?{query}") as response:
        return json.loads(response.read())["problems"]


def errors_of(url: str, rel: str) -> list[dict]:
    return [p for p in problems_of(url, rel) if p["severity"] == "error"]


def wait_until(check, what: str, seconds: float = 60, log: Path | None = None):  # noqa: ANN001, ANN201
    """check()'s first true answer within `seconds`; on failure, says what and kb's log."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            found = check()
        except OSError:  # not served yet
            found = None
        if found:
            return found
        time.sleep(0.2)
    told = log.read_text(encoding="utf-8")[-3000:] if log else ""
    raise AssertionError(f"not seen within {seconds} s: {what}\n{told}")


def test_kb_message_beside_the_field_of_a_reference_to_a_deleted_record(
        project: Project, editing: str, browser) -> None:  # fmt: skip
    from playwright.sync_api import expect

    orders = [project.write(f"orders/o{n}.yml", ORDER.replace("1/", f"{n}/")) for n in (1, 2)]
    project.write("circulars/c1.yml", CIRCULAR.replace(
        "draft:", "related:\n  - orders/o1\n  - orders/o2\ndraft:"))  # fmt: skip
    wait_until(lambda: urllib.request.urlopen(f"{editing}/orders/o2/").status == 200, "o2",
               log=project.root / "kb-edit.log")
    assert errors_of(editing, "content/circulars/c1.yml") == []
    for order in orders:  # the circular now names two deleted records
        order.unlink()
    shown = wait_until(lambda: errors_of(editing, "content/circulars/c1.yml"), "a problem")
    _, problems = load_corpus(project.content)
    expected = [p for p in problems if p.path.name == "c1.yml" and p.severity == "error"]
    assert [p.field for p in expected] == ["related[1]", "related[2]"]
    assert [(s["field"], s["th"], s["en"]) for s in shown] == [
        (p.field, p.format("th"), p.format("en")) for p in expected]

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(60_000)
    Form(page, editing, "circulars", "c1")
    first = page.locator("label[for^='related-field-'] + .kb-problem")
    expect(first).to_have_attribute("data-kb-field", "related[1]")
    boxes = [first, first.locator("xpath=following-sibling::*[1]")]
    time.sleep(2)  # a poll later: the boxes stay as they are (no flicker, no loop)
    for box, problem in zip(boxes, expected, strict=True):
        assert box.get_attribute("data-kb-field") == problem.field
        assert box.locator("p").all_inner_texts() == [problem.format("th"), problem.format("en")]
    assert page.locator(".kb-problem-error").count() == 2  # only beside the field they name
    page.close()


def test_a_record_in_a_sub_folder_is_listed_and_edited(project: Project, editing: str,
                                                       browser) -> None:  # fmt: skip
    from playwright.sync_api import expect

    nested = project.write("circulars/2567/x.yml", CIRCULAR.replace("เดิม", "ในโฟลเดอร์ย่อย"))
    project.write("orders/2552/o2.yml", ORDER)  # a pick list stores the id, not the folder
    wait_until(lambda: urllib.request.urlopen(f"{editing}/orders/o2/").status == 200, "o2",
               log=project.root / "kb-edit.log")
    before = nested.read_text(encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(60_000)
    Form(page, editing, "circulars", "c1")  # signed in
    page.goto(f"{editing}/admin/#/collections/circulars/filter/2567")
    page.get_by_role("link", name="หนังสือเวียนในโฟลเดอร์ย่อย").click()
    page.wait_for_url(re.compile(r"/entries/2567/x$"))
    form = Form(page, editing, "circulars", "2567/x")
    expect(page.locator("input[id^='summary-field-']")).to_have_value("สรุปในโฟลเดอร์ย่อย")
    form.text("summary", "สรุปที่แก้ไขในโฟลเดอร์ย่อย")
    form.add("เรื่องที่เกี่ยวข้อง")
    form.choose_type("related", "orders")
    form.pick("related", "คำสั่งที่จะ", "คำสั่งที่จะถูกลบ")
    assert form.save(project.content) == nested
    assert sorted(p.relative_to(project.content / "circulars").as_posix() for p in
                  (project.content / "circulars").rglob("*.yml")) == ["2567/x.yml", "c1.yml"]
    after = yaml.safe_load(nested.read_text(encoding="utf-8"))
    assert after == {**yaml.safe_load(before), "summary": "สรุปที่แก้ไขในโฟลเดอร์ย่อย",
                     "related": ["orders/o2"]}  # fmt: skip
    assert [str(p) for p in load_corpus(project.content)[1]] == []
    page.close()
