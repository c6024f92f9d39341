"""The client against a running sandbox over loopback HTTP: every operation and
every result code a merchant can meet, over real sockets."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from console.api import (
    ApiError,
    BeeCloudClient,
    BillQuery,
    BillRequest,
    CardInfo,
    Money,
    OutcomeUnknownError,
    RefundQuery,
    RefundRequest,
    ResultCode,
    ValidationError,
)
from console.api.errors import BadAnswerError
from console.api.ids import new_bill_no, new_refund_no
from console.api.paging import all_bills, all_refunds, iter_pages
from console.api.signing import timestamp_ms
from tests.mirror_support import FilterIgnoringHost, ListRewritingHost
from tests.net_support import ScriptedServer, closed_port_url, http_reply
from tests.sandbox_support import APP_ID, APP_SECRET
from tests.sandbox_support import pay as sandbox_pay

RETURN_URL = "https://shop.example.com/paid"
GOOD_CARD = "4111111111111111"


def make_client(*hosts: str, secret: str = APP_SECRET, **options: Any) -> BeeCloudClient:
    return BeeCloudClient(APP_ID, secret, hosts, shuffle=False, **options)


@pytest.fixture
def client(sandbox: Any) -> Iterator[BeeCloudClient]:
    made = make_client(sandbox.base_url)
    yield made
    made.close()


def paypal(amount: Money, title: str = "白开水") -> BillRequest:
    return BillRequest("PAYPAL_PAYPAL", amount, new_bill_no(), title, return_url=RETURN_URL)


def card_info(number: str = GOOD_CARD, **changes: Any) -> CardInfo:
    fields: dict[str, Any] = {
        "card_number": number,
        "expire_month": 12,
        "expire_year": 2031,
        "cvv": "012",
        "first_name": "Jim",
        "last_name": "Green",
        "card_type": "visa",
    }
    fields.update(changes)
    return CardInfo(**fields)


def card_payment(client: BeeCloudClient, amount: Money, number: str = GOOD_CARD) -> BillRequest:
    request = BillRequest(
        "PAYPAL_CREDITCARD", amount, new_bill_no(), "Card order", card=card_info(number)
    )
    client.pay(request)
    return request


def refund_of(bill: BillRequest, hundredths: int | None = None, **changes: Any) -> RefundRequest:
    amount = Money(
        bill.amount.hundredths if hundredths is None else hundredths, bill.amount.currency
    )
    return RefundRequest(bill.bill_no, changes.pop("refund_no", new_refund_no()), amount, **changes)


def api_code(call: Any, *args: Any) -> int:
    with pytest.raises(ApiError) as caught:
        call(*args)
    assert caught.value.detail, "every failed answer carries an err_detail"
    return caught.value.code


# -- payments ---------------------------------------------------------------


def test_paypal_payment_is_approved_on_the_sandbox_page(client: BeeCloudClient) -> None:
    request = paypal(Money(1250, "USD"))
    result = client.pay(request)
    assert result.url and result.url.startswith(client.hosts[0])
    found = client.find_bill(request.bill_no)
    assert found is not None and not found.paid
    page = requests.get(result.url, timeout=5)
    assert "12.50" in page.text and "白开水" in page.text
    answer = requests.post(result.url, data={"action": "approve"}, allow_redirects=False, timeout=5)
    assert answer.status_code == 303
    assert answer.headers["Location"] == f"{RETURN_URL}?bill_no={request.bill_no}&result=approved"
    record = client.find_bill(request.bill_no)
    assert record is not None and record.paid
    assert (record.total_fee, record.currency, record.channel) == (1250, "USD", "PAYPAL_PAYPAL")


def test_card_payment_is_vaulted_and_the_saved_card_pays_again(client: BeeCloudClient) -> None:
    first = BillRequest(
        "PAYPAL_CREDITCARD", Money(120000, "JPY"), new_bill_no(), "日本茶", card=card_info()
    )
    result = client.pay(first)
    assert result.credit_card_id and result.credit_card_id.startswith("CARD-")
    again = BillRequest(
        "PAYPAL_SAVED_CREDITCARD",
        Money(500, "EUR"),
        new_bill_no(),
        "Refill",
        credit_card_id=result.credit_card_id,
    )
    client.pay(again)
    paid = {record.bill_no: record for record in all_bills(client)}
    assert paid[first.bill_no].paid and paid[first.bill_no].currency == "JPY"
    assert paid[again.bill_no].paid and paid[again.bill_no].channel == "PAYPAL_SAVED_CREDITCARD"


def test_full_and_partial_refunds_are_found_again(client: BeeCloudClient) -> None:
    whole = card_payment(client, Money(1000, "USD"))
    part = card_payment(client, Money(1000, "GBP"))
    full = client.refund(refund_of(whole))
    partial = client.refund(refund_of(part, 250, optional={"reason": "damaged"}))
    record = client.find_refund(partial.refund_no)
    assert record is not None and record.finished and record.succeeded
    assert (record.refund_fee, record.total_fee, record.bill_no) == (250, 1000, part.bill_no)
    assert client.find_refund(full.refund_no) is not None
    assert client.find_refund(new_refund_no()) is None


@pytest.mark.parametrize("field", ["bill_no", "refund_no"])
def test_a_server_that_ignores_the_number_asked_for_is_not_believed(
    sandbox: Any, client: BeeCloudClient, field: str
) -> None:
    """A server that does not know the bill_no or refund_no filter lists its newest
    records instead. Its first record was taken for the one asked for: the Refund tab
    showed another bill under the number typed, and the check of a refund of unknown
    outcome settled it by another refund's state. Records that are not the one asked
    for make the answer a bad one (not "none": that would let a refund go out again)."""
    bill = card_payment(client, Money(1000, "USD"))
    made = client.refund(refund_of(bill, 100))
    newest = card_payment(client, Money(2000, "EUR"))
    client.refund(refund_of(newest, 200))  # the newest refund too
    with FilterIgnoringHost(sandbox.base_url, field) as host:
        refused = looked_up_through(host.url, field, bill.bill_no, made.refund_no)
    assert str(refused).endswith("with something that is not a BeeCloud answer.")
    assert host.ignored == 1


def looked_up_through(url: str, field: str, bill_no: str, refund_no: str) -> BadAnswerError:
    """A look-up by number (the bill's, or the refund's) through `url`, which must be
    refused as a bad answer: the error."""
    client = make_client(url)
    try:
        with pytest.raises(BadAnswerError) as raised:
            if field == "bill_no":
                client.find_bill(bill_no)
            else:
                client.find_refund(refund_no)
    finally:
        client.close()
    return raised.value


def listed_twice(key: str, change: dict[str, Any]) -> Any:
    """A lie in a list (ListRewritingHost): its first record listed again after it,
    with `change`."""

    def lie(answer: dict[str, Any]) -> None:
        if answer.get(key):
            answer[key].append({**answer[key][0], **change})

    return lie


@pytest.mark.parametrize("field", ["bill_no", "refund_no"])
def test_a_number_asked_for_listed_as_two_records_is_not_believed(
    sandbox: Any, client: BeeCloudClient, field: str
) -> None:
    """Asked for one number, the server listed it twice: for another bill (a refund), or
    unpaid (a bill). The first was taken for the truth: the check of a refund of
    unknown outcome could say it was made, or a payment's that it was paid, on an
    answer that says both."""
    bill = card_payment(client, Money(1000, "USD"))
    made = client.refund(refund_of(bill, 100))
    if field == "bill_no":
        lie = listed_twice("bills", {"spay_result": False})
    else:
        lie = listed_twice("refunds", {"bill_no": card_payment(client, Money(1000, "USD")).bill_no})
    with ListRewritingHost(sandbox.base_url, lie) as host:
        refused = looked_up_through(host.url, field, bill.bill_no, made.refund_no)
    assert str(refused).endswith("with something that is not a BeeCloud answer.")


# -- every result code ------------------------------------------------------


@pytest.mark.parametrize(
    "card_id",
    [GOOD_CARD, f"CARD-{GOOD_CARD}", "CARD-\x1b[2J5BT058015C", "CARD-" + "A" * 5000],
    ids=["the-number", "holding-the-number", "control-characters", "5000-characters"],
)
def test_a_card_id_that_cannot_be_one_is_not_kept(card_id: str) -> None:
    """A server that answers a card payment made (0) with the card's number as its card
    id, or one no request could carry back: the console showed it and kept it as a
    saved card (the number in its database, shown after submission)."""
    answer = json.dumps({"result_code": 0, "id": "x", "credit_card_id": card_id}).encode()
    card = CardInfo(GOOD_CARD, 12, 2099, "123", "Ada", "Lee", "visa")
    request = BillRequest(
        "PAYPAL_CREDITCARD", Money(1234, "USD"), new_bill_no(), "Order", card=card
    )
    with ScriptedServer(http_reply("200 OK", "application/json", answer)) as server:
        result = make_client(server.url).pay(request)
    assert result.credit_card_id is None


def test_a_card_id_like_paypals_is_kept() -> None:
    answer = b'{"result_code": 0, "credit_card_id": "CARD-5BT058015C739554AKE2GCEI"}'
    card = CardInfo(GOOD_CARD, 12, 2099, "123", "Ada", "Lee", "visa")
    request = BillRequest(
        "PAYPAL_CREDITCARD", Money(1234, "USD"), new_bill_no(), "Order", card=card
    )
    with ScriptedServer(http_reply("200 OK", "application/json", answer)) as server:
        result = make_client(server.url).pay(request)
    assert result.credit_card_id == "CARD-5BT058015C739554AKE2GCEI"


@pytest.mark.parametrize("status", ["404 Not Found", "403 Forbidden", "400 Bad Request"])
def test_a_write_said_made_with_an_error_status_is_outcome_unknown(status: str) -> None:
    """BeeCloud answers 200 (an unknown path 404, with an error code): an HTTP error that
    says result_code 0 contradicts itself, and the refund was said made."""
    request = RefundRequest(new_bill_no(), new_refund_no(), Money(500, "USD"))
    reply = http_reply(status, "application/json", b'{"result_code": 0, "result_msg": "OK"}')
    with ScriptedServer(reply) as server, pytest.raises(OutcomeUnknownError) as raised:
        make_client(server.url).refund(request)
    assert raised.value.refund_no == request.refund_no
    assert len(server.requests) == 1  # never sent again


@pytest.mark.parametrize("status", ["404 Not Found", "403 Forbidden", "400 Bad Request"])
def test_a_query_said_answered_with_an_error_status_is_a_bad_answer(status: str) -> None:
    """NOTES.md: every API answer is HTTP 200. A 404 whose body said OK with no bill was
    read as 'no such bill', the answer the console takes for 'the payment never reached
    BeeCloud'."""
    body = b'{"result_code": 0, "result_msg": "OK", "err_detail": "", "count": 0, "bills": []}'
    reply = http_reply(status, "application/json", body)
    with ScriptedServer(reply) as server, pytest.raises(BadAnswerError) as raised:
        make_client(server.url).find_bill(new_bill_no())
    assert raised.value.status == int(status.split()[0])


@pytest.mark.parametrize(
    ("code", "find"),
    [(8, BeeCloudClient.find_bill), (13, BeeCloudClient.find_refund)],
)
def test_a_look_up_answered_there_is_none_finds_none(code: int, find: Any) -> None:
    """A server may answer a look-up by a number it has no record of with 8 NO_SUCH_BILL
    or 13 NO_SUCH_REFUND instead of an empty list: the look-up failed with it (the
    refund tab said "No such bill" where it says the number was not found, or that the
    payment is still on its way; the history's sync failed at each such record). It
    finds none, as an empty list says; not from an HTTP error, which says nothing."""
    body = json.dumps({"result_code": code, "result_msg": "NO_SUCH", "err_detail": ""})
    with ScriptedServer(http_reply("200 OK", "application/json", body.encode())) as server:
        assert find(make_client(server.url), new_refund_no()) is None
    reply = http_reply("404 Not Found", "application/json", body.encode())
    with ScriptedServer(reply) as server, pytest.raises(BadAnswerError):
        find(make_client(server.url), new_refund_no())
    other = json.dumps({"result_code": 14, "result_msg": "RUNTIME_ERROR", "err_detail": ""})
    reply = http_reply("200 OK", "application/json", other.encode())
    with ScriptedServer(reply) as server, pytest.raises(ApiError):
        find(make_client(server.url), new_refund_no())


@pytest.mark.parametrize(
    ("code", "query"),
    [
        (8, BillQuery(bill_no="B0000001")),
        (13, RefundQuery(bill_no="B0000001")),
        (13, RefundQuery(refund_no="20261207R0001")),
    ],
    ids=["bills-of-a-number", "refunds-of-a-bill", "refunds-of-a-number"],
)
def test_a_list_by_number_answered_there_is_none_lists_none(code: int, query: Any) -> None:
    """A list filtered by a bill's or a refund's number, answered 8 NO_SUCH_BILL (bills)
    or 13 NO_SUCH_REFUND (refunds) instead of an empty list, lists none: a bill with no
    refund yet is no error to show (the refund tab lists a bill's refunds before its
    first refund). Every way of listing says so, the page walk's included."""
    body = json.dumps({"result_code": code, "result_msg": "NO_SUCH", "err_detail": ""})
    is_bills = isinstance(query, BillQuery)
    with ScriptedServer(http_reply("200 OK", "application/json", body.encode())) as server:
        client = make_client(server.url)
        if is_bills:
            assert client.query_bills(query) == []
            assert client.list_bills(query) == [] and client.list_bills(query).rows == 0
            assert all_bills(client, query) == []
        else:
            assert client.query_refunds(query) == []
            assert client.list_refunds(query) == [] and client.list_refunds(query).rows == 0
            assert all_refunds(client, query) == []


@pytest.mark.parametrize(
    ("code", "query"),
    [
        (13, BillQuery(bill_no="B0000001")),
        (8, RefundQuery(bill_no="B0000001")),
        (13, RefundQuery()),
        (8, BillQuery()),
        (14, RefundQuery(bill_no="B0000001")),
    ],
    ids=["bills-answered-13", "refunds-answered-8", "every-refund", "every-bill", "runtime"],
)
def test_a_list_answered_any_other_code_fails(code: int, query: Any) -> None:
    """Only a list by number, answered the "none such" of its own kind, lists none: a
    refund list answered "no such bill" says the bill is unknown, and a list of every
    record answered "none such" is no answer a list can give."""
    body = json.dumps({"result_code": code, "result_msg": "NO_SUCH", "err_detail": ""})
    with ScriptedServer(http_reply("200 OK", "application/json", body.encode())) as server:
        client = make_client(server.url)
        listing = client.query_bills if isinstance(query, BillQuery) else client.query_refunds
        with pytest.raises(ApiError) as raised:
            listing(query)
    assert raised.value.code == code


@pytest.mark.parametrize(
    "answer",
    [b'{"result_code": 11, "result_code": 0}', b'{"result_code": 0, "result_code": 11}'],
    ids=["refused-then-made", "made-then-refused"],
)
def test_a_write_answered_with_a_key_twice_is_outcome_unknown(answer: bytes) -> None:
    """JSON with a key twice reads one way to one parser and the other way to another
    (Python's json keeps the last): the refund was said made, or refused, on a coin's
    throw. Such an answer to a payment or refund says nothing for sure."""
    request = RefundRequest(new_bill_no(), new_refund_no(), Money(500, "USD"))
    reply = http_reply("200 OK", "application/json", answer)
    with ScriptedServer(reply) as server, pytest.raises(OutcomeUnknownError) as raised:
        make_client(server.url).refund(request)
    assert raised.value.refund_no == request.refund_no
    assert len(server.requests) == 1  # never sent again


def test_code_1_wrong_secret_or_unknown_app(sandbox: Any) -> None:
    wrong = make_client(sandbox.base_url, secret="not-the-secret")
    assert api_code(wrong.query_bills, BillQuery()) == ResultCode.APP_INVALID
    stranger = BeeCloudClient("no-such-app", APP_SECRET, [sandbox.base_url])
    assert api_code(stranger.query_bills, BillQuery()) == ResultCode.APP_INVALID


def test_codes_the_server_still_enforces_when_a_client_skips_validation(
    client: BeeCloudClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defence in depth: with the client's own checks switched off, the
    sandbox answers 3, 4 and 5 itself and the client reports them as ApiError."""
    monkeypatch.setattr(client, "_refuse_invalid", lambda problems: None)
    no_url = BillRequest("PAYPAL_PAYPAL", Money(100, "USD"), new_bill_no(), "x")
    assert api_code(client.pay, no_url) == ResultCode.MISS_PARAM
    bad_channel = BillRequest("WX_APP", Money(100, "USD"), new_bill_no(), "x")
    assert api_code(client.pay, bad_channel) == ResultCode.CHANNEL_INVALID
    jpy_cents = paypal(Money(150, "JPY"))
    assert api_code(client.pay, jpy_cents) == ResultCode.PARAM_INVALID
    jpy_bill = card_payment(client, Money(100000, "JPY"))
    assert api_code(client.refund, refund_of(jpy_bill, 150)) == ResultCode.PARAM_INVALID


def test_code_3_refund_channel_does_not_match_the_bill(client: BeeCloudClient) -> None:
    bill = card_payment(client, Money(500, "USD"))
    assert api_code(client.refund, refund_of(bill, channel="WX")) == ResultCode.CHANNEL_INVALID
    client.refund(refund_of(bill, channel="PAYPAL"))


def test_code_5_a_refund_no_is_used_once(client: BeeCloudClient) -> None:
    first, second = card_payment(client, Money(500, "USD")), card_payment(client, Money(500, "USD"))
    refund_no = new_refund_no()
    client.refund(refund_of(first, refund_no=refund_no))
    assert api_code(client.refund, refund_of(second, refund_no=refund_no)) == 5


def test_jpy_refunds_are_whole_units_refused_before_sending(client: BeeCloudClient) -> None:
    """NOTES.md: HUF, JPY and TWD amounts are whole units, and a client refuses anything
    else before sending. A refund of JPY 1.50 went to the server, to be refused there."""
    bill = card_payment(client, Money(100000, "JPY"))
    with pytest.raises(ValidationError) as caught:
        client.refund(refund_of(bill, 150))
    assert caught.value.for_field("refund_fee") == [
        "JPY takes whole units only: refund_fee must be a multiple of 100."
    ]
    assert client.query_refunds(RefundQuery(bill_no=bill.bill_no)) == []
    client.refund(refund_of(bill, 500))


@pytest.mark.parametrize(
    ("number", "detail"),
    [("4111111111111112", "VALIDATION_ERROR"), ("4000000000000002", "REFUSED")],
)
def test_code_7_card_refused_by_the_channel(
    client: BeeCloudClient, number: str, detail: str
) -> None:
    request = BillRequest(
        "PAYPAL_CREDITCARD", Money(100, "USD"), new_bill_no(), "x", card=card_info(number)
    )
    with pytest.raises(ApiError) as caught:
        client.pay(request)
    assert caught.value.code == ResultCode.CHANNEL_ERROR and detail in caught.value.detail
    assert client.find_bill(request.bill_no) is None, "a refused payment leaves nothing behind"
    retried = BillRequest(
        "PAYPAL_CREDITCARD", Money(100, "USD"), request.bill_no, "x", card=card_info()
    )
    client.pay(retried)


def test_code_7_unknown_saved_card(client: BeeCloudClient) -> None:
    request = BillRequest(
        "PAYPAL_SAVED_CREDITCARD", Money(100, "USD"), new_bill_no(), "x", credit_card_id="CARD-NOPE"
    )
    assert api_code(client.pay, request) == ResultCode.CHANNEL_ERROR


def test_code_8_no_such_bill(client: BeeCloudClient) -> None:
    ghost = paypal(Money(100, "USD"))
    assert api_code(client.refund, refund_of(ghost)) == ResultCode.NO_SUCH_BILL


def test_code_9_unpaid_bill(client: BeeCloudClient) -> None:
    bill = paypal(Money(100, "USD"))
    client.pay(bill)
    assert api_code(client.refund, refund_of(bill)) == ResultCode.BILL_UNSUCCESS


def test_code_11_one_successful_refund_per_bill(client: BeeCloudClient) -> None:
    bill = card_payment(client, Money(1000, "USD"))
    client.refund(refund_of(bill, 100))
    assert api_code(client.refund, refund_of(bill, 100)) == ResultCode.ALREADY_REFUNDING


def test_code_12_more_than_the_bill(client: BeeCloudClient) -> None:
    bill = card_payment(client, Money(1000, "USD"))
    assert api_code(client.refund, refund_of(bill, 1001)) == ResultCode.REFUND_AMOUNT_TOO_LARGE
    client.refund(refund_of(bill, 1000)), "a refused refund does not count"


def test_code_17_bill_no_used_twice(client: BeeCloudClient) -> None:
    bill = card_payment(client, Money(100, "USD"))
    assert api_code(client.pay, bill) == ResultCode.BILL_NO_DUPLICATE


def test_invalid_requests_are_refused_before_sending() -> None:
    offline = make_client(closed_port_url())
    request = BillRequest("PAYPAL_PAYPAL", Money(150, "JPY"), "short", "水" * 17)
    with pytest.raises(ValidationError) as caught:
        offline.pay(request)
    assert {p.field for p in caught.value.problems} == {
        "total_fee",
        "bill_no",
        "title",
        "return_url",
    }
    assert caught.value.for_field("bill_no") == ["bill_no must be 8 to 32 letters or digits."]


def test_a_return_url_with_a_fragment_is_refused_here_and_by_the_sandbox(sandbox: Any) -> None:
    url = "https://shop.example.com/paid#top"
    request = BillRequest("PAYPAL_PAYPAL", Money(100, "USD"), new_bill_no(), "x", return_url=url)
    with pytest.raises(ValidationError) as caught:
        make_client(closed_port_url()).pay(request)
    assert caught.value.for_field("return_url") == ["return_url must not contain a fragment (#)."]
    answer = sandbox_pay(sandbox, return_url=url)
    assert (answer["result_code"], answer["result_msg"]) == (5, "PARAM_INVALID")
    assert "return_url must not contain a fragment (#)." in answer["err_detail"]


# -- queries and paging -----------------------------------------------------


def test_paging_walks_every_record_once_and_stops_at_a_short_page(client: BeeCloudClient) -> None:
    made = [card_payment(client, Money(100 + n, "USD")).bill_no for n in range(105)]
    calls: list[BillQuery] = []

    def fetch(query: BillQuery) -> list[Any]:
        calls.append(query)
        return client.query_bills(query)

    records = [record for page in iter_pages(fetch, BillQuery()) for record in page]
    assert [record.bill_no for record in records] == made[::-1], "newest first, none repeated"
    assert [(q.skip, q.limit) for q in calls] == [(0, 50), (50, 50), (100, 50)]


def test_paging_with_an_exact_multiple_ends_on_an_empty_page(client: BeeCloudClient) -> None:
    for n in range(50):
        card_payment(client, Money(100 + n, "USD"))
    pages = list(iter_pages(client.query_bills, BillQuery()))
    assert [len(page) for page in pages] == [50]


def test_query_filters_reach_the_server(client: BeeCloudClient) -> None:
    card = card_payment(client, Money(100, "USD"))
    link = paypal(Money(200, "USD"))
    client.pay(link)
    assert {r.bill_no for r in all_bills(client, BillQuery(channel="PAYPAL"))} == {
        card.bill_no,
        link.bill_no,
    }
    exact = all_bills(client, BillQuery(channel="PAYPAL_CREDITCARD"))
    assert [r.bill_no for r in exact] == [card.bill_no]
    refund = client.refund(refund_of(card, 50))
    by_bill = all_refunds(client, RefundQuery(bill_no=card.bill_no))
    assert [r.refund_no for r in by_bill] == [refund.refund_no]
    assert all_refunds(client, RefundQuery(bill_no=link.bill_no)) == []


def test_code_10_too_old_to_refund(sandbox: Any, client: BeeCloudClient) -> None:
    day_ms = 86_400_000
    old = sandbox.store.insert_bill(
        APP_ID,
        new_bill_no(),
        "PAYPAL_CREDITCARD",
        900,
        "old order",
        "USD",
        True,
        created_time=timestamp_ms() - 181 * day_ms,
    )
    recent = sandbox.store.insert_bill(
        APP_ID,
        new_bill_no(),
        "PAYPAL_CREDITCARD",
        900,
        "recent order",
        "USD",
        True,
        created_time=timestamp_ms() - 179 * day_ms,
    )
    too_old = RefundRequest(old.bill_no, new_refund_no(), Money(900, "USD"))
    assert api_code(client.refund, too_old) == ResultCode.REFUND_EXCEED_TIME
    client.refund(RefundRequest(recent.bill_no, new_refund_no(), Money(900, "USD")))


def test_code_3_a_domestic_bill_is_not_refunded_here(sandbox: Any, client: BeeCloudClient) -> None:
    wechat = sandbox.store.insert_bill(APP_ID, new_bill_no(), "WX_APP", 900, "微信订单", None, True)
    record = client.find_bill(wechat.bill_no)
    assert record is not None and record.currency is None and record.channel == "WX_APP"
    refund = RefundRequest(wechat.bill_no, new_refund_no(), Money(900, "USD"))
    assert api_code(client.refund, refund) == ResultCode.CHANNEL_INVALID
