"""The sandbox's business rules: each operation takes a decoded request and
returns the JSON answer as a dict. No Flask here.

Every API operation checks, in this order: the signing fields
(console.sandbox.auth; a refund on an app with a Master Secret is signed with
that), then the shared validator of console.api.validate, then the rules that
need stored data. A refusal raised anywhere inside a
store transaction rolls it back, so a non-zero answer leaves nothing behind.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from console.api.cards import luhn_valid
from console.api.channels import (
    APPROVAL_LIFETIME_MS,
    PAYPAL_CREDITCARD,
    PAYPAL_PAYPAL,
    channel_matches,
    family_of,
)
from console.api.codes import ResultCode
from console.api.money import WHOLE_UNIT_CURRENCIES
from console.api.validate import (
    QUERY_LIMIT_DEFAULT,
    Problem,
    answer_code,
    validate_bill,
    validate_bill_query,
    validate_refund,
    validate_refund_query,
)
from console.sandbox.auth import AuthFailure, check_signature
from console.sandbox.practice_cards import DECLINED_NUMBERS
from console.sandbox.store import (
    Bill,
    Card,
    RecordFilter,
    Refund,
    RefundView,
    Store,
    Transaction,
    new_id,
    now_ms,
)

Answer = dict[str, Any]
Validator = Callable[[Mapping[str, Any], datetime], list[Problem]]

DAY_MS = 86_400_000
REFUND_WINDOW_MS = 180 * DAY_MS  # PayPal refunds a sale up to 180 days after it
APPROVED, CANCELLED = "approved", "cancelled"
APPROVAL_PATH = "/paypal/approve/"
RETURN_PATH = "/paypal/return"  # the sandbox's own landing page for return_url
_ID_CHARS = string.ascii_uppercase + string.digits
NO_PRE_REFUNDS = (
    "need_approval: the sandbox makes no pre-refunds (refunds held for approval); "
    "leave it out or false."
)


def answer(code: ResultCode, detail: str = "", **fields: Any) -> Answer:
    """The envelope every API answer has: result_code, result_msg, err_detail."""
    return {"result_code": int(code), "result_msg": code.name, "err_detail": detail, **fields}


class ApprovalExpired(Exception):
    """A payer's decision on an approval page that expired before it was decided."""

    def __init__(self, bill: Bill) -> None:
        super().__init__(bill.bill_no)
        self.bill = bill


class Refusal(Exception):
    """Ends an operation with a non-zero answer (and rolls back its transaction)."""

    def __init__(self, code: ResultCode, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail

    def answer(self) -> Answer:
        return answer(self.code, self.detail)


def problems_detail(problems: list[Problem]) -> str:
    return "; ".join(f"{problem.field}: {problem.message}" for problem in problems)


def random_id(prefix: str, length: int) -> str:
    return prefix + "".join(secrets.choice(_ID_CHARS) for _ in range(length))


def bill_record(bill: Bill) -> Answer:
    """A bill as the bill query lists it; `currency` is an extra, optional field."""
    record: Answer = {
        "bill_no": bill.bill_no,
        "total_fee": bill.total_fee,
        "channel": bill.channel,
        "title": bill.title,
        "spay_result": bill.paid,
        "created_time": bill.created_time,
    }
    if bill.currency is not None:
        record["currency"] = bill.currency
    return record


def refund_record(view: RefundView) -> Answer:
    """A refund as the refund query lists it; `currency` is an extra, optional field."""
    refund, bill = view.refund, view.bill
    record: Answer = {
        "bill_no": bill.bill_no,
        "refund_no": refund.refund_no,
        "total_fee": bill.total_fee,
        "refund_fee": refund.refund_fee,
        "title": bill.title,
        "channel": bill.channel,
        "finish": refund.finish,
        "result": refund.result,
        "created_time": refund.created_time,
    }
    if bill.currency is not None:
        record["currency"] = bill.currency
    return record


def return_redirect(bill: Bill) -> str:
    """Where the payer's browser goes after deciding: return_url?bill_no=...&result=..."""
    query = urlencode({"bill_no": bill.bill_no, "result": bill.approval_result or CANCELLED})
    return f"{bill.return_url}?{query}"


def _filter_of(para: Mapping[str, Any], refunds: bool) -> RecordFilter:
    """The filters of a validated query (null counts as absent).

    refund_no filters refunds only; in a bill query it is an unknown field, ignored.
    spay_result filters bills only (the official SDK refuses to send it with refunds);
    in a refund query it is ignored.
    """
    return RecordFilter(
        channel=para.get("channel"),
        bill_no=para.get("bill_no"),
        refund_no=para.get("refund_no") if refunds else None,
        start_time=para.get("start_time"),
        end_time=para.get("end_time"),
        paid=None if refunds else para.get("spay_result"),
    )


def _without_paging(para: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in para.items() if key not in ("skip", "limit")}


class SandboxService:
    def __init__(
        self,
        store: Store,
        apps: Mapping[str, str],
        timestamp_window_s: int = 300,
        clock_ms: Callable[[], int] = now_ms,
        master_secrets: Mapping[str, str] | None = None,
    ) -> None:
        """`master_secrets`: app_id -> the Master Secret its refunds are signed with;
        an app without one signs refunds with its App Secret."""
        self.store = store
        self.apps = dict(apps)
        self.master_secrets = dict(master_secrets or {})
        self.window_ms = timestamp_window_s * 1000
        self.clock_ms = clock_ms

    # -- the common prelude ------------------------------------------------------

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self.clock_ms() // 1000, UTC)

    def _admit(self, body: Mapping[str, Any], validator: Validator, refund: bool = False) -> str:
        """The authenticated app_id of a valid request; raises Refusal otherwise."""
        masters = self.master_secrets if refund else None
        checked = check_signature(body, self.apps, self.clock_ms(), self.window_ms, masters)
        if isinstance(checked, AuthFailure):
            raise Refusal(checked.code, checked.detail)
        problems = validator(body, self._now())
        code = answer_code(problems)
        if code != ResultCode.OK:
            raise Refusal(code, problems_detail(problems))
        return checked

    # -- payment -----------------------------------------------------------------

    def pay(self, body: Mapping[str, Any], base_url: str) -> Answer:
        """POST international/bill. `base_url` is where browsers reach the sandbox: the
        base of a PayPal payment's approval `url` (never a request's Host header)."""
        try:
            app_id = self._admit(body, validate_bill)
            with self.store.transaction() as tx:
                return self._pay(tx, app_id, body, base_url.rstrip("/"))
        except Refusal as refusal:
            return refusal.answer()

    def _pay(self, tx: Transaction, app_id: str, body: Mapping[str, Any], base_url: str) -> Answer:
        bill_no = body["bill_no"]
        if tx.find_bill(app_id, bill_no) is not None:
            raise Refusal(ResultCode.BILL_NO_DUPLICATE, f"bill_no: {bill_no} was used already.")
        bill = Bill(
            app_id=app_id,
            bill_no=bill_no,
            channel=body["channel"],
            total_fee=body["total_fee"],
            title=body["title"],
            currency=body["currency"],
            paid=False,
            created_time=self.clock_ms(),
            id=new_id(),
        )
        if bill.channel == PAYPAL_PAYPAL:
            token = random_id("EC-", 17)
            tx.insert_bill(replace(bill, return_url=body["return_url"], approval_token=token))
            return answer(ResultCode.OK, id=bill.id, url=f"{base_url}{APPROVAL_PATH}{token}")
        if bill.channel == PAYPAL_CREDITCARD:
            vaulted = self._vault_card(tx, app_id, body["credit_card_info"])
            tx.insert_bill(replace(bill, paid=True))
            return answer(ResultCode.OK, id=bill.id, credit_card_id=vaulted.id)
        card = tx.find_card(app_id, body["credit_card_id"])
        if card is None:
            raise Refusal(
                ResultCode.CHANNEL_ERROR,
                "INVALID_RESOURCE_ID: credit_card_id: Requested resource ID was not found.",
            )
        now = self._now()
        if (card.expire_year, card.expire_month) < (now.year, now.month):
            raise Refusal(
                ResultCode.CHANNEL_ERROR,
                "VALIDATION_ERROR: credit_card.expire_year: Expiration date cannot be in the past.",
            )
        tx.insert_bill(replace(bill, paid=True))
        return answer(ResultCode.OK, id=bill.id)

    def _vault_card(self, tx: Transaction, app_id: str, info: Mapping[str, Any]) -> Card:
        """Charge checks as PayPal does them, then keep the card minus number and CVV."""
        number: str = info["card_number"]
        if not luhn_valid(number):
            raise Refusal(
                ResultCode.CHANNEL_ERROR, "VALIDATION_ERROR: credit_card.number: Value is invalid."
            )
        if number in DECLINED_NUMBERS:
            raise Refusal(ResultCode.CHANNEL_ERROR, "CREDIT_CARD_REFUSED: Credit card was refused.")
        card = Card(
            id=random_id("CARD-", 24),
            app_id=app_id,
            card_type=info["card_type"],
            last4=number[-4:],
            expire_month=info["expire_month"],
            expire_year=info["expire_year"],
            first_name=info["first_name"],
            last_name=info["last_name"],
            created_time=self.clock_ms(),
        )
        tx.insert_card(card)
        return card

    # -- refund ------------------------------------------------------------------

    def refund(self, body: Mapping[str, Any]) -> Answer:
        """POST international/refund (and the SDK's /2/rest/refund): PayPal bills only;
        completes at once."""
        try:
            app_id = self._admit(body, validate_refund, refund=True)
            if body.get("need_approval") is True:  # the validator refused any other non-bool
                raise Refusal(ResultCode.PARAM_INVALID, NO_PRE_REFUNDS)
            with self.store.transaction() as tx:
                return self._refund(tx, app_id, body)
        except Refusal as refusal:
            return refusal.answer()

    def _refund(self, tx: Transaction, app_id: str, body: Mapping[str, Any]) -> Answer:
        refund_no, bill_no, fee = body["refund_no"], body["bill_no"], body["refund_fee"]
        if tx.refund_no_taken(app_id, refund_no):
            raise Refusal(ResultCode.PARAM_INVALID, f"refund_no: {refund_no} was used already.")
        bill = tx.find_bill(app_id, bill_no)
        if bill is None:
            raise Refusal(ResultCode.NO_SUCH_BILL, f"bill_no: no bill {bill_no}.")
        wanted = body.get("channel")
        if wanted is not None and not channel_matches(wanted, bill.channel):
            raise Refusal(
                ResultCode.CHANNEL_INVALID,
                f"channel: bill {bill_no} was paid through {bill.channel}, not {wanted}.",
            )
        if family_of(bill.channel) != "PAYPAL":
            raise Refusal(
                ResultCode.CHANNEL_INVALID,
                f"channel: this endpoint refunds PayPal bills only; {bill_no} is {bill.channel}.",
            )
        if not bill.paid:
            raise Refusal(ResultCode.BILL_UNSUCCESS, f"bill_no: bill {bill_no} was not paid.")
        now = self.clock_ms()
        if now - bill.created_time > REFUND_WINDOW_MS:
            raise Refusal(
                ResultCode.REFUND_EXCEED_TIME,
                f"bill_no: bill {bill_no} is more than 180 days old.",
            )
        if tx.has_standing_refund(app_id, bill_no):
            raise Refusal(
                ResultCode.ALREADY_REFUNDING, f"bill_no: bill {bill_no} was refunded already."
            )
        if fee > bill.total_fee:
            raise Refusal(
                ResultCode.REFUND_AMOUNT_TOO_LARGE,
                f"refund_fee: {fee} is more than the bill's total_fee {bill.total_fee}.",
            )
        if bill.currency in WHOLE_UNIT_CURRENCIES and fee % 100:
            raise Refusal(
                ResultCode.PARAM_INVALID,
                f"refund_fee: {bill.currency} takes whole units only: a multiple of 100.",
            )
        tx.insert_refund(
            Refund(
                app_id=app_id,
                refund_no=refund_no,
                bill_no=bill_no,
                refund_fee=fee,
                finish=True,
                result=True,
                created_time=now,
                id=new_id(),
            )
        )
        return answer(ResultCode.OK)

    # -- queries -----------------------------------------------------------------

    def query_bills(self, para: Mapping[str, Any]) -> Answer:
        try:
            app_id = self._admit(para, _ignore_now(validate_bill_query))
        except Refusal as refusal:
            return refusal.answer()
        skip, limit = para.get("skip") or 0, para.get("limit") or QUERY_LIMIT_DEFAULT
        bills = self.store.list_bills(app_id, _filter_of(para, False), skip, limit)
        records = [bill_record(bill) for bill in bills]
        return answer(ResultCode.OK, count=len(records), bills=records)

    def query_refunds(self, para: Mapping[str, Any]) -> Answer:
        try:
            app_id = self._admit(para, _ignore_now(validate_refund_query))
        except Refusal as refusal:
            return refusal.answer()
        skip, limit = para.get("skip") or 0, para.get("limit") or QUERY_LIMIT_DEFAULT
        refunds = self.store.list_refunds(app_id, _filter_of(para, True), skip, limit)
        records = [refund_record(view) for view in refunds]
        return answer(ResultCode.OK, count=len(records), refunds=records)

    def count_bills(self, para: Mapping[str, Any]) -> Answer:
        para = _without_paging(para)
        try:
            app_id = self._admit(para, _ignore_now(validate_bill_query))
        except Refusal as refusal:
            return refusal.answer()
        return answer(ResultCode.OK, count=self.store.count_bills(app_id, _filter_of(para, False)))

    def count_refunds(self, para: Mapping[str, Any]) -> Answer:
        para = _without_paging(para)
        try:
            app_id = self._admit(para, _ignore_now(validate_refund_query))
        except Refusal as refusal:
            return refusal.answer()
        return answer(ResultCode.OK, count=self.store.count_refunds(app_id, _filter_of(para, True)))

    # -- the PayPal approval page ----------------------------------------------

    def approval_bill(self, token: str) -> Bill | None:
        return self.store.find_bill_by_token(token)

    def approval_expired(self, bill: Bill) -> bool:
        """Whether the bill's approval page expired undecided (APPROVAL_LIFETIME_MS)."""
        too_old = self.clock_ms() - bill.created_time > APPROVAL_LIFETIME_MS
        return bill.approval_result is None and too_old

    def returned_as_approved(self, bill_no: str) -> bool:
        """Whether the return page may say a payment of this bill_no was approved: the
        payer approved it, as recorded. Its link's `result` is never believed (anyone
        can edit it); when apps share the number, every one must have been approved."""
        return self.store.approval_results(bill_no) == {APPROVED}

    def decide(self, token: str, result: str) -> str | None:
        """Record the payer's decision (the first one is final); the redirect URL.
        ApprovalExpired, and nothing recorded, once the page expired undecided."""
        with self.store.transaction() as tx:
            bill = tx.find_bill_by_token(token)
            if bill is None:
                return None
            if self.approval_expired(bill):
                raise ApprovalExpired(bill)
            tx.record_approval(token, result, paid=result == APPROVED)
            bill = tx.find_bill_by_token(token)
        return return_redirect(bill) if bill is not None else None


def _ignore_now(validator: Callable[[Mapping[str, Any]], list[Problem]]) -> Validator:
    def validate(body: Mapping[str, Any], now: datetime) -> list[Problem]:
        return validator(body)

    return validate
