"""The ways a call can fail, each with what a person needs to know."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from console.api.codes import describe
from console.api.reason_templates import NOT_BEECLOUD, NOT_JSON
from console.api.validate import Problem


class BeeCloudError(Exception):
    """Base of every error the client raises."""


class ValidationError(BeeCloudError):
    """The request was refused before sending: every problem, field by field."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        lines = "; ".join(f"{p.field}: {p.message}" for p in self.problems)
        super().__init__(f"The request has {len(self.problems)} problem(s): {lines}")

    def for_field(self, field: str) -> list[str]:
        return [p.message for p in self.problems if p.field == field]


class ApiError(BeeCloudError):
    """BeeCloud answered with a non-zero result code. `clock_offset_s`: how far the
    server's clock was from this computer's (console/api/clock.py), None if unknown."""

    def __init__(self, code: int, msg: str, detail: str, clock_offset_s: int | None = None) -> None:
        self.code = code
        self.msg = msg
        self.detail = detail
        self.clock_offset_s = clock_offset_s
        info = describe(code)
        self.english = info.english
        self.chinese = info.chinese
        text = f"{code} {msg}: {info.english} / {info.chinese}"
        super().__init__(f"{text} ({detail})" if detail else text)


class HostFailure(NamedTuple):
    host: str
    reason: str
    # the host answered, but with nothing usable (an error page, a redirect, too much)
    answered: bool = False
    # False: the client sent it nothing, by its own choice (an address refused, a CA
    # bundle gone, a TLS certificate not trusted, the client closed)
    asked: bool = True
    # what it said, in its own words, when it refused outside BeeCloud's envelope
    # (console/api/reasons.py said): text that can be shown, "" when none
    said: str = ""
    # it was busy (429, 503) or still asked to wait: the seconds it is left alone (what
    # it asked for, console/api/rests.py LONGEST_REST_S at most; 0: it named no time);
    # None when it was not busy
    busy_s: int | None = None


class TransportError(BeeCloudError):
    """No host gave a usable answer; says which hosts were tried and what each did.
    `answered`: one of them did answer (an error page, a redirect): it was reached.
    `asked`: one of them was asked at all (else the client refused to send anything)."""

    def __init__(self, failures: Sequence[HostFailure]) -> None:
        self.failures = list(failures)
        tried = "; ".join(f"{f.host} ({f.reason})" for f in self.failures)
        if self.answered:
            super().__init__(f"No BeeCloud server gave a usable answer. Tried: {tried}")
        elif not self.asked:
            super().__init__(f"No BeeCloud server was asked: {tried}")
        else:
            super().__init__(f"No BeeCloud server could be reached. Tried: {tried}")

    @property
    def answered(self) -> bool:
        return any(failure.answered for failure in self.failures)

    @property
    def asked(self) -> bool:
        """Whether a host may have been sent something (said so of no host at all)."""
        return not self.failures or any(failure.asked for failure in self.failures)

    @property
    def busy_s(self) -> int | None:
        """When every host was busy (429, 503) or asked to wait: the shortest wait one
        named (0: one named none), after which the next call can be answered (the client
        asks each host whose rest is over, and one answer is enough); None when one failed
        otherwise."""
        waits = [failure.busy_s for failure in self.failures]
        if not waits or None in waits:
            return None
        return min(wait for wait in waits if wait is not None)

    @property
    def hosts_tried(self) -> list[str]:
        return [f.host for f in self.failures]


class ClientClosedError(TransportError):
    """The client was closed or aborted (BeeCloudClient.abort): it sends nothing more."""


class BadAnswerError(BeeCloudError):
    """The server answered, but not with a BeeCloud JSON object."""

    def __init__(
        self, host: str, status: int, content_type: str, snippet: str, said: str = ""
    ) -> None:
        self.host = host
        self.status = status
        self.content_type = content_type
        self.snippet = snippet
        self.said = said  # its own words, as HostFailure.said
        self.is_html = "html" in content_type.lower() or snippet.lstrip().startswith("<")
        # what the host did, after its address (as HostFailure.reason)
        # not JSON, JSON of another shape, or records that cannot be true
        self.reason = (NOT_JSON if self.is_html else NOT_BEECLOUD).format(status=status)
        super().__init__(f"{host} {self.reason}.")


class FilterIgnoredError(BadAnswerError):
    """Asked for one record by its number, the server listed another: it ignores the
    number's filter (it lists its newest records), so its answer says nothing about
    that number, not even that there is none."""


class CountUnavailableError(BeeCloudError):
    """A host answered a count (GET /2/rest/bills/count, /2/rest/refunds/count), but
    not with one: the path is unknown there (404), an HTML page, a non-zero result
    code, or a count that is missing, negative or not an integer. The server does not
    count; whoever asked works without (the history mirror's sync does)."""

    def __init__(self, host: str, reason: str) -> None:
        self.host = host
        self.reason = reason
        super().__init__(f"{host} gives no count: {reason}")


class PagingError(BeeCloudError):
    """A list's page was full of records already listed: the server does not page its
    answers (it ignores `skip`), so the list cannot be read to its end. Taken as the
    end it would lose every record past it; walked on, it would never end."""

    def __init__(self, what: str, page: int) -> None:
        self.what = what  # "bills" or "refunds"
        self.page = page  # counted from 1
        super().__init__(
            f"The server listed page {page} of {what} with only {what} it had listed "
            "before: it does not page its lists, so they cannot be read to the end."
        )


class ListContradictionError(BeeCloudError):
    """A list gave one number to two records: a page listed it twice, or a later page
    listed it again with what never changes of a record (its time, its amount, a
    refund's bill) changed. Which one is true, no answer says: neither is kept."""

    def __init__(self, what: str, page: int, number: str) -> None:
        self.what = what  # "bills" or "refunds"
        self.page = page  # counted from 1: where the second one was listed
        self.number = number  # the bill_no or refund_no given twice
        super().__init__(
            f"The server listed two different {what} numbered {number} (the second on "
            f"page {page}): its lists contradict themselves."
        )


class UnreadableRecordError(BeeCloudError):
    """A list's page held a row that cannot be read as a record (a field missing, an
    amount or a time out of range, a number BeeCloud does not make): what it says cannot
    be true. A walk that leaves such rows out goes on without it (console/api/paging.py);
    `number` is its bill_no or refund_no when that can be read (else None)."""

    def __init__(
        self,
        what: str,
        page: int,
        index: int,
        number: str | None,
        created_time: int | None,
        reason: str,
    ) -> None:
        self.what = what  # "bills" or "refunds"
        self.page = page  # counted from 1
        self.index = index  # its place on the page, from 0
        self.number = number
        self.created_time = created_time
        self.reason = reason
        named = f" numbered {number}" if number else ""
        super().__init__(
            f"The server listed row {index + 1} of page {page} of {what}{named} in a form "
            f"that cannot be read ({reason})."
        )


class RefundBillMismatchError(BeeCloudError):
    """A refund listed as made from a bill of another amount (its `total_fee`) than its
    bill is listed at: one of the two answers lies, and no answer says which. A refund
    is of its bill's whole amount or part of it, never of more; the history leaves out
    the record whose listing disagrees with what it holds, and forgets the one it held
    of that number. Amounts in hundredths; `currency` the bill's, when known."""

    def __init__(
        self, refund_no: str, bill_no: str, stated: int, total: int, currency: str | None
    ) -> None:
        self.refund_no = refund_no
        self.bill_no = bill_no
        self.stated = stated  # the refund's total_fee
        self.total = total  # the bill's total_fee
        self.currency = currency
        super().__init__(
            f"The server lists refund {refund_no} as made from a bill of {stated} hundredths, "
            f"but bill {bill_no} as {total}: its lists contradict themselves."
        )


class RefundsExceedBillError(RefundBillMismatchError):
    """A refund among successful refunds of one bill that together refund more than the
    bill (`refunded` of its `total`): each alone can be true, not all of them, and no
    answer says which lies. BeeCloud makes one successful refund per bill (NOTES.md);
    several partial ones a server may list are kept while they add up to no more than
    the bill. Kept, the Overview counted the bill's money back more than once, a net
    below nothing from one payment. Amounts in hundredths; `currency` the bill's."""

    def __init__(
        self, refund_no: str, bill_no: str, refunded: int, total: int, currency: str | None
    ) -> None:
        super().__init__(refund_no, bill_no, refunded, total, currency)
        self.refunded = refunded  # the bill's successful refunds, added up
        self.args = (
            f"The server lists successful refunds of bill {bill_no} that refund {refunded} "
            f"hundredths of its {total}, refund {refund_no} among them: its lists contradict "
            "themselves.",
        )


class ListOverrunError(BeeCloudError):
    """A list went on far past the server's own count of its range, every record of
    that range: its lists do not end (a bug, or a lie), and read on they would fill
    the history and the memory without end."""

    def __init__(self, what: str, listed: int, counted: int) -> None:
        self.what = what  # "bills" or "refunds"
        self.listed = listed
        self.counted = counted
        super().__init__(
            f"The server listed {listed} {what} of a range it counts {counted} in, and went "
            "on: its lists do not end, so they cannot be read to the end."
        )


class OutcomeUnknownError(BeeCloudError):
    """A payment or refund may have reached the server, but no answer came back.

    It is never re-sent blindly: query by bill_no / refund_no to learn what happened.
    """

    def __init__(
        self,
        operation: str,
        host: str,
        reason: str,
        bill_no: str,
        refund_no: str | None = None,
        said: str = "",
    ) -> None:
        self.said = said  # the host's own words, as HostFailure.said
        self.operation = operation
        self.host = host
        self.reason = reason
        self.bill_no = bill_no
        self.refund_no = refund_no
        subject = (
            f"the refund {refund_no} of bill {bill_no}"
            if refund_no
            else f"the payment of bill {bill_no}"
        )
        super().__init__(
            f"The outcome of {subject} is unknown: {host} {reason}. "
            "Check it with a query before trying again."
        )
