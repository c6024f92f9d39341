"""The sandbox's practice cards: the card numbers whose outcome it promises, written once.

The sandbox's service declines by this list; the console's card form offers it on the
Sandbox profile, so a clerk practising knows what to type (docs/sandbox.md, Payments).
Every other number that passes the Luhn check is charged too. Neither Flask nor the
server is loaded with it: the card form imports it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PracticeCard:
    number: str  # the digits alone
    card_type: str  # as the API names it: visa, mastercard, amex
    declined: bool  # refused by "PayPal" (7 CREDIT_CARD_REFUSED), else charged

    @property
    def cvv_digits(self) -> int:
        """American Express prints 4 digits on the front, the others 3 on the back."""
        return 4 if self.card_type == "amex" else 3


PRACTICE_CARDS: tuple[PracticeCard, ...] = (
    PracticeCard("4111111111111111", "visa", declined=False),
    PracticeCard("5555555555554444", "mastercard", declined=False),
    PracticeCard("378282246310005", "amex", declined=False),
    PracticeCard("4000000000000002", "visa", declined=True),
)

DECLINED_NUMBERS: frozenset[str] = frozenset(
    card.number for card in PRACTICE_CARDS if card.declined
)
