"""The Thai query set: each query finds the expected record in its top 3."""

from __future__ import annotations

import pytest

from generator.search.query import SearchIndex

TEST_QUERIES = [
    # words inside longer runs, and compounds
    ("จังหวัด", {"type": "groups"}, "groups/north-upper-1"),
    ("กลุ่มจังหวัด", {"type": "meetings"}, "meetings/2553-01-19-workshop"),
    ("ยุทธศาสตร์กลุ่มจังหวัด", {}, "meetings/2553-01-19-workshop"),
    ("ยุทธศาสตร์", {}, "meetings/2553-01-19-workshop"),
    ("ผู้ว่าราชการจังหวัด", {}, "qa/governor-role"),
    ("ผู้ว่าราชการ", {}, "qa/governor-role"),
    ("ราชการ", {"type": "circulars"}, "circulars/opdc-w12-2553"),
    ("ประชุม", {"type": "activities"}, "activities/pm-meeting"),
    ("งบประมาณ", {"type": "qa"}, "qa/cluster-budget"),
    ("ประมาณ", {}, "circulars/opdc-w12-2553"),
    ("แผนปฏิบัติราชการประจำปี", {}, "circulars/opdc-w12-2553"),
    ("ปฏิบัติราชการ", {}, "circulars/opdc-w12-2553"),
    ("บูรณาการ", {"type": "documents"}, "documents/integration-manual"),
    ("การบริหารงานจังหวัด", {}, "documents/integration-manual"),
    ("คู่มือ", {}, "documents/integration-manual"),
    # numbers, Thai digits, abbreviations
    ("๑/๒๕๕๒", {}, "orders/kor-nor-jor-1-2552"),
    ("1/2552", {}, "orders/kor-nor-jor-1-2552"),
    ("คำสั่งที่ 2/2553", {}, "orders/kor-nor-jor-2-2553"),
    ("นร 0109/ว 12", {}, "circulars/opdc-w12-2553"),
    ("0505", {}, "circulars/budget-calendar-2554"),
    ("ก.น.จ.", {"type": "orders"}, "orders/kor-nor-jor-1-2552"),
    ("กนจ", {"type": "activities"}, "activities/pm-meeting"),
    ("ก.พ.ร.", {"type": "circulars"}, "circulars/opdc-w12-2553"),
    ("กพร", {"type": "documents"}, "documents/integration-manual"),
    ("พ.ศ. ๒๕๕๔", {}, "circulars/budget-calendar-2554"),
    # English words
    ("Joint KPI", {}, "meetings/2553-01-19-workshop"),
    ("joint kpi", {}, "meetings/2553-01-19-workshop"),
    ("CEO", {}, "qa/governor-role"),
    ("Integrated Provincial Administration", {}, "events/2553-01-19-workshop"),
    ("Chiang Mai", {}, "provinces/chiang-mai"),
    # members, presenters, nested fields
    ("สมชาย", {}, "orders/kor-nor-jor-1-2552"),
    ("นางสาวมาลี ศรีสุข", {}, "orders/kor-nor-jor-1-2552"),
    ("ทัศนีย์ ดุสิตสุทธิรัตน์", {}, "meetings/2553-01-19-workshop"),
    ("ดอยสุเทพ", {}, "plans/chiang-mai-2555"),
    ("อัตราการเข้าพักของโรงแรม", {}, "plans/chiang-mai-2555"),
    ("ยางพารา", {}, "plans/south-gulf-2554"),
    ("Land bridge", {}, "meetings/2553-01-19-workshop"),
    ("ทำเนียบรัฐบาล", {}, "activities/pm-meeting"),
    ("คำขอ", {"type": "qa"}, "qa/cluster-budget"),
    ("ศักยภาพของพื้นที่", {}, "circulars/opdc-w12-2553"),
    # facets
    ("แผน", {"province": "chiang-mai"}, "plans/chiang-mai-2555"),
    ("แผน", {"group": "north-upper-1", "type": "plans"}, "plans/chiang-mai-2555"),
    ("ประมง", {"group": "south-gulf"}, "plans/surat-thani-2555"),
    ("", {"year": "2556"}, "plans/chiang-mai-2555"),
    ("", {"issuer": "สำนักงบประมาณ"}, "circulars/budget-calendar-2554"),
    ("", {"tag": "คณะอนุกรรมการ"}, "orders/kor-nor-jor-1-2552"),
    ("", {"province": "lamphun", "type": "activities"}, "activities/pm-meeting"),
    ("สุราษฎร์ธานี", {"type": "plans"}, "plans/surat-thani-2555"),
    ("เชียงใหม่", {"type": "plans"}, "plans/chiang-mai-2555"),
    ("แผนพัฒนาจังหวัด", {"year": "2555"}, "plans/chiang-mai-2555"),
]


@pytest.mark.parametrize(("query", "filters", "expected"), TEST_QUERIES)
def test_query_finds_the_record_in_the_top_3(opened: SearchIndex, keys, query, filters, expected):
    assert expected in keys(opened, query, **filters)[:3]


def test_the_query_set_has_at_least_40_queries():
    assert len(TEST_QUERIES) >= 40


def test_a_whole_word_ranks_above_the_same_letters_inside_a_longer_word(
    opened: SearchIndex, keys
):
    # only the circular has ประมาณ as a word; the others hold it inside งบประมาณ
    found = keys(opened, "ประมาณ")
    assert found[0] == "circulars/opdc-w12-2553"
    assert {"circulars/budget-calendar-2554", "qa/cluster-budget"} <= set(found[1:])


def test_a_draft_is_never_found(opened: SearchIndex, keys):
    assert keys(opened, "มะม่วงหิมพานต์") == []
    assert "circulars/secret-draft" not in keys(opened, "ร่าง")


def test_a_province_plan_is_under_its_cluster(opened: SearchIndex, keys):
    assert keys(opened, "", group="north-upper-1", type="plans") == ["plans/chiang-mai-2555"]


def test_words_as_a_phrase_rank_first(opened: SearchIndex, keys):
    # both hold จัดทำ and แผน; only the circular's title holds จัดทำแผน as a phrase
    assert keys(opened, "จัดทำแผน")[0] == "circulars/opdc-w12-2553"


REAL_QUERIES = [
    ("คณะอนุกรรมการ ๓/๒๕๕๒", "orders/kor-nor-jor-3-2552"),
    ("คำสั่ง 5/2552", "orders/kor-nor-jor-5-2552"),
    ("ทัศนีย์", "documents/2553-01-19-presentation"),
    ("Joint KPI", "qa/mechanisms-supporting-cluster-strategy"),
    ("กระทรวงพาณิชย์", "qa/ministry-budget-for-cluster-projects"),
    ("วางกรอบนโยบาย", "activities/nayok-prachum-kor-nor-jor-policy-framework"),
    ("มิราเคิล แกรนด์", "events/2553-01-19-workshop"),
    ("หนังสือเวียน ก.น.จ.", "circulars/kor-nor-jor-circular"),
    ("เชียงใหม่", "provinces/chiang-mai"),
    ("ภาคใต้ฝั่งอ่าวไทย", "groups/south-gulf"),
]


@pytest.mark.parametrize(("query", "expected"), REAL_QUERIES)
def test_real_content_query(real_index, keys, query, expected):
    assert expected in keys(SearchIndex(real_index), query)[:3]
