"""Shared fixtures of the search tests: a small Thai test corpus, its index, a server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.content.corpus import Corpus
from generator.content.validate import load_corpus
from generator.search import index as index_module
from generator.search.index import build_index
from generator.search.query import SearchIndex, make_request, search

REPO = Path(__file__).resolve().parents[2]

# File name (under content/) → YAML. Written to test the cases of issue 3 §1 and §6.
TEST_CONTENT = {
    "groups/north-upper-1.yml": """
title: กลุ่มจังหวัดภาคเหนือตอนบน 1
provinces: [chiang-mai, lamphun]
center: chiang-mai
""",
    "groups/south-gulf.yml": """
title: กลุ่มจังหวัดภาคใต้ฝั่งอ่าวไทย
provinces: [surat-thani, chumphon]
""",
    "provinces/chiang-mai.yml": "title: เชียงใหม่\nname_en: Chiang Mai\ngroup: north-upper-1\n",
    "provinces/lamphun.yml": "title: ลำพูน\nname_en: Lamphun\ngroup: north-upper-1\n",
    "provinces/surat-thani.yml": "title: สุราษฎร์ธานี\nname_en: Surat Thani\ngroup: south-gulf\n",
    "provinces/chumphon.yml": "title: ชุมพร\nname_en: Chumphon\ngroup: south-gulf\n",
    "orders/kor-nor-jor-1-2552.yml": """
title: แต่งตั้งคณะอนุกรรมการด้านแผนและด้านงบประมาณ (คณะที่ ๑)
number: "๑/๒๕๕๒"
date: 2552-11-02
issuer: คณะกรรมการนโยบายการบริหารงานจังหวัดและกลุ่มจังหวัดแบบบูรณาการ (ก.น.จ.)
summary: คำสั่ง ก.น.จ. ที่ ๑/๒๕๕๒ แต่งตั้งคณะอนุกรรมการพิจารณาแผนพัฒนากลุ่มจังหวัด
members:
  - {name: นายสมชาย รักษ์ถิ่น, position: รองนายกรัฐมนตรี, role: ประธานอนุกรรมการ}
  - {name: นางสาวมาลี ศรีสุข, position: เลขาธิการ ก.พ.ร., role: อนุกรรมการและเลขานุการ}
tags: [คณะอนุกรรมการ]
""",
    "orders/kor-nor-jor-2-2553.yml": """
title: แต่งตั้งคณะทำงานติดตามผลการดำเนินงานของผู้ว่าราชการจังหวัด
number: 2/2553
date: 2553-03
issuer: คณะกรรมการนโยบายการบริหารงานจังหวัดและกลุ่มจังหวัดแบบบูรณาการ (ก.น.จ.)
summary: คณะทำงานติดตามการบริหารราชการของผู้ว่าราชการจังหวัดแบบบูรณาการ
supersedes: kor-nor-jor-1-2552
""",
    "circulars/opdc-w12-2553.yml": """
title: แนวทางการจัดทำแผนปฏิบัติราชการประจำปีของกลุ่มจังหวัด
number: นร 0109/ว 12
date: 2553-01-19
issuer: สำนักงาน ก.พ.ร.
to: ผู้ว่าราชการจังหวัดทุกจังหวัด
summary: ขอให้กลุ่มจังหวัดจัดทำแผนปฏิบัติราชการประจำปีให้แล้วเสร็จภายในเวลาประมาณสามเดือน
body: |
  ## ขั้นตอน

  1. วิเคราะห์ศักยภาพของพื้นที่
  2. จัดลำดับความสำคัญของโครงการ ดูรายละเอียดที่ [เว็บไซต์ ก.พ.ร.](https://www.opdc.go.th/)
tags: [แผนปฏิบัติราชการ, ก.พ.ร.]
""",
    "circulars/budget-calendar-2554.yml": """
title: ปฏิทินการจัดทำคำของบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2554
number: นร 0505/ว 44
date: 2552-12-15
issuer: สำนักงบประมาณ
summary: กำหนดเวลาเสนอคำของบประมาณของจังหวัดและกลุ่มจังหวัดต่อสำนักงบประมาณ
tags: [งบประมาณ]
""",
    "circulars/secret-draft.yml": """
title: ร่างหนังสือเวียนเรื่องมะม่วงหิมพานต์
number: ร่าง 1
date: 2553
issuer: สำนักงาน ก.พ.ร.
summary: ฉบับร่างที่ยังไม่เผยแพร่ เรื่องมะม่วงหิมพานต์
draft: true
""",
    "plans/chiang-mai-2555.yml": """
title: แผนพัฒนาจังหวัดเชียงใหม่ พ.ศ. 2555–2558
kind: province-development
owner: provinces/chiang-mai
fiscal_years: [2555, 2556, 2557, 2558]
vision: นครแห่งชีวิตและความมั่งคั่ง
strategies:
  - title: ส่งเสริมการท่องเที่ยวเชิงวัฒนธรรมล้านนา
    goals: [รายได้จากการท่องเที่ยวเพิ่มขึ้น]
    kpis:
      - {name: อัตราการเข้าพักของโรงแรม, target: "80", unit: ร้อยละ}
    projects:
      - title: โครงการพัฒนาแหล่งท่องเที่ยวดอยสุเทพ
        budget: 1250000
        agency: สำนักงานการท่องเที่ยวและกีฬาจังหวัด
""",
    "plans/south-gulf-2554.yml": """
title: แผนพัฒนากลุ่มจังหวัดภาคใต้ฝั่งอ่าวไทย พ.ศ. 2554
kind: cluster-development
owner: groups/south-gulf
fiscal_years: [2554]
strategies:
  - title: เพิ่มมูลค่ายางพาราและปาล์มน้ำมัน
    kpis:
      - {name: มูลค่าการส่งออกยางพารา, target: "5", unit: ร้อยละ}
""",
    "plans/surat-thani-2555.yml": """
title: แผนปฏิบัติราชการประจำปีจังหวัดสุราษฎร์ธานี
kind: annual-action
owner: provinces/surat-thani
fiscal_years: [2555]
summary: โครงการพัฒนาการประมงชายฝั่งและเกาะสมุย
""",
    "qa/cluster-budget.yml": """
title: กลุ่มจังหวัดขอรับงบประมาณจากกระทรวงได้หรือไม่
answer: |
  ได้ โดยเสนอ **คำขอ** ผ่านส่วนราชการเจ้าของงบประมาณ
category: งบประมาณ
date: 2553-01-19
""",
    "qa/governor-role.yml": """
title: ผู้ว่าราชการจังหวัดแบบบูรณาการ (CEO) มีบทบาทอย่างไร
answer: ผู้ว่าราชการจังหวัดเป็นผู้บริหารสูงสุดของจังหวัด เรียกว่า ผู้ว่าฯ CEO
category: บทบาท
""",
    "meetings/2553-01-19-workshop.yml": """
title: สรุปประเด็นการประชุมหารือเรื่องยุทธศาสตร์กลุ่มจังหวัด
date: 2553-01-19
venue: โรงแรมมิราเคิล แกรนด์ คอนเวนชั่น กรุงเทพมหานคร
presenter: ทัศนีย์ ดุสิตสุทธิรัตน์ รองเลขาธิการ ก.พ.ร.
topics:
  - title: กลไกการประสานระหว่างกระทรวงและกลุ่มจังหวัด
    points: [ควรกำหนด Joint KPI ร่วมกัน, ใช้ฐานข้อมูลเดียวกัน เช่น Land bridge]
""",
    "documents/integration-manual.yml": """
title: คู่มือการบริหารงานจังหวัดแบบบูรณาการ
kind: manual
author: สำนักงาน ก.พ.ร.
date: 2552
summary: คู่มือสำหรับผู้ปฏิบัติงานในสำนักงานจังหวัด
""",
    "activities/pm-meeting.yml": """
title: นายกรัฐมนตรีเป็นประธานการประชุม ก.น.จ. ครั้งที่ 1/2553
date: 2553-02-10
location: ทำเนียบรัฐบาล
summary: ที่ประชุมเห็นชอบกรอบนโยบายการจัดทำแผนพัฒนาจังหวัด
related: [provinces/lamphun]
""",
    "events/2553-01-19-workshop.yml": """
title: สัมมนาเชิงปฏิบัติการ Integrated Provincial Administration
start: 2553-01-19 09:00
end: 2553-01-19 16:00
location: กรุงเทพมหานคร
""",
}


def write_content(folder: Path, files: dict[str, str] = TEST_CONTENT) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip(), "utf-8")
    return folder


def load(content: Path) -> Corpus:
    corpus, problems = load_corpus(content)
    assert not problems, [p.format() for p in problems]
    return corpus


@pytest.fixture(scope="session")
def test_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_content(tmp_path_factory.mktemp("content"))


@pytest.fixture(scope="session")
def test_corpus(test_content: Path) -> Corpus:
    return load(test_content)


@pytest.fixture(scope="session")
def test_index(test_corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Written by two processes, as a large index is (two segments)."""
    folder = tmp_path_factory.mktemp("kb") / "index"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_module, "PARALLEL_MIN", 2)
        patch.setattr(index_module, "can_fork", lambda: True)  # (server threads of other tests)
        build_index(test_corpus, folder)
    return folder


@pytest.fixture(scope="session")
def opened(test_index: Path) -> SearchIndex:
    return SearchIndex(test_index)


@pytest.fixture(scope="session")
def real_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("real") / "index"
    build_index(load(REPO / "content"), folder)
    return folder


def hit_keys(idx: SearchIndex, query: str, **filters: str) -> list[str]:
    """`type/id` of the hits of a query, best first."""
    answer = search(idx, make_request(query, filters, limit=50))
    return [f"{h['type']}/{h['id']}" for h in answer["hits"]]


@pytest.fixture(scope="session")
def keys():
    return hit_keys


class RunningServer:
    """A waitress server on 127.0.0.1 on a free port, in a thread."""

    def __init__(self, app) -> None:
        from generator.serving.server import make_server

        self.server = make_server(app, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self.server.effective_port}"
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> RunningServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.close()
        self.thread.join(timeout=5)


@pytest.fixture
def running() -> Iterator[type[RunningServer]]:
    yield RunningServer
