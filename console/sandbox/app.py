"""The sandbox's Flask application: routes, request decoding and JSON errors.

Whatever a request carries, the answer is JSON with a status below 500: API
answers (errors included) are HTTP 200, an unknown path 404, a wrong method
405, an oversized body 413, a body in a Content-Encoding other than identity
or an API write that is not JSON 415, a Host that is not the sandbox's 421, an
approval decision posted from another site's page 403, and an unexpected
exception is logged and answered 200 with 14 RUNTIME_ERROR. Why a web page may
not write, read or decide: console/sandbox/origins.py.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, quote

from flask import Flask, Response, abort, jsonify, redirect, request
from werkzeug.exceptions import (
    Forbidden,
    HTTPException,
    MethodNotAllowed,
    MisdirectedRequest,
    UnsupportedMediaType,
)
from werkzeug.wrappers import Response as BaseResponse  # what redirect() makes

from console.api.codes import ResultCode
from console.sandbox.approval import (
    ACTIONS,
    is_returned_bill_no,
    render_approval_page,
    render_foreign_return_page,
    render_return_page,
)
from console.sandbox.origins import from_another_site, host_is_served
from console.sandbox.service import (
    APPROVAL_PATH,
    RETURN_PATH,
    Answer,
    ApprovalExpired,
    Refusal,
    SandboxService,
    answer,
)
from console.sandbox.store import REPLACED, Bill, store_trouble

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"

Operation = Callable[[dict[str, Any]], Answer]


# A page of the sandbox's is never shown in another site's frame (a click there would
# approve a bill: clickjacking), nor read as another type than it is, nor kept by the
# browser: a kept approval page came back on Back with Pay now and Cancel after the
# payer had decided, and kept its token on a shared computer's disk.
PAGE_HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


def html_page(page: str) -> Response:
    response = Response(page, mimetype="text/html", content_type="text/html; charset=utf-8")
    response.headers.update(PAGE_HEADERS)
    return response


def expired_page(bill: Bill) -> Response:
    """410 Gone: the bill's approval page expired undecided; nothing was paid."""
    response = html_page(render_approval_page(bill, "", expired=True))
    response.status_code = 410
    return response


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


# Far more than any field takes (an amount or a time has at most 13): a longer number is
# refused by its length before Python's own limit (4,300 digits) speaks of itself.
NUMBER_DIGITS_MAX = 1_000


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > NUMBER_DIGITS_MAX:
        raise ValueError(f"a number in it has more than {NUMBER_DIGITS_MAX:,} digits.")
    return int(digits)


def _reject_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("a key appears twice in one object")
    return result


def _holds_invalid_text(value: Any) -> bool:
    """Whether any string (key or value) holds a lone surrogate, which is not Unicode."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
    return False


def json_object(text: str, what: str) -> dict[str, Any]:
    """A JSON object decoded strictly; raises Refusal (5 PARAM_INVALID) otherwise."""
    try:
        value = json.loads(
            text,
            parse_constant=_reject_constant,
            parse_int=_bounded_int,
            object_pairs_hook=_reject_repeated_keys,
        )
    except ValueError as error:
        raise Refusal(ResultCode.PARAM_INVALID, f"{what} is not valid JSON: {error}") from None
    except RecursionError:
        raise Refusal(
            ResultCode.PARAM_INVALID,
            f"{what} is not valid JSON: it is nested more deeply than any request.",
        ) from None
    if not isinstance(value, dict):
        raise Refusal(ResultCode.PARAM_INVALID, f"{what} must be a JSON object.")
    if _holds_invalid_text(value):
        raise Refusal(ResultCode.PARAM_INVALID, f"{what} holds text that is not valid Unicode.")
    return value


def body_object(raw: bytes) -> dict[str, Any]:
    """A POST body: UTF-8 JSON text holding one object (whatever the Content-Type says)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Refusal(ResultCode.PARAM_INVALID, "The body is not UTF-8 text.") from None
    return json_object(text, "The body")


def para_object(query_string: bytes) -> dict[str, Any]:
    """A GET query's one parameter `para`, URL-encoded JSON (quote or quote_plus)."""
    try:
        pairs = parse_qsl(query_string.decode("utf-8"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise Refusal(ResultCode.PARAM_INVALID, "The query string is not UTF-8 text.") from None
    values = [value for key, value in pairs if key == "para"]
    if not values:
        raise Refusal(ResultCode.MISS_PARAM, "para: para is required.")
    if len(values) > 1:
        raise Refusal(ResultCode.PARAM_INVALID, "para: give para once.")
    return json_object(values[0], "para")


def refuse_encoded_body(content_encoding: str | None) -> None:
    """Raise 415 unless the body comes as it is: bodies are never decoded, and read as
    plain JSON (or a form) a gzip body would be nonsense, a plain one mislabelled."""
    codings = [part.strip().lower() for part in (content_encoding or "").split(",")]
    if any(coding not in ("", "identity") for coding in codings):
        raise UnsupportedMediaType(
            f"Content-Encoding {content_encoding!r} is not read: send the body as it is (identity)."
        )


def refuse_unless_json(mimetype: str) -> None:
    """Raise 415 unless an API write says it is JSON: a page of another site can send
    text/plain, a form or no type to the sandbox without asking first, never JSON."""
    if mimetype != "application/json":
        raise UnsupportedMediaType(
            "A payment or refund is taken only as JSON: send it with"
            " Content-Type: application/json."
        )


def _error_name(error: HTTPException) -> str:
    return (error.name or "error").upper().replace(" ", "_")


def create_app(
    service: SandboxService,
    public_url: Callable[[], str],
    served_hosts: Callable[[], frozenset[str]],
) -> Flask:
    """`public_url` says where browsers reach the server (its PayPal approval links'
    base): the server's own address, never a request's Host header. `served_hosts`:
    the Host headers it answers (console/sandbox/origins.py)."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES

    @app.before_request
    def refuse_other_hosts() -> None:
        if not host_is_served(request.headers.get("Host"), served_hosts()):
            raise MisdirectedRequest(
                f"This sandbox answers only requests addressed to it, at {public_url()}"
                " (or localhost, 127.0.0.1 or [::1] with its port), not to the host this"
                " request names. To reach it by another name or address, start it with"
                " --public-url naming that address."
            )

    def api_post(operation: Operation) -> Callable[[], Response]:
        def view() -> Response:
            refuse_encoded_body(request.headers.get("Content-Encoding"))
            refuse_unless_json(request.mimetype)
            try:
                body = body_object(request.get_data(cache=False))
            except Refusal as refusal:
                return jsonify(refusal.answer())
            return jsonify(operation(body))

        return view

    def api_get(operation: Operation) -> Callable[[], Response]:
        def view() -> Response:
            try:
                para = para_object(request.query_string)
            except Refusal as refusal:
                return jsonify(refusal.answer())
            return jsonify(operation(para))

        return view

    def pay(body: dict[str, Any]) -> Answer:
        return service.pay(body, public_url())

    routes: list[tuple[str, str, Callable[[], Response]]] = [
        ("/1/rest/international/bill", "POST", api_post(pay)),
        ("/1/rest/international/refund", "POST", api_post(service.refund)),
        ("/1/rest/bills", "GET", api_get(service.query_bills)),
        ("/1/rest/refunds", "GET", api_get(service.query_refunds)),
        ("/2/rest/international/bill", "POST", api_post(pay)),
        ("/2/rest/refund", "POST", api_post(service.refund)),  # the SDK's refund()
        ("/2/rest/bills", "GET", api_get(service.query_bills)),
        ("/2/rest/refunds", "GET", api_get(service.query_refunds)),
        ("/2/rest/bills/count", "GET", api_get(service.count_bills)),
        ("/2/rest/refunds/count", "GET", api_get(service.count_refunds)),
    ]
    for path, method, view in routes:
        app.add_url_rule(
            path,
            endpoint=path,
            view_func=view,
            methods=[method],
            provide_automatic_options=False,
        )

    @app.get(APPROVAL_PATH + "<token>", provide_automatic_options=False)
    def approval_page(token: str) -> Response:
        bill = service.approval_bill(token)
        if bill is None:
            abort(404, "No such approval token.")
        if service.approval_expired(bill):
            return expired_page(bill)
        return html_page(render_approval_page(bill, request.path))

    @app.post(APPROVAL_PATH + "<token>", provide_automatic_options=False)
    def approval_decision(token: str) -> BaseResponse:
        if service.approval_bill(token) is None:
            abort(404, "No such approval token.")
        if from_another_site(request.headers, served_hosts()):
            raise Forbidden(
                "A payment is approved or cancelled only on the sandbox's own approval page:"
                " this decision came from another site's page, and was not taken."
            )
        refuse_encoded_body(request.headers.get("Content-Encoding"))
        actions = request.form.getlist("action")
        if len(actions) > 1:  # which one the payer meant cannot be told
            abort(400, "Give action once: approve or cancel.")
        action = actions[0] if actions else None
        if action not in ACTIONS:
            abort(400, "action must be approve or cancel.")
        try:
            target = service.decide(token, ACTIONS[action])
        except ApprovalExpired as expired:
            return expired_page(expired.bill)
        if target is None:  # pragma: no cover - tokens are never deleted
            abort(404, "No such approval token.")
        return redirect(quote(target, safe=_URL_SAFE), code=303)

    @app.get(RETURN_PATH, provide_automatic_options=False)
    def return_page() -> Response:
        bill_no = request.args.get("bill_no", "")
        if not is_returned_bill_no(bill_no):  # shown, any text made a page of it (800 KB)
            response = html_page(render_foreign_return_page())
            response.status_code = 400
            return response
        return html_page(render_return_page(bill_no, service.returned_as_approved(bill_no)))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[Response, int]:
        if (error.code or 500) >= 500:  # Flask's own 500: our handler below failed
            logger.error("internal error answering %s %s", request.method, request.path)
            detail = "The sandbox met an unexpected error; see its log."
            return jsonify(answer(ResultCode.RUNTIME_ERROR, detail)), 200
        response = jsonify({"error": _error_name(error), "err_detail": error.description or ""})
        if isinstance(error, MethodNotAllowed) and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        if isinstance(error, UnsupportedMediaType):
            response.headers["Accept-Encoding"] = "identity"  # RFC 9110 15.5.16
        return response, error.code or 500

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception) -> tuple[Response, int]:
        trouble = store_trouble(error)
        if trouble is not None:  # the file's state, no bug: said, without a traceback
            logger.warning("database %s: %s %s", trouble, request.method, request.path)
            remedy = (
                "close the console (or the sandbox) and start it again"
                if trouble == REPLACED
                else "try again"
            )
            detail = (
                f"The sandbox's database {trouble}: nothing was done (no bill, refund or"
                f" decision was made); {remedy}."
            )
            return jsonify(answer(ResultCode.RUNTIME_ERROR, detail)), 200
        logger.exception("unexpected error answering %s %s", request.method, request.path)
        detail = f"The sandbox met an unexpected error ({type(error).__name__}); see its log."
        return jsonify(answer(ResultCode.RUNTIME_ERROR, detail)), 200

    return app
