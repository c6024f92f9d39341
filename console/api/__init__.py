"""The BeeCloud API client: signing, money, validation and HTTP. No Qt here."""

from console.api.client import DEFAULT_HOSTS, BeeCloudClient
from console.api.codes import ResultCode, describe
from console.api.errors import (
    ApiError,
    BadAnswerError,
    BeeCloudError,
    OutcomeUnknownError,
    TransportError,
    ValidationError,
)
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
    "Money",
    "MoneyError",
    "OutcomeUnknownError",
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
