"""Free text typed by an operator (a payment's title, a refund's note, a saved card's
label) is refused when it holds what may be a card number: it would be sent to BeeCloud
and kept (the history lists a bill's title), where no card number may be."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.api.cards import card_number_in, luhn_valid, without_card_numbers

CARD = "4111111111111111"


@pytest.mark.parametrize(
    "text",
    [
        CARD,
        f"card {CARD}",
        f"card{CARD}",
        f"{CARD}x",
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "4111.1111.1111.1111",
        "５５５５５５５５５５５５４４４４",  # full-width digits
        "378282246310005",  # American Express, 15 digits
        "6212345678901232",  # UnionPay
        "2221000000000009",  # Mastercard's 2-series
        # as a word processor or a web page writes it: the dashes and invisible characters
        # the card number's own field takes (console/gui/tabs/payment/card_digits.py)
        "4111\u20131111\u20131111\u20131111",  # en dash (autocorrected hyphen)
        "4111\u20111111\u20111111\u20111111",  # non-breaking hyphen
        "4111\uff0d1111\uff0d1111\uff0d1111",  # full-width hyphen-minus
        "4111\u200b1111\u200b1111\u200b1111",  # zero-width space
        "4111\u00ad1111\u00ad1111\u00ad1111",  # soft hyphen
        "4111 \u200b1111 1111 1111",  # a space and a zero-width one
    ],
)
def test_a_card_number_however_written_is_found(text: str) -> None:
    assert card_number_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Order 12",
        "4111111111111112",  # fails the Luhn check
        "41111111111",  # too short for a card
        "41111111111111111111",  # 20 digits: no card has so many
        "1111111111111111111",  # passes Luhn, but no card number begins with 1
        "9111111111111111",
        "BC20261206140125O20UPAFB",
        "4111 1111 / 1111 1111",  # split as the message advises: two short numbers
        "4111  1111  1111  1111",  # two spaces: not one number
    ],
)
def test_other_text_is_not_taken_for_a_card_number(text: str) -> None:
    assert not card_number_in(text)


@given(
    st.text(alphabet="abcXYZ /", max_size=8),
    st.sampled_from(["4", "51", "34", "62", "6011", "2720"]),
    st.integers(min_value=13, max_value=19),
    st.integers(min_value=0, max_value=10**19),
    st.sampled_from(["", " ", "-", "."]),
    st.text(alphabet="abcXYZ /", max_size=8),
)
def test_every_luhn_valid_number_of_a_cards_length_and_start_is_found(
    before: str, start: str, length: int, seed: int, separator: str, after: str
) -> None:
    body = (start + str(seed).zfill(19))[: length - 1]
    check = next(d for d in "0123456789" if luhn_valid(body + d))
    number = body + check
    grouped = separator.join(number[i : i + 4] for i in range(0, len(number), 4))
    assert card_number_in(f"{before}{grouped}{after}")


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("bills_card4111111111111111.csv", "bills_card•••.csv"),
        ("x_4111_1111_1111_1111.csv", "x_•••.csv"),
        ("/home/ann/2026-12-08/exports/bills_20261208093000123456.csv", None),  # no card
        ("refunds_１２３４.csv", None),
        ("pay ５５００ ００００ ００００ ０００４.xlsx", "pay •••.xlsx"),  # full-width digits
    ],
)
def test_a_card_number_in_a_file_s_name_is_masked_however_its_digits_are_grouped(
    name: str, kept: str | None
) -> None:
    assert without_card_numbers(name, "•••") == (name if kept is None else kept)


@pytest.mark.parametrize(
    "number",
    [
        "4111\u20131111\u20131111\u20131111",  # en dash (autocorrected hyphen)
        "4111\u20111111\u20111111\u20111111",  # non-breaking hyphen
        "4111\uff0d1111\uff0d1111\uff0d1111",  # full-width hyphen-minus
        "4111\u00a01111\u00a01111\u00a01111",  # no-break space (a web page's grouping)
        "4111\u202f1111\u202f1111\u202f1111",  # narrow no-break space
        "4111\u200b1111\u200b1111\u200b1111",  # zero-width space
        "4111\u00ad1111\u00ad1111\u00ad1111",  # soft hyphen
        "4111 \u200b1111 1111 1111",  # a space and a zero-width one
    ],
)
def test_a_card_number_in_a_file_s_name_is_masked_as_the_forms_find_it(number: str) -> None:
    """A number the forms refuse (card_number_in: as a word processor or a web page
    writes it) pasted in an export's file name was kept whole in its audit row."""
    masked = without_card_numbers(f"/home/ann/bills_{number}.csv", "•••")
    assert masked == "/home/ann/bills_•••.csv"
    assert not card_number_in(masked)
