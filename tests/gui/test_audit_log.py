"""The audit log and its recorder, without any window: append-only rows with every
field, the OS user as operator, queries, and nothing secret ever written."""

from __future__ import annotations

import getpass
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from console.api.errors import ApiError, HostFailure, OutcomeUnknownError, TransportError
from console.api.models import (
    BillRecord,
    BillRequest,
    CardInfo,
    PayResult,
    RefundRecord,
    RefundRequest,
    RefundResult,
)
from console.api.money import Money
from console.gui.audit_recorder import AuditRecorder
from console.gui.gateway import FAILED, FINISHED, JobHandle
from console.gui.jobs import (
    FIND_BILL,
    FIND_REFUND,
    PAY,
    REFUND,
    Credentials,
    ErrorReport,
    Job,
    report_for,
)
from console.gui.profiles import SANDBOX_PROFILE, Profile
from console.store import audit_log as audit
from console.store.audit_log import AuditEntry, AuditLog, AuditQuery, redact
from console.store.database import Database
from console.store.errors import StoreError
from console.store.local_data import LocalData
from console.store.stamps import UNKNOWN_OPERATOR, Moment, now_ms, os_user
from tests.gui.records_support import logged_entry

SECRET = "Zq9-unmistakable-secret-7Xw"
CARD_NUMBER = "4111111111111111"
CVV = "739"
BILL_NO = "BCAUDITTEST000001"
REFUND_NO = "20260101RAUDIT01"
T0 = 1_767_225_600_000  # 2026-01-01 00:00:00 UTC


class Clock:
    """Milliseconds that move only when told to."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> Moment:
        return Moment(self.now)  # of no known boot: timed by the wall clock


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "console.sqlite3"


@pytest.fixture
def log(path: Path, clock: Clock) -> Iterator[AuditLog]:
    made = AuditLog(Database.open(path), operator="ada", clock=clock)
    yield made
    made.database.close()


@pytest.fixture
def notified() -> list[AuditEntry]:
    return []


@pytest.fixture
def recorder(log: AuditLog, notified: list[AuditEntry]) -> Recording:
    return Recording(AuditRecorder(log, notified.append))


class Recording:
    """The recorder watching jobs as the session has it watch them: each job's handle,
    ended here with its answer as the gateway would end it."""

    def __init__(self, recorder: AuditRecorder) -> None:
        self.recorder = recorder
        self.handles: dict[int, JobHandle] = {}

    def submitted(self, job: Job, profile: Profile) -> None:
        if job.action.writes:
            self.recorder.requested(job, profile)  # written down before it is sent
        handle = self.handles[job.id] = JobHandle(job, None)
        self.recorder.watch(handle, profile)

    def answered(self, job: Job, outcome: object) -> None:
        handle = self.handles.pop(job.id)
        handle._end(FAILED if isinstance(outcome, ErrorReport) else FINISHED, outcome)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.recorder, name)


SHOP = Profile.new_live("Shop live", "shop-app", ("https://apibj.beecloud.cn",))
CREDENTIALS = Credentials("shop-app", SECRET, ("https://apibj.beecloud.cn",))


def card_payment(job_id: int = 1) -> Job:
    card = CardInfo(CARD_NUMBER, 12, 2099, CVV, "Ada", "Lee", "visa")
    request = BillRequest("PAYPAL_CREDITCARD", Money(1250, "USD"), BILL_NO, "Order 1234", card=card)
    return Job(PAY, request, CREDENTIALS, "Paying", id=job_id)


def refund(job_id: int = 2, note: str | None = None) -> Job:
    request = RefundRequest(
        BILL_NO, REFUND_NO, Money(500, "EUR"), optional={"note": note} if note else None
    )
    return Job(REFUND, request, CREDENTIALS, "Refunding", id=job_id)


def append(log: AuditLog, **fields: Any) -> AuditEntry:
    values: dict[str, Any] = {
        "profile_id": "sandbox",
        "profile_name": "Sandbox",
        "action": audit.PAYMENT,
        "subject": BILL_NO,
        "result": audit.REQUESTED,
    }
    values.update(fields)
    entry = log.append(**values)
    assert entry is not None
    return entry


def file_bytes(path: Path) -> bytes:
    """The database and its WAL and journal files, as they are on disk now."""
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


# -- rows ---------------------------------------------------------------------------------


def test_a_row_has_every_field_and_reads_back_the_same(log: AuditLog) -> None:
    written = append(
        log,
        profile_id=SHOP.id,
        profile_name="Shop live",
        amount=1250,
        currency="USD",
        result=audit.refused(11, "ALREADY_REFUNDING"),
        detail="bill BC1",
    )
    assert written == AuditEntry(
        written.id,
        T0,
        "ada",
        SHOP.id,
        "Shop live",
        audit.PAYMENT,
        BILL_NO,
        1250,
        "USD",
        "refused 11 ALREADY_REFUNDING",
        "bill BC1",
    )
    assert log.entries() == [written]


def test_rows_are_read_newest_first(log: AuditLog, clock: Clock) -> None:
    first = append(log)
    second = append(log, result=audit.OK)  # the same millisecond: the order still holds
    clock.now += 1000
    third = append(log, action=audit.REFUND, subject=REFUND_NO)
    assert [e.id for e in log.entries()] == [third.id, second.id, first.id]


def test_the_log_is_append_only(log: AuditLog, path: Path) -> None:
    entry = append(log)
    assert not any(hasattr(log, name) for name in ("update", "delete", "remove", "clear"))
    other = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            other.execute("UPDATE audit_log SET result = 'ok' WHERE id = ?", (entry.id,))
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            other.execute("DELETE FROM audit_log")
    finally:
        other.close()
    assert log.entries() == [entry]


def test_ids_are_never_reused_and_rows_survive_a_reopening(path: Path, clock: Clock) -> None:
    first = AuditLog(Database.open(path), operator="ada", clock=clock)
    one = append(first)
    first.database.close()
    second = AuditLog(Database.open(path), operator="bob", clock=clock)
    two = append(second)
    assert two.id > one.id
    assert [(e.operator, e.id) for e in second.entries()] == [("bob", two.id), ("ada", one.id)]
    second.database.close()


def test_it_shares_the_consoles_database_with_the_local_store(log: AuditLog, path: Path) -> None:
    store = LocalData(log.database)
    store.remember_currency("sandbox", BILL_NO, "JPY")
    entry = append(log)
    assert store.currencies("sandbox") == {BILL_NO: "JPY"}
    assert log.entries() == [entry]


def test_an_unknown_action_or_a_float_amount_is_refused(log: AuditLog) -> None:
    with pytest.raises(ValueError, match="unknown audit action"):
        append(log, action="payment_deleted")
    with pytest.raises(TypeError, match="integer of hundredths"):
        append(log, amount=12.5)
    assert log.entries() == []


def test_nothing_is_written_after_close(log: AuditLog) -> None:
    log.database.close()
    assert (
        log.append(
            profile_id="sandbox",
            profile_name="Sandbox",
            action=audit.PAYMENT,
            subject="x",
            result="ok",
        )
        is None
    )
    assert log.entries() == []


# -- the operator ---------------------------------------------------------------------------


def test_the_operator_is_the_os_user(path: Path) -> None:
    made = AuditLog(Database.open(path))
    try:
        assert made.operator == getpass.getuser()
        assert append(made).operator == getpass.getuser()
    finally:
        made.database.close()


def test_without_a_login_name_the_operator_is_the_user_id(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_login() -> str:
        raise OSError("No username set in the environment")

    monkeypatch.setattr(getpass, "getuser", no_login)
    assert os_user() == f"uid {os.getuid()}"
    monkeypatch.delattr("os.getuid")
    assert os_user() == UNKNOWN_OPERATOR
    monkeypatch.setattr(getpass, "getuser", lambda: "  ")
    assert os_user() == UNKNOWN_OPERATOR


def test_a_login_name_not_in_utf_8_is_written_down_and_the_entry_is_kept(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """USER=jos\xe9 (Latin-1 bytes) reaches Python as "jos\udce9", which no database
    can hold: every entry, and so every payment and refund, failed with
    UnicodeEncodeError."""
    monkeypatch.setenv("LOGNAME", os.fsdecode(b"jos\xe9"))
    assert os_user() == "jos\ufffd"
    made = AuditLog(Database.open(path))
    try:
        assert append(made).operator == "jos\ufffd"
    finally:
        made.database.close()


# -- queries ---------------------------------------------------------------------------------


def test_queries_filter_by_action_profile_and_time(log: AuditLog, clock: Clock) -> None:
    pay = append(log)
    clock.now += 60_000
    refund_row = append(log, action=audit.REFUND, subject=REFUND_NO, profile_id=SHOP.id)
    clock.now += 60_000
    added = append(log, action=audit.PROFILE_ADDED, subject="Shop live", profile_id=SHOP.id)
    every = [pay, refund_row, added]

    cases = [
        (AuditQuery(action=audit.REFUND), [refund_row]),
        (AuditQuery(profile_id=SHOP.id), [added, refund_row]),
        (AuditQuery(profile_id=SHOP.id, action=audit.PAYMENT), []),
        (AuditQuery(start_ms=T0 + 60_000), [added, refund_row]),
        (AuditQuery(end_ms=T0 + 60_000), [refund_row, pay]),
        (AuditQuery(start_ms=T0 + 1, end_ms=T0 + 119_999), [refund_row]),
        (AuditQuery(limit=2), [added, refund_row]),
    ]
    for query, expected in cases:
        assert log.entries(query) == expected, query
        # what the view uses for a row appended while it is shown agrees with the query
        assert [e for e in reversed(every) if query.matches(e)][: query.limit] == expected


def test_latest_and_the_profiles_in_the_log(log: AuditLog) -> None:
    append(log, profile_id=SHOP.id, profile_name="Shop live")
    append(log, profile_id=SHOP.id, profile_name="Shop EU", result=audit.UNKNOWN)
    append(log)
    latest = log.latest(SHOP.id, BILL_NO, (audit.PAYMENT,))
    assert latest is not None and latest.result == audit.UNKNOWN
    assert log.latest(SHOP.id, BILL_NO, (audit.REFUND,)) is None
    assert log.latest("sandbox", "other", (audit.PAYMENT,)) is None
    assert log.profiles() == [("sandbox", "Sandbox"), (SHOP.id, "Shop EU")]


def test_result_and_action_labels_are_plain_words() -> None:
    assert audit.result_label(audit.UNKNOWN) == "Outcome unknown"
    assert audit.result_label(audit.OK) == "OK"
    assert audit.result_label("refused 11 ALREADY_REFUNDING") == "Refused 11 ALREADY_REFUNDING"
    assert audit.result_label("failed: No app secret") == "Failed: No app secret"
    assert audit.action_label(audit.SECRET_CHANGED) == "Secret changed"


# -- nothing secret --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"key {SECRET} leaked", "key ••• leaked"),
        ("card 4111 1111 1111 1111 refused", "card ••• refused"),
        ("card 4111-1111-1111-1111.", "card •••."),
        (f"number={CARD_NUMBER}", "number=•••"),
        ("bill BC20260101120000ABCDEF", "bill BC20260101120000ABCDEF"),
        ("refund 20260101120000R1A2B3", "refund 20260101120000R1A2B3"),
        ("12.50 USD at 2026-01-01 12:00", "12.50 USD at 2026-01-01 12:00"),
        (f"cvv {CVV}, bill BC{CVV}0101", "cvv •••, bill BC7390101"),
        ("x" * 400, "x" * 299 + "…"),
        # an app_sign (md5, 32 hex digits) a server echoes, as sent or upper-cased
        ("app_sign 9e107d9d372bb6826bd81d3542a419d6 wrong", "app_sign ••• wrong"),
        ("sign=9E107D9D372BB6826BD81D3542A419D6.", "sign=•••."),
        ("id c37d661d-7e61-49ea-96a5-68c34e83db3b", "id c37d661d-7e61-49ea-96a5-68c34e83db3b"),
    ],
)
def test_redact_cuts_secrets_and_card_numbers(text: str, expected: str) -> None:
    assert redact(text, never=(SECRET, "", CVV)) == expected


def test_names_and_numbers_lose_only_long_secrets() -> None:
    text = f"BC{CVV}0101 {CARD_NUMBER} {SECRET}"
    assert redact(text, never=(SECRET, CVV), free_text=False) == f"BC{CVV}0101 {CARD_NUMBER} •••"


def test_a_card_payment_leaves_no_card_data_or_secret_in_the_file(
    recorder: Recording, log: AuditLog, path: Path
) -> None:
    job = card_payment()
    recorder.submitted(job, SHOP)
    # a server that echoes what it should not, and an answer that never came
    echo = ApiError(7, "CHANNEL_ERROR", f"card {CARD_NUMBER} cvv {CVV} app {SECRET} refused")
    recorder.answered(job, report_for(echo))
    second = replace(job, id=3)
    recorder.submitted(second, SHOP)
    recorder.answered(second, report_for(OutcomeUnknownError("payment", "h", "timeout", BILL_NO)))

    entries = log.entries()
    assert [e.result for e in entries] == [
        audit.UNKNOWN,
        audit.REQUESTED,
        "refused 7 CHANNEL_ERROR",
        audit.REQUESTED,
    ]
    assert entries[2].detail == (
        "The payment channel refused or failed: card ••• cvv ••• app ••• refused"
    )
    log.database.close()  # checkpointed into the database file: scan it all, WAL included
    data = file_bytes(path)
    # the CVV in the words it would come in: three digits alone turn up by chance in a
    # binary file (an integer's bytes), which failed this test once
    for needle in (CARD_NUMBER, "4111 1111", SECRET, f"cvv {CVV}", f'"{CVV}"', f" {CVV} "):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert needle.encode(encoding) not in data, needle


@pytest.mark.parametrize(
    "typed",
    [
        "card5555555555554444",
        "No.5555-5555-5555-4444",
        "x 5555  5555  5555  4444",
        "5555.5555.5555.4444",
        "卡号5555 5555 5555 4444",
    ],
)
def test_a_card_number_typed_in_a_title_or_a_note_is_never_kept(
    recorder: Recording, log: AuditLog, path: Path, typed: str
) -> None:
    """Another card than the one paid with (a PayPal payment's title, a refund's note),
    however grouped and whatever stands beside it: only a number standing alone, its
    digits grouped by one space or dash, was masked."""
    paypal = replace(
        card_payment(), request=BillRequest("PAYPAL_PAYPAL", Money(1250, "USD"), BILL_NO, typed)
    )
    recorder.submitted(paypal, SHOP)
    recorder.submitted(refund(note=f"paid by {typed}"), SHOP)
    note, title = log.entries()
    assert "•••" in title.detail and "•••" in note.detail
    log.database.close()
    data = file_bytes(path)
    for needle in ("5555555555554444", typed):
        assert needle.encode() not in data, needle


@pytest.mark.parametrize(
    "typed",
    # the last two as the forms find them (cards.cvv_in), full-width or with a zero-width
    # space pasted in: the log kept those whole
    [
        "cvv 8264",
        "CVC2: 913",
        "security code=0419",
        "安全码 913",
        "cvv ８２６４",
        "ＣＶＶ\u200b 8264",
    ],
)
def test_a_cvv_named_in_a_title_or_a_note_is_never_kept(
    recorder: Recording, log: AuditLog, path: Path, typed: str
) -> None:
    """Another card's code, named as one (the forms refuse it beside the field: this is
    the log's own guard, as for a card number), is masked in what the log keeps."""
    paypal = replace(
        card_payment(), request=BillRequest("PAYPAL_PAYPAL", Money(1250, "USD"), BILL_NO, typed)
    )
    recorder.submitted(paypal, SHOP)
    recorder.submitted(refund(note=f"payer read {typed}"), SHOP)
    note, title = log.entries()
    code = typed[-4:].strip(" :=")
    assert code not in title.detail and code not in note.detail
    assert "•••" in title.detail and "•••" in note.detail
    log.database.close()
    assert typed.encode() not in file_bytes(path)  # the code as named, in any row


def test_a_refund_signed_with_the_master_secret_leaves_it_out_of_the_file(
    recorder: Recording, log: AuditLog, path: Path
) -> None:
    master = "Mq4-unmistakable-master-secret-2Kd"
    job = replace(refund(), credentials=replace(CREDENTIALS, master_secret=master))
    recorder.submitted(job, SHOP)
    echo = ApiError(1, "APP_INVALID", f"signed with {master}, expected another")
    recorder.answered(job, report_for(echo))
    refused, _requested = log.entries()
    assert master not in refused.detail and "signed with •••" in refused.detail
    log.database.close()
    assert master.encode() not in file_bytes(path)


# -- the recorder: payments and refunds ------------------------------------------------------


def test_a_payment_is_requested_then_answered(
    recorder: Recording, log: AuditLog, notified: list[AuditEntry]
) -> None:
    job = card_payment()
    recorder.submitted(job, SHOP)
    recorder.answered(job, PayResult(BILL_NO, credit_card_id="CARD-X"))
    answered, requested = log.entries()
    assert notified == [requested, answered]
    for entry in (requested, answered):
        assert (entry.profile_id, entry.profile_name, entry.operator) == (
            SHOP.id,
            "Shop live",
            "ada",
        )
        assert (entry.action, entry.subject) == (audit.PAYMENT, BILL_NO)
        assert (entry.amount, entry.currency) == (1250, "USD")
    assert requested.result == audit.REQUESTED
    assert requested.detail == "Card via PayPal, title “Order 1234”"
    assert (answered.result, answered.detail) == (audit.OK, "paid")
    assert "CARD-X" not in answered.detail  # nothing about the card at all


def test_a_refund_and_its_refusal(recorder: Recording, log: AuditLog) -> None:
    made = refund(note="item returned damaged")
    recorder.submitted(made, SANDBOX_PROFILE)
    recorder.answered(made, RefundResult(BILL_NO, REFUND_NO))
    again = replace(refund(job_id=5), request=replace(made.request, refund_no="20260101RAUDIT02"))
    recorder.submitted(again, SANDBOX_PROFILE)
    refusal = ApiError(11, "ALREADY_REFUNDING", f"bill_no: bill {BILL_NO} was refunded already.")
    recorder.answered(again, report_for(refusal))

    rows = [(e.action, e.subject, e.amount, e.currency, e.result) for e in log.entries()]
    assert rows == [
        (audit.REFUND, "20260101RAUDIT02", 500, "EUR", "refused 11 ALREADY_REFUNDING"),
        (audit.REFUND, "20260101RAUDIT02", 500, "EUR", audit.REQUESTED),
        (audit.REFUND, REFUND_NO, 500, "EUR", audit.OK),
        (audit.REFUND, REFUND_NO, 500, "EUR", audit.REQUESTED),
    ]
    details = [e.detail for e in log.entries()]
    assert details[3] == f"bill {BILL_NO}, note “item returned damaged”"
    assert details[0].startswith("The bill already has a refund in progress or done: bill_no")


def test_failures_that_made_nothing_and_failures_that_may_have(
    recorder: Recording, log: AuditLog
) -> None:
    reports = {
        10: report_for(TransportError([HostFailure("https://apibj.beecloud.cn", "refused")])),
        11: report_for(OutcomeUnknownError("refund", "https://h", "timed out", BILL_NO, "R")),
        12: report_for(RuntimeError("a bug")),
    }
    for job_id, report in reports.items():
        job = refund(job_id)
        recorder.submitted(job, SANDBOX_PROFILE)
        recorder.answered(job, report)
    answers = [(e.result, e.detail) for e in log.entries() if e.result != audit.REQUESTED]
    assert answers == [
        (audit.UNKNOWN, "Something went wrong: check before trying again"),
        (audit.UNKNOWN, "no valid answer from https://h: check before trying again"),
        (
            "failed: No server answered",
            "No BeeCloud server could be reached. Tried: https://apibj.beecloud.cn (refused)",
        ),
    ]


def test_a_job_that_could_not_be_prepared_is_one_failed_row(
    recorder: Recording, log: AuditLog
) -> None:
    job = replace(card_payment(), id=0, credentials=Credentials("", "", ()))
    recorder.not_sent(job, SHOP, ErrorReport("secret", "No app secret", "Enter it first."))
    [entry] = log.entries()
    assert (entry.action, entry.result) == (audit.PAYMENT, "failed: No app secret")
    assert entry.detail == (
        "nothing was sent: No app secret is stored for the profile “Shop live”. "
        "Enter it in Profiles… first."
    )
    assert (entry.detail_key, entry.detail_params) == (
        "audit.not_sent_no_secret",
        '{"name": "Shop live"}',
    )


def test_queries_and_other_jobs_are_not_audited(recorder: Recording, log: AuditLog) -> None:
    lookup = Job(FIND_BILL, BILL_NO, CREDENTIALS, "Looking up", id=7)
    recorder.submitted(lookup, SHOP)
    recorder.answered(lookup, None)
    assert log.entries() == []


# -- the recorder: checks of unknown outcomes ------------------------------------------------


def _unknown_refund(recorder: Recording) -> None:
    job = refund()
    recorder.submitted(job, SHOP)
    recorder.answered(job, report_for(OutcomeUnknownError("refund", "h", "timeout", BILL_NO)))


def refund_record(finished: bool, succeeded: bool) -> RefundRecord:
    return RefundRecord(BILL_NO, REFUND_NO, 2000, 500, "t", "PAYPAL", finished, succeeded, T0)


def test_checks_of_an_unknown_refund_are_audited_until_it_is_settled(
    recorder: Recording, log: AuditLog
) -> None:
    _unknown_refund(recorder)
    answers = [
        report_for(TransportError([])),
        refund_record(finished=False, succeeded=False),
        refund_record(finished=True, succeeded=True),
        refund_record(finished=True, succeeded=True),  # settled: no longer audited
    ]
    for job_id, answer in enumerate(answers, start=20):
        check = Job(FIND_REFUND, REFUND_NO, CREDENTIALS, "Checking", id=job_id)
        recorder.submitted(check, SHOP)
        recorder.answered(check, answer)
    checks = [e for e in log.entries() if e.action == audit.REFUND_CHECK]
    assert [(e.result, e.amount, e.currency, e.subject) for e in checks] == [
        (audit.OK, 500, "EUR", REFUND_NO),
        (audit.IN_PROGRESS, 500, "EUR", REFUND_NO),
        (audit.UNKNOWN, 500, "EUR", REFUND_NO),
    ]
    assert checks[0].detail == f"bill {BILL_NO}: the refund was made"
    assert checks[2].detail == "the check got no usable answer: No server answered"


def test_a_refund_sent_again_whose_answer_was_lost_is_not_written_not_made_too_early(
    recorder: Recording, log: AuditLog, clock: Clock
) -> None:
    """A refund found absent hours ago, sent again (the same refund_no) from Refunds to
    check, its answer lost to a slow server: a check that found no refund yet wrote 'not
    made', timed from the first sending (its first 'requested' row), and the check that
    then found it made wrote nothing, the log saying 'not made' for good of a refund
    made."""
    clock.now = now_ms() - 3_600_000
    _unknown_refund(recorder)
    first_check = Job(FIND_REFUND, REFUND_NO, CREDENTIALS, "Checking", id=20)
    recorder.submitted(first_check, SHOP)
    recorder.answered(first_check, None)  # absent, long after its call could have ended
    clock.now = now_ms()
    again = refund(job_id=21)
    recorder.submitted(again, SHOP)
    recorder.answered(again, report_for(OutcomeUnknownError("refund", "h", "timeout", BILL_NO)))
    for job_id, answer in ((22, None), (23, refund_record(finished=True, succeeded=True))):
        check = Job(FIND_REFUND, REFUND_NO, CREDENTIALS, "Checking", id=job_id)
        recorder.submitted(check, SHOP)
        recorder.answered(check, answer)
    checks = [e.result for e in log.entries() if e.action == audit.REFUND_CHECK]
    assert checks == [audit.OK, audit.NOT_MADE], checks  # newest first


@pytest.mark.parametrize(
    ("answer", "result", "detail"),
    [
        (None, audit.NOT_MADE, "BeeCloud has no such bill"),
        (
            BillRecord(BILL_NO, 1250, "PAYPAL_CREDITCARD", "t", True, T0),
            audit.OK,
            "the bill exists and is paid",
        ),
        (
            BillRecord(BILL_NO, 1250, "PAYPAL_PAYPAL", "t", False, T0),
            audit.OK,
            "the bill exists but is not paid yet",
        ),
        (
            BillRecord(BILL_NO, 9900, "PAYPAL_CREDITCARD", "t", True, T0),
            audit.UNKNOWN,
            "BeeCloud lists this bill for USD 99.00, not what was sent: ask BeeCloud's support.",
        ),
        (
            BillRecord(BILL_NO, 1250, "PAYPAL_CREDITCARD", "t", True, T0, "EUR"),
            audit.UNKNOWN,
            "BeeCloud lists this bill for EUR 12.50, not what was sent: ask BeeCloud's support.",
        ),
    ],
    ids=["missing", "paid", "unpaid", "another amount", "another currency"],
)
def test_a_check_of_an_unknown_payment_says_what_beecloud_has(
    recorder: Recording, log: AuditLog, answer: object, result: str, detail: str
) -> None:
    job = card_payment()
    recorder.submitted(job, SHOP)
    recorder.answered(job, report_for(OutcomeUnknownError("payment", "h", "timeout", BILL_NO)))
    other_profile = Job(FIND_BILL, BILL_NO, CREDENTIALS, "Checking", id=8)
    recorder.submitted(other_profile, SANDBOX_PROFILE)  # not the profile it was paid through
    check = Job(FIND_BILL, BILL_NO, CREDENTIALS, "Checking", id=9)
    recorder.submitted(check, SHOP)
    recorder.answered(other_profile, answer)
    recorder.answered(check, answer)
    newest = log.entries()[0]
    assert (newest.action, newest.result, newest.detail) == (audit.PAYMENT_CHECK, result, detail)
    assert (newest.profile_id, newest.amount, newest.currency) == (SHOP.id, 1250, "USD")
    assert len(log.entries()) == 3


def test_a_paypal_bill_beecloud_made_and_then_does_not_list_is_never_written_not_made(
    recorder: Recording, log: AuditLog
) -> None:
    """BeeCloud answered the payment with its approval page: the bill was made. A check
    whose list has no such bill (a server that lags or lies) cannot undo that: it is
    written as unknown, saying both, never "not made" (which New payment would offer to
    pay again), and the payment is not one left without an answer."""
    request = BillRequest("PAYPAL_PAYPAL", Money(1250, "USD"), BILL_NO, "Order 1234")
    payment = Job(PAY, request, CREDENTIALS, "Paying", id=1)
    recorder.submitted(payment, SHOP)
    recorder.answered(payment, PayResult(BILL_NO, "PAY-1", "https://www.paypal.com/x"))
    check = Job(FIND_BILL, BILL_NO, CREDENTIALS, "Checking", id=2)
    recorder.submitted(check, SHOP)
    recorder.answered(check, None)
    newest = log.entries()[0]
    assert (newest.action, newest.result) == (audit.PAYMENT_CHECK, audit.UNKNOWN)
    assert newest.detail == (
        "BeeCloud made this bill for its payer to approve, but does not list it now: "
        "check again later, or ask BeeCloud's support."
    )
    again = Job(FIND_BILL, BILL_NO, CREDENTIALS, "Checking", id=3)
    recorder.submitted(again, SHOP)  # a later check, long after the payment was answered
    recorder.answered(again, None)
    assert (log.entries()[0].result, log.entries()[0].detail) == (audit.UNKNOWN, newest.detail)
    # answered when it was made: not a payment left without an answer, to take up again
    assert log.unsettled_payments(SHOP.id) == []
    listed = Job(FIND_BILL, BILL_NO, CREDENTIALS, "Checking", id=4)
    recorder.submitted(listed, SHOP)
    recorder.answered(listed, BillRecord(BILL_NO, 1250, "PAYPAL_PAYPAL", "t", False, T0))
    assert (log.entries()[0].result, log.entries()[0].detail) == (
        audit.OK,
        "the bill exists but is not paid yet",
    )


# -- the recorder: profiles ----------------------------------------------------------------


def test_profile_changes_name_what_changed_and_never_the_secret(
    recorder: Recording, log: AuditLog
) -> None:
    recorder.profile_saved(None, SHOP, secret_changed=True)
    renamed = replace(SHOP, name="Shop EU", app_id="eu-app", read_timeout=30.0)
    recorder.profile_saved(SHOP, renamed, secret_changed=True, session_only=True)
    recorder.profile_saved(renamed, renamed, secret_changed=False)  # nothing changed: no row
    recorder.profile_removed(renamed, secret_deleted=False)
    rows = [(e.action, e.subject, e.profile_name, e.result, e.detail) for e in log.entries()]
    assert rows == [
        (
            audit.PROFILE_REMOVED,
            "Shop EU",
            "Shop EU",
            audit.OK,
            "its App Secret could not be deleted from the keyring",
        ),
        (
            audit.SECRET_CHANGED,
            "Shop EU",
            "Shop EU",
            audit.OK,
            "new App Secret kept for this session only",
        ),
        (
            audit.PROFILE_CHANGED,
            "Shop EU",
            "Shop EU",
            audit.OK,
            "changed: name “Shop live” → “Shop EU”; App ID “shop-app” → “eu-app”; answer timeout",
        ),
        (
            audit.PROFILE_ADDED,
            "Shop live",
            "Shop live",
            audit.OK,
            "app shop-app; App Secret kept in the system keyring",
        ),
    ]
    assert {e.profile_id for e in log.entries()} == {SHOP.id}


def test_a_row_that_cannot_be_written_is_held_logged_and_stops_nothing(
    recorder: Recording,
    path: Path,
    notified: list[AuditEntry],
    caplog: pytest.LogCaptureFixture,
) -> None:
    job = refund()
    recorder.submitted(job, SHOP)
    vandal = sqlite3.connect(path)  # as good as a full disk for the next write
    try:
        vandal.execute("DROP TABLE audit_log")
    finally:
        vandal.close()
    recorder.answered(job, RefundResult(BILL_NO, REFUND_NO))  # no exception
    assert len(notified) == 2 and not notified[1].saved  # held, shown
    assert "audit row refund (ok) held, not written" in caplog.text


def test_the_payments_left_unanswered_are_those_of_a_week_no_check_settled_newest_first(
    log: AuditLog, clock: Clock
) -> None:
    def payment(bill_no: str, result: str, action: str = audit.PAYMENT) -> None:
        log.append(
            profile_id="p1",
            profile_name="Shop",
            action=action,
            subject=bill_no,
            result=result,
            amount=1250,
            currency="USD",
        )

    payment("BCWEEKOLD0000001", audit.REQUESTED)  # older than the week: left alone
    clock.now += audit.UNANSWERED_WINDOW_MS + 1
    payment("BCANSWERED000001", audit.REQUESTED)
    payment("BCANSWERED000001", audit.OK)
    payment("BCUNKNOWN0000001", audit.REQUESTED)
    payment("BCUNKNOWN0000001", audit.UNKNOWN)
    payment("BCCHECKED0000001", audit.REQUESTED)
    payment("BCCHECKED0000001", audit.NOT_MADE, audit.PAYMENT_CHECK)
    assert [p.bill_no for p in log.left_unanswered("p1")] == ["BCUNKNOWN0000001"]
    assert log.left_unanswered("p2") == []
    clock.now += 1
    payment("BCNOANSWER000001", audit.REQUESTED)  # the console closed before its answer
    left = [p.bill_no for p in log.left_unanswered("p1")]
    assert left == ["BCNOANSWER000001", "BCUNKNOWN0000001"]


def test_payments_of_the_same_millisecond_are_newest_first_in_the_order_written(
    log: AuditLog, clock: Clock
) -> None:
    """Two payments written in the same millisecond came out oldest first: the one
    taken up as the newest was the older."""
    for bill_no in ("BCSAMEMS00000001", "BCSAMEMS00000002", "BCSAMEMS00000003"):
        log.append(
            profile_id="p1",
            profile_name="Shop",
            action=audit.PAYMENT,
            subject=bill_no,
            result=audit.REQUESTED,
            amount=1250,
            currency="USD",
        )
    left = [p.bill_no for p in log.left_unanswered("p1")]
    assert left == ["BCSAMEMS00000003", "BCSAMEMS00000002", "BCSAMEMS00000001"]


def test_rows_after_the_fact_a_full_disk_refuses_are_held_and_written_in_order_later(
    recorder: Recording, log: AuditLog, clock: Clock, notified: list[AuditEntry]
) -> None:
    """Found with a disk filling after a payment was written down as requested: its
    answer's row was only logged and lost, the log showing the payment as requested
    with no outcome, and nothing said. It is held, shown, and written once there is
    room, with its own time, before any newer row."""
    from tests.file_damage import audit_rows_have_room_again, audit_rows_meet_a_full_disk

    held_counts: list[int] = []
    recorder.recorder.on_held = held_counts.append
    job = card_payment()
    recorder.submitted(job, SHOP)
    audit_rows_meet_a_full_disk(log.database)
    clock.now += 1000
    answer_time = clock.now
    recorder.answered(job, PayResult(BILL_NO, credit_card_id="CARD-X"))
    (held,) = log.held
    assert not held.saved and (held.result, held.time_ms) == (audit.OK, answer_time)
    assert held_counts == [1] and notified[-1] == held
    assert isinstance(log.held_because, StoreError)
    # shown with the rows written, newest first
    assert [(e.result, e.saved) for e in log.entries()] == [
        (audit.OK, False),
        (audit.REQUESTED, True),
    ]
    # a write that must not be held (a payment's request) is refused, the held row kept
    second = card_payment(job_id=3)
    with pytest.raises(StoreError):
        recorder.requested(second, SHOP)
    assert log.held == (held,)
    # a quiet retry on a disk still full changes nothing
    recorder.write_held()
    assert log.held == (held,) and held_counts == [1]
    audit_rows_have_room_again(log.database)
    clock.now += 1000
    recorder.submitted(second, SHOP)  # the next write writes the held row first
    assert log.held == () and held_counts == [1, 0]
    rows = log.database.read("SELECT result, time_ms FROM audit_log ORDER BY id")
    assert rows == [
        (audit.REQUESTED, T0),
        (audit.OK, answer_time),
        (audit.REQUESTED, clock.now),
    ]


def test_rows_held_are_written_by_a_quiet_retry_once_there_is_room(
    recorder: Recording, log: AuditLog
) -> None:
    from tests.file_damage import audit_rows_have_room_again, audit_rows_meet_a_full_disk

    held_counts: list[int] = []
    recorder.recorder.on_held = held_counts.append
    job = refund()
    recorder.submitted(job, SHOP)
    audit_rows_meet_a_full_disk(log.database)
    recorder.answered(job, RefundResult(BILL_NO, REFUND_NO))
    recorder.not_sent(card_payment(), SHOP, ErrorReport("secret", "No secret", "none"))
    assert [e.result for e in log.held] == [audit.OK, "failed: No app secret"]
    audit_rows_have_room_again(log.database)
    recorder.write_held()
    assert log.held == () and held_counts == [1, 2, 0]
    assert [e.result for e in reversed(log.entries())] == [
        audit.REQUESTED,
        audit.OK,
        "failed: No app secret",
    ]


def test_the_look_ups_of_what_became_of_a_payment_see_the_rows_held(
    recorder: Recording, log: AuditLog, clock: Clock
) -> None:
    """Found after rows were held: a payment answered as made while the disk was full
    was still 'requested' to the look-ups (its check, the repeat-payment question, the
    payments left unanswered), which read the database alone. The rows held are newer
    than every row written (a write writes them first), so they are the last word."""
    from tests.file_damage import audit_rows_meet_a_full_disk

    job = card_payment()
    recorder.submitted(job, SHOP)
    audit_rows_meet_a_full_disk(log.database)
    clock.now += 1000
    recorder.answered(job, PayResult(BILL_NO, credit_card_id="CARD-X"))
    assert log.held
    latest = log.latest(SHOP.id, BILL_NO, (audit.PAYMENT, audit.PAYMENT_CHECK))
    assert latest is not None and latest.result == audit.OK and not latest.saved
    assert log.request_row(SHOP.id, BILL_NO, audit.PAYMENT) is not None
    (payment,) = log.recent_payments(SHOP.id, Moment(T0 - 1, "", 0))
    assert payment.result == audit.OK
    assert log.unsettled_payments(SHOP.id) == [] and log.left_unanswered(SHOP.id) == []
    assert log.recent_payments("another", Moment(T0 - 1, "", 0)) == []


@pytest.fixture
def long_log(path: Path) -> Iterator[AuditLog]:
    """A log of 3,000 rows: payments of "shop", one row in 150 of "old", one in 500 a
    profile removed."""
    entries = [
        logged_entry(
            n,
            f"BCSCALE{n:06d}",
            *(("old", "Old shop") if n % 150 == 3 else ("shop", "Shop")),  # one in 150
            action=audit.PROFILE_REMOVED if n % 500 == 7 else audit.PAYMENT,
        )
        for n in range(3_000)
    ]
    made = Database.open(path)
    AuditLog(made).restore(entries)
    made.close()
    log = AuditLog(Database.open(path))
    yield log
    log.database.close()


def steps_of(log: AuditLog, read: Callable[[], Any]) -> tuple[Any, int]:
    """What a read returns, and the steps SQLite took for it, in hundreds."""
    steps = [0]

    def count_steps() -> int:
        steps[0] += 1
        return 0

    log.database._db.set_progress_handler(count_steps, 100)
    try:
        return read(), steps[0]
    finally:
        log.database._db.set_progress_handler(None, 0)


def test_the_tab_s_queries_of_a_long_log_read_only_the_rows_they_return(
    long_log: AuditLog,
) -> None:
    """A busy merchant's log (a million entries): the Audit tab's filter by a rare action
    or by a profile read every row through the time index (0.5 to 0.7 s), and the list
    of profiles, read again at each filter picked, every row of the log (0.25 s), each on
    the GUI thread. Counted in SQLite's steps, they no longer grow with the log."""
    log = long_log
    removed, removed_steps = steps_of(
        log, lambda: log.entries(audit.AuditQuery(action=audit.PROFILE_REMOVED))
    )
    newest_first = (2507, 2007, 1507, 1007, 507, 7)
    assert [row.subject for row in removed] == [f"BCSCALE{n:06d}" for n in newest_first]
    old, old_steps = steps_of(log, lambda: log.entries(audit.AuditQuery(profile_id="old")))
    assert len(old) == 20 and old[0].subject == "BCSCALE002853"
    # the newest of a profile's many (the tab's newest 10,000 of a million)
    shop, shop_steps = steps_of(
        log, lambda: log.entries(audit.AuditQuery(profile_id="shop", limit=5))
    )
    assert [row.subject for row in shop] == [f"BCSCALE{n:06d}" for n in range(2999, 2994, -1)]
    profiles, profiles_steps = steps_of(log, log.profiles)
    assert profiles == [("old", "Old shop"), ("shop", "Shop")]
    # in hundreds of steps: some 2 to 5 each; every row of the log, 150 to 450
    counted = (removed_steps, old_steps, shop_steps, profiles_steps)
    assert max(counted) < 30, counted


def test_the_rows_written_since_the_tab_read_the_log_are_read_by_their_ids(
    long_log: AuditLog,
) -> None:
    """Each row written while the Audit tab is shown brings in those written since it
    read the log (AuditQuery.after_id): the query went through every row of the log by
    time, 70 to 100 ms at a million entries on the GUI thread for each row written (a
    payment, two). A start on the Audit tab that checked 2,500 payments left without an
    answer froze the window three minutes. Read by their ids, they cost as many steps
    as the rows they are, with a filter or without."""
    log = long_log
    newest = log.entries(audit.AuditQuery(limit=1))[0].id
    since, since_steps = steps_of(log, lambda: log.entries(audit.AuditQuery(after_id=newest - 3)))
    assert [row.id for row in since] == [newest, newest - 1, newest - 2]
    paid, paid_steps = steps_of(
        log, lambda: log.entries(audit.AuditQuery(action=audit.PAYMENT, after_id=newest - 3))
    )
    assert paid == since
    # in hundreds of steps: 1 or 2; through every row by time, 120 to 150
    assert max(since_steps, paid_steps) < 10, (since_steps, paid_steps)


def test_the_payments_of_a_recent_while_read_only_that_while_of_a_long_log(
    long_log: AuditLog,
) -> None:
    """The payments of the last minutes or days (AuditLog.recent_payments: the repeat
    asked about before each payment, those left without an answer at each start) read
    every payment the profile ever made, 0.3 s at a million entries on the GUI thread.
    Counted in SQLite's steps, they cost the rows of that while."""
    log = long_log
    start_ms = 1_700_000_000_000 + 3_000 * 1_000
    log.restore(
        [
            AuditEntry(
                id=0,
                time_ms=start_ms + n,
                operator="ada",
                profile_id="shop",
                profile_name="Shop",
                action=audit.PAYMENT,
                subject=f"BCRECENT{n}",
                amount=100,
                currency="USD",
                result=audit.REQUESTED,
                detail="",
                boot_id=boot,
                since_boot_ms=since_boot_ms,
            )
            for n, boot, since_boot_ms in (
                (1, "boot-before", 70_000),  # another boot's: by the wall clock
                (2, "boot-now", 4_000),  # before the while by this boot's clock
                (3, "boot-now", 6_000),
                (-5_000, "boot-now", 7_000),  # the wall clock set back since
            )
        ]
    )
    since = Moment(start_ms, "boot-now", 5_000)
    found, found_steps = steps_of(log, lambda: log.recent_payments("shop", since))
    assert [payment.bill_no for payment in found] == ["BCRECENT3", "BCRECENT1", "BCRECENT-5000"]
    assert found_steps < 10, found_steps  # in hundreds; every payment of the profile, 150
