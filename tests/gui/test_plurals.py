"""Counts in Qt's plural forms: English says 1 bill and 2 bills (from its plural-only
catalogue, beecloud_console_en.ts), Chinese has one form; counts are grouped as the
locale groups them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject

from console.api.codes import ResultCode
from console.api.errors import ApiError, ValidationError
from console.api.validate import Problem
from console.gui import i18n
from console.gui.counts import counts
from console.gui.jobs import report_for
from console.gui.tables.history_model import BillsHistoryModel, RefundsHistoryModel
from console.gui.tabs.audit_tab import AuditModel


@pytest.fixture
def english(qapp) -> Iterator[None]:
    i18n.apply(i18n.ENGLISH)
    yield
    i18n.uninstall()


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    i18n.apply(i18n.CHINESE)
    yield
    i18n.uninstall()


@pytest.mark.usefixtures("english")
def test_english_counts_take_the_singular_for_one_and_the_plural_otherwise() -> None:
    owner = QObject()
    bills, refunds = BillsHistoryModel(owner), RefundsHistoryModel(owner)
    audit = AuditModel(owner)
    assert [bills.count_phrase(n) for n in (0, 1, 2, 12345)] == [
        "0 bills",
        "1 bill",
        "2 bills",
        "12,345 bills",
    ]
    assert [refunds.count_phrase(n) for n in (1, 3)] == ["1 refund", "3 refunds"]
    assert [audit.count_phrase(n) for n in (1, 3)] == ["1 entry", "3 entries"]
    assert counts().refunds_to_check(1) == "1 refund needs checking"
    assert counts().refunds_to_check(2) == "2 refunds need checking"


@pytest.mark.usefixtures("english")
def test_a_request_s_problems_are_counted_in_words() -> None:
    one = Problem("total_fee", ResultCode.PARAM_INVALID, "must be more than zero")
    other = Problem("title", ResultCode.PARAM_INVALID, "is required")
    assert report_for(ValidationError([one])).message == "The request has 1 problem."
    assert report_for(ValidationError([one, other])).message == "The request has 2 problems."


@pytest.mark.usefixtures("chinese")
def test_chinese_has_one_form_for_every_count() -> None:
    owner = QObject()
    bills = BillsHistoryModel(owner)
    assert bills.count_phrase(1) == "1 笔账单"
    assert bills.count_phrase(12345) == "12,345 笔账单"
    assert counts().refunds_to_check(2) == "2 笔退款待核查"


@pytest.mark.usefixtures("english")
def test_a_length_of_time_is_said_in_the_unit_that_keeps_it_sensible() -> None:
    said = [counts().duration(s) for s in (60, 89 * 60, 90 * 60, 47 * 3600, 2 * 86_400)]
    assert said == ["1 minute", "89 minutes", "2 hours", "47 hours", "2 days"]
    assert counts().duration(3 * 365 * 86_400) == "3 years"


@pytest.mark.usefixtures("chinese")
def test_a_refusal_with_the_clocks_apart_says_so_in_chinese() -> None:
    refused = ApiError(ResultCode.APP_INVALID, "APP_INVALID", "", clock_offset_s=-600)
    assert report_for(refused).message.startswith("本机时钟比服务器快 10 分钟。")
    other = ApiError(ResultCode.PARAM_INVALID, "PARAM_INVALID", "", clock_offset_s=-600)
    assert "时钟" not in report_for(other).message  # only code 1 is a clock's refusal


@pytest.mark.usefixtures("english")
def test_a_wait_a_server_asked_for_is_said_in_seconds_then_minutes() -> None:
    said = [counts().wait(s) for s in (1, 45, 89, 90, 3600)]
    assert said == ["1 second", "45 seconds", "89 seconds", "2 minutes", "60 minutes"]


@pytest.mark.usefixtures("chinese")
def test_a_busy_or_closed_server_is_said_in_chinese() -> None:
    from console.api.errors import HostFailure, OutcomeUnknownError, TransportError

    busy = TransportError(
        [
            HostFailure(
                "https://a.example",
                "answered HTTP 429: it cannot take requests now and asks to wait 45 s",
                answered=True,
                said="Slow down",
            )
        ]
    )
    report = report_for(busy)
    assert "返回 HTTP 429：暂时无法处理请求，要求等待 45 秒" in report.message
    assert report.message.endswith("要求等待 45 秒：请在此之后再试。")
    assert report.text().endswith("详情：Slow down")
    denied = OutcomeUnknownError(
        "payment", "https://a.example", "answered HTTP 403: it refused access", "BC12345678"
    )
    assert report_for(denied).message.endswith(
        "请联系负责本店 BeeCloud 账户或本办公室网络的管理员开通访问权限。"
    )
