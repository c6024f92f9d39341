"""Money: integer hundredths, parsing what people type, formatting back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.api.money import (
    CURRENCIES,
    MAX_FEE,
    WHOLE_UNIT_CURRENCIES,
    Money,
    MoneyError,
    decimals,
    format_amount,
    format_money,
    is_whole_unit_amount,
    parse_amount,
)

TWO_DECIMAL = sorted(set(CURRENCIES) - WHOLE_UNIT_CURRENCIES)


def test_the_document_has_24_currencies_three_of_them_whole_units() -> None:
    assert len(CURRENCIES) == 24
    assert WHOLE_UNIT_CURRENCIES == {"HUF", "JPY", "TWD"}
    assert [decimals(c) for c in ("JPY", "USD", "HUF", "EUR")] == [0, 2, 0, 2]


@pytest.mark.parametrize(
    ("text", "currency", "hundredths"),
    [
        ("12.5", "USD", 1250),
        ("12.50", "USD", 1250),
        ("1,200.00", "USD", 120000),
        ("1200", "USD", 120000),
        ("0.01", "EUR", 1),
        (" 7 ", "GBP", 700),
        ("12.", "USD", 1200),
        ("1,200", "JPY", 120000),
        ("1200.00", "JPY", 120000),
        ("1,234,567", "HUF", 123456700),
    ],
)
def test_parse_accepts_what_people_type(text: str, currency: str, hundredths: int) -> None:
    assert parse_amount(text, currency) == Money(hundredths, currency)


@pytest.mark.parametrize(
    ("text", "currency", "message"),
    [
        ("", "USD", "Enter an amount"),
        ("abc", "USD", "is not an amount"),
        ("1.234", "USD", "at most 2 decimals"),
        ("1200.5", "JPY", "whole units"),
        ("-5", "USD", "positive"),
        ("0", "USD", "more than zero"),
        ("0.00", "USD", "more than zero"),
        ("1e3", "USD", "is not an amount"),
        ("12,00", "USD", "is not an amount"),
        ("1,2000", "USD", "is not an amount"),
        ("99999999999", "USD", "too large"),
        ("NaN", "USD", "is not an amount"),
        ("5", "XXX", "Unknown currency"),
    ],
)
def test_parse_refuses_with_a_message(text: str, currency: str, message: str) -> None:
    with pytest.raises(MoneyError, match=message):
        parse_amount(text, currency)


@pytest.mark.parametrize(
    "text", ["USD 1,234.56", "usd1,234.56", "1,234.56 USD", "1234.56\u00a0USD"], ids=ascii
)
def test_an_amount_pasted_with_the_currency_chosen_is_taken(text: str) -> None:
    """Copied from a mail or an invoice with its currency's code: it was refused as "not
    an amount", though the code is the one chosen beside the field."""
    assert parse_amount(text, "USD") == Money(123456, "USD")


@pytest.mark.parametrize(
    ("text", "key", "said"),
    [
        ("EUR 12.50", "other_currency", "This amount is in EUR, but the currency beside it is USD"),
        ("12.50 gbp", "other_currency", "This amount is in GBP"),
        ("$1,234.56", "currency_sign", "without “$”"),
        ("1,234.56 €", "currency_sign", "without “€”"),
        ("¥1200", "currency_sign", "without “¥”"),
        ("ABC 12.50", "not_amount", "is not an amount"),  # no currency's code
        ("1.234,56", "not_amount", "is not an amount"),  # never read as 1.23 or 1234.56
    ],
)
def test_an_amount_with_another_currency_or_a_sign_says_so(text: str, key: str, said: str) -> None:
    """A sign says no currency for sure ($ is the dollar of a dozen countries), another
    code is not the currency chosen: neither is taken, and each is said plainly."""
    with pytest.raises(MoneyError) as raised:
        parse_amount(text, "USD")
    assert raised.value.key == key and said in str(raised.value)


@pytest.mark.parametrize("currency", sorted(CURRENCIES))
def test_the_largest_amount_said_is_one_that_can_be_typed(currency: str) -> None:
    """Too large an amount of JPY, HUF or TWD was said to be at most 21,474,836.47,
    an amount with decimals that the same field refuses for them. The limit quoted is
    the currency's largest, written as every amount is; it is taken, and one more
    unit is refused."""
    with pytest.raises(MoneyError) as raised:
        parse_amount("99999999999", currency)
    limit = str(raised.value.params["limit"])
    assert limit == f"{currency} " + ("21,474,836" if decimals(currency) == 0 else "21,474,836.47")
    largest = parse_amount(limit.removeprefix(f"{currency} "), currency)
    assert largest.hundredths <= MAX_FEE and is_whole_unit_amount(largest.hundredths, currency)
    one_more = "21474837" if decimals(currency) == 0 else "21474836.48"
    with pytest.raises(MoneyError, match="too large"):
        parse_amount(one_more, currency)


@pytest.mark.parametrize(
    ("text", "hundredths"),
    [
        ("１２．５０", 1250),
        ("１，２００．５", 120050),
        ("１２", 1200),
        ("　１２.５　", 1250),
        # the ideographic full stop, which a Chinese input method types for "." by default
        ("12。50", 1250),
        ("１２。５", 1250),
    ],
)
def test_an_amount_typed_in_full_width_is_taken(text: str, hundredths: int) -> None:
    """A Chinese input method in full-width mode types '１２．５０': its digits were
    read, but its full stop and comma were not, and the clerk was told that what looked
    like 12.50 was not an amount."""
    assert parse_amount(text, "USD") == Money(hundredths, "USD")


@pytest.mark.parametrize(
    "text",
    ["\u200b12.50", "12.50\ufeff", "\ufeff12.50\u200b\n", "1\u00ad2.50", "\u2060 12.5\u200d0"],
    ids=ascii,
)
def test_an_amount_pasted_with_an_invisible_character_is_the_amount_it_shows(text: str) -> None:
    """A zero-width space, a byte-order mark, a soft hyphen or a joiner copied from a chat,
    a web page or a mail with '12.50' was refused with the message "'12.50' is not an
    amount": the clerk saw an amount, and was told it was none."""
    assert parse_amount(text, "USD") == Money(1250, "USD")


@pytest.mark.parametrize("mark", ["\u202e", "\u2067", "\u200f"], ids=ascii)
def test_an_amount_holding_a_direction_mark_is_still_refused(mark: str) -> None:
    """A direction override shows '05.21' as '12.50': left out, the amount taken would not
    be the one shown."""
    with pytest.raises(MoneyError) as raised:
        parse_amount(f"{mark}05.21", "USD")
    assert raised.value.key == "not_amount"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("－５", "negative"),
        ("৪০", "not_amount"),  # Bengali 40, which reads as 80: digits of other scripts
        ("1२", "not_amount"),  # were read as their values, whatever they look like
        ("𝟏𝟐", "not_amount"),
        ("١٢.٥٠", "not_amount"),
    ],
)
def test_only_western_digits_are_read_as_an_amount(text: str, key: str) -> None:
    with pytest.raises(MoneyError) as raised:
        parse_amount(text, "USD")
    assert raised.value.key == key


@pytest.mark.parametrize(
    ("text", "currency", "key"),
    [
        ("2.000", "USD", "decimals_or_thousands"),  # 2,000 on a German or Danish keyboard
        ("1.500", "EUR", "decimals_or_thousands"),
        ("10.000", "GBP", "decimals_or_thousands"),
        ("1.200", "CHF", "decimals_or_thousands"),
        ("12.500", "USD", "decimals_or_thousands"),
        ("1.000", "JPY", "no_decimals_or_thousands"),  # JPY 1,000, not JPY 1
        ("3.000", "HUF", "no_decimals_or_thousands"),
        ("5.0000", "USD", "decimals"),
        ("1234.500", "USD", "decimals"),  # no group of thousands has four digits
        ("0.500", "USD", "decimals"),
    ],
)
def test_thousands_grouped_with_a_point_are_never_read_as_units(
    text: str, currency: str, key: str
) -> None:
    """Where a point groups thousands (de, da, nl, pt_BR, id, tr…), a clerk types two
    thousand as "2.000": its zeros after the point were left out as trailing ones, and
    it was taken as USD 2.00 (a thousandth of it; "1.000" JPY as JPY 1). A fraction
    longer than the two decimals the wire has is refused, zeros or not."""
    with pytest.raises(MoneyError) as raised:
        parse_amount(text, currency)
    assert raised.value.key == key


@pytest.mark.parametrize(
    ("text", "currency", "said"),
    [
        ("2.000", "USD", "'2.000' is not an amount: USD takes at most 2 decimals; "
         "for thousands, type 2,000."),
        ("12.500", "EUR", "'12.500' is not an amount: EUR takes at most 2 decimals; "
         "for thousands, type 12,500."),
        ("1.000", "JPY", "'1.000' is not an amount: JPY takes whole units only; "
         "for thousands, type 1,000."),
    ],
)  # fmt: skip
def test_a_point_that_may_group_thousands_is_said_both_ways(
    text: str, currency: str, said: str
) -> None:
    """ "2.000" was refused with "USD takes at most 2 decimals" alone: a clerk who meant
    two thousand, told the point was a decimal point, put it right as "2.00" and charged a
    thousandth. The message says how thousands are typed, with the digits typed."""
    with pytest.raises(MoneyError) as raised:
        parse_amount(text, currency)
    assert str(raised.value) == said


@pytest.mark.parametrize("text", ["0,500", "0,050", "00,500", "0,500.00", "0,001"])
def test_a_decimal_comma_after_a_nought_is_never_read_as_thousands(text: str) -> None:
    """ "0,500" is half a unit where a comma is the decimal point; no one groups
    thousands after a nought, yet it was taken as 500.00."""
    with pytest.raises(MoneyError) as raised:
        parse_amount(text, "USD")
    assert raised.value.key == "not_amount"


@pytest.mark.parametrize(
    ("text", "currency", "said"),
    [
        ("1,500", "USD", "'1,500' could mean 1.5 on this computer, where a comma marks "
         "decimals: type 1500 (without the comma) for thousands, or a point for decimals."),
        ("2,000", "EUR", "'2,000' could mean 2 on this computer, where a comma marks "
         "decimals: type 2000 (without the comma) for thousands, or a point for decimals."),
        ("12,345", "GBP", "'12,345' could mean 12.345 on this computer, where a comma "
         "marks decimals: type 12345 (without the comma) for thousands, or a point for "
         "decimals."),
    ],
)  # fmt: skip
def test_one_group_of_thousands_is_refused_where_a_comma_marks_decimals(
    text: str, currency: str, said: str
) -> None:
    """On a computer whose numbers have a decimal comma (Germany, France, Brazil…) a
    clerk who means one and a half types "1,500" as readily as "1,50": it was taken as
    USD 1,500.00, a thousand times the amount. It is said both ways, and not taken."""
    with pytest.raises(MoneyError) as raised:
        parse_amount(text, currency, comma_marks_decimals=True)
    assert raised.value.key == "comma_two_ways"
    assert str(raised.value) == said
    assert parse_amount(text, currency).hundredths == int(text.replace(",", "")) * 100


@pytest.mark.parametrize(
    ("text", "currency", "hundredths"),
    [
        ("1,500.00", "USD", 150_000),  # a point: the comma groups thousands
        ("1,500,000", "USD", 150_000_000),  # two groups: no decimal comma does that
        ("1500", "USD", 150_000),
        ("1.5", "USD", 150),
        ("1,500", "JPY", 150_000),  # JPY has no decimals: one thousand five hundred
        ("USD 1,500.50", "USD", 150_050),
    ],
)
def test_what_cannot_be_read_two_ways_is_taken_where_a_comma_marks_decimals(
    text: str, currency: str, hundredths: int
) -> None:
    assert parse_amount(text, currency, comma_marks_decimals=True).hundredths == hundredths


def test_money_never_takes_a_float() -> None:
    with pytest.raises(TypeError):
        Money(12.5, "USD")  # type: ignore[arg-type]  # refused
    with pytest.raises(ValueError):
        Money(100, "CNY")


def test_format_uses_the_currencys_own_decimals() -> None:
    assert format_money(Money(120000, "JPY")) == "JPY 1,200"
    assert format_money(Money(1200, "USD")) == "USD 12.00"
    assert format_amount(5, "EUR") == "0.05"
    assert format_amount(120000, "USD", grouping=False) == "1200.00"
    assert format_amount(-1250, "USD") == "-12.50"
    # A non-whole JPY amount from a server is shown, never hidden.
    assert format_amount(150, "JPY") == "1.50"


amounts = st.integers(min_value=1, max_value=MAX_FEE)


@given(amounts, st.sampled_from(TWO_DECIMAL), st.booleans(), st.booleans())
def test_format_then_parse_round_trips(
    hundredths: int, currency: str, grouping: bool, comma_marks_decimals: bool
) -> None:
    """What the console writes (a refund's amount filled in) is taken back as written,
    on a computer whose numbers have a decimal comma too."""
    text = format_amount(hundredths, currency, grouping=grouping)
    taken = parse_amount(text, currency, comma_marks_decimals=comma_marks_decimals)
    assert taken == Money(hundredths, currency)


@given(
    st.integers(min_value=1, max_value=MAX_FEE // 100),
    st.sampled_from(sorted(WHOLE_UNIT_CURRENCIES)),
    st.booleans(),
)
def test_whole_unit_currencies_round_trip(
    units: int, currency: str, comma_marks_decimals: bool
) -> None:
    money = Money(units * 100, currency)
    text = format_amount(money.hundredths, currency)
    assert "." not in text
    assert parse_amount(text, currency, comma_marks_decimals=comma_marks_decimals) == money


@given(st.text(max_size=30), st.sampled_from(sorted(CURRENCIES)))
def test_parse_either_gives_valid_money_or_a_message(text: str, currency: str) -> None:
    try:
        money = parse_amount(text, currency)
    except MoneyError as error:
        assert str(error)
    else:
        assert type(money.hundredths) is int
        assert 0 < money.hundredths <= MAX_FEE
        if currency in WHOLE_UNIT_CURRENCIES:
            assert money.hundredths % 100 == 0


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("9" * 5000, "too_large"),  # beyond what int() reads from text (4,300 digits)
        ("1" * 5000 + ".5", "too_large"),
        ("1,000" * 2000, "not_amount"),
        ("1." + "0" * 5000 + "1", "decimals"),
    ],
)
def test_a_pasted_run_of_thousands_of_digits_gets_a_message(text: str, key: str) -> None:
    with pytest.raises(MoneyError) as raised:
        parse_amount(text, "USD")
    assert raised.value.key == key


@pytest.mark.parametrize("pasted", ["x" * 10_000, "see below " * 1000, "\u200e" * 5000 + "12"])
def test_a_long_paste_is_quoted_by_its_start(pasted: str) -> None:
    """The message quoted the whole text pasted (a mail's paragraph: 10,000 characters
    beside the field); it quotes its first characters, marked cut."""
    with pytest.raises(MoneyError) as raised:
        parse_amount(pasted, "USD")
    assert raised.value.key == "not_amount"
    assert raised.value.params["text"] == pasted.strip()[:32] + "…"
    assert len(str(raised.value)) < 250  # an invisible character is quoted as \u200e


def test_leading_zeros_however_many_are_no_amount_of_their_own() -> None:
    assert parse_amount("0" * 6000 + "12.50", "USD").hundredths == 1250
