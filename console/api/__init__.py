"""The BeeCloud API client: signing, money, validation and HTTP. No Qt here.

The names below are loaded on first use (PEP 562), so that importing a light
module such as console.api.money does not load the HTTP stack (requests takes
tens of milliseconds to import, which the console's start-up should not pay
before it needs it).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from console.api.client import BeeCloudClient
    from console.api.codes import ResultCode, describe
    from console.api.errors import (
        ApiError,
        BadAnswerError,
        BeeCloudError,
        ClientClosedError,
        CountUnavailableError,
        OutcomeUnknownError,
        PagingError,
        TransportError,
        ValidationError,
    )
    from console.api.hosts import DEFAULT_HOSTS
    from console.api.models import (
        BillQuery,
        BillRecord,
        BillRequest,
        CardInfo,
        PayResult,
        RefundQuery,
        RefundRecord,
        RefundRequest,
        RefundResult,
    )
    from console.api.money import Money, MoneyError, format_amount, format_money, parse_amount

__all__ = [
    "DEFAULT_HOSTS",
    "ApiError",
    "BadAnswerError",
    "BeeCloudClient",
    "BeeCloudError",
    "BillQuery",
    "BillRecord",
    "BillRequest",
    "CardInfo",
    "ClientClosedError",
    "CountUnavailableError",
    "Money",
    "MoneyError",
    "OutcomeUnknownError",
    "PagingError",
    "PayResult",
    "RefundQuery",
    "RefundRecord",
    "RefundRequest",
    "RefundResult",
    "ResultCode",
    "TransportError",
    "ValidationError",
    "describe",
    "format_amount",
    "format_money",
    "parse_amount",
]

# Where the names of __all__ come from; the light modules first, the HTTP client last.
_SOURCES = ("money", "models", "codes", "errors", "hosts", "client")


def __getattr__(name: str) -> Any:
    if name in __all__:
        for source in _SOURCES:
            module = importlib.import_module(f"console.api.{source}")
            if hasattr(module, name):
                value = getattr(module, name)
                globals()[name] = value  # the next look-up is a plain one
                return value
    raise AttributeError(f"module 'console.api' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
