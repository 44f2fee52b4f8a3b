"""Write a synthetic but realistic kb content/ folder, for benchmarks.

    python bench/make_corpus.py OUT_DIR --n N [--seed 1] [--groups FILE]
                                [--projects-per-plan P]

OUT_DIR gets index.md, about.md, the real 18 groups and 75 provinces (from
provincial-groups.yml) and N synthetic records spread over the other types. The Thai text
recombines the sentences and vocabulary of the committee's 2010 presentation, so it
segments, indexes and renders like the real content. The same N and seed give the same
files. OUT_DIR is deleted first only if it holds the marker file this script writes.
Each strategy of a plan has 1–4 projects, or with --projects-per-plan P each plan has P,
spread over its strategies (P=50 puts about 50,000 projects in N=10,000 records).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import random
import re
import shutil
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

MARKER = ".kb-bench-corpus"
REPO = Path(__file__).resolve().parent.parent
DEFAULT_GROUPS = REPO.parent / "shared" / "data" / "provincial-groups.yml"
FIRST_YEAR, LAST_YEAR = 2550, 2569
SHARES = {
    "circulars": 0.30,
    "orders": 0.15,
    "plans": 0.10,
    "qa": 0.10,
    "activities": 0.10,
    "events": 0.05,
    "meetings": 0.10,
    "documents": 0.10,
}
RELATED_SHARE, DRAFT_SHARE, SUPERSEDES_SHARE = 0.20, 0.02, 0.10
AFTER_DIGIT = re.compile(r"([0-9])(?=[\u0e01-\u0e4f])")
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def _items(block: str) -> list[str]:
    """Items separated by blank lines; the lines of one item are joined with a space."""
    return [" ".join(p.split("\n")).strip() for p in block.strip().split("\n\n")]


def _lines(block: str) -> list[str]:
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


# --- Thai text material, from the seed document ------------------------------------------

SENTENCES = _items("""
การบริหารงานจังหวัดและกลุ่มจังหวัดแบบบูรณาการเป็นการบริหารโดยยึดพื้นที่เป็นหลัก
เพื่อกระจายการพัฒนาและลดความเหลื่อมล้ำของการเจริญเติบโตระหว่างพื้นที่ในประเทศ

การบริหารงานแบบบูรณาการแบ่งพื้นที่เป็น 18 กลุ่มจังหวัดและ 75 จังหวัด

นโยบายของรัฐบาลควรชัดเจนและมีการผลักดันอย่างจริงจัง เช่น Land bridge และ Corridor

ยุทธศาสตร์ของกระทรวงและ{group}ควรจะต้องมีความสอดคล้องตรงกัน
รวมทั้งควรให้ความสำคัญกับศักยภาพของกลุ่มจังหวัดและจังหวัดด้วย

กรณีที่มีความเห็นไม่สอดคล้องกัน ควรจัดให้มีกลไกในการหารือร่วมกัน
ระหว่างส่วนราชการที่เกี่ยวข้องกับจังหวัด กลุ่มจังหวัด และภาคเอกชน

กระทรวงควรมีการกำหนดทิศทางในภาพรวมเพื่อประกอบในการจัดทำแผนพัฒนากลุ่มจังหวัดและจังหวัด

กระทรวงและจังหวัดใช้ฐานข้อมูลเดียวกัน
โดยจังหวัด{province}ได้นำข้อมูลของกระทรวง กรมมาประกอบการวิเคราะห์
แต่มุมมองและการวิเคราะห์ปัญหาอาจแตกต่างกัน

กระทรวงจะเน้นบทบาทในเรื่องของการกำหนดกรอบ นโยบาย ทิศทาง
และยุทธศาสตร์การพัฒนาที่สำคัญของประเทศ การกำหนดหลักเกณฑ์และมาตรฐาน และการวิจัยและพัฒนา

{group}เน้นการพัฒนาในภาพรวมของกลุ่มจังหวัด

จังหวัดเป็นการแปลงนโยบายไปสู่การปฏิบัติในระดับพื้นที่
บูรณาการ เชื่อมโยงการบริหารราชการส่วนกลาง ภูมิภาคและส่วนท้องถิ่น โดยคำนึงถึงการมีส่วนร่วม

ผู้แทนหน่วยงานกลางในระดับพื้นที่ควรเป็นพี่เลี้ยงให้จังหวัดและกลุ่มจังหวัด
โดยเฉพาะในเรื่องข้อมูล

ควรพัฒนากลไกของส่วนราชการ กลุ่มจังหวัด และจังหวัดที่มีอยู่เดิมให้เกิดประสิทธิภาพ

ควรให้มีการกำหนดให้กระทรวงมีเจ้าภาพที่รับผิดชอบในการบูรณาการ
และประสานยุทธศาสตร์กับ{group}

ผู้แทนกระทรวง กรมในส่วนภูมิภาคเป็นกลไกในการถ่ายทอดทิศทางของกระทรวงสู่กลุ่มจังหวัด
รวมทั้งเป็นผู้นำข้อมูลของกลุ่มจังหวัดสะท้อนกลับไปยังกระทรวง กรม

ควรมีการให้ความรู้ในเรื่องการจัดทำแผนพัฒนากลุ่มจังหวัดและจังหวัด
แก่ผู้รับผิดชอบในระดับพื้นที่ รวมทั้งวิธีการเขียนโครงการ

ควรมีการกำหนดปฏิทินการจัดทำงบประมาณประจำปี พ.ศ. {fy} ให้ชัดเจน

ควรให้{group}จัดส่งแผนงานโครงการให้กระทรวงทราบล่วงหน้า
เพื่อจะได้นำคำขอไปพิจารณาให้สอดคล้องกับแผนของกระทรวง กรม

เพิ่มช่องทางอิเล็กทรอนิกส์ (เว็บไซต์ ก.น.จ.) เผยแพร่ข้อมูลเกี่ยวกับแผนพัฒนากลุ่มจังหวัด
ให้ส่วนราชการนำไปใช้ประโยชน์

ควรสร้างกลไกในการประสานเชื่อมโยงข้อมูลระหว่างส่วนกลางกับจังหวัดและกลุ่มจังหวัด

ใช้เวทีการประชุมเชิงปฏิบัติการในการบูรณาการแผนระหว่าง{group}กับกรม
รวมทั้งกำหนด Joint KPI

ให้จังหวัด{province}เสนอคำขอรับงบประมาณไปยังส่วนราชการโดยตรง
โดยควรต้องมีการจัดลำดับความสำคัญด้วย

ควรต้องมีการแจ้งมติ ก.น.จ. ที่เห็นชอบเกี่ยวกับแผนพัฒนาและแผนปฏิบัติราชการประจำปี
ให้กระทรวง ทบวง กรมทราบ

ผู้ตรวจราชการสำนักนายกรัฐมนตรีและผู้ตรวจราชการกระทรวงมหาดไทย
เป็นผู้ให้คำแนะนำจังหวัดในการจัดทำแผนให้สอดคล้องกับหลักเกณฑ์ที่กำหนด

ควรมีกระบวนการในการจัดทำงบประมาณร่วมกันระหว่างกรมกับ{group}

ส่วนราชการจะพิจารณาสนับสนุนโดยพิจารณาจากความสอดคล้องกับยุทธศาสตร์
ความจำเป็นและความต้องการของพื้นที่ และตามลำดับความสำคัญ

ระบบงบประมาณของส่วนราชการในปัจจุบันที่กำหนดตามผลผลิต
อาจไม่เอื้อต่อการขอรับงบประมาณของกลุ่มจังหวัดที่ขอเป็นรายโครงการ

ควรมีการสร้างช่องทางให้กระทรวง กรม สามารถจัดสรรงบประมาณจำนวนหนึ่ง (เช่น {pct}%)
สำหรับสนับสนุนการดำเนินโครงการของกลุ่มจังหวัด

การจัดทำแผนควรจะต้องมีการกำหนดรายละเอียดและผู้รับผิดชอบให้ชัดเจน
เพื่อมิให้คำขอรับงบประมาณซ้ำซ้อนกัน

ควรมีกรอบหรือแนวทางให้จังหวัดและกลุ่มจังหวัดทราบว่าโครงการใดควรอยู่ในความรับผิดชอบของกรม
เพื่อจะได้ไม่ขอรับงบประมาณซ้ำกับกรม

จังหวัด{province}ควรวิเคราะห์ข้อมูลและจัดลำดับความสำคัญของปัญหา
เลือกปัญหาที่รุนแรงมาจัดทำโครงการเพื่อขอรับงบประมาณ และแนบข้อวิเคราะห์มาด้วย

ในปีงบประมาณ พ.ศ. {fy} {ministry}ได้สำรองงบประมาณให้สอดคล้องกับความต้องการของพื้นที่
โดยตั้งไว้เพื่อจังหวัดและกลุ่มจังหวัดร้อยละ {pct}

ยุทธศาสตร์ของ{group}ต้องมีความสอดคล้องกับแนวทางการพัฒนาเศรษฐกิจและสังคมในระดับชาติ
และความต้องการของประชาชนในท้องถิ่น

โครงการเสริมสร้างขีดสมรรถนะสำนักบริหารยุทธศาสตร์กลุ่มจังหวัด
มีวัตถุประสงค์เพื่อสร้างรูปแบบการพัฒนาขีดสมรรถนะของสำนักบริหารยุทธศาสตร์กลุ่มจังหวัด

งบประมาณของกระทรวง กรมควรต้องสนับสนุนการแก้ไขปัญหาของจังหวัด{province}
และ{group}

ก.น.จ. ได้พิจารณาแผนและงบประมาณบริหารงานจังหวัดและกลุ่มจังหวัดแบบบูรณาการ
ประจำปีงบประมาณ พ.ศ. {fy} จำนวน {n} โครงการ
""")

HEADINGS = _lines("""
ความเป็นมา
สาระสำคัญ
แนวทางการดำเนินงาน
ข้อเสนอแนะ
บทบาทของกระทรวง กรม และกลุ่มจังหวัด
กลไกการขับเคลื่อนยุทธศาสตร์ของ{group}
การจัดทำงบประมาณประจำปี พ.ศ. {fy}
""")

BULLET_LEADS = _lines("""
ประเด็นสำคัญ ได้แก่
สรุปแนวทางได้ดังนี้
ที่ประชุมมีข้อเสนอแนะ ดังนี้
ให้ดำเนินการตามขั้นตอนต่อไปนี้
""")

TAGS = _lines("""
ยุทธศาสตร์
กลุ่มจังหวัด
จังหวัด
งบประมาณ
บูรณาการ
แผนพัฒนาจังหวัด
แผนพัฒนากลุ่มจังหวัด
แผนปฏิบัติราชการประจำปี
ก.น.จ.
ก.พ.ร.
ตัวชี้วัด
Joint KPI
การติดตามประเมินผล
การท่องเที่ยว
เกษตรและอาหาร
โลจิสติกส์
การค้าชายแดน
คุณภาพชีวิต
สิ่งแวดล้อม
การบริหารจัดการน้ำ
การมีส่วนร่วม
ภาคเอกชน
ฐานข้อมูล
เว็บไซต์ ก.น.จ.
ขีดสมรรถนะ
คณะอนุกรรมการ
ผู้ตรวจราชการ
ส่วนราชการ
ส่วนท้องถิ่น
ความเหลื่อมล้ำ
การประชุมเชิงปฏิบัติการ
""")

# (issuer, prefix of its letters' numbers); prefixes are distinct, so numbers are unique.
ISSUERS = [
    ("สำนักงาน ก.พ.ร.", "นร 1200"),
    ("กระทรวงมหาดไทย", "มท 0200"),
    ("สำนักงบประมาณ", "นร 0700"),
    ("สำนักงานสภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติ", "นร 1100"),
    ("สำนักนายกรัฐมนตรี", "นร 0100"),
    ("สำนักเลขาธิการคณะรัฐมนตรี", "นร 0500"),
    ("กรมบัญชีกลาง", "กค 0400"),
    ("กรมการปกครอง", "มท 0300"),
    ("กระทรวงพาณิชย์", "พณ 0200"),
    ("กระทรวงเกษตรและสหกรณ์", "กษ 0200"),
    ("กรมส่งเสริมการปกครองท้องถิ่น", "มท 0800"),
    ("คณะกรรมการนโยบายการบริหารงานจังหวัดและกลุ่มจังหวัดแบบบูรณาการ (ก.น.จ.)", "นร 0109"),
]
KNJ = ISSUERS[-1][0]

MINISTRIES = _lines("""
กระทรวงพาณิชย์
กระทรวงเกษตรและสหกรณ์
กระทรวงมหาดไทย
กระทรวงการท่องเที่ยวและกีฬา
กระทรวงอุตสาหกรรม
กระทรวงคมนาคม
กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม
""")

AUDIENCES = _lines("""
ผู้ว่าราชการจังหวัดทุกจังหวัด
ผู้ว่าราชการจังหวัด{province}
หัวหน้าสำนักบริหารยุทธศาสตร์กลุ่มจังหวัดทั้ง 18 กลุ่มจังหวัด
ปลัดกระทรวงทุกกระทรวง
อธิบดีทุกกรม
ผู้ตรวจราชการสำนักนายกรัฐมนตรีทุกเขต
จังหวัดและกลุ่มจังหวัดทุกแห่ง
""")

CIRCULAR_TITLES = _lines("""
แนวทางการจัดทำแผนพัฒนากลุ่มจังหวัด พ.ศ. {fy}–{fy_end}
การจัดทำคำขอรับงบประมาณของจังหวัดและกลุ่มจังหวัดประจำปีงบประมาณ พ.ศ. {fy}
ปฏิทินการจัดทำงบประมาณจังหวัดและกลุ่มจังหวัด ประจำปีงบประมาณ พ.ศ. {fy}
การแจ้งมติ ก.น.จ. เกี่ยวกับแผนปฏิบัติราชการประจำปีของ{group}
หลักเกณฑ์การประเมินผลการปฏิบัติราชการของจังหวัด ประจำปีงบประมาณ พ.ศ. {fy}
การประชุมเชิงปฏิบัติการบูรณาการแผนระหว่างกลุ่มจังหวัดกับกรม
การเสนอโครงการของ{group}เพื่อขอรับการสนับสนุนจากกระทรวง
การเผยแพร่ข้อมูลแผนพัฒนากลุ่มจังหวัดผ่านเว็บไซต์ ก.น.จ.
การกำหนดเจ้าภาพประสานยุทธศาสตร์ระดับกลุ่มจังหวัด
การรายงานผลการดำเนินงานตามแผนพัฒนาจังหวัด{province} ปีงบประมาณ พ.ศ. {fy}
การกำหนดตัวชี้วัดร่วม (Joint KPI) ระหว่างกรมกับกลุ่มจังหวัด
การจัดสรรงบประมาณร้อยละ {pct} เพื่อสนับสนุนโครงการของกลุ่มจังหวัด
""")

CIRCULAR_OPENERS = _lines("""
ด้วย ก.น.จ. ได้มีมติเห็นชอบแนวทางการบริหารงานจังหวัดและกลุ่มจังหวัดแบบบูรณาการ
ด้วยคณะรัฐมนตรีได้มีมติให้ส่วนราชการสนับสนุนยุทธศาสตร์ของกลุ่มจังหวัดและจังหวัด
ตามที่ได้แจ้งปฏิทินการจัดทำงบประมาณประจำปี พ.ศ. {fy} ให้จังหวัดและกลุ่มจังหวัดทราบแล้ว นั้น
""")
CIRCULAR_CLOSER = "จึงเรียนมาเพื่อโปรดทราบและพิจารณาดำเนินการต่อไปด้วย จะขอบคุณยิ่ง"

ORDER_TITLES = _lines("""
แต่งตั้งคณะอนุกรรมการนโยบายการบริหารงานจังหวัดและกลุ่มจังหวัดแบบบูรณาการด้านแผนและด้านงบประมาณ (คณะที่ {k})
แต่งตั้งคณะทำงานพิจารณาแผนพัฒนา{group} พ.ศ. {fy}–{fy_end}
แต่งตั้งคณะอนุกรรมการติดตามและประเมินผลการบริหารงานจังหวัดและกลุ่มจังหวัดแบบบูรณาการ
แต่งตั้งคณะทำงานจัดทำหลักเกณฑ์การจัดสรรงบประมาณจังหวัดและกลุ่มจังหวัด ประจำปีงบประมาณ พ.ศ. {fy}
แต่งตั้งคณะทำงานเสริมสร้างขีดสมรรถนะสำนักบริหารยุทธศาสตร์{group}
แต่งตั้งคณะอนุกรรมการกำหนดตัวชี้วัดร่วม (Joint KPI) ระหว่างกระทรวงกับกลุ่มจังหวัด
""")
ORDER_OPENER = (
    "อาศัยอำนาจตามพระราชกฤษฎีกาว่าด้วยการบริหารงานจังหวัดและกลุ่มจังหวัดแบบบูรณาการ พ.ศ. 2551"
    " คณะกรรมการนโยบายการบริหารงานจังหวัดและกลุ่มจังหวัดแบบบูรณาการจึงแต่งตั้งคณะอนุกรรมการ"
    " ประกอบด้วยบุคคลตามรายชื่อแนบท้ายคำสั่งนี้"
)
ORDER_DUTIES = _lines("""
พิจารณากลั่นกรองแผนพัฒนาจังหวัดและกลุ่มจังหวัด
พิจารณาคำขอรับงบประมาณของจังหวัดและกลุ่มจังหวัดประจำปีงบประมาณ พ.ศ. {fy}
เสนอแนะแนวทางการบูรณาการแผนระหว่างกระทรวง กรม กับ{group}
ติดตามและประเมินผลการดำเนินงานตามแผนปฏิบัติราชการประจำปี
เชิญผู้แทนส่วนราชการ ภาคเอกชน และส่วนท้องถิ่นมาให้ข้อมูล
ปฏิบัติงานอื่นตามที่ ก.น.จ. มอบหมาย
""")
ORDER_CLOSER = "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป"

ROLES_FIRST, ROLES_SECOND = "ประธานอนุกรรมการ", "รองประธานอนุกรรมการ"
ROLE_MEMBER, ROLE_SECRETARY = "อนุกรรมการ", "อนุกรรมการและเลขานุการ"
ROLE_ASSISTANT = "อนุกรรมการและผู้ช่วยเลขานุการ"

POSITIONS = _lines("""
ผู้ว่าราชการจังหวัด{province}
รองเลขาธิการ ก.พ.ร.
ผู้อำนวยการสำนักงบประมาณเขต {n}
ผู้แทนสำนักงานสภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติ
ผู้ตรวจราชการสำนักนายกรัฐมนตรี เขตตรวจราชการที่ {n}
ผู้ตรวจราชการกระทรวงมหาดไทย
หัวหน้าสำนักบริหารยุทธศาสตร์{group}
ผู้อำนวยการสำนักพัฒนาระเบียบราชการส่วนภูมิภาค
ผู้แทน{ministry}
ประธานสภาหอการค้าจังหวัด{province}
ปลัดจังหวัด{province}
ผู้อำนวยการกลุ่มพัฒนาระบบการบริหารงานจังหวัดและกลุ่มจังหวัดแบบบูรณาการ
""")

MALE_NAMES = _lines(
    """
สมชาย วิชัย ประเสริฐ สุรชัย ธนพล อนุชา กิตติพงษ์ ชัยวัฒน์ ณรงค์ ปิยะ วีระ สมศักดิ์
""".replace(" ", "\n")
)
FEMALE_NAMES = _lines(
    """
สุนันทา วิไลวรรณ ปราณี กาญจนา อรุณี พรทิพย์ ศิริพร จิราภรณ์ นงลักษณ์ รัชนี ดวงใจ มาลี
""".replace(" ", "\n")
)
SURNAMES = _lines(
    """
ศรีสุข วงศ์ไทย ทองดี แก้วประเสริฐ บุญมา จันทร์เพ็ญ สุขสวัสดิ์ พงษ์พานิช รัตนวงศ์ ชัยมงคล
ศักดิ์สิทธิ์ ประเสริฐวงศ์ อินทรสุวรรณ นาคสมบูรณ์ เจริญผล ดุสิตสุทธิ
""".replace(" ", "\n")
)

VISION_PHRASES = _lines("""
ศูนย์กลางการท่องเที่ยวเชิงวัฒนธรรมและธรรมชาติ
แหล่งผลิตสินค้าเกษตรและอาหารปลอดภัย
ประตูการค้าชายแดนและการลงทุน
สังคมน่าอยู่ ประชาชนมีคุณภาพชีวิตที่ดี
เศรษฐกิจเติบโตอย่างยั่งยืนบนฐานทรัพยากรธรรมชาติ
ศูนย์กลางโลจิสติกส์ของภูมิภาค
""")

STRATEGY_TITLES = _lines("""
การพัฒนาการท่องเที่ยวเชิงวัฒนธรรมและธรรมชาติ
การเพิ่มขีดความสามารถในการแข่งขันด้านการเกษตรและอาหารปลอดภัย
การพัฒนาโครงสร้างพื้นฐานและระบบโลจิสติกส์
การพัฒนาคุณภาพชีวิตและความมั่นคงทางสังคม
การบริหารจัดการทรัพยากรธรรมชาติและสิ่งแวดล้อมอย่างยั่งยืน
การพัฒนาการค้าชายแดนและการลงทุน
การส่งเสริมอุตสาหกรรมและผลิตภัณฑ์ชุมชน
การบริหารจัดการน้ำเพื่อการเกษตร
""")

GOALS = _lines("""
รายได้จากการท่องเที่ยวของ{owner}เพิ่มขึ้น
ผลผลิตทางการเกษตรได้มาตรฐานและมีมูลค่าเพิ่ม
ประชาชนใน{owner}มีรายได้และคุณภาพชีวิตที่ดีขึ้น
ลดความเหลื่อมล้ำของการเจริญเติบโตระหว่างพื้นที่
ทรัพยากรธรรมชาติได้รับการฟื้นฟูและใช้ประโยชน์อย่างยั่งยืน
มูลค่าการค้าชายแดนเพิ่มขึ้น
""")

# (name, unit, low, high): the target is drawn between low and high.
KPIS = [
    ("ร้อยละที่เพิ่มขึ้นของรายได้จากการท่องเที่ยว", "ร้อยละ", 3, 15),
    ("จำนวนนักท่องเที่ยวที่เพิ่มขึ้น", "คน", 5000, 200000),
    ("ร้อยละของฟาร์มที่ผ่านมาตรฐาน GAP", "ร้อยละ", 20, 80),
    ("มูลค่าการค้าชายแดนที่เพิ่มขึ้น", "ล้านบาท", 100, 5000),
    ("จำนวนผลิตภัณฑ์ชุมชนที่ได้รับการพัฒนา", "ผลิตภัณฑ์", 10, 300),
    ("พื้นที่ป่าที่ได้รับการฟื้นฟู", "ไร่", 500, 20000),
    ("ร้อยละของครัวเรือนที่มีรายได้ผ่านเกณฑ์ จปฐ.", "ร้อยละ", 80, 99),
    ("จำนวนแหล่งน้ำที่ได้รับการพัฒนา", "แห่ง", 5, 120),
]

PROJECTS = _lines("""
โครงการพัฒนาแหล่งท่องเที่ยว{owner}
โครงการส่งเสริมการผลิตสินค้าเกษตรปลอดภัย
โครงการพัฒนาเส้นทางคมนาคมเชื่อมโยงกลุ่มจังหวัด
โครงการเสริมสร้างขีดสมรรถนะสำนักบริหารยุทธศาสตร์กลุ่มจังหวัด
โครงการพัฒนาศักยภาพผู้ประกอบการ OTOP
โครงการบริหารจัดการน้ำแบบบูรณาการ
โครงการส่งเสริมการค้าการลงทุนชายแดน
โครงการพัฒนาฐานข้อมูลเพื่อการบริหารงานจังหวัด
""")

AGENCIES = _lines("""
สำนักงานจังหวัด{province}
สำนักงานเกษตรจังหวัด{province}
สำนักงานการท่องเที่ยวและกีฬาจังหวัด{province}
สำนักงานพาณิชย์จังหวัด{province}
สำนักงานโยธาธิการและผังเมืองจังหวัด{province}
สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัด{province}
สำนักบริหารยุทธศาสตร์{group}
โครงการชลประทาน{province}
""")

QUESTIONS = [
    ("งบประมาณ", "จังหวัด{province}จะเสนอคำขอรับงบประมาณไปยังส่วนราชการโดยตรงได้หรือไม่"),
    ("งบประมาณ", "กระทรวง กรม จะจัดสรรงบประมาณให้{group}ได้หรือไม่ อย่างไร"),
    ("งบประมาณ", "ปฏิทินการจัดทำงบประมาณประจำปี พ.ศ. {fy} กำหนดไว้อย่างไร"),
    ("แผนพัฒนา", "แผนพัฒนากลุ่มจังหวัดต้องสอดคล้องกับยุทธศาสตร์ของกระทรวงอย่างไร"),
    ("แผนพัฒนา", "จะเขียนโครงการในแผนปฏิบัติราชการประจำปีอย่างไรไม่ให้ซ้ำซ้อนกับกรม"),
    ("โครงสร้างและบทบาท", "{group}ประกอบด้วยจังหวัดใดบ้าง"),
    ("โครงสร้างและบทบาท", "บทบาทของกระทรวง กรม และกลุ่มจังหวัดแตกต่างกันอย่างไร"),
    ("การติดตามและประเมินผล", "Joint KPI คืออะไร และกำหนดอย่างไร"),
    ("การติดตามและประเมินผล", "ผู้ใดเป็นผู้ให้คำแนะนำจังหวัดในการจัดทำแผน"),
    ("กฎหมายและระเบียบ", "การบริหารงานจังหวัดแบบบูรณาการมีกฎหมายใดรองรับ"),
    ("ระบบสารสนเทศ", "จะค้นหาแผนพัฒนาจังหวัด{province}ในเว็บไซต์ ก.น.จ. ได้อย่างไร"),
    ("ระบบสารสนเทศ", "ส่วนราชการจะเชื่อมโยงฐานข้อมูลกับกลุ่มจังหวัดได้อย่างไร"),
]

ACTIVITY_TITLES = _lines("""
ก.น.จ. พิจารณาแผนและงบประมาณบริหารงานจังหวัดและกลุ่มจังหวัดแบบบูรณาการ ปี {fy}
ประชุม ก.น.จ. วางกรอบนโยบายแผนพัฒนาจังหวัดและกลุ่มจังหวัด
ประชุมเชิงปฏิบัติการบูรณาการแผนของ{group}กับกรม
ลงพื้นที่ติดตามโครงการของ{group} ณ จังหวัด{province}
สัมมนาการขับเคลื่อนยุทธศาสตร์จังหวัดและกลุ่มจังหวัดแบบบูรณาการสู่ความสำเร็จ
อบรมการเขียนโครงการให้ผู้รับผิดชอบระดับจังหวัด ครั้งที่ {n}
""")

EVENT_TITLES = _lines("""
ประชุม ก.น.จ. ครั้งที่ {n}/{fy}
ประชุมคณะอนุกรรมการด้านแผนและด้านงบประมาณ (คณะที่ {k})
ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนา{group}
กำหนดส่งแผนปฏิบัติราชการประจำปี พ.ศ. {fy}
สัมมนาเสริมสร้างขีดสมรรถนะสำนักบริหารยุทธศาสตร์กลุ่มจังหวัด
""")

LOCATIONS = _lines("""
โรงแรมมิราเคิล แกรนด์ คอนเวนชั่น กรุงเทพมหานคร
ทำเนียบรัฐบาล
ศาลากลางจังหวัด{province}
ห้องประชุมสำนักงาน ก.พ.ร.
ศูนย์ราชการเฉลิมพระเกียรติ แจ้งวัฒนะ
สำนักบริหารยุทธศาสตร์{group}
""")

MEETING_TITLES = _lines("""
สรุปประเด็นการประชุมหารือที่ {n}
สรุปประเด็นการประชุมเชิงปฏิบัติการ{group}
สรุปประเด็นการประชุม ก.น.จ. ครั้งที่ {n}/{fy}
""")

TOPIC_TITLES = _lines("""
ความเชื่อมโยงของยุทธศาสตร์กระทรวงกับยุทธศาสตร์ของกลุ่มจังหวัดและจังหวัด
บทบาทของกระทรวง กรม และกลุ่มจังหวัด ในการบริหารงานจังหวัดแบบบูรณาการ
กลไกของส่วนราชการที่จะสนับสนุนยุทธศาสตร์ของ{group}
แนวทางการสนับสนุนของกระทรวง กรม ให้ยุทธศาสตร์ของกลุ่มจังหวัดประสบความสำเร็จ
การจัดสรรงบประมาณให้โครงการที่ ก.น.จ. ได้พิจารณาแล้ว
การจัดทำแผนปฏิบัติราชการประจำปี พ.ศ. {fy} ของจังหวัด{province}
การกำหนดตัวชี้วัดร่วม (Joint KPI)
""")

DOC_TITLES = {
    "presentation": _lines("""
การบริหารจัดการเพื่อขับเคลื่อนยุทธศาสตร์จังหวัดและกลุ่มจังหวัดแบบบูรณาการสู่ความสำเร็จ
ทิศทางการบริหารงานจังหวัดและกลุ่มจังหวัดแบบบูรณาการ ปี {fy}
ยุทธศาสตร์และศักยภาพของ{group}
"""),
    "manual": _lines("""
คู่มือการจัดทำแผนพัฒนากลุ่มจังหวัด พ.ศ. {fy}–{fy_end}
คู่มือการเขียนโครงการเพื่อขอรับงบประมาณจังหวัดและกลุ่มจังหวัด
คู่มือการกำหนดตัวชี้วัดร่วม (Joint KPI)
"""),
    "report": _lines("""
รายงานผลการดำเนินงานของ{group} ประจำปีงบประมาณ พ.ศ. {fy}
รายงานผลการประเมินแผนพัฒนาจังหวัด{province}
รายงานโครงการเสริมสร้างขีดสมรรถนะสำนักบริหารยุทธศาสตร์กลุ่มจังหวัด
"""),
}

INDEX_MD = """# คณะกรรมการนโยบายการบริหารงานจังหวัดและกลุ่มจังหวัดแบบบูรณาการ (ก.น.จ.)

การบริหารงานจังหวัดและกลุ่มจังหวัดแบบบูรณาการ เป็นการบริหารโดยยึดพื้นที่เป็นหลัก
เพื่อกระจายการพัฒนาและลดความเหลื่อมล้ำของการเจริญเติบโตระหว่างพื้นที่ในประเทศ
โดยแบ่งเป็น 18 กลุ่มจังหวัดและ 75 จังหวัด

ชุดข้อมูลนี้สร้างขึ้นโดยอัตโนมัติเพื่อทดสอบประสิทธิภาพ (bench/make_corpus.py)
"""

ABOUT_MD = """# ความเป็นมา

โครงการเสริมสร้างขีดสมรรถนะสำนักบริหารยุทธศาสตร์กลุ่มจังหวัด
เป็นโครงการที่มีวัตถุประสงค์เพื่อสร้างรูปแบบการพัฒนาในการสร้างขีดสมรรถนะของสำนักบริหารยุทธศาสตร์กลุ่มจังหวัด
ซึ่งยุทธศาสตร์ดังกล่าวต้องมีความสอดคล้องกับแนวทางการพัฒนาเศรษฐกิจและสังคมในระดับชาติ
และความต้องการของประชาชนในท้องถิ่น

- กระทรวง เน้นการกำหนดกรอบ นโยบาย ทิศทางและยุทธศาสตร์การพัฒนาที่สำคัญของประเทศ
- กลุ่มจังหวัด เน้นการพัฒนาในภาพรวมของกลุ่มจังหวัด
- จังหวัด แปลงนโยบายไปสู่การปฏิบัติในระดับพื้นที่
"""


# --- YAML output --------------------------------------------------------------------------


class Quoted(str):
    """A string written in double quotes: event times and Thai-digit order numbers."""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    def ignore_aliases(self, data: Any) -> bool:  # kb refuses YAML aliases
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_quoted(dumper: yaml.SafeDumper, value: Quoted) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(Quoted, _represent_quoted)


def render(template: str, ctx: dict[str, Any]) -> str:
    """Fill in a template; a space between an ASCII digit and Thai text (…ตอนบน 1 จัดส่ง)."""
    return AFTER_DIGIT.sub(r"\1 ", template.format(**ctx))


def dump(data: dict[str, Any]) -> str:
    """YAML as safe_dump writes it; dt.date values (years in พ.ศ.) come out bare."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


# --- the world: clusters and provinces ----------------------------------------------------


@dataclass(frozen=True)
class Province:
    id: str
    title: str
    name_en: str
    group: str


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    provinces: tuple[Province, ...]
    center: str | None


def load_groups(path: Path) -> list[Group]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [_group(g) for g in raw["groups"]]


def _group(raw: dict[str, Any]) -> Group:
    provinces = tuple(
        Province(pid, names[0], names[1], raw["id"]) for pid, names in raw["provinces"].items()
    )
    return Group(raw["id"], raw["title"], provinces, raw.get("center"))


# --- records --------------------------------------------------------------------------------


@dataclass
class Record:
    type: str
    id: str
    data: dict[str, Any]
    folder: str = ""  # a sub-folder below the type folder, e.g. "2553"
    draft: bool = False

    @property
    def ref(self) -> str:
        return f"{self.type}/{self.id}"


@dataclass
class Generator:
    """Makes the synthetic records; all randomness comes from one random.Random(seed)."""

    rng: random.Random
    groups: list[Group]
    letter_seq: Counter[str] = field(default_factory=Counter)
    projects_per_plan: int | None = None
    """Projects in each plan, spread over its strategies; None: 1–4 in each strategy."""

    # small helpers

    def context(self, year: int) -> dict[str, Any]:
        group = self.rng.choice(self.groups)
        province = self.rng.choice(group.provinces)
        fy = min(year + self.rng.choice((0, 1)), LAST_YEAR)
        return {
            "group": group.title,
            "group_id": group.id,
            "group_obj": group,
            "province": province.title,
            "province_id": province.id,
            "fy": fy,
            "fy_end": fy + 3,
            "pct": self.rng.choice((5, 10, 15, 20)),
            "n": self.rng.randint(1, 12),
            "k": self.rng.randint(1, 9),
            "ministry": self.rng.choice(MINISTRIES),
        }

    def fill(self, options: Sequence[str], ctx: dict[str, Any]) -> str:
        return render(self.rng.choice(options), ctx)

    def date(self) -> dt.date:
        """A date whose year is in พ.ศ.; never 29 February (พ.ศ. and ค.ศ. leap years differ)."""
        year, month = self.rng.randint(FIRST_YEAR, LAST_YEAR), self.rng.randint(1, 12)
        days = 28 if month == 2 else calendar.monthrange(year - 543, month)[1]
        return dt.date(year, month, self.rng.randint(1, days))

    def dates(self, count: int) -> list[dt.date]:
        return sorted(self.date() for _ in range(count))

    def tags(self) -> list[str]:
        return self.rng.sample(TAGS, self.rng.randint(1, 3))

    def person(self) -> str:
        if self.rng.random() < 0.5:
            title, first = "นาย", self.rng.choice(MALE_NAMES)
        else:
            title, first = self.rng.choice(("นาง", "นางสาว")), self.rng.choice(FEMALE_NAMES)
        return f"{title}{first} {self.rng.choice(SURNAMES)}"

    def sentences(self, ctx: dict[str, Any], low: int, high: int) -> list[str]:
        picked = self.rng.sample(SENTENCES, self.rng.randint(low, high))
        return [render(s, ctx) for s in picked]

    def paragraph(self, ctx: dict[str, Any]) -> str:
        return " ".join(self.sentences(ctx, 2, 4))

    def bullets(self, ctx: dict[str, Any], items: list[str] | None = None) -> str:
        items = items or self.sentences(ctx, 3, 5)
        return "\n".join(f"- {item}" for item in items)

    def body(self, ctx: dict[str, Any], opener: str = "", closer: str = "") -> str:
        """Markdown: 2–5 paragraphs, sometimes a heading and a bullet list."""
        parts = [self.paragraph(ctx) for _ in range(self.rng.randint(2, 5))]
        if opener:
            parts[0] = f"{opener} {parts[0]}"
        if self.rng.random() < 0.4:
            at = self.rng.randint(1, len(parts))
            parts[at:at] = [self.fill(BULLET_LEADS, ctx), self.bullets(ctx)]
        if self.rng.random() < 0.25:
            parts.insert(1, "## " + self.fill(HEADINGS, ctx))
        if closer:
            parts.append(closer)
        return "\n\n".join(parts)

    def summary(self, lead: str, ctx: dict[str, Any]) -> str:
        return AFTER_DIGIT.sub(r"\1 ", f"{lead} {self.sentences(ctx, 1, 1)[0]}")


class Builders(Generator):
    """One method per record type: (sequence number, date) -> Record."""

    def circular(self, seq: int, date: dt.date) -> Record:
        ctx = self.context(date.year)
        issuer, prefix = self.rng.choice(ISSUERS)
        self.letter_seq[prefix] += 1
        title, to = self.fill(CIRCULAR_TITLES, ctx), self.fill(AUDIENCES, ctx)
        opener = self.fill(CIRCULAR_OPENERS, ctx)
        data = {
            "title": title,
            "number": f"{prefix}/ว {self.letter_seq[prefix]}",
            "date": date,
            "issuer": issuer,
            "to": to,
            "summary": self.summary(f"{issuer}แจ้ง{to}เรื่อง{title}", ctx),
            "body": self.body(ctx, opener, CIRCULAR_CLOSER),
            "tags": self.tags(),
        }
        return Record("circulars", f"circular-{date.year}-{seq:06d}", data, str(date.year))

    def order(self, seq: int, date: dt.date, number: int) -> Record:
        ctx = self.context(date.year)
        text = f"{number}/{date.year}"
        title = self.fill(ORDER_TITLES, ctx)
        issuer = KNJ if self.rng.random() < 0.8 else self.rng.choice(ISSUERS)[0]
        duties = [render(d, ctx) for d in self.rng.sample(ORDER_DUTIES, 4)]
        body = self.body(ctx, ORDER_OPENER) + "\n\nให้มีอำนาจหน้าที่ ดังนี้\n\n"
        data = {
            "title": title,
            "number": Quoted(text.translate(THAI_DIGITS)) if self.rng.random() < 1 / 3 else text,
            "date": date,
            "issuer": issuer,
            "members": self.members(ctx),
            "summary": self.summary(f"คำสั่งที่ {text} เรื่อง {title}", ctx),
            "body": body + self.bullets(ctx, duties) + "\n\n" + ORDER_CLOSER,
            "tags": self.tags(),
        }
        return Record("orders", f"order-{date.year}-{seq:06d}", data, str(date.year))

    def members(self, ctx: dict[str, Any]) -> list[dict[str, str]]:
        count = self.rng.randint(3, 8)
        roles = [ROLES_FIRST] + [ROLE_MEMBER] * (count - 2) + [ROLE_SECRETARY]
        if count >= 5:
            roles[1], roles[-2] = ROLES_SECOND, ROLE_ASSISTANT
        return [
            {"name": self.person(), "position": self.fill(POSITIONS, ctx), "role": role}
            for role in roles
        ]

    def plan(self, seq: int, date: dt.date) -> Record:
        ctx = self.context(date.year)
        kind = self.rng.choice(("province-development", "cluster-development", "annual-action"))
        on_province = kind == "province-development" or (
            kind == "annual-action" and self.rng.random() < 0.5
        )
        if on_province:
            owner, name = f"provinces/{ctx['province_id']}", f"จังหวัด{ctx['province']}"
        else:
            owner, name = f"groups/{ctx['group_id']}", ctx["group"]
        years = self.fiscal_years(kind)
        ctx = {**ctx, "owner": name}
        data = {
            "title": self.plan_title(kind, name, years),
            "kind": kind,
            "owner": owner,
            "fiscal_years": years,
            "vision": self.vision(name),
            "strategies": self.strategies(ctx),
            "summary": self.summary(f"แผนของ{name} ปีงบประมาณ พ.ศ. {years[0]}–{years[-1]}", ctx),
            "tags": self.tags(),
        }
        return Record("plans", f"plan-{years[0]}-{seq:06d}", data)

    def fiscal_years(self, kind: str) -> list[int]:
        span = 1 if kind == "annual-action" else self.rng.choice((1, 2, 3, 4, 4, 4))
        first = self.rng.randint(FIRST_YEAR, LAST_YEAR - span + 1)
        return list(range(first, first + span))

    @staticmethod
    def plan_title(kind: str, name: str, years: list[int]) -> str:
        period = f"พ.ศ. {years[0]}–{years[-1]}" if len(years) > 1 else f"พ.ศ. {years[0]}"
        if kind == "annual-action":
            return f"แผนปฏิบัติราชการประจำปีงบประมาณ {period} ของ{name}"
        return f"แผนพัฒนา{name} {period}"

    def vision(self, name: str) -> str:
        return f"{name} " + " ".join(self.rng.sample(VISION_PHRASES, self.rng.randint(2, 3)))

    def strategies(self, ctx: dict[str, Any]) -> list[dict[str, Any]]:
        titles = self.rng.sample(STRATEGY_TITLES, self.rng.randint(2, 4))
        counts = spread(self.projects_per_plan, len(titles))
        return [self.strategy(t, ctx, count) for t, count in zip(titles, counts, strict=True)]

    def strategy(self, title: str, ctx: dict[str, Any], count: int | None) -> dict[str, Any]:
        goals = self.rng.sample(GOALS, self.rng.randint(1, 3))
        kpis = self.rng.sample(KPIS, self.rng.randint(1, 3))
        if count is None:
            projects = self.rng.sample(PROJECTS, self.rng.randint(1, 4))
        else:
            projects = [self.rng.choice(PROJECTS) for _ in range(count)]
        return {
            "title": title,
            "goals": [render(g, ctx) for g in goals],
            "kpis": [
                {"name": n, "target": self.rng.randint(lo, hi), "unit": u} for n, u, lo, hi in kpis
            ],
            "projects": [
                {
                    "title": render(p, ctx),
                    "budget": self.rng.randint(0, 500) * 100_000,
                    "agency": self.fill(AGENCIES, ctx),
                }
                for p in projects
            ],
        }

    def qa(self, seq: int, date: dt.date) -> Record:
        ctx = self.context(date.year)
        category, question = self.rng.choice(QUESTIONS)
        data = {
            "title": render(question, ctx),
            "answer": self.answer(question, ctx),
            "category": category,
            "date": date,
        }
        return Record("qa", f"qa-{date.year}-{seq:06d}", data)

    def answer(self, question: str, ctx: dict[str, Any]) -> str:
        if question.endswith("จังหวัดใดบ้าง"):
            provinces = [f"จังหวัด{p.title}" for p in ctx["group_obj"].provinces]
            lead = render("{group}ประกอบด้วย {count} จังหวัด ได้แก่", {**ctx, "count": len(provinces)})
            return f"{lead}\n\n{self.bullets(ctx, provinces)}"
        parts = [self.paragraph(ctx) for _ in range(self.rng.randint(1, 3))]
        if self.rng.random() < 0.4:
            parts.append(self.bullets(ctx))
        return "\n\n".join(parts)

    def activity(self, seq: int, date: dt.date) -> Record:
        ctx = self.context(date.year)
        title = self.fill(ACTIVITY_TITLES, ctx)
        data = {
            "title": title,
            "date": date,
            "location": self.fill(LOCATIONS, ctx),
            "summary": self.summary(f"{title} เมื่อวันที่ {date.day}", ctx),
            "body": self.body(ctx),
            "tags": self.tags(),
        }
        return Record("activities", f"activity-{date.year}-{seq:06d}", data)

    def event(self, seq: int, date: dt.date) -> Record:
        ctx = self.context(date.year)
        data: dict[str, Any] = {"title": self.fill(EVENT_TITLES, ctx)}
        data.update(self.event_span(date))
        data["location"] = self.fill(LOCATIONS, ctx)
        return Record("events", f"event-{date.year}-{seq:06d}", data)

    def event_span(self, start: dt.date) -> dict[str, Any]:
        """start, and sometimes end (≥ start): both bare dates, or both quoted with a time."""
        days = self.rng.choice((0, 0, 1, 2))
        end = add_days(start, days)
        if self.rng.random() < 0.5:
            span = {"start": start}
            return {**span, "end": end} if days and self.rng.random() < 0.6 else span
        hour = self.rng.randint(8, 14)
        span = {"start": Quoted(f"{start.isoformat()} {hour:02d}:{self.rng.choice((0, 30)):02d}")}
        if self.rng.random() < 0.6:
            end_hour = hour + self.rng.randint(1, 5) if end == start else self.rng.randint(8, 17)
            span["end"] = Quoted(f"{end.isoformat()} {end_hour:02d}:30")
        return span

    def meeting(self, seq: int, date: dt.date) -> Record:
        ctx = self.context(date.year)
        titles = self.rng.sample(TOPIC_TITLES, self.rng.randint(2, 5))
        data = {
            "title": self.fill(MEETING_TITLES, ctx),
            "date": date,
            "venue": self.fill(LOCATIONS, ctx),
            "presenter": f"{self.person()} {self.fill(POSITIONS, ctx)}",
            "topics": [
                {"title": render(t, ctx), "points": self.sentences(ctx, 3, 6)} for t in titles
            ],
        }
        return Record("meetings", f"meeting-{date.year}-{seq:06d}", data)

    def document(self, seq: int, date: dt.date) -> Record:
        ctx = self.context(date.year)
        kind = self.rng.choice(("presentation", "manual", "report"))
        author = self.rng.choice((self.person(), self.rng.choice(ISSUERS)[0]))
        title = self.fill(DOC_TITLES[kind], ctx)
        data = {
            "title": title,
            "date": date,
            "author": author,
            "kind": kind,
            "summary": self.summary(f"{title} โดย{author}", ctx),
            "body": self.body(ctx),
            "tags": self.tags(),
        }
        return Record("documents", f"document-{date.year}-{seq:06d}", data)


def add_days(day: dt.date, days: int) -> dt.date:
    """day + days on the real calendar; 29 February moves to 1 March; stays ≤ LAST_YEAR."""
    real = dt.date(day.year - 543, day.month, day.day) + dt.timedelta(days=days)
    if (real.month, real.day) == (2, 29):
        real += dt.timedelta(days=1)
    if real.year + 543 > LAST_YEAR:
        return day
    return dt.date(real.year + 543, real.month, real.day)


# --- assembling the corpus ----------------------------------------------------------------


def split_counts(n: int) -> dict[str, int]:
    """N spread over the types by SHARES (largest remainder, so the counts add up to N)."""
    exact = {t: n * share for t, share in SHARES.items()}
    counts = {t: int(x) for t, x in exact.items()}
    by_remainder = sorted(SHARES, key=lambda t: counts[t] - exact[t])
    for t in by_remainder[: n - sum(counts.values())]:
        counts[t] += 1
    return counts


def spread(total: int | None, parts: int) -> list[int | None]:
    """TOTAL split over PARTS as evenly as can be (the first ones get one more); None: none."""
    if total is None:
        return [None] * parts
    return [total // parts + (i < total % parts) for i in range(parts)]


def make_records(gen: Builders, counts: dict[str, int]) -> list[Record]:
    simple = {
        "circulars": gen.circular,
        "plans": gen.plan,
        "qa": gen.qa,
        "activities": gen.activity,
        "events": gen.event,
        "meetings": gen.meeting,
        "documents": gen.document,
    }
    records: list[Record] = []
    for kind, count in counts.items():
        if kind == "orders":
            records += make_orders(gen, count)
        else:
            records += [simple[kind](i + 1, d) for i, d in enumerate(gen.dates(count))]
    return records


def make_orders(gen: Builders, count: int) -> list[Record]:
    """Orders in date order, numbered 1, 2, … within each year (พ.ศ.)."""
    per_year: Counter[int] = Counter()
    orders = []
    for i, date in enumerate(gen.dates(count)):
        per_year[date.year] += 1
        orders.append(gen.order(i + 1, date, per_year[date.year]))
    return orders


def link(rng: random.Random, records: list[Record], fixed: list[str]) -> None:
    """Drafts, then supersedes and related, which only point to published records."""
    for rec in records:
        rec.draft = rng.random() < DRAFT_SHARE
    published = [r.ref for r in records if not r.draft] + fixed
    orders = [r for r in records if r.type == "orders"]
    for i, rec in enumerate(orders[1:], start=1):
        earlier = [o.id for o in orders[:i] if not o.draft and o.data["date"] <= rec.data["date"]]
        if earlier and rng.random() < SUPERSEDES_SHARE:
            rec.data["supersedes"] = f"orders/{rng.choice(earlier[-50:])}"
    for rec in records:
        if rng.random() < RELATED_SHARE:
            picked = rng.sample(published, rng.randint(1, 3) + 1)
            rec.data["related"] = [ref for ref in picked if ref != rec.ref][: len(picked) - 1]
        if rec.draft:
            rec.data["draft"] = True


def world_files(groups: list[Group]) -> dict[str, dict[str, Any]]:
    files: dict[str, dict[str, Any]] = {}
    for g in groups:
        data: dict[str, Any] = {"title": g.title, "provinces": [p.id for p in g.provinces]}
        if g.center:
            data["center"] = g.center
        files[f"groups/{g.id}.yml"] = data
        for p in g.provinces:
            files[f"provinces/{p.id}.yml"] = {"title": p.title, "name_en": p.name_en, "group": g.id}
    return files


def prepare(out: Path) -> None:
    """Empty OUT_DIR if this script made it; refuse to touch anything else."""
    if out.exists():
        if (out / MARKER).is_file():
            shutil.rmtree(out)
        elif not out.is_dir() or any(out.iterdir()):
            raise SystemExit(
                f"error: {out} exists and is not a corpus made by this script "
                f"(no {MARKER} in it); choose another folder or empty it"
            )
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("written by bench/make_corpus.py; deleted on the next run\n")


def write(out: Path, rel: str, text: str) -> int:
    path = out / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def make_corpus(
    out: Path, n: int, seed: int = 1, groups_file: Path = DEFAULT_GROUPS,
    projects_per_plan: int | None = None,
) -> dict[str, int]:
    """Write the corpus; returns the number of records per type and the bytes written."""
    groups = load_groups(groups_file)
    rng = random.Random(seed)
    gen = Builders(rng, groups, projects_per_plan=projects_per_plan)
    records = make_records(gen, split_counts(n))
    fixed = list(world_files(groups).items())
    link(rng, records, [path.removesuffix(".yml") for path, _ in fixed])
    prepare(out)
    size = write(out, "index.md", INDEX_MD) + write(out, "about.md", ABOUT_MD)
    for rel, data in fixed:
        size += write(out, rel, dump(data))
    for rec in records:
        size += write(
            out, f"{rec.type}/{rec.folder}/{rec.id}.yml".replace("//", "/"), dump(rec.data)
        )
    stats: dict[str, int] = dict(Counter(r.type for r in records))
    projects = sum(len(s["projects"]) for r in records if r.type == "plans" and not r.draft
                   for s in r.data["strategies"])  # fmt: skip
    stats.update(groups=len(groups), provinces=len(fixed) - len(groups),
                 published_projects=projects, bytes=size)  # fmt: skip
    return stats


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="the content/ folder to write")
    parser.add_argument("--n", type=int, required=True, help="synthetic records to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--groups",
        type=Path,
        default=DEFAULT_GROUPS,
        help="provincial-groups.yml (default: %(default)s)",
    )
    parser.add_argument(
        "--projects-per-plan", type=int, default=None, metavar="P",
        help="projects in each plan, spread over its strategies (default: 1-4 a strategy)",
    )
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("--n must be 0 or more")
    if args.projects_per_plan is not None and args.projects_per_plan < 0:
        parser.error("--projects-per-plan must be 0 or more")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    stats = make_corpus(args.out_dir, args.n, args.seed, args.groups, args.projects_per_plan)
    size, seconds = stats.pop("bytes"), time.perf_counter() - started
    counts = " ".join(f"{kind}={count}" for kind, count in stats.items())
    print(f"{args.out_dir}: {counts} (N={args.n}); {size:,} bytes in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
