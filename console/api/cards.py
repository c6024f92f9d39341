"""Card numbers: the Luhn check, the card type a number belongs to, and masking."""

from __future__ import annotations

CARD_TYPES: tuple[str, ...] = ("visa", "mastercard", "discover", "amex")


def luhn_valid(number: str) -> bool:
    if not number.isdigit() or not number.isascii():
        return False
    total = 0
    for index, char in enumerate(reversed(number)):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def detect_card_type(number: str) -> str | None:
    """The card type a (possibly partial) number belongs to, by its leading digits."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if digits.startswith(("34", "37")):
        return "amex"
    if digits.startswith("4"):
        return "visa"
    if len(digits) >= 2 and 51 <= int(digits[:2]) <= 55:
        return "mastercard"
    if len(digits) >= 4 and 2221 <= int(digits[:4]) <= 2720:
        return "mastercard"
    if digits.startswith(("6011", "65")) or (len(digits) >= 3 and 644 <= int(digits[:3]) <= 649):
        return "discover"
    return None


def mask_card_number(number: str) -> str:
    """Only the last four digits survive: '•••• 4242'."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return f"•••• {digits[-4:]}" if len(digits) >= 4 else "••••"
