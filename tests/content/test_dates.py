"""Dates: full or partial, BE or CE, Thai digits; shown in Thai with the Buddhist Era."""

from __future__ import annotations

import pytest

from generator.content.dates import PartialDate, parse_date


@pytest.mark.parametrize(
    "written, iso, thai",
    [
        ("2553-01-19", "2010-01-19", "19 มกราคม 2553"),
        ("2010-01-19", "2010-01-19", "19 มกราคม 2553"),
        ("2552-11", "2009-11", "พฤศจิกายน 2552"),
        ("2552", "2009", "พ.ศ. 2552"),
        ("๒๕๕๒-๑๑-๐๒", "2009-11-02", "2 พฤศจิกายน 2552"),
        ("2563-02-29", "2020-02-29", "29 กุมภาพันธ์ 2563"),
    ],
)
def test_parse_and_show(written: str, iso: str, thai: str) -> None:
    date = parse_date(written)
    assert date is not None
    assert (date.iso(), date.thai()) == (iso, thai)


def test_time_only_where_allowed() -> None:
    assert parse_date("2553-01-19 09:30") is None
    date = parse_date("2553-01-19 09:30", with_time=True)
    assert date == PartialDate(2010, 1, 19, 9, 30)
    assert date.thai() == "19 มกราคม 2553 เวลา 09:30 น."


@pytest.mark.parametrize(
    "written", ["2553-13-01", "2553-02-30", "2562-02-29", "19/01/2553", "2553-1-", "abc", "999"]
)
def test_invalid_dates(written: str) -> None:
    assert parse_date(written) is None


def test_partial_dates_sort_before_full_dates_of_the_same_period() -> None:
    assert parse_date("2553") < parse_date("2553-01") < parse_date("2553-01-19")
