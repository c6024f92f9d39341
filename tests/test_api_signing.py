"""Signing: md5(app_id + timestamp + app_secret), milliseconds, hex."""

from __future__ import annotations

import hashlib
import re

from console.api.codes import ResultCode, describe
from console.api.ids import new_bill_no, new_refund_no
from console.api.signing import app_sign, signature_fields, signature_matches, timestamp_ms
from console.api.validate import BILL_NO, refund_no_problem


def test_app_sign_is_md5_of_the_three_parts() -> None:
    expected = hashlib.md5(b"app-11435890533866secret").hexdigest()
    assert app_sign("app-1", 1435890533866, "secret") == expected
    assert re.fullmatch(r"[0-9a-f]{32}", expected)


def test_timestamps_are_milliseconds() -> None:
    assert timestamp_ms(1435890533.866) == 1435890533866
    assert len(str(timestamp_ms())) == 13


def test_signature_fields_sign_their_own_timestamp() -> None:
    fields = signature_fields("app", "s3cret", now=1700000000.0)
    assert fields == {
        "app_id": "app",
        "timestamp": 1700000000000,
        "app_sign": app_sign("app", 1700000000000, "s3cret"),
    }


def test_signature_check_ignores_case_and_refuses_strangers() -> None:
    sign = app_sign("a", 1, "s")
    assert signature_matches("a", 1, "s", sign.upper())
    assert not signature_matches("a", 1, "other", sign)
    assert not signature_matches("a", 1, "s", "ünïcode")


def test_every_result_code_has_two_meanings_and_unknown_codes_are_described() -> None:
    for code in ResultCode:
        info = describe(code)
        assert info.name == code.name and info.english and info.chinese
    assert describe(17).name == "BILL_NO_DUPLICATE"
    assert describe(99).name == "UNKNOWN" and "99" in describe(99).english


def test_the_chinese_meanings_say_what_the_english_ones_do() -> None:
    """NOTES.md: code 1 also covers a timestamp out of the server's window, and 11 is a
    refund in progress *or done*. The English meanings said so; the Chinese ones, the
    document's own words, did not: a Chinese audit log said of a bill refunded long ago
    that its refund was still being processed, and of a wrong clock nothing."""
    assert "时间戳" in describe(ResultCode.APP_INVALID).chinese
    assert "已完成" in describe(ResultCode.ALREADY_REFUNDING).chinese


def test_generated_numbers_are_valid() -> None:
    for _ in range(200):
        assert BILL_NO.fullmatch(new_bill_no())
        assert refund_no_problem(new_refund_no()) is None
    # Made within a second or two, as a merchant's consoles may: none the same (with 5
    # random characters, one in 500 of these tests met a pair).
    assert len({new_refund_no() for _ in range(5000)}) == 5000
    assert len({new_bill_no() for _ in range(5000)}) == 5000
