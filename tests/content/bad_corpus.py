# ruff: noqa: E501  (expected messages are whole lines)
"""The bad-file corpus: each case is files written over the base project and the exact
lines `kb validate` must print for them (paths relative to the project folder)."""

from __future__ import annotations

CIRCULAR = """\
title: แนวทางการจัดทำแผนพัฒนากลุ่มจังหวัด
number: นร 0109/ว 12
date: 2553-01-19
issuer: สำนักงาน ก.พ.ร.
"""
ORDER = """\
title: แต่งตั้งคณะอนุกรรมการ
number: 1/2552
date: 2552
issuer: ก.น.จ.
"""
PLAN = """\
title: แผนพัฒนาจังหวัดเชียงใหม่
kind: province-development
owner: provinces/p1
fiscal_years: [2555, 2556]
"""
EVENT = "title: ประชุม\nstart: 2553-01-19 09:00\n"

CASES: dict[str, tuple[dict[str, str], list[str]]] = {
    "missing-required": (
        {"circulars/c.yml": CIRCULAR.replace("number: นร 0109/ว 12\n", "")},
        [
            "content/circulars/c.yml:1:1: error: number: required field is missing; add `number: นร 0109/ว 12` (the circular's number)",
        ],
    ),
    "typo-field": (
        {"circulars/c.yml": CIRCULAR.replace("issuer:", "isuer:")},
        [
            "content/circulars/c.yml:4:1: error: isuer: unknown field; did you mean 'issuer'? 'issuer' is required and missing: rename this key to 'issuer'",
        ],
    ),
    "unknown-field": (
        {"circulars/c.yml": CIRCULAR + "colour: red\n"},
        [
            "content/circulars/c.yml:5:1: error: colour: unknown field; fields here: title, number, date, issuer, to, summary, body, tags, attachments, related, draft",
        ],
    ),
    "impossible-date": (
        {"circulars/c.yml": CIRCULAR.replace("2553-01-19", "2553-02-30")},
        [
            "content/circulars/c.yml:3:7: error: date: '2553-02-30' is not a date: February 2553 has 28 days; correct it",
        ],
    ),
    "date-with-slashes": (
        {"circulars/c.yml": CIRCULAR.replace("2553-01-19", "19/01/2553")},
        [
            "content/circulars/c.yml:3:7: error: date: '19/01/2553' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2553-01-19, 2553-01 or 2553; a year from 2400 is พ.ศ.)",
        ],
    ),
    "month-13": (
        {"circulars/c.yml": CIRCULAR.replace("2553-01-19", "2553-13")},
        [
            "content/circulars/c.yml:3:7: error: date: '2553-13' is not a date: there is no month 13: months are 01 to 12; correct it",
        ],
    ),
    "february-31": (
        {"circulars/c.yml": CIRCULAR.replace("2553-01-19", "2553-02-31")},
        [
            "content/circulars/c.yml:3:7: error: date: '2553-02-31' is not a date: February 2553 has 28 days; correct it",
        ],
    ),
    "misspelled-optional-field": (
        {"circulars/c.yml": CIRCULAR + "summery: สรุป\n"},
        [
            "content/circulars/c.yml:5:1: error: summery: unknown field; did you mean 'summary'?",
        ],
    ),
    "yaml-syntax": (
        {"circulars/c.yml": CIRCULAR.replace("title: แนว", 'title: "แนว')},
        [
            "content/circulars/c.yml:1:8: error: yaml: this quote (\") is never closed: end the value with \" on the same line",
        ],
    ),
    "duplicate-key": (
        {"circulars/c.yml": CIRCULAR + "date: 2553-01-20\n"},
        [
            "content/circulars/c.yml:5:1: error: date: duplicate key (first on line 3): keep one of the two",
        ],
    ),
    "alias": (
        {"circulars/c.yml": CIRCULAR.replace("issuer: ", "issuer: &a ") + "to: *a\n"},
        [
            "content/circulars/c.yml:4:9: error: yaml: anchors (&name) are not allowed: write the value out",
        ],
    ),
    "python-tag": (
        {"circulars/c.yml": CIRCULAR + "to: !!python/object/apply:os.system [ls]\n"},
        [
            "content/circulars/c.yml:5:5: error: yaml: tags (!!python/object/apply:os.system) are not allowed: remove it",
        ],
    ),
    "bad-id": (
        {"circulars/Circular 12.yml": CIRCULAR},
        [
            "content/circulars/Circular 12.yml:1:1: error: id: 'Circular 12' is not a valid id: rename the file using only a-z, 0-9 and '-' (1 to 80 characters), e.g. 'circular-12.yml'",
        ],
    ),
    "duplicate-id": (
        {"circulars/2552/c.yml": CIRCULAR, "circulars/2553/c.yml": CIRCULAR},
        [
            "content/circulars/2553/c.yml:1:1: error: id: 'c' is also the id of content/circulars/2552/c.yml: ids are unique per type, even in sub-folders; rename one of the two files",
        ],
    ),
    "unresolved-related": (
        {
            "circulars/c.yml": CIRCULAR + "related: [orders/order-1-2553]\n",
            "orders/order-1-2552.yml": ORDER,
        },
        [
            "content/circulars/c.yml:5:11: error: related[1]: no record 'orders/order-1-2553': check the id (the file name in content/orders/ without .yml); did you mean 'orders/order-1-2552'?",
        ],
    ),
    "related-without-type": (
        {"circulars/c.yml": CIRCULAR + "related:\n  - order-1\n"},
        [
            "content/circulars/c.yml:6:5: error: related[1]: 'order-1' is not a reference: write `<type>/<id>`, e.g. `orders/kor-nor-jor-1-2552`",
        ],
    ),
    "supersedes-missing": (
        {"orders/o2.yml": ORDER.replace("1/2552", "2/2552") + "supersedes: o1\n"},
        [
            "content/orders/o2.yml:5:13: error: supersedes: no record 'orders/o1': check the id (the file name in content/orders/ without .yml)",
        ],
    ),
    "order-number-form": (
        {"orders/o1.yml": ORDER.replace("1/2552", "12-2552")},
        [
            "content/orders/o1.yml:2:9: error: number: '12-2552' is not an order number: write N/YYYY with the year in พ.ศ., e.g. 1/2552 or ๑/๒๕๕๒",
        ],
    ),
    "order-number-twice": (
        {"orders/o1.yml": ORDER, "orders/o2.yml": ORDER.replace("1/2552", '"๑/๒๕๕๒"')},
        [
            "content/orders/o2.yml:2:9: error: number: order 1/2552 is also content/orders/o1.yml: numbers are unique per year; correct one of the two",
        ],
    ),
    "owner-wrong-type": (
        {"plans/p.yml": PLAN.replace("provinces/p1", "orders/o1")},
        [
            "content/plans/p.yml:3:8: error: owner: 'orders/o1' is not a reference: write `provinces/<id>` or `groups/<id>`",
        ],
    ),
    "plan-kind-typo": (
        {"plans/p.yml": PLAN.replace("province-development", "province-developement")},
        [
            "content/plans/p.yml:2:7: error: kind: 'province-developement' is not a kind; did you mean 'province-development'? (one of: province-development, cluster-development, annual-action)",
        ],
    ),
    "negative-budget": (
        {
            "plans/p.yml": PLAN + "strategies:\n  - title: ยุทธศาสตร์ที่ 1\n    projects:\n"
            "      - title: โครงการ\n        budget: -5000\n"
        },
        [
            "content/plans/p.yml:9:17: error: strategies[1].projects[1].budget: '-5000' is not 0 or more: write the amount in baht, e.g. 1250000",
        ],
    ),
    "budget-in-words": (
        {
            "plans/p.yml": PLAN + "strategies:\n  - title: ยุทธศาสตร์ที่ 1\n    projects:\n"
            "      - title: โครงการ\n        budget: หนึ่งล้านบาท\n"
        },
        [
            "content/plans/p.yml:9:17: error: strategies[1].projects[1].budget: 'หนึ่งล้านบาท' is not an amount in baht: write a number, e.g. 1250000",
        ],
    ),
    "fiscal-year-ad": (
        {"plans/p.yml": PLAN.replace("2556", "2013")},
        [
            "content/plans/p.yml:4:22: error: fiscal_years[2]: '2013' is not a year in พ.ศ.: write it like 2554",
        ],
    ),
    "province-not-listed-back": (
        {"provinces/p3.yml": "title: ลำปาง\nname_en: Lampang\ngroup: g1\n"},
        [
            "content/provinces/p3.yml:3:8: error: group: groups/g1 does not list 'p3' in its provinces: add it there, or correct the group",
        ],
    ),
    "center-not-member": (
        {
            "groups/g1.yml": "title: กลุ่มจังหวัดทดสอบ\nprovinces: [p1, p2]\ncenter: p3\n",
            "provinces/p3.yml": "title: ลำปาง\nname_en: Lampang\ngroup: g2\n",
            "groups/g2.yml": "title: กลุ่มสอง\nprovinces: [p3]\n",
        },
        [
            "content/groups/g1.yml:3:9: error: center: 'p3' is not one of this group's provinces: add it to provinces or choose another centre",
        ],
    ),
    "end-before-start": (
        {"events/e.yml": EVENT + "end: 2553-01-18\n"},
        [
            "content/events/e.yml:3:6: error: end: ends (18 มกราคม 2553) before it starts (19 มกราคม 2553 เวลา 09:00 น.): correct start or end",
        ],
    ),
    "bad-time": (
        {"events/e.yml": EVENT.replace("09:00", "25:00")},
        [
            "content/events/e.yml:2:8: error: start: '2553-01-19 25:00' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY, or YYYY-MM-DD HH:MM (e.g. 2553-01-19, 2553-01 or 2553; a year from 2400 is พ.ศ.)",
        ],
    ),
    "draft-yes": (
        {"circulars/c.yml": CIRCULAR + "draft: yes\n"},
        [
            "content/circulars/c.yml:5:8: error: draft: 'yes' is not true or false: write true or false",
        ],
    ),
    "attachment-missing": (
        {
            "circulars/c.yml": CIRCULAR + "attachments:\n  - title: หนังสือ\n    file: w12.pdf\n",
            "attachments/w-12.pdf": "%PDF-1.4\n",
        },
        [
            "content/circulars/c.yml:7:11: error: attachments[1].file: no file content/attachments/w12.pdf: put the file there or correct the path; did you mean 'w-12.pdf'?",
        ],
    ),
    "attachment-http": (
        {
            "circulars/c.yml": CIRCULAR + "attachments:\n  - title: หนังสือ\n"
            "    file: http://example.org/a.pdf\n"
        },
        [
            "content/circulars/c.yml:7:11: error: attachments[1].file: 'http://example.org/a.pdf' is neither a file under content/attachments/ nor an https:// URL: write a path like 2553/circular.pdf, or https://…",
        ],
    ),
    "members-not-list": (
        {"orders/o1.yml": ORDER + "members: นายสมชาย ใจดี\n"},
        [
            "content/orders/o1.yml:5:10: error: members: expected a list, each item on lines starting `- name: …`",
        ],
    ),
    "member-without-name": (
        {"orders/o1.yml": ORDER + "members:\n  - position: ปลัดกระทรวง\n    role: ประธาน\n"},
        [
            "content/orders/o1.yml:6:5: error: members[1].name: required field is missing; add `name: นายสมชาย ใจดี` (the member's name)",
        ],
    ),
    "empty-file": (
        {"circulars/c.yml": ""},
        [
            "content/circulars/c.yml:1:1: error: file: the file is empty: a record needs at least 'title: …' and its type's required fields",
        ],
    ),
    "list-not-record": (
        {"circulars/c.yml": "- title: x\n"},
        [
            "content/circulars/c.yml:1:1: error: file: the file is not a set of `field: value` lines: a record needs at least 'title: …' and its type's required fields",
        ],
    ),
    "yaml-extension": (
        {"circulars/c.yaml": CIRCULAR},
        [
            "content/circulars/c.yaml:1:1: error: file: records end in .yml: rename the file",
        ],
    ),
    "unknown-folder": (
        {"circular/c.yml": CIRCULAR},
        [
            "content/circular/c.yml:1:1: error: file: 'circular' is not a record folder; did you mean 'circulars'? (records go in content/<type>/; types: circulars, orders, plans, qa, activities, events, meetings, documents, groups, provinces, agencies)",
        ],
    ),
    "empty-title": (
        {"circulars/c.yml": CIRCULAR.replace("title: แนวทางการจัดทำแผนพัฒนากลุ่มจังหวัด", "title:")},
        [
            "content/circulars/c.yml:1:7: error: title: is empty; add `title: แนวทางการจัดทำแผนพัฒนากลุ่มจังหวัด` (the record's title, in Thai)",
        ],
    ),
    "deep-nesting": (
        {"circulars/c.yml": CIRCULAR + "to: " + "[" * 30000 + "\n"},
        [
            "content/circulars/c.yml:5:1004: error: yaml: brackets nested too deeply: remove the extra '[' or '{'",
        ],
    ),
    "alias-bomb": (
        {
            "circulars/c.yml": CIRCULAR + 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
            "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        },
        [
            "content/circulars/c.yml:5:4: error: yaml: anchors (&name) are not allowed: write the value out",
        ],
    ),
    "reference-to-draft": (
        {
            "circulars/c.yml": CIRCULAR + "related: [orders/o1]\n",
            "orders/o1.yml": ORDER + "draft: true\n",
        },
        [
            "content/circulars/c.yml:5:11: error: related[1]: 'orders/o1' is a draft, which has no page: publish it (remove draft: true) or remove this reference",
        ],
    ),
    "not-utf8": (
        {"circulars/c.yml": CIRCULAR.encode("cp874").decode("latin-1")},
        [
            "content/circulars/c.yml:1:1: error: file: not UTF-8 text: save the file as UTF-8",
        ],
    ),
}
