"""The BeeCloud client: signs, sends and parses, with a host pool and failover.

Safety rules:
- A host that cannot be reached (nothing of the request was sent) is skipped
  for the next one, for every kind of call.
- A host with a problem (hosts.host_problem: plain http:// to anything but a
  loopback address, user:pass@, a query...) is never sent anything.
- A redirect is never followed, so nothing is ever sent to an address outside
  the client's hosts.
- A GET query may also be asked again of another host after a timeout, a 5xx, a
  redirect, an answer larger than MAX_ANSWER_BYTES or a cut at its deadline.
- A POST (payment, refund) is never re-sent once it may have reached a server:
  that raises OutcomeUnknownError carrying its bill_no / refund_no.
- A host that answered 429 or 503 (busy, down for maintenance) failed, for a query
  as a 5xx; one that said how long to wait (Retry-After) is sent nothing more until
  then (console/api/rests.py). A 401 or 403 outside BeeCloud's envelope (a gateway's
  or a firewall's refusal) is a failed host too.
- No request outlives connect timeout + read timeout + DEADLINE_MARGIN_S, and
  abort() ends every call in progress at once (console/api/transport.py).
"""

from __future__ import annotations

import json
import logging
import os
import random
import threading
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from console.api.ca_bundles import MISSING, NO_CERTIFICATE, UNREADABLE, bundle_problem
from console.api.codes import ResultCode
from console.api.deadlines import ABORTED
from console.api.errors import (
    ApiError,
    BadAnswerError,
    ClientClosedError,
    CountUnavailableError,
    FilterIgnoredError,
    HostFailure,
    OutcomeUnknownError,
    TransportError,
    ValidationError,
)
from console.api.hosts import DEFAULT_HOSTS, HOST_MESSAGES, host_problem, normalise_host
from console.api.models import (
    BillQuery,
    BillRecord,
    BillRequest,
    Listed,
    PayResult,
    RefundQuery,
    RefundRecord,
    RefundRequest,
    RefundResult,
    Unreadable,
    shown_text,
)
from console.api.proxies import proxies_for, unusable_proxy
from console.api.reason_templates import (
    CLOSED,
    DENIED,
    NO_CA_BUNDLE,
    NO_CERTIFICATE_IN_CA_BUNDLE,
    NO_CERTIFICATE_IN_ENVIRONMENT_CA_BUNDLE,
    NO_ENVIRONMENT_CA_BUNDLE,
    PROXY_UNUSABLE,
    REFUSED,
    RESTING,
    UNREADABLE_CA_BUNDLE,
    UNREADABLE_ENVIRONMENT_CA_BUNDLE,
)
from console.api.reasons import ASKS_TO_WAIT, DENIES, host_reason, said, untrusted, unusable
from console.api.rests import Rests
from console.api.signing import signature_fields
from console.api.transport import Closed, Cut, HttpAnswer, NotAnswered, TooLarge, Transport
from console.api.validate import (
    CONTROL_CHARACTERS,
    Problem,
    validate_bill,
    validate_bill_query,
    validate_refund,
    validate_refund_query,
)

log = logging.getLogger(__name__)

_Record = TypeVar("_Record", BillRecord, RefundRecord)  # find_bill's or find_refund's

PAY_PATH = "/1/rest/international/bill"
REFUND_PATH = "/1/rest/international/refund"
BILLS_PATH = "/1/rest/bills"
REFUNDS_PATH = "/1/rest/refunds"
# The v2 API's counts (the official SDK's; the international document has none). A
# count is a (Java) Integer, as skip and limit are: a larger one is a lie.
MAX_COUNT = 2**31 - 1
BILLS_COUNT_PATH = "/2/rest/bills/count"
REFUNDS_COUNT_PATH = "/2/rest/refunds/count"

SNIPPET_CHARS = 200
# A card id as PayPal's vault makes them ("CARD-5BT058015C739554AKE2GCEI", 29 characters);
# a longer one is no card id.
MAX_CARD_ID_CHARS = 128


@dataclass(frozen=True)
class _Write:
    """A payment or refund: never sent twice, its outcome unknown once it may have
    reached a server without an answer."""

    operation: str
    bill_no: str
    refund_no: str | None

    def unknown(self, host: str, reason: str, said: str = "") -> OutcomeUnknownError:
        return OutcomeUnknownError(self.operation, host, reason, self.bill_no, self.refund_no, said)


class BeeCloudClient:
    """One app's client on one keep-alive requests.Session (console/api/transport.py)."""

    def __init__(
        self,
        app_id: str,
        app_secret: str,
        hosts: Sequence[str] | None = None,
        *,
        connect_timeout: float = 5.0,
        read_timeout: float = 20.0,
        shuffle: bool = True,
        ca_bundle: str | None = None,
        rng: random.Random | None = None,
        master_secret: str | None = None,
        rests: Rests | None = None,
    ) -> None:
        """`master_secret`, when given (an empty one counts as none), signs refunds, as
        BeeCloud's v2 API and its official SDK do; payments and queries are always
        signed with the app secret. Both stay private: no repr or log shows them."""
        self.app_id = app_id
        self.__secret = app_secret
        self.__master_secret = master_secret or None
        pool = [normalise_host(host) for host in (hosts or DEFAULT_HOSTS)]
        if shuffle:
            (rng or random.Random()).shuffle(pool)
        self.hosts: list[str] = pool
        self.timeout = (connect_timeout, read_timeout)
        # Passed with every request: a Session's own `verify` loses to REQUESTS_CA_BUNDLE
        # or CURL_CA_BUNDLE in the environment (psf/requests#4650), which would ignore the
        # profile's CA bundle. Verification itself is never switched off.
        self.verify: str | bool = ca_bundle or True
        # The environment is read once, here, by requests' own rules, instead of by
        # requests on every call (two scans of os.environ and a look for ~/.netrc each
        # time: a fifth of the client's CPU in a bulk load). The profile's CA bundle
        # still wins over REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE, which still apply
        # without one; proxy variables apply per host, no_proxy included, never to a
        # host on this computer (console/api/proxies.py); a ~/.netrc login is never
        # sent (BeeCloud is signed, not logged in to).
        # (variable, path) of the environment's bundle, when the profile names none
        self._environment_bundle = None if ca_bundle else environment_ca_bundle()
        environment_bundle = self._environment_bundle[1] if self._environment_bundle else None
        self._transport = Transport(
            connect_timeout, read_timeout, ca_bundle or environment_bundle or True
        )
        self.session = self._transport.session
        self.session.verify = self.verify
        self._proxies = {host: proxies_for(host) for host in pool}
        self._refusals: dict[str, str | None] = {}  # by host: why nothing is sent to it
        self._rests = rests or Rests()  # hosts that asked to wait (shared with clones)
        self._lock = threading.Lock()
        self._clones: weakref.WeakSet[BeeCloudClient] = weakref.WeakSet()

    def __repr__(self) -> str:
        return f"BeeCloudClient(app_id={self.app_id!r}, hosts={self.hosts!r})"

    @property
    def closed(self) -> bool:
        """Closed or aborted: every later call raises ClientClosedError."""
        return self._transport.closed

    def close(self) -> None:
        """Close the idle connections; the client sends nothing more (a call in
        progress on another thread ends as it would have)."""
        self._transport.close()

    def abort(self) -> None:
        """End every call in progress at once, from any thread, on this client and on
        every clone made from it, and refuse every later call: the console's way out
        at shutdown, so that closing the window never waits on a stuck call.

        A payment or refund in progress then raises OutcomeUnknownError (or
        ClientClosedError when nothing of it had been sent yet); a query raises
        ClientClosedError, a TransportError, and is not asked of another host.
        """
        self._transport.abort()
        with self._lock:
            clones = list(self._clones)
        for clone in clones:
            clone.abort()

    def clone(self) -> BeeCloudClient:
        """The same app, secrets, timeouts, CA bundle and hosts (in their present order,
        not shuffled again) on a Session of its own: a client for another thread, since
        a requests.Session is not guaranteed thread-safe (console/api/paging.py).
        Aborting this client aborts its clones too."""
        with self._lock:
            if self.closed:
                raise closed_error(self.hosts)
            made = BeeCloudClient(
                self.app_id,
                self.__secret,
                self.hosts,
                connect_timeout=self.timeout[0],
                read_timeout=self.timeout[1],
                shuffle=False,
                ca_bundle=self.verify if isinstance(self.verify, str) else None,
                master_secret=self.__master_secret,
                rests=self._rests,
            )
            self._clones.add(made)
        return made

    # -- operations ---------------------------------------------------------

    def pay(self, request: BillRequest) -> PayResult:
        wire = request.to_wire()
        self._refuse_invalid(validate_bill(wire))
        write = _Write("payment", request.bill_no, None)
        answer = self._send("POST", PAY_PATH, write, body=self._signed(wire, self.__secret))
        return PayResult(
            bill_no=request.bill_no,
            id=_optional_text(answer, "id"),
            url=_optional_text(answer, "url"),
            credit_card_id=_card_id(answer, request),
        )

    def refund(self, request: RefundRequest) -> RefundResult:
        """Signed with the master secret when the client has one. A refund_fee that is
        not whole units of its currency (HUF, JPY, TWD) is refused before sending."""
        wire = request.to_wire()
        self._refuse_invalid(validate_refund(wire, currency=request.amount.currency))
        write = _Write("refund", request.bill_no, request.refund_no)
        secret = self.__master_secret or self.__secret
        answer = self._send("POST", REFUND_PATH, write, body=self._signed(wire, secret))
        return RefundResult(request.bill_no, request.refund_no, _optional_text(answer, "url"))

    def query_bills(self, query: BillQuery) -> list[BillRecord]:
        wire = query.to_wire()
        self._refuse_invalid(validate_bill_query(wire))
        return self._records(BILLS_PATH, wire, "bills", BillRecord.from_wire)

    def query_refunds(self, query: RefundQuery) -> list[RefundRecord]:
        wire = query.to_wire()
        self._refuse_invalid(validate_refund_query(wire))
        return self._records(REFUNDS_PATH, wire, "refunds", RefundRecord.from_wire)

    def list_bills(self, query: BillQuery) -> Listed[BillRecord]:
        """As query_bills, but a row of the answer that cannot be read as a bill does not
        fail it: it is left out and said (Listed.unreadable), and the answer's length is
        still that of its list (Listed.rows), for paging."""
        wire = query.to_wire()
        self._refuse_invalid(validate_bill_query(wire))
        rows = self._rows(BILLS_PATH, wire, "bills")
        return _listed(rows, BillRecord.from_wire, "bill_no")

    def list_refunds(self, query: RefundQuery) -> Listed[RefundRecord]:
        """As list_bills, for refunds."""
        wire = query.to_wire()
        self._refuse_invalid(validate_refund_query(wire))
        rows = self._rows(REFUNDS_PATH, wire, "refunds")
        return _listed(rows, RefundRecord.from_wire, "refund_no")

    def count_bills(self, query: BillQuery) -> int:
        """How many bills match the query's filters: GET /2/rest/bills/count (skip and
        limit are not sent; a count ignores them). Signed, bounded by the deadline and
        the answer size, never redirected and failed over like query_bills, and it
        raises what query_bills raises (ValidationError, TransportError,
        ClientClosedError), except that a host answering anything but a count raises
        CountUnavailableError: the server does not count, and the caller goes on
        without (a 5xx or a redirect is a failed host, as for any query)."""
        wire = query.to_wire()
        self._refuse_invalid(validate_bill_query(wire))
        return self._count(BILLS_COUNT_PATH, wire)

    def count_refunds(self, query: RefundQuery) -> int:
        """How many refunds match the query's filters: GET /2/rest/refunds/count, as
        count_bills."""
        wire = query.to_wire()
        self._refuse_invalid(validate_refund_query(wire))
        return self._count(REFUNDS_COUNT_PATH, wire)

    def find_bill(self, bill_no: str) -> BillRecord | None:
        """The bill of this number; None when the server lists none, or answers that it
        has none (8 NO_SUCH_BILL, where the API lists none)."""
        return self._the_one(self.query_bills(BillQuery(bill_no=bill_no)), "bill_no", bill_no)

    def find_refund(self, refund_no: str) -> RefundRecord | None:
        """The truth about one refund, e.g. after OutcomeUnknownError; None when the
        server lists none, or answers that it has none (13 NO_SUCH_REFUND, where the API
        lists none)."""
        found = self.query_refunds(RefundQuery(refund_no=refund_no))
        return self._the_one(found, "refund_no", refund_no)

    def _the_one(self, found: list[_Record], field: str, number: str) -> _Record | None:
        """The record of the number asked for. A server that lists any other ignores
        the filter (it lists its newest records): its answer says nothing about this
        number, not even that there is none, so it is a bad answer. So is one that lists
        the number as two different records: no answer says which is true."""
        others = [record for record in found if getattr(record, field) != number]
        if others:
            raise FilterIgnoredError(
                self.hosts[0],
                200,
                "application/json",
                f"asked for {field} {number}, it listed {getattr(others[0], field)}",
            )
        if any(record != found[0] for record in found):
            raise BadAnswerError(
                self.hosts[0], 200, "application/json", f"it listed {number} as two records"
            )
        return found[0] if found else None

    # -- transport ----------------------------------------------------------

    @staticmethod
    def _refuse_invalid(problems: list[Problem]) -> None:
        if problems:
            raise ValidationError(problems)

    def _refuse_unusable_ca_bundle(self) -> None:
        """A profile's CA bundle that is gone, cannot be read or holds no certificate: say
        so for every host; nothing is sent."""
        if not isinstance(self.verify, str):
            return
        problem = bundle_problem(self.verify) if os.path.isfile(self.verify) else MISSING
        if problem is not None:
            reason = _PROFILE_BUNDLE_REASONS[problem].format(path=self.verify)
            raise TransportError([HostFailure(host, reason, asked=False) for host in self.hosts])

    def _unusable_environment_bundle(self, host: str) -> str | None:
        """Why nothing is sent to an https host when the environment's CA bundle is gone
        (requests would raise an OSError), cannot be read or holds no certificate; None
        when it can be used (a file of certificates, or a folder of them, as requests
        takes), or is not needed."""
        if self._environment_bundle is None or not host.startswith("https://"):
            return None
        variable, path = self._environment_bundle
        problem = bundle_problem(path)
        if problem is None:
            return None
        return _ENVIRONMENT_BUNDLE_REASONS[problem].format(path=path, variable=variable)

    def _refusal(self, host: str) -> str | None:
        """Why nothing may be sent to this host (hosts.host_problem, or a proxy that
        cannot be used: proxies.unusable_proxy), or None."""
        if host not in self._refusals:
            problem = host_problem(host)
            proxy = None if problem else unusable_proxy(host, self._proxies_for(host))
            self._refusals[host] = (
                REFUSED.format(problem=HOST_MESSAGES[problem])
                if problem
                else PROXY_UNUSABLE.format(proxy=proxy)
                if proxy
                else None
            )
        return self._refusals[host]

    def _signed(self, wire: Mapping[str, Any], secret: str) -> dict[str, Any]:
        return {**signature_fields(self.app_id, secret), **wire}

    def _send(
        self,
        method: str,
        path: str,
        write: _Write | None,
        *,
        params: dict[str, str] | None = None,
        body: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """The answer of the first host that gives one. A payment or refund (`write`)
        goes to the next host only when the one before surely got none of it."""
        hosts = self._host_order()
        if self.closed:
            raise closed_error(hosts)
        self._refuse_unusable_ca_bundle()
        failures: list[HostFailure] = []
        for index, host in enumerate(hosts):
            refusal = self._refusal(host) or self._unusable_environment_bundle(host)
            resting = self._rests.left_s(host)
            if refusal is None and resting is not None:
                rest = RESTING.format(seconds=resting)
                failures.append(HostFailure(host, rest, asked=False, busy_s=resting))
                continue
            if refusal is not None:
                failures.append(HostFailure(host, refusal, asked=False))
                continue
            try:
                answer = self._transport.send(
                    method, host + path, self._proxies_for(host), params=params, body=body
                )
            except Closed as error:  # closed or aborted since the last host
                raise closed_error(hosts[index:], failures) from error
            except NotAnswered as failure:
                reason = host_reason(failure, self._transport.deadline_s)
                if write is not None and failure.sent:
                    log.error("%s %s to %s: outcome unknown (%s)", method, path, host, reason)
                    raise write.unknown(host, reason) from failure
                failures.append(
                    HostFailure(
                        host, reason, isinstance(failure, TooLarge), asked=not untrusted(failure)
                    )
                )
                if isinstance(failure, Cut) and failure.why == ABORTED:
                    raise ClientClosedError(failures) from failure
                log.warning(
                    "%s %s: %s failed (%s), trying the next host", method, path, host, reason
                )
                continue
            if write is not None:
                self._prefer(host)  # it answered; even a broken answer means it is there
            problem = unusable(answer)
            if answer.status in ASKS_TO_WAIT and answer.retry_after_s is not None:
                self._rests.rest(host, answer.retry_after_s)
            if problem is None and answer.status in DENIES and not _enveloped(answer):
                problem = DENIED.format(status=answer.status)
            if problem is not None:
                if write is not None:
                    log.error("%s %s to %s: outcome unknown (%s)", method, path, host, problem)
                    raise write.unknown(host, problem, said(answer))
                # busy: how long it is left alone (its ask, LONGEST_REST_S at most: Rests)
                busy = (self._rests.left_s(host) or 0) if answer.status in ASKS_TO_WAIT else None
                failures.append(
                    HostFailure(host, problem, answered=True, said=said(answer), busy_s=busy)
                )
                log.warning("%s %s: %s %s, trying the next host", method, path, host, problem)
                continue
            self._prefer(host)
            try:
                return _api_answer(host, answer, write=write is not None)
            except BadAnswerError as error:
                if write is None:
                    raise
                raise write.unknown(host, error.reason, error.said) from error
        raise TransportError(failures)

    def _records(
        self,
        path: str,
        wire: Mapping[str, Any],
        key: str,
        parse: Callable[[Mapping[str, Any]], Any],
    ) -> list[Any]:
        rows = self._rows(path, wire, key)
        try:
            return [parse(row) for row in rows]
        except (KeyError, ValueError, TypeError, AttributeError) as error:
            raise BadAnswerError(self.hosts[0], 200, "application/json", repr(error)) from error

    def _rows(self, path: str, wire: Mapping[str, Any], key: str) -> list[Any]:
        """The list of a list's answer, as it came; none when a list by number is answered
        that there is none (_none_such)."""
        para = json.dumps(
            self._signed(wire, self.__secret), separators=(",", ":"), ensure_ascii=False
        )
        try:
            answer = self._send("GET", path, None, params={"para": para})
        except ApiError as error:
            if error.code != _none_such(key, wire):
                raise
            return []
        rows = answer.get(key)
        if not isinstance(rows, list):
            raise BadAnswerError(self.hosts[0], 200, "application/json", f"no list {key!r}")
        return rows

    def _count(self, path: str, wire: Mapping[str, Any]) -> int:
        filters = {key: value for key, value in wire.items() if key not in ("skip", "limit")}
        para = json.dumps(
            self._signed(filters, self.__secret), separators=(",", ":"), ensure_ascii=False
        )
        try:
            answer = self._send("GET", path, None, params={"para": para})
        except BadAnswerError as error:  # a 404, an HTML page, no JSON object
            raise CountUnavailableError(error.host, error.reason) from error
        except ClientClosedError:
            raise
        except TransportError as error:  # a gateway refuses the count's path (401, 403)
            if error.failures and all(_denied(failure) for failure in error.failures):
                first = error.failures[0]
                raise CountUnavailableError(first.host, first.reason) from error
            raise
        except ApiError as error:
            raise CountUnavailableError(self.hosts[0], f"it answered {error}") from error
        count = answer.get("count")
        if type(count) is not int or not 0 <= count <= MAX_COUNT:
            reason = (
                "its answer has no count" if count is None else f"its count was {repr(count)[:40]}"
            )
            raise CountUnavailableError(self.hosts[0], reason)
        return count

    def _proxies_for(self, host: str) -> dict[str, str]:
        proxies = self._proxies.get(host)
        if proxies is None:  # a host added to the pool later
            proxies = self._proxies[host] = proxies_for(host)
        return proxies

    def _host_order(self) -> list[str]:
        return list(self.hosts)

    def _prefer(self, host: str) -> None:
        """Keep using the host that answered; the ones that failed move behind it."""
        index = self.hosts.index(host)
        if index:
            self.hosts = self.hosts[index:] + self.hosts[:index]


def _listed(rows: list[Any], parse: Callable[[Any], _Record], number_key: str) -> Listed[_Record]:
    """The rows parsed, those that cannot be read left out and said (list_bills)."""
    listed: Listed[_Record] = Listed(len(rows))
    for index, row in enumerate(rows):
        try:
            listed.append(parse(row))
        except (KeyError, ValueError, TypeError, AttributeError) as error:
            listed.unreadable.append(Unreadable.of(index, row, number_key, error))
    return listed


def closed_error(hosts: Sequence[str], tried: Sequence[HostFailure] = ()) -> ClientClosedError:
    """What a closed client answers: the hosts tried before it was closed, then the
    ones it no longer tries."""
    return ClientClosedError([*tried, *(HostFailure(host, CLOSED, asked=False) for host in hosts)])


# Why nothing is sent, by what is wrong with a CA bundle (console/api/ca_bundles.py).
_PROFILE_BUNDLE_REASONS = {
    MISSING: NO_CA_BUNDLE,
    NO_CERTIFICATE: NO_CERTIFICATE_IN_CA_BUNDLE,
    UNREADABLE: UNREADABLE_CA_BUNDLE,
}
_ENVIRONMENT_BUNDLE_REASONS = {
    MISSING: NO_ENVIRONMENT_CA_BUNDLE,
    NO_CERTIFICATE: NO_CERTIFICATE_IN_ENVIRONMENT_CA_BUNDLE,
    UNREADABLE: UNREADABLE_ENVIRONMENT_CA_BUNDLE,
}


def environment_ca_bundle() -> tuple[str, str] | None:
    """The CA bundle the environment names, as requests reads it: (variable, path)."""
    for variable in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        if path := os.environ.get(variable):
            return variable, path
    return None


def _optional_text(answer: Mapping[str, Any], key: str) -> str | None:
    value = answer.get(key)
    return value if isinstance(value, str) and value else None


def _card_id(answer: Mapping[str, Any], request: BillRequest) -> str | None:
    """The card id a card payment was answered with, or None when it cannot be one: one
    holding the card's number (never kept), or text that no saved-card payment could
    carry back (a control character, longer than MAX_CARD_ID_CHARS)."""
    card_id = _optional_text(answer, "credit_card_id")
    if card_id is None:
        return None
    number = request.card.card_number if request.card is not None else None
    if (
        len(card_id) > MAX_CARD_ID_CHARS
        or CONTROL_CHARACTERS.search(card_id)
        or (number and number in card_id)
    ):
        log.warning("bill %s: the answer's card id cannot be one; not kept", request.bill_no)
        return None
    return card_id


def _keys_once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object of keys given once each (json.loads' object_pairs_hook)."""
    made = dict(pairs)
    if len(made) != len(pairs):
        raise ValueError("a key given twice")
    return made


_DENIED_REASONS = frozenset(DENIED.format(status=status) for status in DENIES)


def _denied(failure: HostFailure) -> bool:
    """Whether the host refused access (401, 403 outside BeeCloud's envelope)."""
    return failure.answered and failure.reason in _DENIED_REASONS


def _enveloped(answer: HttpAnswer) -> bool:
    """Whether the answer is in BeeCloud's envelope (a JSON object with a result code)."""
    try:
        decoded = json.loads(answer.body)
    except (ValueError, RecursionError):
        return False
    return isinstance(decoded, dict) and type(decoded.get("result_code")) is int


# The codes a query answers for a number it has no record of: "there is none", as sure
# as an empty list (_api_answer: never with an HTTP error status)
_NONE_SUCH = frozenset({ResultCode.NO_SUCH_BILL, ResultCode.NO_SUCH_REFUND})


def _none_such(key: str, wire: Mapping[str, Any]) -> int | None:
    """The code by which a list filtered by a number may say there is none, instead of
    listing none: 8 NO_SUCH_BILL for bills of a bill_no, 13 NO_SUCH_REFUND for refunds
    of a refund_no or of a bill_no (a bill with no refund yet). None for a list of
    every record, which no such code can end (docs/decisions.md, "None such")."""
    if key == "bills" and "bill_no" in wire:
        return ResultCode.NO_SUCH_BILL
    if key == "refunds" and ("refund_no" in wire or "bill_no" in wire):
        return ResultCode.NO_SUCH_REFUND
    return None


def _api_answer(host: str, answer: HttpAnswer, *, write: bool = False) -> dict[str, Any]:
    """The JSON object of an answer; ApiError for a non-zero result code. A write's answer
    with a key given twice is no answer: parsers differ on which one counts (Python's
    json keeps the last), so "made" or "refused" would be a guess. Nor is any answer that
    says done (0) with an HTTP error status (BeeCloud answers 200): a query's would say
    "no such bill" as surely as a write's says "made"; nor a query's 8 or 13 with one."""
    try:
        decoded = json.loads(answer.body, object_pairs_hook=_keys_once if write else None)
    except (ValueError, RecursionError):  # not JSON (nor UTF-8), or nested beyond reason
        decoded = None
    if not isinstance(decoded, dict) or type(decoded.get("result_code")) is not int:
        raise BadAnswerError(
            host, answer.status, answer.content_type, answer.snippet(SNIPPET_CHARS), said(answer)
        )
    code = decoded["result_code"]
    if not 200 <= answer.status < 300 and (code == 0 or (code in _NONE_SUCH and not write)):
        # done, or a query's "there is none", says an HTTP error
        raise BadAnswerError(
            host, answer.status, answer.content_type, answer.snippet(SNIPPET_CHARS)
        )
    if code != 0:
        raise ApiError(
            code,
            _words(decoded.get("result_msg")),
            _words(decoded.get("err_detail")),
            answer.clock_offset_s,
        )
    return decoded


def _words(value: Any) -> str:
    """A refusal's result_msg or err_detail as text that can be shown; none when it is
    missing or null (NOTES.md: null counts as missing), never the word "None"."""
    return "" if value is None else shown_text(str(value))
