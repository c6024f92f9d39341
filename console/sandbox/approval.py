"""The sandbox's stand-in for PayPal's approval page (PAYPAL_PAYPAL payments)."""

from __future__ import annotations

from html import escape

from console.api.money import format_amount
from console.api.validate import BILL_NO
from console.sandbox.service import APPROVED, CANCELLED
from console.sandbox.store import Bill

# The form's `action` values and the result each one records.
ACTIONS: dict[str, str] = {"approve": APPROVED, "cancel": CANCELLED}

# Single braces: the style sheet is put into the page as a value, never formatted.
_STYLE = """
body { font-family: system-ui, sans-serif; background: #f5f7fa; margin: 0; }
main { max-width: 26rem; margin: 4rem auto; background: #fff; padding: 2rem;
       border-radius: 0.75rem; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.15); }
h1 { font-size: 1.2rem; color: #003087; margin-top: 0; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 0.4rem 1rem; }
dt { color: #555; } dd { margin: 0; }
.amount { font-size: 1.6rem; font-weight: 600; }
.buttons { display: flex; gap: 1rem; margin-top: 1.5rem; }
button { flex: 1; padding: 0.7rem; border-radius: 2rem; border: 1px solid #0070ba;
         font-size: 1rem; cursor: pointer; }
button[value=approve] { background: #0070ba; color: #fff; }
button[value=cancel] { background: #fff; color: #0070ba; }
.note { color: #555; font-size: 0.85rem; }
"""

# Every page: a title and the content of <main>, both given as (escaped) HTML.
_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sandbox PayPal – {title}</title>
<style>{style}</style>
</head>
<body>
<main>
<h1>Sandbox PayPal</h1>
<p class="note">This is the BeeCloud Console sandbox. No real money moves.</p>
{content}
</main>
</body>
</html>
"""

_BILL = """<dl>
<dt>Bill no.</dt><dd id="bill-no">{bill_no}</dd>
<dt>Title</dt><dd id="title">{title}</dd>
<dt>Amount</dt><dd id="amount" class="amount">{currency} {amount}</dd>
</dl>
{decision}"""

_FORM = """<form method="post" action="{action_url}">
<div class="buttons">
<button type="submit" name="action" value="approve">Pay now</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</div>
</form>"""

_RETURNED = """<p id="result">Payment <strong>{result}</strong> for bill {bill_no}.</p>
<p class="note">This is the sandbox's own return page: you may close it and go back to
the console, where the bill query shows whether the bill is paid.</p>"""

_NOT_OURS = """<p id="result">This link was not made by the sandbox: it names no bill
number the sandbox could have sent back (8 to 32 letters or digits). Nothing is
shown from it.</p>
<p class="note">The console's bill query shows whether a bill is paid.</p>"""

_DECIDED = '<p id="decision">This payment was already <strong>{result}</strong>.</p>'

_EXPIRED = """<p id="decision">This approval link has <strong>expired</strong>: it could be
used for 3 hours after the payment was made. Nothing was paid. Ask the merchant for a
new payment link.</p>"""


def _page(title: str, content: str) -> str:
    return _PAGE.format(title=title, style=_STYLE, content=content)


def render_approval_page(bill: Bill, action_url: str, expired: bool = False) -> str:
    """The page for a bill; once the payer decided, or the page expired undecided, it
    says so, without buttons."""
    currency = bill.currency or ""
    if expired:
        decision = _EXPIRED
    elif bill.approval_result is None:
        decision = _FORM.format(action_url=escape(action_url))
    else:
        decision = _DECIDED.format(result=escape(bill.approval_result))
    content = _BILL.format(
        bill_no=escape(bill.bill_no),
        title=escape(bill.title),
        currency=escape(currency),
        amount=escape(format_amount(bill.total_fee, currency)),
        decision=decision,
    )
    return _page("approve payment", content)


def is_returned_bill_no(bill_no: str) -> bool:
    """Whether a return link's bill_no is one the sandbox could have sent back (the
    API's bill_no rule); no other text is put on the page."""
    return BILL_NO.fullmatch(bill_no) is not None


def render_foreign_return_page() -> str:
    """The return page for a link the sandbox did not make: it shows nothing of it."""
    return _page("not a sandbox link", _NOT_OURS)


def render_return_page(bill_no: str, approved: bool) -> str:
    """The sandbox's stand-in for a merchant's return_url page: shows what the sandbox
    recorded for the bill (`bill_no` passed is_returned_bill_no), never the link's
    own `result`, which a payer can edit to read "approved"."""
    word = "approved" if approved else "not completed"
    return _page("back from PayPal", _RETURNED.format(result=escape(word), bill_no=escape(bill_no)))
