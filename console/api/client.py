"""The BeeCloud client: signs, sends and parses, with a host pool and failover.

Safety rules:
- A host that cannot be reached (the connection was never made) is skipped
  for the next one, for every kind of call.
- A GET query may also be retried on another host after a timeout or a 5xx.
- A POST (payment, refund) is never re-sent once it may have reached a server:
  that raises OutcomeUnknownError carrying its bill_no / refund_no.
"""

from __future__ import annotations

import json
import logging
import os
import random
import ssl
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import requests
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, NewConnectionError

from console.api.errors import (
    ApiError,
    BadAnswerError,
    HostFailure,
    OutcomeUnknownError,
    TransportError,
    ValidationError,
)
from console.api.hosts import DEFAULT_HOSTS, normalise_host
from console.api.models import (
    BillQuery,
    BillRecord,
    BillRequest,
    PayResult,
    RefundQuery,
    RefundRecord,
    RefundRequest,
    RefundResult,
)
from console.api.signing import signature_fields
from console.api.validate import (
    Problem,
    validate_bill,
    validate_bill_query,
    validate_refund,
    validate_refund_query,
)

log = logging.getLogger(__name__)

PAY_PATH = "/1/rest/international/bill"
REFUND_PATH = "/1/rest/international/refund"
BILLS_PATH = "/1/rest/bills"
REFUNDS_PATH = "/1/rest/refunds"

SNIPPET_CHARS = 200


def _never_connected(error: requests.RequestException) -> bool:
    """Whether the request surely never reached the server (safe to send elsewhere)."""
    if isinstance(error, requests.exceptions.ConnectTimeout | requests.exceptions.SSLError):
        return True
    reason = error.args[0] if error.args else None
    if isinstance(reason, MaxRetryError):
        reason = reason.reason
    return isinstance(reason, NewConnectionError | ConnectTimeoutError)


def _tls_problem(error: BaseException) -> str:
    """Why TLS failed, in words, without the URL (a GET's URL carries app_sign)."""
    seen: list[BaseException] = []
    pending: list[object] = [error]
    while pending and len(seen) < 12:
        item = pending.pop()
        if not isinstance(item, BaseException) or item in seen:
            continue
        seen.append(item)
        if isinstance(item, ssl.SSLCertVerificationError):
            detail = item.verify_message or "certificate verify failed"
            return (
                f"refused: its TLS certificate was not trusted ({detail}); nothing was sent. "
                "If this host uses a private CA, name its CA bundle in the profile"
            )
        pending += [*item.args, getattr(item, "reason", None), item.__cause__, item.__context__]
    ssl_errors = [item for item in seen if isinstance(item, ssl.SSLError)]
    detail = next((str(e.reason) for e in ssl_errors if e.reason), "no TLS detail")
    return f"TLS handshake failed ({detail}); nothing was sent"


def _reason(error: requests.RequestException) -> str:
    if isinstance(error, requests.exceptions.SSLError):
        return _tls_problem(error)
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return "did not accept the connection in time"
    if isinstance(error, requests.exceptions.ReadTimeout):
        return "did not answer in time"
    if isinstance(error, requests.exceptions.ConnectionError):
        return (
            "refused or dropped the connection"
            if _never_connected(error)
            else ("dropped the connection before answering")
        )
    return f"request failed ({type(error).__name__})"


class BeeCloudClient:
    """One app's client on one keep-alive requests.Session."""

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
    ) -> None:
        self.app_id = app_id
        self.__secret = app_secret
        pool = [normalise_host(host) for host in (hosts or DEFAULT_HOSTS)]
        if shuffle:
            (rng or random.Random()).shuffle(pool)
        self.hosts: list[str] = pool
        self.timeout = (connect_timeout, read_timeout)
        self.session = requests.Session()
        # Passed with every request: a Session's own `verify` loses to REQUESTS_CA_BUNDLE
        # or CURL_CA_BUNDLE in the environment (psf/requests#4650), which would ignore the
        # profile's CA bundle. Verification itself is never switched off.
        self.verify: str | bool = ca_bundle or True
        self.session.verify = self.verify
        self.session.headers["User-Agent"] = "beecloud-console"
        # The environment is read once, here, by requests' own rules, instead of by
        # requests on every call (two scans of os.environ and a look for ~/.netrc each
        # time: a fifth of the client's CPU in a bulk load). The profile's CA bundle
        # still wins over REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE, which still apply
        # without one; proxy variables apply per host, no_proxy included; a ~/.netrc
        # login is never sent (BeeCloud is signed, not logged in to).
        self.session.trust_env = False
        environment_bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get(
            "CURL_CA_BUNDLE"
        )
        self._send_verify: str | bool = ca_bundle or environment_bundle or True
        self._proxies = {host: requests.utils.get_environ_proxies(host) for host in pool}

    def __repr__(self) -> str:
        return f"BeeCloudClient(app_id={self.app_id!r}, hosts={self.hosts!r})"

    def close(self) -> None:
        self.session.close()

    def clone(self) -> BeeCloudClient:
        """The same app, secret, timeouts, CA bundle and hosts (in their present order,
        not shuffled again) on a Session of its own: a client for another thread, since
        a requests.Session is not guaranteed thread-safe (console/api/paging.py)."""
        return BeeCloudClient(
            self.app_id,
            self.__secret,
            self.hosts,
            connect_timeout=self.timeout[0],
            read_timeout=self.timeout[1],
            shuffle=False,
            ca_bundle=self.verify if isinstance(self.verify, str) else None,
        )

    # -- operations ---------------------------------------------------------

    def pay(self, request: BillRequest) -> PayResult:
        wire = request.to_wire()
        self._refuse_invalid(validate_bill(wire))
        answer = self._post(PAY_PATH, wire, "payment", request.bill_no, None)
        return PayResult(
            bill_no=request.bill_no,
            id=_optional_text(answer, "id"),
            url=_optional_text(answer, "url"),
            credit_card_id=_optional_text(answer, "credit_card_id"),
        )

    def refund(self, request: RefundRequest) -> RefundResult:
        wire = request.to_wire()
        self._refuse_invalid(validate_refund(wire))
        answer = self._post(REFUND_PATH, wire, "refund", request.bill_no, request.refund_no)
        return RefundResult(request.bill_no, request.refund_no, _optional_text(answer, "url"))

    def query_bills(self, query: BillQuery) -> list[BillRecord]:
        wire = query.to_wire()
        self._refuse_invalid(validate_bill_query(wire))
        return self._records(BILLS_PATH, wire, "bills", BillRecord.from_wire)

    def query_refunds(self, query: RefundQuery) -> list[RefundRecord]:
        wire = query.to_wire()
        self._refuse_invalid(validate_refund_query(wire))
        return self._records(REFUNDS_PATH, wire, "refunds", RefundRecord.from_wire)

    def find_bill(self, bill_no: str) -> BillRecord | None:
        found = self.query_bills(BillQuery(bill_no=bill_no))
        return found[0] if found else None

    def find_refund(self, refund_no: str) -> RefundRecord | None:
        """The truth about one refund, e.g. after OutcomeUnknownError."""
        found = self.query_refunds(RefundQuery(refund_no=refund_no))
        return found[0] if found else None

    # -- transport ----------------------------------------------------------

    @staticmethod
    def _refuse_invalid(problems: list[Problem]) -> None:
        if problems:
            raise ValidationError(problems)

    def _refuse_missing_ca_bundle(self) -> None:
        """A profile's CA bundle that is gone: say so for every host; nothing is sent."""
        if isinstance(self.verify, str) and not os.path.isfile(self.verify):
            reason = f"not tried: the CA bundle {self.verify} does not exist; nothing was sent"
            raise TransportError([HostFailure(host, reason) for host in self.hosts])

    def _signed(self, wire: Mapping[str, Any]) -> dict[str, Any]:
        return {**signature_fields(self.app_id, self.__secret), **wire}

    def _post(
        self,
        path: str,
        wire: Mapping[str, Any],
        operation: str,
        bill_no: str,
        refund_no: str | None,
    ) -> dict[str, Any]:
        self._refuse_missing_ca_bundle()
        failures: list[HostFailure] = []
        for host in self._host_order():
            try:
                response = self.session.post(
                    host + path,
                    json=self._signed(wire),
                    timeout=self.timeout,
                    verify=self._send_verify,
                    proxies=self._proxies_for(host),
                )
            except requests.RequestException as error:
                if _never_connected(error):
                    failures.append(HostFailure(host, _reason(error)))
                    log.warning(
                        "POST %s: %s could not be reached, trying the next host", path, host
                    )
                    continue
                log.error("POST %s to %s: outcome unknown (%s)", path, host, type(error).__name__)
                raise OutcomeUnknownError(
                    operation, host, _reason(error), bill_no, refund_no
                ) from error
            self._prefer(host)
            if response.status_code >= 500:
                reason = f"answered HTTP {response.status_code}"
                raise OutcomeUnknownError(operation, host, reason, bill_no, refund_no)
            try:
                return _api_answer(host, response)
            except BadAnswerError as error:
                raise OutcomeUnknownError(
                    operation, host, str(error), bill_no, refund_no
                ) from error
        raise TransportError(failures)

    def _get(self, path: str, wire: Mapping[str, Any]) -> dict[str, Any]:
        self._refuse_missing_ca_bundle()
        failures: list[HostFailure] = []
        para = json.dumps(self._signed(wire), separators=(",", ":"), ensure_ascii=False)
        for host in self._host_order():
            try:
                response = self.session.get(
                    host + path,
                    params={"para": para},
                    timeout=self.timeout,
                    verify=self._send_verify,
                    proxies=self._proxies_for(host),
                )
            except requests.RequestException as error:
                failures.append(HostFailure(host, _reason(error)))
                log.warning(
                    "GET %s: %s failed (%s), trying the next host", path, host, _reason(error)
                )
                continue
            if response.status_code >= 500:
                failures.append(HostFailure(host, f"answered HTTP {response.status_code}"))
                continue
            self._prefer(host)
            return _api_answer(host, response)
        raise TransportError(failures)

    def _records(
        self,
        path: str,
        wire: Mapping[str, Any],
        key: str,
        parse: Callable[[Mapping[str, Any]], Any],
    ) -> list[Any]:
        answer = self._get(path, wire)
        rows = answer.get(key)
        if not isinstance(rows, list):
            raise BadAnswerError(self.hosts[0], 200, "application/json", f"no list {key!r}")
        try:
            return [parse(row) for row in rows]
        except (KeyError, ValueError, TypeError, AttributeError) as error:
            raise BadAnswerError(self.hosts[0], 200, "application/json", repr(error)) from error

    def _proxies_for(self, host: str) -> dict[str, str]:
        proxies = self._proxies.get(host)
        if proxies is None:  # a host added to the pool later
            proxies = self._proxies[host] = requests.utils.get_environ_proxies(host)
        return proxies

    def _host_order(self) -> list[str]:
        return list(self.hosts)

    def _prefer(self, host: str) -> None:
        """Keep using the host that answered; the ones that failed move behind it."""
        index = self.hosts.index(host)
        if index:
            self.hosts = self.hosts[index:] + self.hosts[:index]


def _optional_text(answer: Mapping[str, Any], key: str) -> str | None:
    value = answer.get(key)
    return value if isinstance(value, str) and value else None


def _api_answer(host: str, response: requests.Response) -> dict[str, Any]:
    """The JSON object of an answer; ApiError for a non-zero result code."""
    content_type = response.headers.get("Content-Type", "")
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if not isinstance(answer, dict) or type(answer.get("result_code")) is not int:
        snippet = response.text[:SNIPPET_CHARS]
        raise BadAnswerError(host, response.status_code, content_type, snippet)
    code = answer["result_code"]
    if code != 0:
        raise ApiError(code, str(answer.get("result_msg", "")), str(answer.get("err_detail", "")))
    return answer
