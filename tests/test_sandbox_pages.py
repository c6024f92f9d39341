"""The sandbox's HTML pages (the PayPal approval page and the return_url landing
page) are whole, well-formed documents: no template braces left, tags balanced."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
import requests

from console.sandbox import SandboxServer
from tests.sandbox_support import TIMEOUT_S, get_raw, pay

VOID = frozenset({"meta", "link", "br", "hr", "img", "input"})


class Structure(HTMLParser):
    """What a page is made of: its doctype, the elements it opens, nesting errors."""

    def __init__(self) -> None:
        super().__init__()
        self.doctype = ""
        self.open: list[str] = []
        self.seen: list[str] = []
        self.errors: list[str] = []
        self.title = ""
        self.style = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append(tag)
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:]}")
        else:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] == "title":
            self.title += data
        if self.open and self.open[-1] == "style":
            self.style += data


def structure_of(page: str) -> Structure:
    parser = Structure()
    parser.feed(page)
    parser.close()
    return parser


def assert_well_formed(page: str) -> Structure:
    assert "{{" not in page and "}}" not in page, "template braces left in the page"
    parsed = structure_of(page)
    assert parsed.doctype.lower() == "doctype html"
    assert parsed.errors == [] and parsed.open == []
    for tag in ("html", "head", "title", "style", "body", "main"):
        assert parsed.seen.count(tag) == 1, tag
    assert parsed.style.count("{") == parsed.style.count("}") > 0
    return parsed


@pytest.mark.parametrize(("action", "word"), [("approve", "approved"), ("cancel", "not completed")])
def test_the_return_page_is_a_well_formed_page(
    sandbox: SandboxServer, action: str, word: str
) -> None:
    """The page says what the payer decided (the sandbox's record, not the link's)."""
    url = pay(sandbox, bill_no="RET00001")["url"]
    requests.post(url, data={"action": action}, allow_redirects=False, timeout=TIMEOUT_S)
    response = get_raw(sandbox, "/paypal/return", params={"bill_no": "RET00001", "result": "x"})
    assert response.status_code == 200
    parsed = assert_well_formed(response.text)
    assert parsed.title == "Sandbox PayPal – back from PayPal"
    assert f"Payment <strong>{word}</strong> for bill RET00001." in response.text


@pytest.mark.parametrize(
    "params",
    [
        {"bill_no": "<" * 80_000, "result": "approved"},  # was a 320 KB page of &lt;
        {"bill_no": "<script>alert(1)</script>", "result": "approved"},
        {"bill_no": "1234567", "result": "approved"},  # 7: shorter than any bill_no
        {"bill_no": "A" * 33, "result": "approved"},
        {"bill_no": "账单00000001", "result": "approved"},
        {"result": "approved"},
        {"bill_no": "", "result": "cancelled"},
    ],
    ids=["80000-lt", "script", "7-chars", "33-chars", "chinese", "none", "empty"],
)
def test_a_return_link_the_sandbox_could_not_have_made_says_so(
    sandbox: SandboxServer, params: dict[str, str]
) -> None:
    """Only a bill_no of the API's shape (8 to 32 letters or digits) is shown."""
    response = get_raw(sandbox, "/paypal/return", params=params)
    assert response.status_code == 400
    assert len(response.content) < 4096
    parsed = assert_well_formed(response.text)
    assert parsed.title == "Sandbox PayPal – not a sandbox link"
    assert "This link was not made by the sandbox" in response.text
    assert "approved" not in response.text and "for bill" not in response.text
    if params.get("bill_no"):
        assert params["bill_no"] not in response.text


def test_the_approval_page_is_a_well_formed_page(sandbox: SandboxServer) -> None:
    answer = pay(sandbox, bill_no="page0002")
    page = requests.get(answer["url"], timeout=TIMEOUT_S).text
    parsed = assert_well_formed(page)
    assert parsed.title == "Sandbox PayPal – approve payment"
    assert parsed.seen.count("form") == 1
