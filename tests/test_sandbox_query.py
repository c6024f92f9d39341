"""GET /1/rest/bills and /1/rest/refunds (and the SDK's /2/ paths): filters, order, paging."""

from __future__ import annotations

import json
from typing import Any

import pytest

from console.sandbox import SandboxServer
from console.sandbox.store import Store
from tests.sandbox_support import APP_ID, BILLS, REFUNDS, get, query, refund, refund_no, signed

T0 = 1_700_000_000_000  # a fixed creation time, ms


def store_of(sandbox: SandboxServer) -> Store:
    assert sandbox.store is not None
    return sandbox.store


def make_bills(sandbox: SandboxServer, rows: list[tuple[str, str, int]]) -> None:
    """(bill_no, channel, created_time) bills, inserted in this order, all paid."""
    for bill_no, channel, created in rows:
        currency = "USD" if channel.startswith("PAYPAL") else None
        store_of(sandbox).insert_bill(
            APP_ID, bill_no, channel, 100, "t", currency, paid=True, created_time=created
        )


def bill_nos(answer: dict[str, Any], key: str = "bills") -> list[str]:
    assert answer["result_code"] == 0, answer
    assert answer["count"] == len(answer[key])
    return [record["bill_no"] for record in answer[key]]


def test_an_empty_app_answers_an_empty_list(sandbox: SandboxServer) -> None:
    answer = query(sandbox, BILLS)
    assert answer == {
        "result_code": 0,
        "result_msg": "OK",
        "err_detail": "",
        "count": 0,
        "bills": [],
    }
    answer = query(sandbox, REFUNDS)
    assert answer == {
        "result_code": 0,
        "result_msg": "OK",
        "err_detail": "",
        "count": 0,
        "refunds": [],
    }


def test_bill_records_have_exactly_the_documented_fields(sandbox: SandboxServer) -> None:
    store_of(sandbox).insert_bill(
        APP_ID, "paypal001", "PAYPAL_PAYPAL", 1234, "白开水", "JPY", True, T0
    )
    store_of(sandbox).insert_bill(APP_ID, "wechat001", "WX_APP", 999, "Tea", None, False, T0 - 1)
    records = query(sandbox, BILLS)["bills"]
    assert records == [
        {
            "bill_no": "paypal001",
            "total_fee": 1234,
            "channel": "PAYPAL_PAYPAL",
            "title": "白开水",
            "spay_result": True,
            "created_time": T0,
            "currency": "JPY",
        },
        {
            "bill_no": "wechat001",
            "total_fee": 999,
            "channel": "WX_APP",
            "title": "Tea",
            "spay_result": False,
            "created_time": T0 - 1,
        },
    ]


def test_refund_records_have_exactly_the_documented_fields(sandbox: SandboxServer) -> None:
    store_of(sandbox).insert_bill(APP_ID, "wechat001", "WX_APP", 999, "Tea", None, True, T0)
    store_of(sandbox).insert_refund(APP_ID, "20231115001", "wechat001", 500, T0 + 5)
    assert query(sandbox, REFUNDS)["refunds"] == [
        {
            "bill_no": "wechat001",
            "refund_no": "20231115001",
            "total_fee": 999,
            "refund_fee": 500,
            "title": "Tea",
            "channel": "WX_APP",
            "finish": True,
            "result": True,
            "created_time": T0 + 5,
        }
    ]


def test_an_app_sees_only_its_own_records(sandbox: SandboxServer) -> None:
    store_of(sandbox).insert_bill("other-app", "theirs01", "PAYPAL_PAYPAL", 1, "t", "USD")
    store_of(sandbox).insert_refund("other-app", "20231115001", "theirs01", 1)
    assert query(sandbox, BILLS)["bills"] == []
    assert query(sandbox, REFUNDS)["refunds"] == []


# -- order and paging ----------------------------------------------------------


def test_newest_first_with_ties_in_reverse_insertion_order(sandbox: SandboxServer) -> None:
    make_bills(
        sandbox,
        [
            ("tieA0001", "PAYPAL_PAYPAL", T0),
            ("late0001", "PAYPAL_PAYPAL", T0 + 10),
            ("tieB0001", "PAYPAL_PAYPAL", T0),
            ("early001", "PAYPAL_PAYPAL", T0 - 10),
            ("tieC0001", "PAYPAL_PAYPAL", T0),
        ],
    )
    assert bill_nos(query(sandbox, BILLS)) == [
        "late0001",
        "tieC0001",
        "tieB0001",
        "tieA0001",
        "early001",
    ]


def test_pages_never_repeat_or_skip_a_record(sandbox: SandboxServer) -> None:
    # 37 bills, many sharing a creation time, inserted out of time order.
    rows = [(f"page{index:04d}", "PAYPAL_CREDITCARD", T0 + (index * 7) % 5) for index in range(37)]
    make_bills(sandbox, rows)
    everything = bill_nos(query(sandbox, BILLS, limit=50))
    assert sorted(everything) == sorted(row[0] for row in rows)
    pages = [bill_nos(query(sandbox, BILLS, skip=skip, limit=10)) for skip in (0, 10, 20, 30, 40)]
    assert [len(page) for page in pages] == [10, 10, 10, 7, 0]
    assert [bill_no for page in pages for bill_no in page] == everything
    assert bill_nos(query(sandbox, BILLS)) == everything[:10], "limit defaults to 10"
    assert bill_nos(query(sandbox, BILLS, skip=35, limit=10)) == everything[35:]


@pytest.mark.parametrize("path", [BILLS, REFUNDS])
@pytest.mark.parametrize(
    ("paging", "code"),
    [
        ({"limit": 9}, 5),
        ({"limit": 10}, 0),
        ({"limit": 50}, 0),
        ({"limit": 51}, 5),
        ({"limit": "10"}, 5),
        ({"limit": 10.0}, 5),
        ({"skip": -1}, 5),
        ({"skip": 0}, 0),
        ({"skip": 10**30}, 0),
        ({"skip": "0"}, 5),
        ({"skip": None, "limit": None}, 0),
    ],
    ids=repr,
)
def test_skip_and_limit_bounds(
    sandbox: SandboxServer, path: str, paging: dict[str, Any], code: int
) -> None:
    answer = query(sandbox, path, **paging)
    assert answer["result_code"] == code, answer


# -- filters -------------------------------------------------------------------


CHANNEL_ROWS = [
    ("pp000001", "PAYPAL_PAYPAL", T0 + 1),
    ("cc000001", "PAYPAL_CREDITCARD", T0 + 2),
    ("sc000001", "PAYPAL_SAVED_CREDITCARD", T0 + 3),
    ("wx000001", "WX_APP", T0 + 4),
    ("wx000002", "WX_NATIVE", T0 + 5),
    ("al000001", "ALI_WEB", T0 + 6),
]


@pytest.mark.parametrize(
    ("channel", "expected"),
    [
        ("PAYPAL", ["sc000001", "cc000001", "pp000001"]),
        ("PAYPAL_CREDITCARD", ["cc000001"]),
        ("WX", ["wx000002", "wx000001"]),
        ("WX_APP", ["wx000001"]),
        ("ALI", ["al000001"]),
        ("UN", []),
    ],
)
def test_channel_filters_by_family_or_exact_sub_channel(
    sandbox: SandboxServer, channel: str, expected: list[str]
) -> None:
    make_bills(sandbox, CHANNEL_ROWS)
    assert bill_nos(query(sandbox, BILLS, channel=channel)) == expected


@pytest.mark.parametrize(("channel", "code"), [("NOPE", 3), ("paypal", 3), ("", 5), (1, 5)])
def test_an_unknown_channel_filter(sandbox: SandboxServer, channel: object, code: int) -> None:
    assert query(sandbox, BILLS, channel=channel)["result_code"] == code


def test_the_time_range_is_inclusive_on_creation_time(sandbox: SandboxServer) -> None:
    make_bills(sandbox, CHANNEL_ROWS)
    answer = query(sandbox, BILLS, start_time=T0 + 2, end_time=T0 + 4)
    assert bill_nos(answer) == ["wx000001", "sc000001", "cc000001"]
    assert bill_nos(query(sandbox, BILLS, start_time=T0 + 6)) == ["al000001"]
    assert bill_nos(query(sandbox, BILLS, end_time=T0 + 1)) == ["pp000001"]
    assert bill_nos(query(sandbox, BILLS, start_time=T0 + 3, end_time=T0 + 3)) == ["sc000001"]


@pytest.mark.parametrize(
    "times",
    [
        {"start_time": 170000000000},  # 12 digits
        {"end_time": 17000000000000},  # 14 digits
        {"start_time": "1700000000000"},
        {"start_time": T0 + 5, "end_time": T0},
    ],
    ids=repr,
)
def test_bad_times_are_5(sandbox: SandboxServer, times: dict[str, Any]) -> None:
    assert query(sandbox, BILLS, **times)["result_code"] == 5


def test_filters_combine_with_and(sandbox: SandboxServer) -> None:
    make_bills(sandbox, CHANNEL_ROWS)
    answer = query(sandbox, BILLS, channel="PAYPAL", start_time=T0 + 2, end_time=T0 + 5)
    assert bill_nos(answer) == ["sc000001", "cc000001"]
    assert bill_nos(query(sandbox, BILLS, channel="WX", bill_no="wx000001")) == ["wx000001"]
    assert bill_nos(query(sandbox, BILLS, channel="PAYPAL", bill_no="wx000001")) == []


def unpaid_rows(sandbox: SandboxServer) -> None:
    """The CHANNEL_ROWS bills (paid) and two unpaid PayPal bills among them."""
    make_bills(sandbox, CHANNEL_ROWS)
    for bill_no, created in (("up000001", T0 + 2), ("up000002", T0 + 7)):
        store_of(sandbox).insert_bill(
            APP_ID, bill_no, "PAYPAL_PAYPAL", 100, "t", "USD", paid=False, created_time=created
        )


@pytest.mark.parametrize("path", [BILLS, "/2/rest/bills"])
def test_spay_result_filters_bills_by_whether_they_were_paid(
    sandbox: SandboxServer, path: str
) -> None:
    """The official SDK's bill filter (BCQueryReqParams.spay_result, "for bill queries
    only"), which the API document leaves out: docs/decisions.md."""
    unpaid_rows(sandbox)
    assert bill_nos(query(sandbox, path, spay_result=False)) == ["up000002", "up000001"]
    assert len(bill_nos(query(sandbox, path, spay_result=True))) == 6
    paid_paypal = query(sandbox, path, spay_result=True, channel="PAYPAL", start_time=T0 + 2)
    assert bill_nos(paid_paypal) == ["sc000001", "cc000001"]
    assert len(bill_nos(query(sandbox, path))) == 8


def test_spay_result_filters_the_bill_count(sandbox: SandboxServer) -> None:
    unpaid_rows(sandbox)
    count = "/2/rest/bills/count"
    assert query(sandbox, count, spay_result=False)["count"] == 2
    assert query(sandbox, count, spay_result=True)["count"] == 6
    assert query(sandbox, count, spay_result=True, end_time=T0 + 2)["count"] == 2
    assert query(sandbox, count, spay_result=False, start_time=T0 + 3)["count"] == 1


@pytest.mark.parametrize("bad", [0, 1, "true", "", [], {}])
def test_a_spay_result_that_is_not_true_or_false_is_5(sandbox: SandboxServer, bad: object) -> None:
    for path in (BILLS, "/2/rest/bills/count"):
        answer = query(sandbox, path, spay_result=bad)
        assert answer["result_code"] == 5, answer
        assert "spay_result must be true or false" in answer["err_detail"]


def test_unknown_query_fields_are_ignored(sandbox: SandboxServer) -> None:
    make_bills(sandbox, CHANNEL_ROWS)
    answer = query(sandbox, BILLS, need_detail=True, colour="blue")
    assert len(bill_nos(answer)) == 6
    # spay_result is a bill filter: a refund query ignores it (the SDK refuses to send it)
    refund_rows_of_bills(sandbox)
    assert query(sandbox, "/2/rest/refunds/count", spay_result=False)["count"] == 6
    # refund_no is a refund filter: a bill query ignores it, valid or not
    assert len(bill_nos(query(sandbox, BILLS, refund_no="20231115001"))) == 6
    assert len(bill_nos(query(sandbox, BILLS, refund_no=["x"]))) == 6
    assert query(sandbox, "/2/rest/bills/count", refund_no="x")["count"] == 6


def refund_rows(sandbox: SandboxServer) -> None:
    """Bills created at T0.., refunded much later (at T0 + 1000 + n)."""
    make_bills(sandbox, CHANNEL_ROWS)
    refund_rows_of_bills(sandbox)


def refund_rows_of_bills(sandbox: SandboxServer) -> None:
    """A refund of each of the CHANNEL_ROWS bills, at T0 + 1000 + n."""
    for index, (bill_no, _, _) in enumerate(CHANNEL_ROWS):
        store_of(sandbox).insert_refund(
            APP_ID, f"20231115{index + 1:03d}", bill_no, 50, T0 + 1000 + index
        )


def test_refund_filters(sandbox: SandboxServer) -> None:
    refund_rows(sandbox)

    def refunds(**para: Any) -> list[str]:
        answer = query(sandbox, REFUNDS, **para)
        assert answer["count"] == len(answer["refunds"])
        return [record["refund_no"] for record in answer["refunds"]]

    assert refunds() == [f"20231115{n:03d}" for n in (6, 5, 4, 3, 2, 1)]
    assert refunds(channel="PAYPAL") == ["20231115003", "20231115002", "20231115001"]
    assert refunds(channel="WX_NATIVE") == ["20231115005"]
    assert refunds(bill_no="cc000001") == ["20231115002"]
    assert refunds(refund_no="20231115004") == ["20231115004"]
    assert refunds(refund_no="20231115004", channel="PAYPAL") == []
    # times are the refund's creation time, not the bill's
    assert refunds(start_time=T0, end_time=T0 + 999) == []
    assert refunds(start_time=T0 + 1001, end_time=T0 + 1002) == ["20231115003", "20231115002"]
    assert refunds(skip=4, limit=10) == ["20231115002", "20231115001"]


def test_a_refund_no_that_matches_nothing_is_an_empty_list_not_13(sandbox: SandboxServer) -> None:
    refund_rows(sandbox)
    answer = query(sandbox, REFUNDS, refund_no=refund_no("999"))
    assert (answer["result_code"], answer["count"], answer["refunds"]) == (0, 0, [])


@pytest.mark.parametrize("bad", ["2023111", "x" * 11, 20231115001, ""], ids=repr)
def test_a_malformed_refund_no_filter_is_5(sandbox: SandboxServer, bad: object) -> None:
    assert query(sandbox, REFUNDS, refund_no=bad)["result_code"] == 5


def test_refunds_made_through_the_api_are_listed(sandbox: SandboxServer) -> None:
    store_of(sandbox).insert_bill(APP_ID, "paid0001", "PAYPAL_CREDITCARD", 1000, "t", "EUR", True)
    assert refund(sandbox, "paid0001", 400)["result_code"] == 0
    [record] = query(sandbox, REFUNDS, bill_no="paid0001")["refunds"]
    assert (record["refund_fee"], record["total_fee"], record["currency"]) == (400, 1000, "EUR")


# -- the SDK's /2/ paths --------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "key"), [("/2/rest/bills", "bills"), ("/2/rest/refunds", "refunds")]
)
def test_v2_lists_answer_like_v1(sandbox: SandboxServer, path: str, key: str) -> None:
    refund_rows(sandbox)
    v1 = query(sandbox, "/1/rest/" + key, channel="PAYPAL", limit=10)
    v2 = query(sandbox, path, channel="PAYPAL", limit=10)
    assert v1 == v2 and v1["count"] == 3


@pytest.mark.parametrize(
    ("path", "para", "count"),
    [
        ("/2/rest/bills/count", {}, 6),
        ("/2/rest/bills/count", {"channel": "PAYPAL"}, 3),
        ("/2/rest/bills/count", {"channel": "WX", "skip": 1, "limit": 1}, 2),
        ("/2/rest/refunds/count", {}, 6),
        ("/2/rest/refunds/count", {"start_time": T0 + 1004}, 2),
        ("/2/rest/refunds/count", {"bill_no": "al000001", "limit": 1000}, 1),
    ],
)
def test_v2_counts_ignore_skip_and_limit(
    sandbox: SandboxServer, path: str, para: dict[str, Any], count: int
) -> None:
    refund_rows(sandbox)
    answer = query(sandbox, path, **para)
    assert answer == {"result_code": 0, "result_msg": "OK", "err_detail": "", "count": count}


def test_v2_counts_check_signing_and_filters(sandbox: SandboxServer) -> None:
    assert get(sandbox, "/2/rest/bills/count", {})["result_code"] == 4
    assert query(sandbox, "/2/rest/refunds/count", channel="NOPE")["result_code"] == 3


def test_para_may_be_encoded_with_quote_plus_or_quote(sandbox: SandboxServer) -> None:
    from urllib.parse import quote, quote_plus

    import requests

    make_bills(sandbox, CHANNEL_ROWS)
    text = json.dumps(signed({"channel": "WX", "limit": 10}))  # holds spaces
    for encode in (quote_plus, quote):
        url = f"{sandbox.base_url}{BILLS}?para={encode(text)}"
        answer = requests.get(url, timeout=10).json()
        assert bill_nos(answer) == ["wx000002", "wx000001"]
