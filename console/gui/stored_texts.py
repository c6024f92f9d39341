"""Texts the console stores and shows later, in the language shown at that later time.

The audit log's detail (and the reason in a "failed: …" result), the refund
journal's detail and the built-in profile's name are written down once and read
back in whatever language the console then speaks. So they are stored as a
stable key and its params (JSON), beside their English text (kept for the log
file and for readers of the database), and rendered here through a table of
templates marked for translation (context "StoredTexts", so pyside6-lupdate
finds them). A row without a key, or one whose params do not fit its template, shows
its stored text.

Params are data and stay as they are (bill numbers, server err_detail text,
result codes, hosts); a few are turned into words when shown:
- "report": an ErrorReport's kind, shown as its title (jobs.REPORT_TITLES);
- "code": a BeeCloud result code, shown as its meaning ("meaning");
- "time_ms": a moment, shown in the locale's date and time ("time");
- "total_fee" or "refund_fee" (hundredths) with "currency": an amount as every amount
  is shown, "USD 12.50" ("amount");
- "problems": the validation problems of a request (field, key, params, message);
- "tried": the hosts a request was tried on, each with what it did ("hosts");
- "changes": the changed fields of a profile ([field] or [field, old, new]);
- "table": a tab's name (console.gui.TAB_NAMES), shown as its title ("table_title");
- "rows": a count, shown with the locale's digit grouping;
- "why": the system's reason a file could not be written, stored in English.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from console.api.channels import CHANNEL_NAMES
from console.api.codes import ResultCode, describe
from console.api.validate import Problem
from console.gui import TAB_TITLES
from console.gui.api_texts import (
    channel_words,
    hosts_tried_text,
    problem_line,
    result_code_text,
)
from console.gui.i18n import datetime_text
from console.gui.jobs import REPORT_TITLES
from console.gui.tables.formatting import amount_with_currency, count_number
from console.store.audit_log import FAILED, AuditEntry, dump_params, result_label
from console.store.database import stored_object
from console.store.refund_journal import JournalEntry
from console.translatable import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

CONTEXT = "StoredTexts"

# -- the built-in profile's name ---------------------------------------------------------

SANDBOX_ID = "sandbox"  # console.gui.profiles.SANDBOX_ID (profiles imports Qt's settings)
SANDBOX_NAME = QT_TRANSLATE_NOOP("StoredTexts", "Sandbox")


def profile_label(profile_id: str, name: str) -> str:
    """A profile's name as shown: the built-in sandbox's in the language shown."""
    return _tr(SANDBOX_NAME) if profile_id == SANDBOX_ID else name


# -- the templates --------------------------------------------------------------------------

TEMPLATES: dict[str, str] = {
    # the audit log: what was asked
    "audit.pay_request": QT_TRANSLATE_NOOP("StoredTexts", "{channel}, title “{title}”"),
    "audit.refund_request": QT_TRANSLATE_NOOP("StoredTexts", "bill {bill_no}"),
    "audit.refund_request_note": QT_TRANSLATE_NOOP("StoredTexts", "bill {bill_no}, note “{note}”"),
    # ... what came back
    "audit.approval_page": QT_TRANSLATE_NOOP(
        "StoredTexts", "approval page made: paid once the payer approves"
    ),
    "audit.no_approval_page": QT_TRANSLATE_NOOP(
        "StoredTexts", "created, but without an approval page's address: no payer can approve it"
    ),
    "audit.paid": QT_TRANSLATE_NOOP("StoredTexts", "paid"),
    "audit.refund_accepted": QT_TRANSLATE_NOOP(
        "StoredTexts", "bill {bill_no}: accepted; made once BeeCloud lists it made"
    ),
    "audit.refused": QT_TRANSLATE_NOOP("StoredTexts", "{meaning}"),
    "audit.refused_detail": QT_TRANSLATE_NOOP("StoredTexts", "{meaning}: {detail}"),
    "audit.problems": QT_TRANSLATE_NOOP("StoredTexts", "{problems}"),
    "audit.no_server": QT_TRANSLATE_NOOP(
        "StoredTexts", "No BeeCloud server could be reached. Tried: {hosts}"
    ),
    "audit.not_asked": QT_TRANSLATE_NOOP("StoredTexts", "No BeeCloud server was asked: {hosts}"),
    "audit.not_sent": QT_TRANSLATE_NOOP("StoredTexts", "nothing was sent: {reason}"),
    "audit.not_sent_no_secret": QT_TRANSLATE_NOOP(
        "StoredTexts",
        "nothing was sent: No app secret is stored for the profile “{name}”. Enter it in "
        "Profiles… first.",
    ),
    "audit.no_answer_from": QT_TRANSLATE_NOOP(
        "StoredTexts", "no valid answer from {host}: check before trying again"
    ),
    "audit.unknown_outcome": QT_TRANSLATE_NOOP(
        "StoredTexts", "{reason}: check before trying again"
    ),
    # ... what a check found
    "audit.check_no_answer": QT_TRANSLATE_NOOP(
        "StoredTexts", "the check got no usable answer: {reason}"
    ),
    "audit.no_such_bill": QT_TRANSLATE_NOOP("StoredTexts", "BeeCloud has no such bill"),
    "audit.no_such_refund": QT_TRANSLATE_NOOP("StoredTexts", "BeeCloud has no such refund"),
    "audit.made_not_listed": QT_TRANSLATE_NOOP(
        "StoredTexts",
        "BeeCloud made this bill for its payer to approve, but does not list it now: "
        "check again later, or ask BeeCloud's support.",
    ),
    "audit.bill_paid": QT_TRANSLATE_NOOP("StoredTexts", "the bill exists and is paid"),
    "audit.bill_unpaid": QT_TRANSLATE_NOOP("StoredTexts", "the bill exists but is not paid yet"),
    "audit.refund_unfinished": QT_TRANSLATE_NOOP(
        "StoredTexts", "bill {bill_no}: BeeCloud has not finished it"
    ),
    "audit.refund_made": QT_TRANSLATE_NOOP("StoredTexts", "bill {bill_no}: the refund was made"),
    "audit.refund_refused": QT_TRANSLATE_NOOP(
        "StoredTexts", "bill {bill_no}: the refund was refused"
    ),
    "audit.unreadable": QT_TRANSLATE_NOOP("StoredTexts", "the answer could not be read"),
    # ... profiles
    "audit.profile_added": QT_TRANSLATE_NOOP("StoredTexts", "app {app_id}"),
    "audit.profile_added_keyring": QT_TRANSLATE_NOOP(
        "StoredTexts", "app {app_id}; App Secret kept in the system keyring"
    ),
    "audit.profile_added_session": QT_TRANSLATE_NOOP(
        "StoredTexts", "app {app_id}; App Secret kept for this session only"
    ),
    "audit.profile_changed": QT_TRANSLATE_NOOP("StoredTexts", "changed: {changes}"),
    "audit.secret_keyring": QT_TRANSLATE_NOOP(
        "StoredTexts", "new App Secret kept in the system keyring"
    ),
    "audit.secret_session": QT_TRANSLATE_NOOP(
        "StoredTexts", "new App Secret kept for this session only"
    ),
    "audit.secret_deleted": QT_TRANSLATE_NOOP("StoredTexts", "its App Secret was deleted"),
    "audit.master_secret_set": QT_TRANSLATE_NOOP(
        "StoredTexts", "a Master Secret for refunds was stored"
    ),
    "audit.master_secret_forgotten": QT_TRANSLATE_NOOP(
        "StoredTexts", "the Master Secret for refunds was forgotten"
    ),
    "audit.secret_not_deleted": QT_TRANSLATE_NOOP(
        "StoredTexts", "its App Secret could not be deleted from the keyring"
    ),
    "audit.refund_dropped": QT_TRANSLATE_NOOP(
        "StoredTexts", "bill {bill_no}: it never reached BeeCloud and will not be sent again"
    ),
    # ... saved cards (the label as the audit log keeps it: audit_log.typed)
    "audit.card_saved": QT_TRANSLATE_NOOP("StoredTexts", "saved as “{label}”"),
    "audit.card_forgotten": QT_TRANSLATE_NOOP("StoredTexts", "“{label}” forgotten"),
    # the refund journal
    "journal.made": QT_TRANSLATE_NOOP("StoredTexts", "BeeCloud answered: made."),
    "journal.found_made": QT_TRANSLATE_NOOP("StoredTexts", "Found at BeeCloud: made on {time}."),
    "journal.listed_refused": QT_TRANSLATE_NOOP("StoredTexts", "BeeCloud lists it as refused."),
    "journal.unfinished": QT_TRANSLATE_NOOP(
        "StoredTexts", "BeeCloud has it but has not finished it yet; check again later."
    ),
    "audit.exported": QT_TRANSLATE_NOOP("StoredTexts", "{table_title} to {path}; rows: {rows}"),
    "audit.export_cancelled": QT_TRANSLATE_NOOP(
        "StoredTexts", "{table_title} to {path}: cancelled, no file was written"
    ),
    "audit.export_failed": QT_TRANSLATE_NOOP(
        "StoredTexts", "{table_title} to {path}: {why}; no file was written"
    ),
    "audit.bill_mismatch": QT_TRANSLATE_NOOP(
        "StoredTexts",
        "BeeCloud lists this bill for {amount}, not what was sent: ask BeeCloud's support.",
    ),
    "journal.mismatch": QT_TRANSLATE_NOOP(
        "StoredTexts",
        "BeeCloud lists this number for bill {bill_no}, {amount}, not what was sent: ask "
        "BeeCloud's support.",
    ),
    "journal.refused": QT_TRANSLATE_NOOP(
        "StoredTexts", "BeeCloud refused it: {code} {result_msg}: {meaning}"
    ),
    "journal.refused_detail": QT_TRANSLATE_NOOP(
        "StoredTexts", "BeeCloud refused it: {code} {result_msg}: {meaning} ({detail})"
    ),
    "journal.resent_refused": QT_TRANSLATE_NOOP(
        "StoredTexts",
        "Sent again, BeeCloud refused the number ({code} {result_msg}: {meaning}); checking.",
    ),
    "journal.resent_refused_detail": QT_TRANSLATE_NOOP(
        "StoredTexts",
        "Sent again, BeeCloud refused the number ({code} {result_msg}: {meaning} ({detail})); "
        "checking.",
    ),
    "journal.resent_invalid": QT_TRANSLATE_NOOP(
        "StoredTexts",
        "Sent again, BeeCloud refused it ({code} {result_msg}: {meaning}) and has no refund "
        "of this number. This one was not made; sent again, it would be refused again.",
    ),
    "journal.resent_invalid_detail": QT_TRANSLATE_NOOP(
        "StoredTexts",
        "Sent again, BeeCloud refused it ({code} {result_msg}: {meaning} ({detail})) and has "
        "no refund of this number. This one was not made; sent again, it would be refused "
        "again.",
    ),
    "journal.bill_has_refund_made": QT_TRANSLATE_NOOP(
        "StoredTexts",
        "Sent again, BeeCloud refused it: the bill already has refund {other_no} of {amount}, "
        "made on {time}. This one was not made; sent again, it would be refused again.",
    ),
    "journal.bill_has_refund_pending": QT_TRANSLATE_NOOP(
        "StoredTexts",
        "Sent again, BeeCloud refused it: the bill already has refund {other_no} of {amount}, "
        "not finished yet. This one was not made; sent again, it would be refused again.",
    ),
    "journal.bill_has_a_refund": QT_TRANSLATE_NOOP(
        "StoredTexts",
        "Sent again, BeeCloud refused it: the bill already has a refund, made or in "
        "progress. This one was not made; sent again, it would be refused again.",
    ),
    "journal.not_sent": QT_TRANSLATE_NOOP(
        "StoredTexts", "Not sent: {reason}. Nothing was refunded."
    ),
    "journal.not_sent_again": QT_TRANSLATE_NOOP(
        "StoredTexts", "Not sent again: {reason}. Nothing was refunded."
    ),
    "journal.no_answer_from": QT_TRANSLATE_NOOP(
        "StoredTexts", "No valid answer came back from {host}."
    ),
    "journal.no_answer": QT_TRANSLATE_NOOP("StoredTexts", "No answer came back."),
    "journal.dropped": QT_TRANSLATE_NOOP(
        "StoredTexts", "Never reached BeeCloud; {operator} chose not to send it again."
    ),
}

# The words of a profile change ("changes"): a field, or a field with its old and new value.
CHANGE_TEMPLATES: dict[str, str] = {
    "name": QT_TRANSLATE_NOOP("StoredTexts", "name “{old}” → “{new}”"),
    "app_id": QT_TRANSLATE_NOOP("StoredTexts", "App ID “{old}” → “{new}”"),
    "hosts": QT_TRANSLATE_NOOP("StoredTexts", "servers"),
    "connect_timeout": QT_TRANSLATE_NOOP("StoredTexts", "connect timeout"),
    "read_timeout": QT_TRANSLATE_NOOP("StoredTexts", "answer timeout"),
    "ca_bundle": QT_TRANSLATE_NOOP("StoredTexts", "CA bundle"),
}
SEPARATOR = QT_TRANSLATE_NOOP("StoredTexts", "; ")  # between the items of a list

# A failed result names its reason by the report's English title: shown translated.
_TITLE_OF_ENGLISH = {english: kind for kind, english in REPORT_TITLES.items()}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


# -- a stored text ------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredText:
    """A key of TEMPLATES and its params (JSON values), with its English text."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.key not in TEMPLATES:
            raise ValueError(f"no stored text {self.key!r}")

    @property
    def english(self) -> str:
        return render(self.key, self.params, english=True)

    def shown(self) -> str:
        return render(self.key, self.params)

    def parts(self) -> tuple[str, str, str]:
        """(English words, key, params as JSON): what the refund journal stores."""
        return self.english, self.key, dump_params(self.params)


def load_params(text: str | None) -> dict[str, Any] | None:
    """The params of a stored text; None when they cannot be read (the text is shown)."""
    return stored_object(text) if text else {}


def render(
    key: str, params: Mapping[str, Any], fallback: str = "", *, english: bool = False
) -> str:
    """The text of a key and its params, in the language shown (or in English); the
    fallback (the stored text) for an unknown key or params that do not fit."""
    template = TEMPLATES.get(key)
    if template is None:
        return fallback
    try:
        values = _words(dict(params), english)
        return (template if english else _tr(template)).format(**values)
    except (KeyError, IndexError, TypeError, ValueError):
        log.warning("the stored text %s does not fit its params", key)
        return fallback


def shown(key: str, params_json: str, stored: str) -> str:
    """What a stored row shows: its key rendered in the language shown, or (a row without
    a key, or one that cannot be rendered) the text it stored."""
    params = load_params(params_json)
    if not key or params is None:
        return stored
    return render(key, params, stored) or stored


def _words(params: dict[str, Any], english: bool) -> dict[str, Any]:
    """The params with the derived ones made: reason, meaning, time, problems, changes."""
    translate = (lambda _context, text: text) if english else QCoreApplication.translate
    kind = params.get("report")
    if kind in REPORT_TITLES:
        params["reason"] = translate("ErrorReport", REPORT_TITLES[kind])
    if "code" in params:
        info = describe(int(params["code"]))
        params["meaning"] = info.english if english else result_code_text(info.code)
    if "channel" in params:  # a payment's channel as a clerk names it (its code, unknown)
        channel = str(params["channel"])
        english_name = CHANNEL_NAMES.get(channel, (channel,))[0]
        params["channel"] = english_name if english else channel_words(channel)
    fee = params.get("total_fee", params.get("refund_fee"))
    if fee is not None:  # an amount listed, in hundredths, and its currency ("" unknown)
        params["amount"] = amount_with_currency(int(fee), params.get("currency") or None)
    if "table" in params:  # a tab's name (TAB_NAMES), shown as its title
        params["table_title"] = translate("MainWindow", TAB_TITLES[params["table"]])
    if "why" in params:  # a system's reason, stored in English (system_texts.REASONS)
        params["why"] = translate("SystemText", str(params["why"]))
    if "rows" in params:  # grouped as amounts are, in either language
        params["rows"] = count_number(int(params["rows"]))
    if "time_ms" in params:
        ms = int(params["time_ms"])
        params["time"] = (
            datetime.fromtimestamp(ms // 1000).strftime("%Y-%m-%d %H:%M:%S")
            if english
            else datetime_text(ms)
        )
    separator = translate(CONTEXT, SEPARATOR)
    if "problems" in params:
        params["problems"] = separator.join(
            _problem_words(item, english) for item in params["problems"]
        )
    if "tried" in params:  # (host, reason) of each host tried, the client's own words
        params["hosts"] = hosts_tried_text(params["tried"], english)
    if "changes" in params:
        params["changes"] = separator.join(
            translate(CONTEXT, CHANGE_TEMPLATES[change[0]]).format(old=change[1], new=change[2])
            if len(change) == 3
            else translate(CONTEXT, CHANGE_TEMPLATES[change[0]])
            for change in params["changes"]
        )
    return params


def problem_params(problem: Problem) -> dict[str, Any]:
    """A validation problem as JSON values."""
    return {
        "field": problem.field,
        "code": int(problem.code),
        "message": problem.message,
        "key": problem.key,
        "params": [[name, value] for name, value in problem.params],
    }


def _problem_words(item: Mapping[str, Any], english: bool) -> str:
    problem = Problem(
        str(item["field"]),
        ResultCode(int(item["code"])),
        str(item["message"]),
        str(item.get("key", "")),
        tuple((str(name), value) for name, value in item.get("params", ())),
    )
    return problem_line(problem, english=english)


# -- a failed result's reason --------------------------------------------------------------


def english_title(kind: str, fallback: str) -> str:
    """The English title of a report of this kind (what a failed result stores)."""
    return REPORT_TITLES.get(kind, fallback)


def result_reason(reason: str) -> str:
    """The reason of a stored "failed: …" result as shown: a report's English title, or
    the system's reason a file could not be written (an export's), in the language
    shown; anything else as stored."""
    kind = _TITLE_OF_ENGLISH.get(reason)
    if kind:
        return QCoreApplication.translate("ErrorReport", REPORT_TITLES[kind])
    return QCoreApplication.translate("SystemText", reason)


# -- what the views show ------------------------------------------------------------------


def audit_result(result: str) -> str:
    """An audit row's result as shown: 'Refused 11 …', 'Failed: No server answered'."""
    stored, _, rest = result.partition("failed: ")
    if stored == "" and rest:
        return QCoreApplication.translate("AuditLog", FAILED).format(reason=result_reason(rest))
    return result_label(result, QCoreApplication.translate)


def audit_detail(entry: AuditEntry) -> str:
    return shown(entry.detail_key, entry.detail_params, entry.detail)


def audit_profile(entry: AuditEntry) -> str:
    return profile_label(entry.profile_id, entry.profile_name)


def journal_detail(entry: JournalEntry) -> str:
    return shown(entry.detail_key, entry.detail_params, entry.detail)
